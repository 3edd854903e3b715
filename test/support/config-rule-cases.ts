import type { ConfigObservation, TlsFileStatus } from '../../src/config/config-observation.js';
import { config, configFile, context, DAEMON_JSON, home, setting, source, sshOption, stat, tcpListener, unixListener, UNIT } from './config-observation-builder.js';

export interface ConfigRuleCase {
  name: string;
  observation: ConfigObservation;
  /** How many findings the case must produce: 0 for one that must not fire. */
  expect: number;
  /** The line the (first) finding must point at, where it has one. */
  line?: number;
}

/** The ca.pem dockerd reads by default when --tlsverify (ExecStart line 7) turned TLS on and no tlscacert is set. */
function defaultCa(problem: string | null): TlsFileStatus {
  return { directive: 'tlscacert', path: '/root/.docker/ca.pem', systemPath: '/root/.docker/ca.pem', source: source(UNIT, 7, '--tlsverify in ExecStart'), problem, flagDefault: true };
}

/** Every config rule, with cases that must fire and cases that must not. */
export const CONFIG_RULE_CASES: Record<string, ConfigRuleCase[]> = {
  'daemon-tcp-no-tls': [
    { name: 'hosts has tcp:// and no TLS at all', observation: config({ daemon: { tls: [], tlsverify: [], tlscacert: [], tlscert: [], tlskey: [], listeners: [unixListener(), tcpListener('tcp://0.0.0.0:2375', 'json', 2)] } }), expect: 1, line: 2 },
    { name: '-H tcp:// in the unit, TLS nowhere', observation: config({ daemon: { tlsverify: [], tlscacert: [], listeners: [tcpListener('tcp://127.0.0.1:2375', 'flag', 7)] } }), expect: 1, line: 7 },
    { name: 'tlsverify false turns TLS on (without verification): not this rule', observation: config({ daemon: { tlsverify: [setting(false)], listeners: [tcpListener()] } }), expect: 0 },
    { name: 'mutual TLS', observation: config(), expect: 0 },
    { name: 'unix socket only', observation: config({ daemon: { tlsverify: [], listeners: [unixListener()] } }), expect: 0 },
  ],
  'daemon-tls-no-verify': [
    { name: 'tls true, tlsverify false', observation: config({ daemon: { tls: [setting(true, 'json', 3)], tlsverify: [setting(false, 'json', 4)] } }), expect: 1, line: 4 },
    { name: '--tls with no CA to verify against', observation: config({ daemon: { tls: [setting(true, 'flag', 9)], tlsverify: [], tlscacert: [] } }), expect: 1, line: 9 },
    { name: '--tlsverify=false flag beats daemon.json', observation: config({ daemon: { tls: [setting(true)], tlsverify: [setting(false, 'flag', 8)] } }), expect: 1, line: 8 },
    { name: 'tlsverify false alone: TLS on, nobody verified', observation: config({ daemon: { tlsverify: [setting(false, 'json', 4)] } }), expect: 1, line: 4 },
    { name: 'tlsverify true', observation: config(), expect: 0 },
    { name: '--tls with a CA: dockerd 20.10 verifies clients', observation: config({ daemon: { tls: [setting(true)], tlsverify: [] } }), expect: 0 },
    { name: 'verify off but no TCP listener', observation: config({ daemon: { tls: [setting(true)], tlsverify: [setting(false)], listeners: [unixListener()] } }), expect: 0 },
  ],
  'daemon-tls-verify-no-client-ca': [
    { name: '"tlsverify": true in daemon.json, no tlscacert, no TLS flag: the system store', observation: config({ daemon: { tlscacert: [], tlsFiles: [] } }), expect: 1, line: 3 },
    { name: 'tlsverify true with tls true, both in daemon.json', observation: config({ daemon: { tls: [setting(true, 'json', 2)], tlsverify: [setting(true, 'json', 5)], tlscacert: [], tlsFiles: [] } }), expect: 1, line: 5 },
    { name: 'tlscacert set', observation: config(), expect: 0 },
    { name: '--tlsverify flag: dockerd reads its default ca.pem instead', observation: config({ daemon: { tlsverify: [setting(true, 'flag', 7)], tlscacert: [], tlsFiles: [defaultCa(null)] } }), expect: 0 },
    { name: '--tlsverify flag whose default ca.pem is missing: dockerd refuses to start (daemon-tls-files-missing)', observation: config({ daemon: { tlsverify: [setting(true, 'flag', 7)], tlscacert: [], tlsFiles: [defaultCa('does not exist')] } }), expect: 0 },
    { name: 'tlsverify false is daemon-tls-no-verify', observation: config({ daemon: { tlsverify: [setting(false)], tlscacert: [], tlsFiles: [] } }), expect: 0 },
    { name: 'no TCP listener', observation: config({ daemon: { tlscacert: [], tlsFiles: [], listeners: [unixListener()] } }), expect: 0 },
    { name: '--tlsverify flag, its default not recorded: the flag default still applies, not the system store', observation: config({ daemon: { tlsverify: [setting(true, 'flag', 7)], tlscacert: [], tlsFiles: [] } }), expect: 0 },
    { name: 'daemon.json does not parse: its tlscacert cannot be seen', observation: config({ daemon: { tlscacert: [], tlsFiles: [], daemonJsonError: { message: 'trailing comma', line: 4, column: 1 } } }), expect: 0 },
  ],
  'daemon-tcp-all-interfaces': [
    { name: '0.0.0.0', observation: config({ daemon: { listeners: [tcpListener('tcp://0.0.0.0:2376', 'json', 2)] } }), expect: 1, line: 2 },
    { name: '[::]', observation: config({ daemon: { listeners: [tcpListener('tcp://[::]:2376')] } }), expect: 1 },
    { name: 'host omitted (tcp://:2376) is localhost to dockerd', observation: config({ daemon: { listeners: [tcpListener('tcp://:2376')] } }), expect: 0 },
    { name: 'one address', observation: config(), expect: 0 },
    { name: 'loopback', observation: config({ daemon: { listeners: [tcpListener('tcp://127.0.0.1:2376')] } }), expect: 0 },
  ],
  'daemon-config-conflict': [
    { name: 'hosts in daemon.json and -H in the unit', observation: config({ daemon: { conflicts: [{ directive: 'hosts', json: source(DAEMON_JSON, 2), flag: source(UNIT, 3, 'ExecStart') }] } }), expect: 1, line: 3 },
    { name: 'no conflict', observation: config(), expect: 0 },
  ],
  'daemon-config-duplicate-key': [
    { name: '"tlsverify" on lines 3 and 9: points at the copy dockerd ignores', observation: config({ daemon: { duplicateKeys: [{ key: 'tlsverify', lines: [3, 9] }] } }), expect: 1, line: 3 },
    { name: 'two keys each given twice: one finding each', observation: config({ daemon: { duplicateKeys: [{ key: 'hosts', lines: [2, 5] }, { key: 'tls', lines: [3, 6, 7] }] } }), expect: 2, line: 2 },
    { name: 'every key once', observation: config(), expect: 0 },
  ],
  'daemon-config-invalid': [
    { name: 'trailing comma', observation: config({ daemon: { daemonJsonError: { message: 'Expected double-quoted property name', line: 4, column: 1 } } }), expect: 1, line: 4 },
    { name: 'valid JSON', observation: config(), expect: 0 },
  ],
  'daemon-socket-permissions': [
    { name: 'world-writable socket', observation: config({ daemon: { socket: { path: '/run/docker.sock', systemPath: '/run/docker.sock', stat: stat(0o666, 0, 999, 'other') } } }), expect: 1 },
    { name: 'group is not docker', observation: config({ daemon: { socket: { path: '/run/docker.sock', systemPath: '/run/docker.sock', stat: stat(0o660, 0, 1000, 'other') } } }), expect: 1 },
    { name: 'owned by a user', observation: config({ daemon: { socket: { path: '/run/docker.sock', systemPath: '/run/docker.sock', stat: stat(0o660, 1000, 999, 'other') } } }), expect: 1 },
    { name: 'root:docker 0660', observation: config(), expect: 0 },
    { name: 'root:root 0600 is stricter', observation: config({ daemon: { socket: { path: '/run/docker.sock', systemPath: '/run/docker.sock', stat: stat(0o600, 0, 0, 'other') } } }), expect: 0 },
    { name: 'no socket (docker not running)', observation: config({ daemon: { socket: null } }), expect: 0 },
  ],
  'daemon-tls-files-missing': [
    {
      name: 'tlskey names a file that is not there',
      observation: config({ daemon: { tlsFiles: [{ directive: 'tlskey', path: '/etc/docker/k.pem', systemPath: '/etc/docker/k.pem', source: source(UNIT, 7, 'ExecStart'), problem: 'does not exist' }] } }),
      expect: 1,
      line: 7,
    },
    { name: '--tlsverify with no tlscacert anywhere, default /root/.docker/ca.pem missing', observation: config({ daemon: { tlsverify: [setting(true, 'flag', 7)], tlscacert: [], tlsFiles: [defaultCa('does not exist')] } }), expect: 1, line: 7 },
    { name: 'all three present', observation: config(), expect: 0 },
    { name: '--tlsverify with the default ca.pem in place', observation: config({ daemon: { tlsverify: [setting(true, 'flag', 7)], tlscacert: [], tlsFiles: [defaultCa(null)] } }), expect: 0 },
    {
      name: 'a stale tlscert in a daemon without TLS stops nothing',
      observation: config({ daemon: { tlsverify: [], tls: [], listeners: [unixListener()], tlsFiles: [{ directive: 'tlscert', path: '/x.pem', systemPath: '/x.pem', source: source(), problem: 'does not exist' }] } }),
      expect: 0,
    },
  ],
  'daemon-config-permissions': [
    { name: 'daemon.json world-writable', observation: config({ daemon: { files: [configFile(DAEMON_JSON, 'daemon-json', stat(0o666))] } }), expect: 1 },
    { name: 'unit owned by a user', observation: config({ daemon: { files: [configFile(UNIT, 'systemd-drop-in', stat(0o644, 1000, 1000))] } }), expect: 1 },
    { name: 'executable bit (0755) is more than 0644', observation: config({ daemon: { files: [configFile('/etc/default/docker', 'docker-default', stat(0o755))] } }), expect: 1 },
    { name: 'root 0644', observation: config(), expect: 0 },
    { name: 'root 0600 is stricter', observation: config({ daemon: { files: [configFile(DAEMON_JSON, 'daemon-json', stat(0o600))] } }), expect: 0 },
  ],
  'client-context-plaintext': [
    { name: 'tcp context without a TLS folder', observation: config({ homes: [home({ contexts: [context({ tlsFolder: null })] })] }), expect: 1 },
    { name: 'DOCKER_HOST tcp:// without DOCKER_TLS_VERIFY', observation: config({ environment: { DOCKER_HOST: 'tcp://10.0.0.5:2375', DOCKER_TLS_VERIFY: null, DOCKER_CERT_PATH: null } }), expect: 1 },
    { name: 'tcp context with TLS', observation: config({ homes: [home({ contexts: [context()] })] }), expect: 0 },
    { name: 'SkipTLSVerify context: TLS, unverified (the other rule)', observation: config({ homes: [home({ contexts: [context({ tlsFolder: null, skipTlsVerify: true })] })] }), expect: 0 },
    { name: 'DOCKER_HOST with DOCKER_TLS', observation: config({ environment: { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: null, DOCKER_CERT_PATH: null, DOCKER_TLS: '1' } }), expect: 0 },
    { name: 'ssh context', observation: config({ homes: [home({ contexts: [context({ host: 'ssh://me@prod.example', tlsFolder: null })] })] }), expect: 0 },
    { name: 'DOCKER_HOST with DOCKER_TLS_VERIFY', observation: config({ environment: { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' } }), expect: 0 },
  ],
  'client-tls-verify-disabled': [
    { name: 'SkipTLSVerify', observation: config({ homes: [home({ contexts: [context({ skipTlsVerify: true })] })] }), expect: 1 },
    { name: 'verifying context', observation: config({ homes: [home({ contexts: [context()] })] }), expect: 0 },
    { name: 'DOCKER_TLS without DOCKER_TLS_VERIFY', observation: config({ environment: { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: null, DOCKER_CERT_PATH: null, DOCKER_TLS: '1' } }), expect: 1 },
    { name: 'DOCKER_TLS with DOCKER_TLS_VERIFY', observation: config({ environment: { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: null, DOCKER_TLS: '1' } }), expect: 0 },
  ],
  'client-ssh-host-key-unchecked': [
    {
      name: 'StrictHostKeyChecking no for the context host',
      observation: config({ homes: [home({ contexts: [context({ host: 'ssh://deploy@prod.example' })], sshOptions: [sshOption('StrictHostKeyChecking', 'no', 'prod.*', 4)] })] }),
      expect: 1,
      line: 4,
    },
    {
      name: 'UserKnownHostsFile /dev/null under Host *',
      observation: config({ homes: [home({ contexts: [context({ host: 'ssh://prod.example:2222' })], sshOptions: [sshOption('UserKnownHostsFile', '/dev/null', '*', 9)] })] }),
      expect: 1,
      line: 9,
    },
    {
      name: 'first value wins: yes before a later no',
      observation: config({ homes: [home({ contexts: [context({ host: 'ssh://prod.example' })], sshOptions: [sshOption('StrictHostKeyChecking', 'yes', 'prod.example', 1), sshOption('StrictHostKeyChecking', 'no', '*', 5)] })] }),
      expect: 0,
    },
    {
      name: 'the unchecked pattern is for another host',
      observation: config({ homes: [home({ contexts: [context({ host: 'ssh://prod.example' })], sshOptions: [sshOption('StrictHostKeyChecking', 'no', 'lab-* !prod.example', 1)] })] }),
      expect: 0,
    },
    { name: 'tcp context is not ssh', observation: config({ homes: [home({ contexts: [context()], sshOptions: [sshOption('StrictHostKeyChecking', 'no')] })] }), expect: 0 },
  ],
};
