/**
 * Test certificates made with the `openssl` CLI, the way the Docker "Protect the Docker daemon
 * socket" guide does it (`openssl x509 -req ... -extfile`), plus knobs for the mistakes the
 * scanner has to find: no SAN, wrong or missing EKU, weak keys, SHA-1, leaf marked as CA,
 * expired or not-yet-valid certificates, self-signed certificates.
 *
 * Everything runs through execFileSync with argument arrays; user data only reaches openssl as
 * single arguments or as validated lines of an extension file.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';

export type KeyType = 'rsa2048' | 'rsa1024' | 'ec256';
export type SignatureDigest = 'sha256' | 'sha1';
export type ExtendedKeyUsage = 'serverAuth' | 'clientAuth';

/**
 * Node (OpenSSL 3) refuses TLS 1.0/1.1, and certificates signed with SHA-1, at its default
 * security level. Put this in `ciphers` on both ends to speak TLS 1.0/1.1 or to accept a SHA-1
 * chain. Found empirically: without it `openssl verify -auth_level 1` and Node clients reject
 * SHA-1 signatures with "CA signature digest algorithm too weak".
 */
export const LEGACY_TLS_CIPHERS = 'DEFAULT:@SECLEVEL=0';
export const tlsVersionNeedsSeclevel0 =
  `TLS 1.0/1.1 and SHA-1 certificate signatures need ciphers: '${LEGACY_TLS_CIPHERS}' in Node 20 / OpenSSL 3`;

export interface IssuedCert {
  certPath: string;
  keyPath: string;
  certPem: string;
  keyPem: string;
}

export interface Pki {
  dir: string;
  ca: IssuedCert;
  caCommonName: string;
}

export interface PkiOptions {
  caCommonName?: string;
  keyType?: KeyType;
  md?: SignatureDigest;
  days?: number;
}

export interface CertOptions {
  /** File stem, and the subject CN unless commonName is given. */
  name: string;
  commonName?: string;
  sanDns?: string[];
  sanIp?: string[];
  /** Leave out the subjectAltName extension entirely. */
  noSan?: boolean;
  /** null = no extendedKeyUsage extension at all. */
  eku?: ExtendedKeyUsage[] | null;
  /** Validity from now (default 365). Negative: expired that many days ago, after a year of validity. */
  days?: number;
  /** An explicit validity window (e.g. a realistically expired certificate); overrides days. */
  notBefore?: Date;
  notAfter?: Date;
  keyType?: KeyType;
  md?: SignatureDigest;
  /** Marks the leaf as a CA (basicConstraints CA:TRUE) — a misissued certificate. */
  isCA?: boolean;
}

const DEFAULT_SERVER_SAN_DNS = ['localhost'];
const DEFAULT_SERVER_SAN_IP = ['127.0.0.1'];
const DAY_MS = 86_400_000;

