import { posix } from 'node:path';
import type { Setting, TlsFileStatus } from './config-observation.js';
import type { NetworkSettings } from './network-settings.js';
import { checkTlsFile } from './tls-file-status.js';

/**
 * The CA dockerd verifies client certificates against when no tlscacert is written anywhere.
 * What moby's cmd/dockerd does (options.go installFlags/setDefaultOptions, daemon.go
 * loadDaemonCliConfig and newAPIServerConfig, read for dockerd 20.10 to 27):
 *
 * - The --tlscacert flag has a default: $DOCKER_CERT_PATH/ca.pem, else $DOCKER_CONFIG/ca.pem,
 *   else ~/.docker/ca.pem (homedir.Get: $HOME, else the user's passwd entry; /root for a system
 *   dockerd). Unlike --tlscert/--tlskey, a missing default CA is not reset to "".
 * - That default reaches the daemon's config only when a FLAG turned TLS on (--tls or --tlsverify,
 *   or DOCKER_TLS_VERIFY in dockerd's environment): otherwise the parsed TLS options are dropped
 *   (opts.TLSOptions = nil) before daemon.json is merged, and CAFile stays "".
 * - With verification on, go-connections' tlsconfig.Server loads CAFile when it is not "": a
 *   missing file fails the start ("Could not read CA certificate"). When CAFile is "" it sets no
 *   ClientCAs pool, and Go's crypto/tls then verifies client certificates against the system
 *   trust store: any CA the host trusts can issue a certificate that gets in.
 *
 * So `"tlsverify": true` in daemon.json without "tlscacert", and no TLS flag, trusts the system
 * store (rule daemon-tls-verify-no-client-ca); a --tlsverify flag without any tlscacert makes
 * dockerd read the default ca.pem, and refuse to start when it is missing (daemon-tls-files-missing).
 * DOCKER_TLS_VERIFY in the unit's environment is not followed here; it is rare, and the flags are
 * what distributions and guides write.
 */
export function flagDefaultClientCa(
  root: string,
  settings: Pick<NetworkSettings, 'tls' | 'tlsverify' | 'tlscacert'>,
  environment: (name: string) => string | undefined,
): TlsFileStatus | null {
  if (settings.tlscacert.length > 0) return null;
  const verify = settings.tlsverify.filter((setting) => setting.origin === 'flag').at(-1) ?? settings.tlsverify.at(-1);
  // With verification off dockerd never loads a CA, default or not.
  if (verify?.value !== true) return null;
  const tlsFlag = tlsTurnedOnByFlag(settings);
  if (!tlsFlag) return null;
  const certDirectory = nonEmpty(environment('DOCKER_CERT_PATH')) ?? nonEmpty(environment('DOCKER_CONFIG')) ?? '/root/.docker';
  const systemPath = posix.resolve('/', certDirectory, 'ca.pem');
  return { ...checkTlsFile(root, 'tlscacert', systemPath, tlsFlag.source), flagDefault: true };
}

/** The --tlsverify (any value) or --tls flag that keeps dockerd's parsed TLS flag defaults, --tlscacert's among them. */
export function tlsTurnedOnByFlag(settings: Pick<NetworkSettings, 'tls' | 'tlsverify'>): Setting<boolean> | null {
  return settings.tlsverify.find((setting) => setting.origin === 'flag') ?? settings.tls.find((setting) => setting.origin === 'flag' && setting.value) ?? null;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
