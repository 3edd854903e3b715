/**
 * tap's `before` script (package.json "tap"."before"): runs once per `tap` run, ahead of every
 * test file, as a child of the runner. Starts this run's request log empty, so
 * test/zz-suite/ judges this run only (helpers/request-log.ts).
 */
import { startRunLog } from './helpers/request-log.js';

startRunLog(process.ppid);