function openssl(args: string[]): string {
  try {
    return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim() || String(error)}`);
  }
}

function fileStem(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new Error(`certificate name must be a plain file stem, got ${JSON.stringify(name)}`);
  }
  return name;
}

/** `-subj` syntax: `/` and `+` separate RDNs, so they (and the escape char) must be escaped. */
function subjectArg(commonName: string): string {
  if (/[\u0000-\u001f]/.test(commonName)) throw new Error('commonName must not contain control characters');
  return `/CN=${commonName.replace(/[\\/+]/g, (c) => `\\${c}`)}`;
}

/** Extension-file values: reject anything that could start a new line, a new entry or a $variable. */
function extensionValue(kind: string, value: string): string {
  if (!value || /[\s,$\\#"']/.test(value)) throw new Error(`unsafe ${kind} value ${JSON.stringify(value)}`);
  if (kind === 'IP' && isIP(value) === 0) throw new Error(`not an IP address: ${value}`);
  return `${kind}:${value}`;
}

function generateKey(keyPath: string, keyType: KeyType): void {
  const algorithmArgs: Record<KeyType, string[]> = {
    rsa2048: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
    rsa1024: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024'],
    ec256: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
  };
  rmSync(keyPath, { force: true });
  openssl(['genpkey', ...algorithmArgs[keyType], '-out', keyPath]);
  chmodSync(keyPath, 0o400);
}

/** A minimal config so the result does not depend on the machine's /etc/ssl/openssl.cnf. */
function writeOpensslConfig(dir: string): string {
  const configPath = join(dir, 'openssl-req.cnf');
  writeFileSync(
    configPath,
    [
      '[ req ]',
      'distinguished_name = dn',
      'prompt = no',
      '[ dn ]',
      '[ v3_ca ]',
      'basicConstraints = critical,CA:TRUE',
      'keyUsage = critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier = hash',
      '',
    ].join('\n'),
  );
  return configPath;
}

/** `openssl ca` is only used for explicit validity windows (x509 -req in OpenSSL 3.0 cannot backdate). */
function writeCaDatabaseConfig(dir: string): string {
  const dbDir = join(dir, 'ca-db');
  mkdirSync(dbDir, { recursive: true });
  const indexPath = join(dbDir, 'index.txt');
  if (!existsSync(indexPath)) writeFileSync(indexPath, '');
  const configPath = join(dir, 'openssl-ca.cnf');
  writeFileSync(
    configPath,
    [
      '[ ca ]',
      'default_ca = test_ca',
      '[ test_ca ]',
      `database = ${indexPath}`,
      `new_certs_dir = ${dbDir}`,
      `serial = ${serialPath(dir)}`,
      'policy = any_subject',
      'unique_subject = no',
      'copy_extensions = none',
      '[ any_subject ]',
      'commonName = supplied',
      '',
    ].join('\n'),
  );
  return configPath;
}

function serialPath(dir: string): string {
  return join(dir, 'serial.txt');
}

function ensureSerialFile(dir: string): void {
  if (existsSync(serialPath(dir))) return;
  const serial = randomBytes(16);
  serial[0] &= 0x7f; // keep it positive
  writeFileSync(serialPath(dir), `${serial.toString('hex').toUpperCase()}\n`);
}

function extensionFileText(opts: CertOptions, defaultEku: ExtendedKeyUsage[], defaultSan: boolean): string {
  const lines: string[] = [];
  if (!opts.noSan) {
    const useDefaults = defaultSan && opts.sanDns === undefined && opts.sanIp === undefined;
    const dns = useDefaults ? DEFAULT_SERVER_SAN_DNS : (opts.sanDns ?? []);
    const ips = useDefaults ? DEFAULT_SERVER_SAN_IP : (opts.sanIp ?? []);
    const entries = [...dns.map((d) => extensionValue('DNS', d)), ...ips.map((ip) => extensionValue('IP', ip))];
    if (entries.length > 0) lines.push(`subjectAltName = ${entries.join(',')}`);
  }
  const eku = opts.eku === undefined ? defaultEku : opts.eku;
  if (eku !== null && eku.length > 0) lines.push(`extendedKeyUsage = ${eku.join(',')}`);
  if (opts.isCA) {
    lines.push('basicConstraints = critical,CA:TRUE');
    lines.push('keyUsage = critical,keyCertSign,cRLSign,digitalSignature,keyEncipherment');
  }
  return `${lines.join('\n')}\n`;
}

/** openssl ca wants UTCTime-style YYYYMMDDHHMMSSZ. */
function opensslDate(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

interface SigningKey {
  /** Issuing CA; absent for a self-signed certificate. */
  ca?: IssuedCert;
  dir: string;
}

function issue(signer: SigningKey, opts: CertOptions, defaultEku: ExtendedKeyUsage[], defaultSan: boolean): IssuedCert {
  const stem = fileStem(opts.name);
  const dir = signer.dir;
  mkdirSync(dir, { recursive: true });
  const keyPath = join(dir, `${stem}-key.pem`);
  const certPath = join(dir, `${stem}-cert.pem`);
  const csrPath = join(dir, `${stem}.csr`);
  const extPath = join(dir, `${stem}-extfile.cnf`);
  const md = opts.md ?? 'sha256';
  const extensions = extensionFileText(opts, defaultEku, defaultSan); // validates before any work
  const subject = subjectArg(opts.commonName ?? opts.name);

  generateKey(keyPath, opts.keyType ?? 'rsa2048');
  openssl(['req', '-config', writeOpensslConfig(dir), '-new', '-key', keyPath, '-subj', subject, '-out', csrPath]);
  writeFileSync(extPath, extensions);
  ensureSerialFile(dir);

  const days = opts.days ?? 365;
  // openssl x509 -days refuses values below -1, so expired certificates go through openssl ca.
  if (opts.notBefore || opts.notAfter || days < 0) {
    const notAfter = opts.notAfter ?? new Date((opts.notBefore?.getTime() ?? Date.now()) + days * DAY_MS);
    const notBefore = opts.notBefore ?? new Date(notAfter.getTime() - 365 * DAY_MS);
    const signerArgs = signer.ca
      ? ['-cert', signer.ca.certPath, '-keyfile', signer.ca.keyPath]
      : ['-selfsign', '-keyfile', keyPath];
    openssl([
      'ca', '-batch', '-notext', '-config', writeCaDatabaseConfig(dir), ...signerArgs,
      '-in', csrPath, '-startdate', opensslDate(notBefore), '-enddate', opensslDate(notAfter),
      '-md', md, '-extfile', extPath, '-out', certPath,
    ]);
  } else {
    const signerArgs = signer.ca
      ? ['-CA', signer.ca.certPath, '-CAkey', signer.ca.keyPath, '-CAserial', serialPath(dir)]
      : ['-signkey', keyPath];
    openssl([
      'x509', '-req', '-in', csrPath, ...signerArgs, '-days', String(days),
      `-${md}`, '-extfile', extPath, '-out', certPath,
    ]);
  }
  return { certPath, keyPath, certPem: readFileSync(certPath, 'utf8'), keyPem: readFileSync(keyPath, 'utf8') };
}

/** Creates `dir` (if needed) and a CA in it: key + self-signed certificate with basicConstraints CA:TRUE. */
export function makePki(dir: string, opts: PkiOptions = {}): Pki {
  mkdirSync(dir, { recursive: true });
  const caCommonName = opts.caCommonName ?? 'dockprobe test CA';
  const keyPath = join(dir, 'ca-key.pem');
  const certPath = join(dir, 'ca.pem');
  generateKey(keyPath, opts.keyType ?? 'rsa2048');
  openssl([
    'req', '-config', writeOpensslConfig(dir), '-new', '-x509', '-extensions', 'v3_ca', '-key', keyPath,
    `-${opts.md ?? 'sha256'}`, '-days', String(opts.days ?? 365), '-subj', subjectArg(caCommonName), '-out', certPath,
  ]);
  ensureSerialFile(dir);
  const ca = { certPath, keyPath, certPem: readFileSync(certPath, 'utf8'), keyPem: readFileSync(keyPath, 'utf8') };
  return { dir, ca, caCommonName };
}

/**
 * Server certificate signed by the PKI's CA. Defaults: EKU serverAuth; SAN DNS:localhost,
 * IP:127.0.0.1 unless sanDns or sanIp is given (then only what is given).
 */
export function issueServerCert(pki: Pki, opts: CertOptions): IssuedCert {
  return issue({ ca: pki.ca, dir: pki.dir }, opts, ['serverAuth'], true);
}

/** Client certificate signed by the PKI's CA. Defaults: EKU clientAuth, no SAN (as in the Docker guide). */
export function issueClientCert(pki: Pki, opts: CertOptions): IssuedCert {
  return issue({ ca: pki.ca, dir: pki.dir }, opts, ['clientAuth'], false);
}

/** A certificate signed by its own key, from no CA. Same defaults as issueServerCert. */
export function selfSignedCert(dir: string, opts: CertOptions): IssuedCert {
  return issue({ dir }, opts, ['serverAuth'], true);
}
