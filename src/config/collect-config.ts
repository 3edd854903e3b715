import { redactUrlPassword } from '../redact-url-credentials.js';
import { resolve } from 'node:path';
import type { ClientEnvironment, ConfigObservation, DaemonConfig } from './config-observation.js';
import { readClientHomes } from './client-homes.js';
import { readDaemonConfigs } from './daemon-config.js';
import { emptyHardening } from './hardening-directives.js';

export interface CollectConfigOptions {
  /** "/" for this machine, or the directory a mounted image or backup sits in. */
  root: string;
  env: NodeJS.ProcessEnv;
}

/**
 * Reads a host's Docker configuration, daemon and client side, as observations for the
 * daemon-* and client-* rules. Never throws on what it reads: whatever cannot be read or
 * understood becomes an entry in `errors`, and the rest is still collected.
 */
export function collectConfig(options: CollectConfigOptions): ConfigObservation {
  const root = resolve(options.root);
  const own = root === '/' ? { ownHome: options.env['HOME'], xdgConfigHome: options.env['XDG_CONFIG_HOME'] || undefined } : {};
  const daemon = guarded(root, 'the daemon configuration', () => readDaemonConfigs(root, own), { daemon: emptyDaemon(), otherDaemons: [], fileHints: [], errors: [] });
  const client = guarded(root, 'the client configuration', () => readClientHomes(root), { homes: [], fileHints: [], errors: [] });
  return {
    root,
    daemon: daemon.daemon,
    otherDaemons: daemon.otherDaemons,
    homes: client.homes,
    environment: root === '/' ? clientEnvironment(options.env) : null,
    fileHints: [...daemon.fileHints, ...client.fileHints],
    errors: [...daemon.errors, ...client.errors],
  };
}

/** A bug of ours in one half must not cost the other half: it becomes an error entry, as an unreadable file would. */
function guarded<T extends { errors: { path: string; message: string }[] }>(root: string, what: string, read: () => T, fallback: T): T {
  try {
    return read();
  } catch (error) {
    return { ...fallback, errors: [{ path: root, message: `reading ${what} failed: ${(error as Error).message}` }] };
  }
}

function emptyDaemon(): DaemonConfig {
  return { startup: { kind: 'none' }, files: [], daemonJsonPath: null, daemonJsonError: null, duplicateKeys: [], listeners: [], tls: [], tlsverify: [], tlscacert: [], tlscert: [], tlskey: [], conflicts: [], socket: null, dockerGroupGid: null, tlsFiles: [], present: false, hardening: emptyHardening(), rootless: false, protectedFiles: [], protectedObjectsAbsent: [], protectedObjectsUnknown: [], unreadSettings: [] };
}

/**
 * The docker CLI treats an empty variable as unset, so do we. A password written into
 * DOCKER_HOST is replaced here, where it is read, so no report or alert can carry it.
 */
function clientEnvironment(env: NodeJS.ProcessEnv): ClientEnvironment {
  const dockerHost = env['DOCKER_HOST'] || null;
  return {
    DOCKER_HOST: dockerHost === null ? null : redactUrlPassword(dockerHost),
    DOCKER_TLS_VERIFY: env['DOCKER_TLS_VERIFY'] || null,
    DOCKER_TLS: env['DOCKER_TLS'] || null,
    DOCKER_CERT_PATH: env['DOCKER_CERT_PATH'] || null,
  };
}
