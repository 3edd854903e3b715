import type { FileKind } from '../files/file-observation.js';
import { shellPath } from '../rule-support/file-checks.js';
import type { FileRule } from './rule.js';

/** The leftovers worth a word, each with its own message (csr, openssl-config, serial). */
const LEFTOVER_KINDS: ReadonlySet<FileKind> = new Set<FileKind>(['csr', 'openssl-config', 'serial']);

export const fileLeftoverCsr: FileRule = {
  id: 'file-leftover-csr',
  checkFile(observation) {
    if (!LEFTOVER_KINDS.has(observation.kind) || !observation.besidePrivateKey) return [];
    return [{
      messageId: observation.kind,
      data: { file: observation.systemPath, fileWord: shellPath(observation.systemPath) },
      evidence: { kind: observation.kind },
    }];
  },
};
