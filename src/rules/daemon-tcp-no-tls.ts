import { daemonTlsState } from '../rule-support/daemon-tls-state.js';
import type { ConfigRule } from './rule.js';

export const daemonTcpNoTls: ConfigRule = {
  id: 'daemon-tcp-no-tls',
  checkConfig({ daemon }) {
    const state = daemonTlsState(daemon);
    if (state.tlsOn) return [];
    return state.tcpListeners.map((listener) => ({
      messageId: 'tcp-without-tls',
      data: { listener: listener.address, form: listener.source.form },
      evidence: { listener: listener.address, tls: false },
      location: listener.source,
    }));
  },
};
