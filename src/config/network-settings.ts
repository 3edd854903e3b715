import type { ConfigSource, Setting } from './config-observation.js';

/** The directives dockerd takes both from daemon.json and as flags, that shape its network exposure. */
export type BooleanDirective = 'tls' | 'tlsverify';
export type PathDirective = 'tlscacert' | 'tlscert' | 'tlskey';

/** What one place (daemon.json, or one command line) says about the daemon's network and TLS. */
export interface NetworkSettings {
  hosts: { address: string; source: ConfigSource }[];
  /** In daemon.json: where the "hosts" key itself is, the line a conflict is about. */
  hostsKey?: ConfigSource;
  tls: Setting<boolean>[];
  tlsverify: Setting<boolean>[];
  tlscacert: Setting<string>[];
  tlscert: Setting<string>[];
  tlskey: Setting<string>[];
}

export function emptyNetworkSettings(): NetworkSettings {
  return { hosts: [], tls: [], tlsverify: [], tlscacert: [], tlscert: [], tlskey: [] };
}

export const BOOLEAN_DIRECTIVES: readonly BooleanDirective[] = ['tls', 'tlsverify'];
export const PATH_DIRECTIVES: readonly PathDirective[] = ['tlscacert', 'tlscert', 'tlskey'];

export interface ConfigError {
  path: string;
  message: string;
}
