import { daemonTlsState } from '../rule-support/daemon-tls-state.js';
import { defaultConfigDecision } from '../rule-engine/default-decision.js';
import type { ConfigRule } from './rule.js';

export const daemonTlsFilesMissing: ConfigRule = {
  id: 'daemon-tls-files-missing',
  checkConfig({ daemon }) {
    // A stale path in a daemon that does not use TLS stops nothing.
    if (!daemonTlsState(daemon).tlsOn) return [];
    return daemon.tlsFiles
      .filter((file) => file.problem !== null)
      .map((file) => ({
        messageId: file.flagDefault ? 'default-ca-missing' : 'named-file-missing',
        data: { directive: file.directive, file: file.systemPath, problem: file.problem!, form: file.source.form },
        evidence: { directive: file.directive, file: file.systemPath, problem: file.problem },
        location: file.source,
      }));
  },
  /** A TLS file this scanner may not look at (not root) may be missing or not: not checked. */
  decides(observation) {
    const byDefault = defaultConfigDecision(observation);
    const { daemon } = observation;
    const unseen = daemonTlsState(daemon).tlsOn ? daemon.tlsFiles.find((file) => file.unverifiable) : undefined;
    if (byDefault.kind === 'decided' && unseen) return { kind: 'not-checked', why: `whether ${unseen.systemPath} (${unseen.directive}) exists could not be checked: ${unseen.unverifiable}` };
    return byDefault;
  },
};
