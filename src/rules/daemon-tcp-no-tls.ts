import { daemonTlsState } from '../rule-support/daemon-tls-state.js';
import type { ConfigRule } from './rule.js';

export const daemonTcpNoTls: ConfigRule = {
  id: 'daemon-tcp-no-tls',
  checkConfig({ daemon }) {
    const state = daemonTlsState(daemon);
    if (state.tlsOn) return [];
    return state.tcpListeners.map((listener) => ({
      message: `dockerd listens on ${listener.address} (${listener.source.form}) with TLS off: the Docker API there is root for anyone who can reach it.`,
      evidence: { listener: listener.address, tls: false },
      location: listener.source,
    }));
  },
};
