import type { FileObservation } from '../../../src/files/file-observation.js';
import { clientCert, clientCertFacts, daemonCa, serverCert, serverCertFacts, unknownFile } from '../../support/file-observation-builder.js';
import { TEN_YEARS } from '../../support/rule-case-helpers.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** cert-long-validity: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<FileObservation>[] = [
  { name: '1 year', observation: serverCert() },
  { name: 'CA certificate for 10 years', observation: daemonCa() },
  { name: 'unknown role for 10 years (role-bound rule)', observation: unknownFile({ certificates: [serverCertFacts(TEN_YEARS)] }) },
];

export const invalid: InvalidCase<FileObservation>[] = [
  { name: 'server certificate for 10 years', observation: serverCert({ certificates: [serverCertFacts(TEN_YEARS)] }), errors: [{ messageId: 'long-validity' }] },
  { name: 'client certificate for 10 years', observation: clientCert({ certificates: [clientCertFacts(TEN_YEARS)] }), errors: [{ messageId: 'long-validity' }] },
  { name: '1 year with days=300', observation: serverCert(), params: { days: 300 }, errors: [{ messageId: 'long-validity' }] },
];
