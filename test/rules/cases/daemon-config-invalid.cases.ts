import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { config } from '../../support/config-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-config-invalid: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'valid JSON', observation: config() },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'trailing comma', observation: config({ daemon: { daemonJsonError: { message: 'Expected double-quoted property name', line: 4, column: 1 } } }), errors: [{ messageId: 'invalid-json', line: 4 }] },
];
