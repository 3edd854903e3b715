import type { ConfigSource } from './config-observation.js';
import { emptyStartup, type DaemonStartup } from './daemon-startup.js';
import type { CommandLineSource } from './dockerd-command-line.js';
import { readSourcedFile, type SourcedFile } from './init-script-variables.js';
import { rooted } from '../filesystem/audited-root.js';
import type { ShellWord } from './shell-words.js';
import { splitShellWords } from './shell-words.js';

export const BOOT2DOCKER_PROFILE = '/var/lib/boot2docker/profile';

/** boot2docker's start script listens on TCP by default: this, or 2376 once TLS is on. */
const DEFAULT_PLAIN_HOST = '-H tcp://0.0.0.0:2375';
const DEFAULT_CERT_DIR = '/var/lib/boot2docker/tls/';

/**
 * boot2docker (and docker-machine's boot2docker VMs): its start script sources
 * /var/lib/boot2docker/profile, then runs `dockerd -H unix:// $DOCKER_HOST $EXTRA_ARGS`. Unless
 * DOCKER_TLS is "no" it moves the default listener to 2376 and adds `--tlsverify` with CACERT,
 * SERVERCERT and SERVERKEY (made under /var/lib/boot2docker/tls/ when missing). So a profile
 * that sets nothing still means a TCP listener on every interface.
 */
export function readBoot2dockerProfile(root: string): DaemonStartup {
  const startup = emptyStartup(`boot2docker's start script (${BOOT2DOCKER_PROFILE})`, '/etc/docker/daemon.json');
  const profile = readSourcedFile(root, BOOT2DOCKER_PROFILE, 'environment-file', startup.errors);
  startup.present = true; // called only once /var/lib/boot2docker exists
  if (profile) startup.files.push(profile.file);
  const value = (name: string) => profile?.variables.get(name)?.value;
  const tls = (value('DOCKER_TLS') ?? 'auto') !== 'no';
  let host = value('DOCKER_HOST') ?? DEFAULT_PLAIN_HOST;
  if (tls && host === DEFAULT_PLAIN_HOST) host = '-H tcp://0.0.0.0:2376';
  const certDir = value('CERTDIR') ?? DEFAULT_CERT_DIR;

  startup.commandLines.push(commandLine(profile, root, 'DOCKER_HOST', host));
  if (tls) {
    const tlsFlags = `--tlsverify --tlscacert=${value('CACERT') ?? `${certDir}ca.pem`} --tlscert=${value('SERVERCERT') ?? `${certDir}server.pem`} --tlskey=${value('SERVERKEY') ?? `${certDir}serverkey.pem`}`;
    startup.commandLines.push(commandLine(profile, root, 'DOCKER_TLS', tlsFlags));
  }
  const extra = value('EXTRA_ARGS');
  if (extra) startup.commandLines.push(commandLine(profile, root, 'EXTRA_ARGS', extra));
  return startup;
}

function commandLine(profile: SourcedFile | null, root: string, variable: string, text: string): CommandLineSource {
  const assignment = profile?.variables.get(variable);
  const location = profile?.location ?? rooted(root, BOOT2DOCKER_PROFILE);
  const words: ShellWord[] = [{ text: 'dockerd', offset: 0, variable: null }, ...splitShellWords(text).words];
  return {
    words,
    file: location,
    sourceOf: (written: string): ConfigSource => ({
      ...location,
      line: assignment?.line ?? null,
      form: assignment
        ? `${written} in ${variable} in ${BOOT2DOCKER_PROFILE}, used by boot2docker's start script`
        : `${written}, boot2docker's default (${variable} is not set in ${BOOT2DOCKER_PROFILE})`,
    }),
  };
}
