import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { setting } from '../../support/config-observation-builder.js';
import { hardened, JSON_UNREADABLE, NO_DAEMON, NO_DAEMON_JSON, rootlessDaemon, STARTUP_UNKNOWN } from '../../support/hardening-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-experimental: cases it must stay silent on, and cases it must fire on. */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'not set', observation: hardened({}) },
  { name: 'false', observation: hardened({ experimental: [setting(false)] }) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'true', observation: hardened({ experimental: [setting(true, 'json', 2)] }), errors: [{ messageId: 'experimental', line: 2 }] },
  { name: '--experimental', observation: hardened({ experimental: [setting(true, 'flag', 7)] }), errors: [{ messageId: 'experimental', line: 7 }] },
];
