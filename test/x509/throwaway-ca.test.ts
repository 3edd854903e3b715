import t from 'tap';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { certificateFactsFromPem } from '../../src/x509/read-certificate.js';
import {
  THROWAWAY_CA_COMMON_NAME_PREFIX,
  THROWAWAY_CLIENT_COMMON_NAME,
  makeThrowawayClientIdentity,
} from '../../src/x509/throwaway-ca.js';
import { OpensslWorkspace } from './fixtures/openssl-workspace.js';

const workspace = new OpensslWorkspace(t);
const now = new Date('2031-05-06T07:08:09.500Z');
const identity = makeThrowawayClientIdentity(now);
const [caFacts] = certificateFactsFromPem(identity.caCertPem);
const [clientFacts] = certificateFactsFromPem(identity.certPem);

t.test('the CA is a self-signed P-256 CA that can only sign', async (t) => {
  t.match(caFacts?.subject, new RegExp(`^CN=${THROWAWAY_CA_COMMON_NAME_PREFIX}[0-9a-f]{16}$`));
  t.equal(caFacts?.issuer, caFacts?.subject);
  t.equal(caFacts?.isCA, true);
  t.equal(caFacts?.selfSigned, true);
  t.strictSame(caFacts?.keyUsage, ['keyCertSign', 'cRLSign']);
  t.equal(caFacts?.extendedKeyUsage, null);
  t.equal(caFacts?.publicKeyType, 'ec');
  t.equal(caFacts?.publicKeyBits, 256);
  t.equal(caFacts?.signatureAlgorithm, 'ecdsa-with-SHA256');
  t.equal(caFacts?.hasSan, false);
  t.match(caFacts?.serialNumber, /^[0-7][0-9A-F]{31}$/, '16-byte positive serial');
  t.match(caFacts?.serialNumber, /[^0]/);
});

t.test('the client certificate is a clientAuth leaf signed by the CA', async (t) => {
  t.equal(clientFacts?.subject, `CN=${THROWAWAY_CLIENT_COMMON_NAME}`);
  t.equal(clientFacts?.issuer, caFacts?.subject);
  t.equal(clientFacts?.isCA, false);
  t.equal(clientFacts?.selfSigned, false);
  t.strictSame(clientFacts?.keyUsage, ['digitalSignature']);
  t.strictSame(clientFacts?.extendedKeyUsage, ['clientAuth']);
  t.equal(clientFacts?.publicKeyType, 'ec');
  t.equal(clientFacts?.publicKeyBits, 256);
  t.equal(clientFacts?.signatureAlgorithm, 'ecdsa-with-SHA256');
  t.equal(clientFacts?.signatureHash, 'sha256');
  t.match(clientFacts?.serialNumber, /^[0-7][0-9A-F]{31}$/);
  t.not(clientFacts?.serialNumber, caFacts?.serialNumber);
});

t.test('validity runs from an hour before now to a day after, in whole seconds', async (t) => {
  for (const facts of [caFacts, clientFacts]) {
    t.equal(facts?.notBefore, '2031-05-06T06:08:09.000Z');
    t.equal(facts?.notAfter, '2031-05-07T07:08:09.000Z');
  }
  const farFuture = makeThrowawayClientIdentity(new Date('2050-01-01T00:30:00Z'));
  const [farFacts] = certificateFactsFromPem(farFuture.certPem);
  t.equal(farFacts?.notBefore, '2049-12-31T23:30:00.000Z', 'UTCTime');
  t.equal(farFacts?.notAfter, '2050-01-02T00:30:00.000Z', 'GeneralizedTime');
});

t.test('every call makes a new CA and new keys', async (t) => {
  const other = makeThrowawayClientIdentity(now);
  t.not(other.caCertPem, identity.caCertPem);
  t.not(other.keyPem, identity.keyPem);
  t.not(certificateFactsFromPem(other.caCertPem)[0]?.subject, caFacts?.subject);
});

