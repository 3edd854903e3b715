/**
 * The hand-written hellos (TLS 1.0/1.1 probe, client-CA list) must ask the same virtual host as
 * Node's own handshakes: behind an SNI-routing proxy, a hello without SNI reaches the default
 * host, whose verdict is not the Docker host's.
 */
import t from 'tap';
import { legacyClientHello, tls12ClientHello, TLS_1_0 } from '../../src/tls/client-hello.js';

const carries = (hello: Buffer, name: string) => hello.includes(Buffer.from(name, 'ascii'));

t.test('host names go into SNI, Compose-style names with "_" and IDNs (as A-labels) included', async (t) => {
  t.ok(carries(legacyClientHello(TLS_1_0, 'proj_svc_1'), 'proj_svc_1'));
  t.ok(carries(tls12ClientHello('docker.example.com.'), 'docker.example.com'));
  t.notOk(carries(tls12ClientHello('docker.example.com.'), 'docker.example.com.'), 'the trailing dot is dropped');
  t.ok(carries(legacyClientHello(TLS_1_0, 'bücher.example'), 'xn--bcher-kva.example'));
});

t.test('an IP literal is never sent as SNI (RFC 6066)', async (t) => {
  const withName = legacyClientHello(TLS_1_0, 'a.example');
  const withIp = legacyClientHello(TLS_1_0, '10.1.2.3');
  t.ok(carries(withName, 'a.example'));
  t.notOk(carries(withIp, '10.1.2.3'));
  t.ok(withIp.length < withName.length, 'no server_name extension for an IP');
});
