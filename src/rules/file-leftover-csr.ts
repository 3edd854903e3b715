import type { FileKind } from '../files/file-observation.js';
import { shellPath } from '../rule-support/file-checks.js';
import type { FileRule } from './rule.js';

const LEFTOVERS: Partial<Record<FileKind, { what: string; fix: (file: string) => string }>> = {
  csr: {
    what: 'a certificate signing request, not needed once the certificate is signed',
    fix: (file) => `Remove it: \`rm ${file}\`.`,
  },
  'openssl-config': {
    what: 'an openssl extension file, not needed once the certificate is signed',
    fix: (file) => `Remove it: \`rm ${file}\`.`,
  },
  serial: {
    what: "an openssl serial file, the CA's record of what it issued, which belongs with the CA key",
    fix: (file) => `Keep it with the CA key, off this host, or remove it: \`rm ${file}\`.`,
  },
};

export const fileLeftoverCsr: FileRule = {
  id: 'file-leftover-csr',
  checkFile(observation) {
    const leftover = LEFTOVERS[observation.kind];
    if (!leftover || !observation.besidePrivateKey) return [];
    return [{
      message: `${observation.systemPath} is ${leftover.what}, left beside private keys; it tells a reader how the keys were made. ${leftover.fix(shellPath(observation.systemPath))}`,
      evidence: { kind: observation.kind },
    }];
  },
};
