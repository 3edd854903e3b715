import type { FileObservation } from '../../../src/files/file-observation.js';
import { serverCert, unknownFile } from '../../support/file-observation-builder.js';
import { caFacts } from '../../support/observation-builder.js';
import { EXPIRED_NOW, SIXTY_DAYS_LEFT, TEN_DAYS_LEFT } from '../../support/rule-case-helpers.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** cert-expiring: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<FileObservation>[] = [
  { name: '60 days left', observation: serverCert(), now: SIXTY_DAYS_LEFT },
  { name: 'already expired (cert-expired reports it)', observation: serverCert(), now: EXPIRED_NOW },
];

export const invalid: InvalidCase<FileObservation>[] = [
  { name: '10 days left', observation: serverCert(), now: TEN_DAYS_LEFT, errors: [{ messageId: 'expiring' }] },
  { name: '60 days left, days=90', observation: serverCert(), now: SIXTY_DAYS_LEFT, params: { days: 90 }, errors: [{ messageId: 'expiring' }] },
  { name: 'CA bundle of unknown role, one member expiring', observation: unknownFile({ certificates: [caFacts(), caFacts({ subject: 'CN=old-CA', notAfter: '2026-06-10T00:00:00.000Z' })] }), errors: [{ messageId: 'expiring' }] },
];
