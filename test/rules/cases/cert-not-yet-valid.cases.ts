import type { FileObservation } from '../../../src/files/file-observation.js';
import { clientCert, unknownFile } from '../../support/file-observation-builder.js';
import { caFacts } from '../../support/observation-builder.js';
import { BEFORE_VALIDITY } from '../../support/rule-case-helpers.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** cert-not-yet-valid: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<FileObservation>[] = [
  { name: 'within validity', observation: clientCert() },
  { name: 'exactly at notBefore', observation: clientCert(), now: '2026-01-01T00:00:00.000Z' },
];

export const invalid: InvalidCase<FileObservation>[] = [
  { name: 'before notBefore', observation: clientCert(), now: BEFORE_VALIDITY, errors: [{ messageId: 'not-yet-valid' }] },
  { name: 'CA of unknown role before notBefore', observation: unknownFile({ certificates: [caFacts()] }), now: BEFORE_VALIDITY, errors: [{ messageId: 'not-yet-valid' }] },
];
