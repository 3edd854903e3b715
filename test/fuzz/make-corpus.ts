/**
 * Writes the fuzzer's seed corpus (test/fuzz/corpus/) with the openssl CLI. Run once by hand;
 * the output is committed, because a replay (`--replay <case>`) must mutate exactly the bytes
 * the failing run mutated, and freshly generated keys differ every time.
 *
 *   node --import=./node_modules/@tapjs/typescript/dist/esm/import.mjs test/fuzz/make-corpus.ts
 *
 * Every key here is a throwaway made for this corpus and protects nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const corpus = fileURLToPath(new URL('./corpus/', import.meta.url));
const work = mkdtempSync(path.join(os.tmpdir(), 'dockprobe-corpus-'));
const run = (args: string[]) => execFileSync('openssl', args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
const read = (name: string) => readFileSync(path.join(work, name), 'utf8');
const DAYS = '36500';

try {
  // An RSA CA and a server certificate it signed, with every extension the reader decodes.
  run(['genrsa', '-traditional', '-out', 'rsa-ca-key.pem', '2048']);
  run([
    'req', '-new', '-x509', '-days', DAYS, '-key', 'rsa-ca-key.pem', '-sha256', '-subj', '/O=dockprobe fuzz/CN=fuzz CA',
    '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:1', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    '-out', 'rsa-ca.pem',
  ]);
  run(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'rsa-server-key.pem']);
  run(['req', '-new', '-key', 'rsa-server-key.pem', '-subj', '/CN=docker.example', '-out', 'rsa-server.csr']);
  writeFileSync(
    path.join(work, 'server.ext'),
    'subjectAltName = DNS:docker.example,DNS:*.docker.example,IP:10.0.0.1,IP:2001:db8::1\n' +
      'extendedKeyUsage = serverAuth,clientAuth\nkeyUsage = critical,digitalSignature,keyEncipherment\n',
  );
  run([
    'x509', '-req', '-days', DAYS, '-sha256', '-in', 'rsa-server.csr', '-CA', 'rsa-ca.pem', '-CAkey', 'rsa-ca-key.pem',
    '-set_serial', '4660', '-extfile', 'server.ext', '-out', 'rsa-server.pem',
  ]);
  // EC (SEC1 key), Ed25519, RSA-PSS (hash in the signature parameters) and DSA (a key format
  // node:crypto reads only from PEM text) certificates, each self-signed.
  run(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ec-key.pem']);
  run(['req', '-new', '-x509', '-days', DAYS, '-key', 'ec-key.pem', '-sha384', '-subj', '/CN=ec.example', '-addext', 'subjectAltName=DNS:ec.example', '-out', 'ec-cert.pem']);
  run(['genpkey', '-algorithm', 'ED25519', '-out', 'ed25519-key.pem']);
  run(['req', '-new', '-x509', '-days', DAYS, '-key', 'ed25519-key.pem', '-subj', '/CN=ed25519.example', '-out', 'ed25519-cert.pem']);
  run(['genpkey', '-algorithm', 'RSA-PSS', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'rsa-pss-key.pem']);
  run([
    'req', '-new', '-x509', '-days', DAYS, '-key', 'rsa-pss-key.pem', '-sha256', '-sigopt', 'rsa_padding_mode:pss',
    '-sigopt', 'rsa_pss_saltlen:32', '-subj', '/CN=pss.example', '-out', 'rsa-pss-cert.pem',
  ]);
  run(['dsaparam', '-genkey', '-noout', '-out', 'dsa-pkcs8.pem', '2048']);
  run(['pkey', '-in', 'dsa-pkcs8.pem', '-traditional', '-out', 'dsa-key.pem']);
  run(['req', '-new', '-x509', '-days', DAYS, '-key', 'dsa-key.pem', '-sha256', '-subj', '/CN=dsa.example', '-out', 'dsa-cert.pem']);
  // An EC key and certificate with explicit curve parameters instead of a curve's name.
  run(['ecparam', '-name', 'prime256v1', '-param_enc', 'explicit', '-genkey', '-noout', '-out', 'ec-explicit-key.pem']);
  run(['req', '-new', '-x509', '-days', DAYS, '-key', 'ec-explicit-key.pem', '-sha256', '-subj', '/CN=explicit.example', '-out', 'ec-explicit-cert.pem']);
  // Encrypted keys: PKCS#8 (ENCRYPTED PRIVATE KEY) and OpenSSL's legacy Proc-Type headers.
  run(['pkcs8', '-topk8', '-v2', 'aes256', '-passout', 'pass:fuzz', '-in', 'ec-key.pem', '-out', 'encrypted-pkcs8.pem']);
  run(['ec', '-in', 'ec-key.pem', '-aes256', '-passout', 'pass:fuzz', '-out', 'legacy-encrypted-ec.pem']);

  rmSync(corpus, { recursive: true, force: true });
  mkdirSync(corpus);
  const copy = (from: string, to = from) => writeFileSync(path.join(corpus, to), read(from));
  for (const name of [
    'rsa-ca.pem', 'rsa-ca-key.pem', 'rsa-server.pem', 'rsa-server-key.pem', 'ec-cert.pem', 'ec-key.pem',
    'ed25519-cert.pem', 'ed25519-key.pem', 'rsa-pss-cert.pem', 'rsa-pss-key.pem', 'dsa-cert.pem', 'dsa-key.pem',
    'ec-explicit-key.pem', 'ec-explicit-cert.pem',
    'encrypted-pkcs8.pem', 'legacy-encrypted-ec.pem',
  ]) {
    copy(name);
  }
  copy('rsa-server.csr', 'request.csr');
  writeFileSync(path.join(corpus, 'chain.pem'), read('rsa-server.pem') + read('rsa-ca.pem'));
  writeFileSync(path.join(corpus, 'cert-and-key.pem'), read('ec-cert.pem') + read('ec-key.pem'));
} finally {
  rmSync(work, { recursive: true, force: true });
}
