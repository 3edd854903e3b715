import type { FileObservation } from '../../../src/files/file-observation.js';
import { serverCert, serverCertFacts, serverKey, unknownFile } from '../../support/file-observation-builder.js';
import { caFacts } from '../../support/observation-builder.js';
import { EXPIRED_NOW } from '../../support/rule-case-helpers.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** cert-expired: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<FileObservation>[] = [
  { name: 'within validity', observation: serverCert() },
  { name: 'exactly at notAfter', observation: serverCert(), now: '2027-01-01T00:00:00.000Z' },
  { name: 'a key file has no certificates', observation: serverKey(), now: EXPIRED_NOW },
  {
    name: 'bundle: an expired certificate off the verified chain is one no client uses',
    observation: serverCert({ chainPath: [0, 2], certificates: [serverCertFacts({ notAfter: '2028-01-01T00:00:00.000Z' }), caFacts({ subject: 'CN=old intermediate', selfSigned: false, notAfter: '2027-01-15T00:00:00.000Z' }), caFacts({ notAfter: '2036-01-01T00:00:00.000Z' })] }),
    now: EXPIRED_NOW,
  },
];

export const invalid: InvalidCase<FileObservation>[] = [
  { name: 'server certificate past notAfter', observation: serverCert(), now: EXPIRED_NOW, errors: [{ messageId: 'expired' }] },
  { name: 'certificate of unknown role past notAfter (role-free)', observation: unknownFile(), now: EXPIRED_NOW, errors: [{ messageId: 'expired' }] },
  {
    name: 'bundle: an expired certificate on the verified chain is reported',
    observation: serverCert({ chainPath: [0, 1], certificates: [serverCertFacts({ notAfter: '2028-01-01T00:00:00.000Z' }), caFacts({ subject: 'CN=intermediate', selfSigned: false, notAfter: '2027-01-15T00:00:00.000Z' })] }),
    now: EXPIRED_NOW,
    errors: [{ messageId: 'expired' }],
  },
  { name: 'bundle, chain not known: the expired intermediate is reported, the valid root is not', observation: serverCert({ certificates: [serverCertFacts({ notAfter: '2028-01-01T00:00:00.000Z' }), caFacts({ subject: 'CN=intermediate', selfSigned: false, notAfter: '2027-01-15T00:00:00.000Z' }), caFacts()] }), now: EXPIRED_NOW, errors: [{ messageId: 'expired' }] },
];
