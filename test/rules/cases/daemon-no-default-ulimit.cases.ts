import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { setting } from '../../support/config-observation-builder.js';
import { hardened, JSON_UNREADABLE, NO_DAEMON, NO_DAEMON_JSON, rootlessDaemon, STARTUP_UNKNOWN } from '../../support/hardening-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-no-default-ulimit: cases it must stay silent on, and cases it must fire on. */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'nofile set', observation: hardened({ defaultUlimits: [setting(['nofile=64000:64000'])] }) },
  { name: 'unreadable daemon.json: could not check, no finding', observation: hardened({}, JSON_UNREADABLE) },
  { name: 'no dockerd', observation: hardened({}, NO_DAEMON) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'none set', observation: hardened({}), errors: [{ messageId: 'no-default-ulimit' }] },
  { name: 'an empty object', observation: hardened({ defaultUlimits: [setting([])] }), errors: [{ messageId: 'no-default-ulimit' }] },
];
