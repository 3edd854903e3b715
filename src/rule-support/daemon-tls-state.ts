import type { DaemonConfig, Listener, Setting } from '../config/config-observation.js';

/**
 * How dockerd will actually run TLS, from settings that may be spread over daemon.json and
 * flags. Shared by the daemon-* rules so they agree on what "TLS on" and "verify off" mean.
 */
export interface DaemonTlsState {
  tcpListeners: Listener[];
  tlsOn: boolean;
  /** TLS on, but clients are not verified. */
  verifyOff: boolean;
  /** The setting that decides verifyOff, to point the finding at (null: decided by an absence). */
  verifySetting: Setting<boolean> | null;
  tlsSetting: Setting<boolean> | null;
}

/**
 * The setting dockerd would use. Flags and daemon.json never legitimately both set a
 * directive (dockerd refuses to start: daemon-config-conflict), so prefer the flag, and
 * among flags the last one, as the flag parser does.
 */
export function effective<T>(settings: readonly Setting<T>[]): Setting<T> | null {
  const flags = settings.filter((setting) => setting.origin === 'flag');
  return flags.at(-1) ?? settings.at(-1) ?? null;
}

export function daemonTlsState(daemon: DaemonConfig): DaemonTlsState {
  const tcpListeners = daemon.listeners.filter((listener) => listener.scheme === 'tcp');
  const tls = effective(daemon.tls);
  const tlsverify = effective(daemon.tlsverify);
  const cacert = effective(daemon.tlscacert);
  // dockerd turns TLS on when tlsverify is set at all, even to false ("regardless of whether
  // the user sets it to true or false"), so tlsverify=false means TLS without verification.
  const tlsOn = tlsverify !== null || tls?.value === true;
  // dockerd 20.10 verifies clients under --tls alone once a CA is given; without a CA, or with
  // tlsverify explicitly false, nobody is verified.
  const verifyOff = tlsOn && (tlsverify?.value === false || (tlsverify === null && !cacert));
  return { tcpListeners, tlsOn, verifyOff, verifySetting: tlsverify, tlsSetting: tls };
}
