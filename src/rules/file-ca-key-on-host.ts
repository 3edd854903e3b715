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
      message: `${observation.systemPath} is the CA's private key${encrypted ? ' (encrypted)' : ''}, kept beside ${whose} certificates; whoever takes it from this host${encrypted ? ' and learns its passphrase' : ''} can issue client certificates the daemon trusts. Move it to offline storage and delete it here (\`shred -u ${shellPath(observation.systemPath)}\`).`,
      evidence: { besideServerCert: observation.besideServerCert, besideClientCert: observation.besideClientCert, encrypted },
    }];
  },
};
