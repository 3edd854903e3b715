import type { FileObservation } from '../../../src/files/file-observation.js';
import { ALICE_UID, caKey, clientKey, fileStat, keyFacts, serverCert, serverKey, unknownFile } from '../../support/file-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** file-key-permissions: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<FileObservation>[] = [
  { name: 'key 0400 (the guide)', observation: serverKey() },
  { name: 'key 0600 (owner-only)', observation: serverKey({ stat: fileStat({ mode: 0o600 }) }) },
  { name: 'key 0700 (owner-only)', observation: serverKey({ stat: fileStat({ mode: 0o700 }) }) },
  { name: 'certificate 0644 is not a key', observation: serverCert({ stat: fileStat({ mode: 0o644 }) }) },
  { name: 'symlink named key.pem (lstat mode 0777)', observation: clientKey({ stat: fileStat({ type: 'symlink', mode: 0o777 }) }) },
  { name: 'directory named key.pem', observation: clientKey({ kind: 'unreadable', readError: 'is a directory', key: null, stat: fileStat({ type: 'directory', mode: 0o755 }) }) },
  { name: 'key that could not be stat-ed', observation: serverKey({ stat: null, kind: 'unreadable', readError: 'EACCES' }) },
];

export const invalid: InvalidCase<FileObservation>[] = [
  { name: 'server key 0440 (group may read)', observation: serverKey({ stat: fileStat({ mode: 0o440 }) }), errors: [{ messageId: 'readable-by-others' }] },
  { name: 'client key 0644 (umask 022 default)', observation: clientKey({ stat: fileStat({ mode: 0o644, uid: ALICE_UID }) }), errors: [{ messageId: 'readable-by-others' }] },
  { name: 'key 0404 (others may read)', observation: serverKey({ stat: fileStat({ mode: 0o404 }) }), errors: [{ messageId: 'readable-by-others' }] },
  { name: 'key 0420 (group may write)', observation: serverKey({ stat: fileStat({ mode: 0o420 }) }), errors: [{ messageId: 'readable-by-others' }] },
  { name: 'key 0401 (others may execute): any bit beyond the owner', observation: serverKey({ stat: fileStat({ mode: 0o401 }) }), errors: [{ messageId: 'readable-by-others' }] },
  { name: 'key of unknown role, found by content, 0644', observation: unknownFile({ kind: 'private-key', certificates: [], key: keyFacts(), stat: fileStat({ mode: 0o644 }) }), errors: [{ messageId: 'readable-by-others' }] },
  { name: 'named key.pem but unparseable, 0644', observation: clientKey({ kind: 'unparseable', key: null, parseError: 'truncated PEM', stat: fileStat({ mode: 0o644 }) }), errors: [{ messageId: 'readable-by-others' }] },
  { name: 'encrypted CA key 0640', observation: caKey({ key: keyFacts({ encrypted: true, format: 'encrypted-pkcs8', type: null, bits: null }), stat: fileStat({ mode: 0o640 }) }), errors: [{ messageId: 'readable-by-others' }] },
  { name: 'decimal 400 is 0620 in bits: fires', observation: serverKey({ stat: fileStat({ mode: 400 }) }), errors: [{ messageId: 'readable-by-others' }] },
];
