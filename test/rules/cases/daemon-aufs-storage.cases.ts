import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { setting } from '../../support/config-observation-builder.js';
import { hardened, JSON_UNREADABLE, NO_DAEMON, NO_DAEMON_JSON, rootlessDaemon, STARTUP_UNKNOWN } from '../../support/hardening-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-aufs-storage: cases it must stay silent on, and cases it must fire on. */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'not set', observation: hardened({}) },
  { name: 'overlay2', observation: hardened({ storageDriver: [setting('overlay2')] }) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'aufs', observation: hardened({ storageDriver: [setting('aufs', 'json', 3)] }), errors: [{ messageId: 'aufs', line: 3 }] },
  { name: '-s aufs', observation: hardened({ storageDriver: [setting('aufs', 'flag', 7)] }), errors: [{ messageId: 'aufs', line: 7 }] },
];
