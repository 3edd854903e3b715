import type { FileObservation } from '../../../src/files/file-observation.js';
import { clientKey, fileStat, keyFacts, serverCert, serverKey, unknownFile } from '../../support/file-observation-builder.js';
import { unparseable, unreadable } from '../../support/rule-case-helpers.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** cert-unparseable: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<FileObservation>[] = [
  { name: 'unreadable to this scanner (EACCES): "could not check", reported as an error entry instead', observation: unreadable('permission denied (EACCES)') },
  { name: 'parseable certificate', observation: serverCert() },
  { name: 'encrypted key (reported as encrypted, not unparseable)', observation: serverKey({ key: keyFacts({ encrypted: true, format: 'legacy-encrypted-pem', type: null, bits: null }) }) },
  { name: 'role-less file of kind other', observation: unknownFile({ kind: 'other', certificates: [] }) },
];

export const invalid: InvalidCase<FileObservation>[] = [
  { name: 'truncated PEM', observation: unparseable('truncated PEM'), errors: [{ messageId: 'unparseable' }] },
  { name: 'empty key.pem', observation: clientKey({ kind: 'unparseable', parseError: 'empty file', key: null }), errors: [{ messageId: 'unparseable' }] },
  { name: 'dangling link', observation: unreadable('dangling symbolic link to /nowhere/ca.pem'), errors: [{ messageId: 'unreadable' }] },
  { name: 'directory named cert.pem', observation: unreadable('is a directory', { path: '/home/alice/.docker/cert.pem', role: 'client-cert', stat: fileStat({ type: 'directory', mode: 0o755 }) }), errors: [{ messageId: 'unreadable' }] },
  { name: 'binary junk with no role, named like a certificate', observation: unknownFile({ kind: 'unparseable', parseError: 'binary data, not PEM or DER', certificates: [] }), errors: [{ messageId: 'unparseable' }] },
  { name: 'symlink loop', observation: unreadable('ELOOP', { stat: null }), errors: [{ messageId: 'unreadable' }] },
];
