import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { setting } from '../../support/config-observation-builder.js';
import { hardened, JSON_UNREADABLE, NO_DAEMON, NO_DAEMON_JSON, rootlessDaemon, STARTUP_UNKNOWN } from '../../support/hardening-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-log-level-not-info: cases it must stay silent on, and cases it must fire on. */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'not set: info', observation: hardened({}) },
  { name: 'info', observation: hardened({ logLevel: [setting('info')] }) },
  { name: 'INFO: case-insensitive', observation: hardened({ logLevel: [setting('INFO')] }) },
  { name: 'empty string leaves the default', observation: hardened({ logLevel: [setting('')] }) },
  { name: 'debug false', observation: hardened({ debug: [setting(false)] }) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'debug level', observation: hardened({ logLevel: [setting('debug', 'json', 6)] }), errors: [{ messageId: 'log-level', line: 6 }] },
  { name: 'warn drops events', observation: hardened({ logLevel: [setting('warn', 'flag', 7)] }), errors: [{ messageId: 'log-level', line: 7 }] },
  { name: 'debug true', observation: hardened({ debug: [setting(true, 'json', 3)] }), errors: [{ messageId: 'debug', line: 3 }] },
  { name: 'both', observation: hardened({ logLevel: [setting('error', 'json', 2)], debug: [setting(true, 'json', 3)] }), errors: [{ messageId: 'log-level', line: 2 }, { messageId: 'debug', line: 3 }] },
];
