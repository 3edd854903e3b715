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
    const why = state.verifySetting ? `tlsverify is false (${decidedBy.source.form})` : `TLS is on (${decidedBy.source.form}) but no tlscacert is given to verify clients against`;
    return [{
      message: `dockerd serves ${listeners.join(', ')} over TLS without verifying clients: ${why}. Anyone who reaches the port gets the API, and with it root.`,
      evidence: { listeners, tlsverify: state.verifySetting?.value ?? null, tlscacert: effective(daemon.tlscacert)?.value ?? null },
      location: decidedBy.source,
    }];
  },
};
