import { daemonTlsState, effective } from '../rule-support/daemon-tls-state.js';
import { tlsTurnedOnByFlag } from '../config/default-client-ca.js';
import type { ConfigRule } from './rule.js';

/**
 * tlsverify on, and no CA for client certificates: dockerd gives Go's TLS server no client CA
 * pool, and Go then verifies client certificates against the system trust store (see
 * config/default-client-ca.ts for when dockerd's flag default ca.pem applies instead).
 */
export const daemonTlsVerifyNoClientCa: ConfigRule = {
  id: 'daemon-tls-verify-no-client-ca',
  checkConfig({ daemon }) {
    const state = daemonTlsState(daemon);
    if (!state.tlsOn || state.verifyOff || state.tcpListeners.length === 0) return [];
    const verify = effective(daemon.tlsverify);
    if (verify?.value !== true || effective(daemon.tlscacert) !== null) return [];
    // A TLS flag makes dockerd read its default ca.pem instead (or refuse to start without it:
    // daemon-tls-files-missing). A daemon.json that does not parse may name a tlscacert we cannot see.
    if (tlsTurnedOnByFlag(daemon) || daemon.daemonJsonError) return [];
    const listeners = state.tcpListeners.map((listener) => listener.address);
    return [{
      messageId: 'system-store',
      data: { listeners: listeners.join(', '), form: verify.source.form },
      evidence: { listeners, tlsverify: true, tlscacert: null, clientCaPool: 'system trust store' },
      location: verify.source,
    }];
  },
};
