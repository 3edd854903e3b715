import t from 'tap';
import { parseListenerAddress } from '../../src/config/listener-address.js';

t.test('tcp addresses, with ports defaulted as dockerd does', async (t) => {
  const cases: [string, boolean, string | null, number | null][] = [
    ['tcp://0.0.0.0:2375', false, '0.0.0.0', 2375],
    ['tcp://0.0.0.0', false, '0.0.0.0', 2375],
    ['tcp://0.0.0.0', true, '0.0.0.0', 2376],
    ['tcp://[::]:2376', false, '::', 2376],
    ['tcp://[::]', true, '::', 2376],
    ['tcp://:2375', false, '', 2375],
    ['tcp://', true, '', 2376],
    [':4243', false, '', 4243],
    ['0.0.0.0:2375', false, '0.0.0.0', 2375],
    ['  tcp://127.0.0.1:2376/ ', false, '127.0.0.1', 2376],
    ['TCP://host.example:2375', false, 'host.example', 2375],
    ['tcp://h:notaport', false, 'h', null],
    ['tcp://h:99999', true, 'h', null],
  ];
  for (const [address, tlsOn, host, port] of cases) {
    t.same(parseListenerAddress(address, tlsOn), { scheme: 'tcp', host, port }, `${address} (TLS ${tlsOn ? 'on' : 'off'})`);
  }
});

t.test('other schemes', async (t) => {
  t.same(parseListenerAddress('unix:///var/run/docker.sock', false), { scheme: 'unix', host: null, port: null });
  t.same(parseListenerAddress('fd://', false), { scheme: 'fd', host: null, port: null });
  t.same(parseListenerAddress('npipe:////./pipe/docker_engine', false), { scheme: 'npipe', host: null, port: null });
  t.same(parseListenerAddress('ssh://u@h', false), { scheme: 'ssh', host: null, port: null });
  t.same(parseListenerAddress('udp://h:1', false), { scheme: 'other', host: null, port: null });
});
