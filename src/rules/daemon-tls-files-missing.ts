import { daemonTlsState } from '../rule-support/daemon-tls-state.js';
import type { ConfigRule } from './rule.js';

export const daemonTlsFilesMissing: ConfigRule = {
  id: 'daemon-tls-files-missing',
  checkConfig({ daemon }) {
    // A stale path in a daemon that does not use TLS stops nothing.
    if (!daemonTlsState(daemon).tlsOn) return [];
    return daemon.tlsFiles
      .filter((file) => file.problem !== null)
      .map((file) => ({
        message: file.flagDefault
          ? `${file.source.form} with no tlscacert anywhere makes dockerd read its default client CA ${file.systemPath}, which ${file.problem}: dockerd refuses to start. Set tlscacert to the CA that signs your client certificates.`
          : `${file.directive} ${file.systemPath} ${file.problem} (named by ${file.source.form}): dockerd cannot start TLS without it.`,
        evidence: { directive: file.directive, file: file.systemPath, problem: file.problem },
        location: file.source,
      }));
  },
};
