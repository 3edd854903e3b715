import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { config } from '../../support/config-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-config-duplicate-key: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'every key once', observation: config() },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: '"tlsverify" on lines 3 and 9: points at the copy dockerd ignores', observation: config({ daemon: { duplicateKeys: [{ key: 'tlsverify', lines: [3, 9] }] } }), errors: [{ messageId: 'duplicate-key', line: 3 }] },
  { name: 'two keys each given twice: one finding each', observation: config({ daemon: { duplicateKeys: [{ key: 'hosts', lines: [2, 5] }, { key: 'tls', lines: [3, 6, 7] }] } }), errors: [{ messageId: 'duplicate-key', line: 2 }, { messageId: 'duplicate-key' }] },
];
