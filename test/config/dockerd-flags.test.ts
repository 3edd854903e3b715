import t from 'tap';
import { parseDockerdFlags } from '../../src/config/dockerd-flags.js';
import { splitShellWords } from '../../src/config/shell-words.js';

const flagsOf = (line: string) => parseDockerdFlags(splitShellWords(line).words);
const pairs = (line: string) => flagsOf(line).flags.map((flag) => [flag.directive, flag.value]);

t.test('every -H form dockerd accepts', async (t) => {
  t.same(pairs('dockerd -H tcp://0.0.0.0:2375'), [['hosts', 'tcp://0.0.0.0:2375']]);
  t.same(pairs('dockerd -H=tcp://0.0.0.0:2375'), [['hosts', 'tcp://0.0.0.0:2375']]);
  t.same(pairs('dockerd -Htcp://0.0.0.0:2375'), [['hosts', 'tcp://0.0.0.0:2375']]);
  t.same(pairs('dockerd --host tcp://[::]:2376'), [['hosts', 'tcp://[::]:2376']]);
  t.same(pairs('dockerd --host=unix:///run/docker.sock'), [['hosts', 'unix:///run/docker.sock']]);
  t.same(pairs('dockerd -DH tcp://127.0.0.1:2375'), [['debug', true], ['hosts', 'tcp://127.0.0.1:2375']], 'combined shorthands, as pflag allows');
  t.same(pairs('docker daemon -H fd://'), [['hosts', 'fd://']], 'the old `docker daemon` subcommand');
  t.same(pairs('dockerd -H fd:// -H tcp://10.0.0.1'), [['hosts', 'fd://'], ['hosts', 'tcp://10.0.0.1']]);
});

t.test('TLS flags, boolean and with values', async (t) => {
  t.same(pairs('dockerd --tls'), [['tls', true]]);
  t.same(pairs('dockerd --tls=false'), [['tls', false]]);
  t.same(pairs('dockerd --tlsverify'), [['tlsverify', true]]);
  t.same(pairs('dockerd --tlsverify=false'), [['tlsverify', false]]);
  t.same(pairs('dockerd --tlsverify=0 --tls=TRUE'), [['tlsverify', false], ['tls', true]], "Go's ParseBool spellings");
  t.same(pairs('dockerd --tlscacert /p/ca.pem --tlscacert=/q/ca.pem'), [['tlscacert', '/p/ca.pem'], ['tlscacert', '/q/ca.pem']]);
  t.same(pairs('dockerd --tlscert /p/c.pem --tlscert=/q/c.pem'), [['tlscert', '/p/c.pem'], ['tlscert', '/q/c.pem']]);
  t.same(pairs('dockerd --tlskey /p/k.pem --tlskey=/q/k.pem'), [['tlskey', '/p/k.pem'], ['tlskey', '/q/k.pem']]);
  t.same(pairs('dockerd --config-file /etc/d.json'), [['config-file', '/etc/d.json']]);
  t.same(pairs('dockerd --tls false'), [['tls', true]], '`--tls false` is --tls and a stray word: pflag never reads a boolean from the next word');
  const bad = flagsOf('dockerd --tlsverify=maybe --tlskey');
  t.same(bad.flags, []);
  t.match(bad.problems, [/--tlsverify=maybe.*not true or false/, /--tlskey has no value/]);
});

t.test('other flags and their values are not network settings', async (t) => {
  t.same(pairs('dockerd --log-opt syslog-address=tcp://192.0.2.1:514 --log-driver syslog'), [['logDriver', 'syslog']], 'a syslog tcp:// address is not a listener');
  t.same(pairs('dockerd --log-opt=syslog-address=tcp://192.0.2.1:514'), []);
  t.same(pairs('dockerd --label host=tcp://x -l debug -p /run/d.pid --containerd=/run/c.sock'), [['logLevel', 'debug'], ['containerd', '/run/c.sock']]);
  t.same(pairs('dockerd --hosts tcp://x --tlsverifyx'), [], 'near-miss names are other flags');
  t.same(pairs('dockerd -- -H tcp://x'), [], 'nothing after --');
  t.same(pairs('/usr/bin/dockerd'), []);
});

t.test('each flag remembers what was written and where', async (t) => {
  const [flag] = flagsOf('dockerd  --host tcp://x').flags;
  t.match(flag, { written: '--host tcp://x', offset: 9, variable: null });
});

t.test('the CIS section 2 flags, in every form dockerd takes them', async (t) => {
  t.same(pairs('dockerd --icc=false --iptables=0 --userland-proxy=false'), [['icc', false], ['iptables', false], ['userlandProxy', false]]);
  t.same(pairs('dockerd --no-new-privileges --live-restore --experimental --debug'), [['noNewPrivileges', true], ['liveRestore', true], ['experimental', true], ['debug', true]]);
  t.same(pairs('dockerd -D -D=false'), [['debug', true], ['debug', false]], '-D, and -D=VALUE as pflag reads it');
  t.same(pairs('dockerd -l debug -l=warn -lerror --log-level info --log-level=fatal'), [['logLevel', 'debug'], ['logLevel', 'warn'], ['logLevel', 'error'], ['logLevel', 'info'], ['logLevel', 'fatal']]);
  t.same(pairs('dockerd -s aufs -s=overlay2 --storage-driver devicemapper --storage-driver=btrfs'), [['storageDriver', 'aufs'], ['storageDriver', 'overlay2'], ['storageDriver', 'devicemapper'], ['storageDriver', 'btrfs']]);
  t.same(pairs('dockerd -Ds vfs'), [['debug', true], ['storageDriver', 'vfs']], '-D then -s in one word');
  t.same(pairs('dockerd --insecure-registry a:5000 --insecure-registry=10.0.0.0/8'), [['insecureRegistries', 'a:5000'], ['insecureRegistries', '10.0.0.0/8']], 'repeatable: each flag its own');
  t.same(pairs('dockerd --authorization-plugin authz-broker --authorization-plugin=opa'), [['authorizationPlugins', 'authz-broker'], ['authorizationPlugins', 'opa']]);
  t.same(pairs('dockerd --default-ulimit nofile=64000:64000 --default-ulimit=nproc=1024'), [['defaultUlimits', 'nofile=64000:64000'], ['defaultUlimits', 'nproc=1024']]);
  t.same(pairs('dockerd --userns-remap default --cgroup-parent=/docker --seccomp-profile /etc/docker/seccomp.json --log-driver=journald'), [
    ['usernsRemap', 'default'],
    ['cgroupParent', '/docker'],
    ['seccompProfile', '/etc/docker/seccomp.json'],
    ['logDriver', 'journald'],
  ]);
  t.same(pairs('dockerd --iccx --icc-off --log-levels debug'), [], 'near-miss names are other flags');
});

t.test('a boolean flag with its value as the next word: dockerd refuses the stray argument, and the flag is on', async (t) => {
  const read = flagsOf('dockerd --icc false --live-restore');
  t.same(read.flags.map((flag) => [flag.directive, flag.value]), [['icc', true], ['liveRestore', true]], 'pflag reads --icc alone: on');
  t.match(read.problems, [/--icc false: a boolean flag takes no separate value.*refuses to start.*write --icc=false/]);
  t.equal(read.problems.length, 1);
  const bad = flagsOf('dockerd --experimental=maybe -D=perhaps -l');
  t.same(bad.flags, []);
  t.match(bad.problems, [/--experimental=maybe.*not true or false/, /-D=perhaps.*not true or false/, /-l has no value/]);
});
