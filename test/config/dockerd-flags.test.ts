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
  t.same(pairs('dockerd -DH tcp://127.0.0.1:2375'), [['hosts', 'tcp://127.0.0.1:2375']], 'combined shorthands, as pflag allows');
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
  t.same(pairs('dockerd --log-opt syslog-address=tcp://192.0.2.1:514 --log-driver syslog'), [], 'a syslog tcp:// address is not a listener');
  t.same(pairs('dockerd --log-opt=syslog-address=tcp://192.0.2.1:514'), []);
  t.same(pairs('dockerd --label host=tcp://x -l debug -p /run/d.pid --containerd=/run/c.sock'), []);
  t.same(pairs('dockerd --hosts tcp://x --tlsverifyx'), [], 'near-miss names are other flags');
  t.same(pairs('dockerd -- -H tcp://x'), [], 'nothing after --');
  t.same(pairs('/usr/bin/dockerd'), []);
});

t.test('each flag remembers what was written and where', async (t) => {
  const [flag] = flagsOf('dockerd  --host tcp://x').flags;
  t.match(flag, { written: '--host tcp://x', offset: 9, variable: null });
});
