import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { setting } from '../../support/config-observation-builder.js';
import { hardened, JSON_UNREADABLE, NO_DAEMON, NO_DAEMON_JSON, rootlessDaemon, STARTUP_UNKNOWN } from '../../support/hardening-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-local-logging: cases it must stay silent on, and cases it must fire on. */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'syslog', observation: hardened({ logDriver: [setting('syslog')] }) },
  { name: 'fluentd by flag', observation: hardened({ logDriver: [setting('fluentd', 'flag', 7)] }) },
  { name: 'journald when the user says it forwards', observation: hardened({ logDriver: [setting('journald')] }), params: { localDrivers: 'json-file,local,none' } },
  { name: 'unset, but unreadable: no finding', observation: hardened({}, JSON_UNREADABLE) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'unset: json-file', observation: hardened({}), errors: [{ messageId: 'default-driver' }] },
  { name: 'json-file written', observation: hardened({ logDriver: [setting('json-file', 'json', 3)] }), errors: [{ messageId: 'local-driver', line: 3 }] },
  { name: 'empty string: json-file', observation: hardened({ logDriver: [setting('', 'json', 3)] }), errors: [{ messageId: 'local-driver', line: 3 }] },
  { name: 'journald by default', observation: hardened({ logDriver: [setting('journald', 'flag', 8)] }), errors: [{ messageId: 'local-driver', line: 8 }] },
  { name: 'a parameter naming another local driver', observation: hardened({ logDriver: [setting('syslog', 'json', 3)] }), params: { localDrivers: 'json-file,syslog' }, errors: [{ messageId: 'local-driver', line: 3 }] },
];
