/**
 * Makes keys and certificates with the openssl CLI, so the reader is checked against an
 * independent implementation rather than against itself.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Teardownable {
  teardown(fn: () => void): void;
}

export class OpensslWorkspace {
  readonly dir: string;
  private counter = 0;

  constructor(t: Teardownable) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockprobe-x509-'));
    t.teardown(() => fs.rmSync(this.dir, { recursive: true, force: true }));
  }

  path(name: string): string {
    return path.join(this.dir, name);
  }

  openssl(args: string[]): string {
    return execFileSync('openssl', args, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** `algorithm` is what `openssl genpkey -algorithm` takes; options go to -pkeyopt. */
  generateKey(algorithm: string, options: string[] = []): string {
    const keyPath = this.path(`key-${++this.counter}.pem`);
    this.openssl(['genpkey', '-algorithm', algorithm, ...options.flatMap((o) => ['-pkeyopt', o]), '-out', keyPath]);
    return keyPath;
  }

  generateDsaKey(bits: number): string {
    const paramsPath = this.path(`dsa-params-${++this.counter}.pem`);
    const keyPath = this.path(`key-${this.counter}.pem`);
    this.openssl(['genpkey', '-genparam', '-algorithm', 'DSA', '-pkeyopt', `dsa_paramgen_bits:${bits}`, '-out', paramsPath]);
    this.openssl(['genpkey', '-paramfile', paramsPath, '-out', keyPath]);
    return keyPath;
  }

  /** A self-signed certificate; without `extensions` it is a version 1 certificate. */
  selfSigned(options: CertificateOptions): string {
    const certPath = this.path(`cert-${++this.counter}.pem`);
    const configPath = this.writeConfig(options.extensions);
    this.openssl([
      'req', '-x509', '-new', '-config', configPath, '-key', options.key, '-subj', options.subject,
      '-days', String(options.days ?? 1), '-set_serial', options.serial ?? '0x1001',
      ...signingArgs(options), ...(options.extensions ? ['-extensions', 'ext'] : []), '-out', certPath,
    ]);
    return certPath;
  }

  /** A certificate for `options.key`, signed by `issuer`. */
  signedBy(issuer: { cert: string; key: string }, options: CertificateOptions): string {
    const csrPath = this.path(`csr-${++this.counter}.pem`);
    const certPath = this.path(`cert-${this.counter}.pem`);
    const configPath = this.writeConfig(options.extensions);
    this.openssl(['req', '-new', '-config', configPath, '-key', options.key, '-subj', options.subject, '-out', csrPath]);
    this.openssl([
      'x509', '-req', '-in', csrPath, '-CA', issuer.cert, '-CAkey', issuer.key,
      '-days', String(options.days ?? 1), '-set_serial', options.serial ?? '0x2002', ...signingArgs(options),
      ...(options.extensions ? ['-extfile', configPath, '-extensions', 'ext'] : []), '-out', certPath,
    ]);
    return certPath;
  }

  /** Reads back what openssl itself says about a certificate. */
  describe(certPath: string): OpensslView {
    const fields = this.openssl([
      'x509', '-in', certPath, '-noout', '-serial', '-startdate', '-enddate', '-dateopt', 'iso_8601',
      '-fingerprint', '-sha256',
    ]);
    const text = this.openssl(['x509', '-in', certPath, '-noout', '-text']);
    const field = (name: string): string => {
      const match = new RegExp(`^${name}=(.*)$`, 'm').exec(fields);
      if (!match) throw new Error(`openssl printed no ${name}:\n${fields}`);
      return match[1]!.trim();
    };
    return {
      serial: field('serial'),
      notBefore: isoFromOpenssl(field('notBefore')),
      notAfter: isoFromOpenssl(field('notAfter')),
      fingerprint256: field('sha256 Fingerprint'),
      signatureAlgorithm: /^ {4}Signature Algorithm: (\S+)/m.exec(text)?.[1] ?? '',
      publicKeyBits: Number(/Public-Key: \((\d+) bit\)/.exec(text)?.[1] ?? NaN),
      text,
    };
  }

  private writeConfig(extensions: string[] | undefined): string {
    const configPath = this.path(`config-${++this.counter}.cnf`);
    const lines = ['[req]', 'distinguished_name = dn', 'prompt = no', '[dn]', 'CN = unused'];
    if (extensions) lines.push('[ext]', ...extensions);
    fs.writeFileSync(configPath, lines.join('\n') + '\n');
    return configPath;
  }
}

export interface CertificateOptions {
  key: string;
  subject: string;
  /** Digest flag for openssl, e.g. "sha256"; omitted for ed25519/ed448. */
  digest?: string;
  /** Extra -sigopt values, e.g. "rsa_padding_mode:pss". */
  sigopts?: string[];
  /** Lines of an openssl extension section, e.g. "keyUsage = digitalSignature". */
  extensions?: string[];
  serial?: string;
  days?: number;
}

export interface OpensslView {
  serial: string;
  notBefore: string;
  notAfter: string;
  fingerprint256: string;
  /** The outer signature algorithm as `openssl x509 -text` names it. */
  signatureAlgorithm: string;
  publicKeyBits: number;
  text: string;
}

function signingArgs(options: CertificateOptions): string[] {
  return [
    ...(options.digest ? [`-${options.digest}`] : []),
    ...(options.sigopts ?? []).flatMap((sigopt) => ['-sigopt', sigopt]),
  ];
}

/** "2026-11-23 15:28:39Z" -> "2026-11-23T15:28:39.000Z" */
function isoFromOpenssl(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})Z$/.exec(text);
  if (!match) throw new Error(`unexpected openssl date: ${text}`);
  return `${match[1]}T${match[2]}.000Z`;
}
