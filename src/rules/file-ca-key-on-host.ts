import { fileName, shellPath } from '../rule-support/file-checks.js';
import type { FileRule } from './rule.js';

export const fileCaKeyOnHost: FileRule = {
  id: 'file-ca-key-on-host',
  checkFile(observation) {
    const isCaKey = observation.role === 'ca-key' || (observation.kind === 'private-key' && fileName(observation) === 'ca-key.pem');
    if (!isCaKey || !(observation.besideServerCert || observation.besideClientCert)) return [];
    const whose = [observation.besideServerCert ? "a daemon's" : '', observation.besideClientCert ? "a client's" : ''].filter(Boolean).join(' and ');
    const encrypted = observation.key?.encrypted ?? false;
    return [{
      messageId: encrypted ? 'encrypted-ca-key-on-host' : 'ca-key-on-host',
      data: { file: observation.systemPath, whose, fileWord: shellPath(observation.systemPath) },
      evidence: { besideServerCert: observation.besideServerCert, besideClientCert: observation.besideClientCert, encrypted },
    }];
  },
};
