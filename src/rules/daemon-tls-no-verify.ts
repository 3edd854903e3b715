import { daemonTlsState, effective } from '../rule-support/daemon-tls-state.js';
import type { ConfigRule } from './rule.js';

export const daemonTlsNoVerify: ConfigRule = {
  id: 'daemon-tls-no-verify',
  checkConfig({ daemon }) {
    const state = daemonTlsState(daemon);
    // Without a TCP listener, TLS settings govern nothing a client can reach.
    if (!state.verifyOff || state.tcpListeners.length === 0) return [];
    const listeners = state.tcpListeners.map((listener) => listener.address);
    const decidedBy = state.verifySetting ?? state.tlsSetting!;
    return [{
      messageId: state.verifySetting ? 'tlsverify-false' : 'tls-without-ca',
      data: { listeners: listeners.join(', '), form: decidedBy.source.form },
      evidence: { listeners, tlsverify: state.verifySetting?.value ?? null, tlscacert: effective(daemon.tlscacert)?.value ?? null },
      location: decidedBy.source,
    }];
  },
};
