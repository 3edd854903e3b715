/**
 * tap's `before` script (package.json "tap"."before"): runs once per `tap` run, ahead of every
 * test file. Empties the suite-wide request log, so test/zz-suite/ judges this run only.
 */
import { resetRequestLog } from './helpers/request-log.js';

resetRequestLog();
