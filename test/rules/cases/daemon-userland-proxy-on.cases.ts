import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { setting } from '../../support/config-observation-builder.js';
import { hardened, JSON_UNREADABLE, NO_DAEMON, NO_DAEMON_JSON, rootlessDaemon, STARTUP_UNKNOWN } from '../../support/hardening-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-userland-proxy-on: cases it must stay silent on, and cases it must fire on. */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'false', observation: hardened({ userlandProxy: [setting(false)] }) },
  { name: 'unset, start-up unknown: no finding', observation: hardened({}, STARTUP_UNKNOWN) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'not set: on by default', observation: hardened({}), errors: [{ messageId: 'unset' }] },
  { name: 'true', observation: hardened({ userlandProxy: [setting(true, 'json', 5)] }), errors: [{ messageId: 'set-true', line: 5 }] },
];