t.test('the key is a PKCS#8 P-256 key that belongs to the client certificate', async (t) => {
  t.match(identity.keyPem, /^-----BEGIN PRIVATE KEY-----\n/);
  const key = createPrivateKey(identity.keyPem);
  t.equal(key.asymmetricKeyType, 'ec');
  t.equal(key.asymmetricKeyDetails?.namedCurve, 'prime256v1');
  t.equal(new X509Certificate(identity.certPem).checkPrivateKey(key), true);
  t.equal(new X509Certificate(identity.certPem).verify(new X509Certificate(identity.caCertPem).publicKey), true);
});

t.test('openssl verify accepts the chain, strictly and for client use', async (t) => {
  const current = makeThrowawayClientIdentity();
  const caPath = workspace.path('throwaway-ca.pem');
  const certPath = workspace.path('throwaway-client.pem');
  fs.writeFileSync(caPath, current.caCertPem);
  fs.writeFileSync(certPath, current.certPem);
  const output = workspace.openssl(['verify', '-x509_strict', '-purpose', 'sslclient', '-CAfile', caPath, certPath]);
  t.equal(output.trim(), `${certPath}: OK`);
});

t.test('Node TLS', async (t) => {
  const client = makeThrowawayClientIdentity();
  const serverKeyPath = workspace.path('server.key');
  const serverCertPath = workspace.path('server.pem');
  workspace.openssl([
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', serverKeyPath,
    '-subj', '/CN=test daemon', '-days', '1', '-out', serverCertPath,
  ]);
  const serverIdentity = { key: fs.readFileSync(serverKeyPath), cert: fs.readFileSync(serverCertPath) };

  t.test('a server that asks for a client certificate receives this one', async (t) => {
    const result = await handshake(t, { ...serverIdentity, requestCert: true, rejectUnauthorized: false }, client);
    t.equal(result.serverError, undefined);
    const peer = result.peerCertificate;
    t.equal(peer?.subject.CN, THROWAWAY_CLIENT_COMMON_NAME);
    t.equal(peer?.fingerprint256, certificateFactsFromPem(client.certPem)[0]?.fingerprint256);
    t.equal(result.authorized, false, 'not trusted by the default CA store');
    t.match(result.authorizationError, /ISSUER|VERIFY/, 'because its issuer is unknown');
  });

  t.test('a server that trusts the throwaway CA accepts the chain', async (t) => {
    const result = await handshake(
      t,
      { ...serverIdentity, requestCert: true, rejectUnauthorized: true, ca: [client.caCertPem] },
      client,
    );
    t.equal(result.serverError, undefined);
    t.equal(result.authorized, true);
  });

  t.test('a server that trusts another CA refuses it, as a daemon should', async (t) => {
    const result = await handshake(
      t,
      { ...serverIdentity, requestCert: true, rejectUnauthorized: true, ca: [serverIdentity.cert] },
      client,
    );
    // Node's server hangs up on a client certificate it cannot verify instead of alerting.
    t.equal(result.peerCertificate, undefined, 'no secure connection');
    t.type(result.serverError, Error);
  });
});

interface HandshakeResult {
  peerCertificate?: tls.PeerCertificate;
  authorized?: boolean;
  authorizationError?: string;
  serverError?: Error;
}

/** One TLS connection from `client` to a fresh server on 127.0.0.1; both closed on teardown. */
async function handshake(
  t: { teardown(fn: () => void): void },
  serverOptions: tls.TlsOptions,
  client: { certPem: string; keyPem: string },
): Promise<HandshakeResult> {
  const server = tls.createServer(serverOptions);
  t.teardown(() => server.close());
  const outcome = new Promise<HandshakeResult>((resolve) => {
    server.on('secureConnection', (socket) => {
      resolve({
        peerCertificate: socket.getPeerCertificate(),
        authorized: socket.authorized,
        authorizationError: socket.authorizationError?.toString(),
      });
      socket.end();
    });
    server.on('tlsClientError', (error) => resolve({ serverError: error }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const socket = tls.connect({
    host: '127.0.0.1',
    port,
    cert: client.certPem,
    key: client.keyPem,
    rejectUnauthorized: false,
  });
  socket.on('error', () => {
    // A refused client certificate surfaces here too; the server side is what we assert on.
  });
  t.teardown(() => socket.destroy());
  return outcome;
}
