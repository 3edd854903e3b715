/**
 * Certificate trees made at test time with the openssl CLI, command for command as the Docker
 * TLS guides make them (docs.docker.com "Protect the Docker daemon socket", and the CoreOS
 * guide's openssl.cnf with both usages). Key sizes are 2048 bits instead of 4096 to keep the
 * tests quick; nothing here depends on the size.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Teardownable {
  teardown(fn: () => void): void;
}

export function tempDir(t: Teardownable, prefix = 'dockprobe-files-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function openssl(cwd: string, args: string[]): string {
  return execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export const CA_PASSPHRASE = 'guide-passphrase';

/**
 * docs.docker.com: CA key encrypted with -aes256 (a passphrase, as the guide has the user type
 * one), server cert with subjectAltName and serverAuth from extfile.cnf, client cert with
 * clientAuth from extfile-client.cnf, CSRs, extfiles and ca.srl left where the guide leaves them
 * until its clean-up step, and the guide's chmod 0400 / 0444.
 */
export function makeDockerDocsTree(dir: string, host = 'docker.example'): void {
  mkdirSync(dir, { recursive: true });
  const run = (args: string[]) => openssl(dir, args);
  run(['genrsa', '-aes256', '-passout', `pass:${CA_PASSPHRASE}`, '-out', 'ca-key.pem', '2048']);
  run([
    'req', '-new', '-x509', '-days', '365', '-key', 'ca-key.pem', '-passin', `pass:${CA_PASSPHRASE}`, '-sha256',
    '-subj', '/CN=dockprobe guide CA', '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', 'ca.pem',
  ]);
  run(['genrsa', '-out', 'server-key.pem', '2048']);
  run(['req', '-subj', `/CN=${host}`, '-sha256', '-new', '-key', 'server-key.pem', '-out', 'server.csr']);
  writeFileSync(path.join(dir, 'extfile.cnf'), `subjectAltName = DNS:${host},IP:10.10.10.20,IP:127.0.0.1\nextendedKeyUsage = serverAuth\n`);
  run([
    'x509', '-req', '-days', '365', '-sha256', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem',
    '-passin', `pass:${CA_PASSPHRASE}`, '-CAcreateserial', '-out', 'server-cert.pem', '-extfile', 'extfile.cnf',
  ]);
  run(['genrsa', '-out', 'key.pem', '2048']);
  run(['req', '-subj', '/CN=client', '-new', '-key', 'key.pem', '-out', 'client.csr']);
  writeFileSync(path.join(dir, 'extfile-client.cnf'), 'extendedKeyUsage = clientAuth\n');
  run([
    'x509', '-req', '-days', '365', '-sha256', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem',
    '-passin', `pass:${CA_PASSPHRASE}`, '-CAcreateserial', '-out', 'cert.pem', '-extfile', 'extfile-client.cnf',
  ]);
  for (const key of ['ca-key.pem', 'key.pem', 'server-key.pem']) chmodSync(path.join(dir, key), 0o400);
  for (const cert of ['ca.pem', 'server-cert.pem', 'cert.pem']) chmodSync(path.join(dir, cert), 0o444);
}

/** A second, unrelated CA in `dir` (ca.pem, ca-key.pem): for "signed by the wrong CA". */
export function makeOtherCa(dir: string): void {
  mkdirSync(dir, { recursive: true });
  openssl(dir, ['genrsa', '-out', 'ca-key.pem', '2048']);
  openssl(dir, [
    'req', '-new', '-x509', '-days', '365', '-key', 'ca-key.pem', '-sha256', '-subj', '/CN=some other CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', 'ca.pem',
  ]);
}
