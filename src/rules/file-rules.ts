import { certDualUse } from './cert-dual-use.js';
import { certEkuMismatch } from './cert-eku-mismatch.js';
import { certExpired } from './certificate-expired.js';
import { certExpiring } from './certificate-expiring.js';
import { certHostNotCovered } from './cert-host-not-covered.js';
import { certIsCa } from './certificate-is-ca.js';
import { certKeyMismatch } from './cert-key-mismatch.js';
import { certLongValidity } from './certificate-long-validity.js';
import { certMalformedExtension } from './certificate-malformed-extension.js';
import { certNoSan } from './cert-no-san.js';
import { certNotSignedByCa } from './cert-not-signed-by-ca.js';
import { certNotYetValid } from './certificate-not-yet-valid.js';
import { certRefusedByGo } from './certificate-refused-by-go.js';
import { certUnparseable } from './cert-unparseable.js';
import { certWeakKey } from './certificate-weak-key.js';
import { certWeakSignature } from './certificate-weak-signature.js';
import { fileCaKeyOnHost } from './file-ca-key-on-host.js';
import { fileCertWritable } from './file-cert-writable.js';
import { fileKeyOwner } from './file-key-owner.js';
import { fileKeyPermissions } from './file-key-permissions.js';
import { fileLeftoverCsr } from './file-leftover-csr.js';
import type { FileRule } from './rule.js';

/**
 * Every file rule, listed by hand in id order so a rule cannot go missing by accident.
 * Ids are public (users name them in suppressions): never renumber or reuse one; a retired
 * id stays here as a comment.
 */
export const FILE_RULES: readonly FileRule[] = [
  certDualUse,
  certEkuMismatch,
  certExpired,
  certExpiring,
  certHostNotCovered,
  certIsCa,
  certKeyMismatch,
  certLongValidity,
  certMalformedExtension,
  certNoSan,
  certNotSignedByCa,
  certNotYetValid,
  certRefusedByGo,
  certUnparseable,
  certWeakKey,
  certWeakSignature,
  fileCaKeyOnHost,
  fileCertWritable,
  fileKeyOwner,
  fileKeyPermissions,
  fileLeftoverCsr,
];
