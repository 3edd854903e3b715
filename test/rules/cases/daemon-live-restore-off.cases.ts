import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { setting } from '../../support/config-observation-builder.js';
import { hardened, JSON_UNREADABLE, NO_DAEMON, NO_DAEMON_JSON, rootlessDaemon, STARTUP_UNKNOWN } from '../../support/hardening-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-live-restore-off: cases it must stay silent on, and cases it must fire on. */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'true', observation: hardened({ liveRestore: [setting(true)] }) },
  { name: 'no dockerd', observation: hardened({}, NO_DAEMON) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'not set', observation: hardened({}), errors: [{ messageId: 'unset' }] },
  { name: 'false', observation: hardened({ liveRestore: [setting(false, 'flag', 6)] }), errors: [{ messageId: 'set-false', line: 6 }] },
];
