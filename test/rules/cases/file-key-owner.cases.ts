import type { FileObservation } from '../../../src/files/file-observation.js';
import { ALICE_UID, caKey, clientCa, clientCert, clientKey, daemonCa, fileStat, keyFacts, serverCert, serverKey, unknownFile } from '../../support/file-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** file-key-owner: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<FileObservation>[] = [
  { name: "daemon's files root:root", observation: serverKey() },
  { name: "daemon's certificate root:root", observation: serverCert() },
  { name: "alice's client key owned by alice (group not judged)", observation: clientKey({ stat: fileStat({ mode: 0o400, uid: ALICE_UID, gid: 50 }) }) },
  { name: "alice's client certificate owned by uid 1001 (a key rule)", observation: clientCert({ stat: fileStat({ uid: 1001, gid: 1001 }) }) },
  { name: "alice's ca.pem owned by alice (not a daemon's)", observation: clientCa() },
  { name: 'server key whose owner nobody can say', observation: serverKey({ expectedOwnerUid: null, stat: fileStat({ mode: 0o400, uid: 1000 }) }) },
  { name: 'key of unknown role owned by uid 1000', observation: unknownFile({ kind: 'private-key', certificates: [], key: keyFacts(), stat: fileStat({ mode: 0o400, uid: 1000 }) }) },
  { name: 'symlink to the server key owned by uid 1000 (lstat of the link)', observation: serverKey({ stat: fileStat({ type: 'symlink', mode: 0o777, uid: 1000 }) }) },
];

export const invalid: InvalidCase<FileObservation>[] = [
  { name: "daemon's server key owned by uid 1000", observation: serverKey({ stat: fileStat({ mode: 0o400, uid: 1000, gid: 0 }) }), errors: [{ messageId: 'daemon-file-not-root' }] },
  { name: "daemon's server certificate in group docker", observation: serverCert({ stat: fileStat({ gid: 999 }) }), errors: [{ messageId: 'daemon-file-not-root' }] },
  { name: "daemon's CA certificate owned by uid 1000", observation: daemonCa({ stat: fileStat({ uid: 1000, gid: 1000 }) }), errors: [{ messageId: 'daemon-file-not-root' }] },
  { name: "daemon's CA key owned by uid 1000", observation: caKey({ stat: fileStat({ mode: 0o400, uid: 1000, gid: 1000 }) }), errors: [{ messageId: 'daemon-file-not-root' }] },
  { name: "alice's client key owned by uid 1001", observation: clientKey({ stat: fileStat({ mode: 0o400, uid: 1001, gid: ALICE_UID }) }), errors: [{ messageId: 'client-key-of-someone-else' }] },
  { name: "root's client key owned by uid 1000", observation: clientKey({ path: '/root/.docker/key.pem', expectedOwnerUid: 0, stat: fileStat({ mode: 0o400, uid: 1000, gid: 1000 }) }), errors: [{ messageId: 'client-key-of-someone-else' }] },
];
