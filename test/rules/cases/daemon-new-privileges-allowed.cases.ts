import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { setting } from '../../support/config-observation-builder.js';
import { hardened, JSON_UNREADABLE, NO_DAEMON, NO_DAEMON_JSON, rootlessDaemon, STARTUP_UNKNOWN } from '../../support/hardening-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-new-privileges-allowed: cases it must stay silent on, and cases it must fire on. */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'true', observation: hardened({ noNewPrivileges: [setting(true)] }) },
  { name: '--no-new-privileges', observation: hardened({ noNewPrivileges: [setting(true, 'flag', 7)] }) },
  { name: 'unset but unreadable: no finding', observation: hardened({}, JSON_UNREADABLE) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'not set', observation: hardened({}), errors: [{ messageId: 'unset' }] },
  { name: 'false', observation: hardened({ noNewPrivileges: [setting(false, 'json', 4)] }), errors: [{ messageId: 'set-false', line: 4 }] },
];
