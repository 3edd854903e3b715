import type { FileObservation } from '../../../src/files/file-observation.js';
import { ALICE_UID, clientCert, daemonCa, fileStat, serverCert, serverKey, unknownFile } from '../../support/file-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** file-cert-writable: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<FileObservation>[] = [
  { name: 'server certificate 0444 (the guide)', observation: serverCert() },
  { name: 'server certificate 0644 (owner may write)', observation: serverCert({ stat: fileStat({ mode: 0o644 }) }) },
  { name: 'CA certificate 0755 (execute is not write)', observation: daemonCa({ stat: fileStat({ mode: 0o755 }) }) },
  { name: 'certificate of unknown role 0666 (role-bound rule)', observation: unknownFile({ stat: fileStat({ mode: 0o666 }) }) },
  { name: 'a key 0666 is the key rule\'s', observation: serverKey({ stat: fileStat({ mode: 0o666 }) }) },
];

export const invalid: InvalidCase<FileObservation>[] = [
  { name: 'server certificate 0664', observation: serverCert({ stat: fileStat({ mode: 0o664 }) }), errors: [{ messageId: 'writable-by-others' }] },
  { name: 'CA certificate 0646', observation: daemonCa({ stat: fileStat({ mode: 0o646 }) }), errors: [{ messageId: 'writable-by-others' }] },
  { name: 'client certificate 0666', observation: clientCert({ stat: fileStat({ mode: 0o666, uid: ALICE_UID }) }), errors: [{ messageId: 'writable-by-others' }] },
];
