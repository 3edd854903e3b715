/**
 * Certificate chains for path-validation tests, made with the openssl CLI at test time: a root,
 * any number of intermediates, a leaf, each described by a small spec (basicConstraints,
 * keyUsage, extendedKeyUsage, name constraints, SAN, validity, signature hash, an unknown
 * extension) so a table row can say exactly what it changes. Cross-signing is a spec that
 * reuses another certificate's key and subject under a different issuer.
 *
 * Everything goes through `openssl ca`, because OpenSSL 3.0's `x509 -req` cannot set a past
 * notBefore/notAfter (-not_before/-not_after arrived in 3.4), and one code path for every
 * certificate keeps the chains alike in everything a row does not change.
 *
 * Keys are P-256: generating dozens of RSA keys per run costs seconds, and nothing here is
 * about the key type.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isIPv4 } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Teardownable {
  teardown(fn: () => void): void;
}

export type KeyUsageBit = 'digitalSignature' | 'keyEncipherment' | 'keyCertSign' | 'cRLSign';
export type ExtendedKeyUsage = 'serverAuth' | 'clientAuth';

export interface NameConstraints {
  permittedDns?: string[];
  excludedDns?: string[];
  /** IPv4 CIDR, e.g. '127.0.0.0/8'. */
  permittedIp?: string[];
  excludedIp?: string[];
}

export interface CertSpec {
  /** Unique within the chain: the file stem, what other specs name as issuer, and the CN unless `cn` is given. */
  name: string;
  cn?: string;
  /** The spec that signs this one; absent = self-signed (a root). */
  issuer?: string;
  /** Cross-signing: the key and subject of this earlier spec, signed by `issuer`. */
  sameKeyAs?: string;
  /** null = no basicConstraints extension at all. Always written critical. */
  basicConstraints: { ca: boolean; pathLen?: number } | null;
  /** null = no keyUsage extension. Always written critical. */
  keyUsage: KeyUsageBit[] | null;
  /** null = no extendedKeyUsage extension. */
  extendedKeyUsage: ExtendedKeyUsage[] | null;
  /** Written critical, as RFC 5280 asks. */
  nameConstraints?: NameConstraints;
  /** null = no subjectAltName extension. */
  san: { dns?: string[]; ip?: string[] } | null;
  notBefore: Date;
  notAfter: Date;
  hash: 'sha256' | 'sha1';
  /** An extension no verifier knows (OID under IANA's example enterprise arc, RFC 5612). */
  unknownExtension?: { critical: boolean };
}

export interface BuiltCert {
  name: string;
  certPath: string;
  keyPath: string;
  certPem: string;
  keyPem: string;
  der: Buffer;
}

export type BuiltChain = Record<string, BuiltCert>;

/** 1.3.6.1.4.1.32473 is the enterprise number RFC 5612 reserves for documentation. */
export const UNKNOWN_EXTENSION_OID = '1.3.6.1.4.1.32473.1';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A validity window relative to `now`, in days (negative = in the past). */
export function validDays(now: Date, fromDays: number, toDays: number): Pick<CertSpec, 'notBefore' | 'notAfter'> {
  return { notBefore: new Date(now.getTime() + fromDays * DAY_MS), notAfter: new Date(now.getTime() + toDays * DAY_MS) };
}

/** Valid from an hour ago for 30 days: current for any test run, whatever its speed. */
function currentValidity(now: Date): Pick<CertSpec, 'notBefore' | 'notAfter'> {
  return { notBefore: new Date(now.getTime() - HOUR_MS), notAfter: new Date(now.getTime() + 30 * DAY_MS) };
}

export function rootSpec(name: string, now: Date, overrides: Partial<CertSpec> = {}): CertSpec {
  return {
    name, basicConstraints: { ca: true }, keyUsage: ['keyCertSign', 'cRLSign'], extendedKeyUsage: null, san: null,
    ...currentValidity(now), hash: 'sha256', ...overrides,
  };
}

export function intermediateSpec(name: string, issuer: string, now: Date, overrides: Partial<CertSpec> = {}): CertSpec {
  return rootSpec(name, now, { issuer, ...overrides });
}

/** A server leaf Go accepts for 127.0.0.1: SAN IP:127.0.0.1 (Go checks the host name before the chain), EKU serverAuth. */
export function leafSpec(name: string, issuer: string, now: Date, overrides: Partial<CertSpec> = {}): CertSpec {
  return {
    name, issuer, basicConstraints: { ca: false }, keyUsage: ['digitalSignature'], extendedKeyUsage: ['serverAuth'],
    san: { ip: ['127.0.0.1'] }, ...currentValidity(now), hash: 'sha256', ...overrides,
  };
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args.slice(0, 2).join(' ')} failed: ${stderr.trim() || String(error)}`);
  }
}

/** Names and addresses reach the extension file verbatim, so only plain ones are allowed. */
function plain(kind: string, value: string): string {
  if (!/^[A-Za-z0-9.*-]+$/.test(value)) throw new Error(`unsafe ${kind} ${JSON.stringify(value)}`);
  return value;
}

function ipv4Range(cidr: string): string {
  const [address = '', bitsText = ''] = cidr.split('/');
  const bits = Number(bitsText);
  if (!isIPv4(address) || !/^\d{1,2}$/.test(bitsText) || bits > 32) throw new Error(`not an IPv4 CIDR: ${cidr}`);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return `${address}/${[24, 16, 8, 0].map((shift) => (mask >>> shift) & 0xff).join('.')}`;
}

function extensionLines(spec: CertSpec): string[] {
  const lines = ['subjectKeyIdentifier = hash'];
  if (spec.issuer !== undefined) lines.push('authorityKeyIdentifier = keyid');
  const bc = spec.basicConstraints;
  if (bc) lines.push(`basicConstraints = critical,CA:${bc.ca ? 'TRUE' : 'FALSE'}${bc.pathLen === undefined ? '' : `,pathlen:${bc.pathLen}`}`);
  if (spec.keyUsage) lines.push(`keyUsage = critical,${spec.keyUsage.join(',')}`);
  if (spec.extendedKeyUsage) lines.push(`extendedKeyUsage = ${spec.extendedKeyUsage.join(',')}`);
  if (spec.san) {
    const entries = [...(spec.san.dns ?? []).map((d) => `DNS:${plain('DNS name', d)}`), ...(spec.san.ip ?? []).map((ip) => `IP:${plain('IP', ip)}`)];
    if (entries.length === 0) throw new Error(`${spec.name}: an empty SAN cannot be written; use san: null for none`);
    lines.push(`subjectAltName = ${entries.join(',')}`);
  }
  const nc = spec.nameConstraints;
  if (nc) {
    const subtrees = [
      ...(nc.permittedDns ?? []).map((d) => `permitted;DNS:${plain('DNS constraint', d)}`),
      ...(nc.permittedIp ?? []).map((r) => `permitted;IP:${ipv4Range(r)}`),
      ...(nc.excludedDns ?? []).map((d) => `excluded;DNS:${plain('DNS constraint', d)}`),
      ...(nc.excludedIp ?? []).map((r) => `excluded;IP:${ipv4Range(r)}`),
    ];
    lines.push(`nameConstraints = critical,${subtrees.join(',')}`);
  }
  if (spec.unknownExtension) lines.push(`${UNKNOWN_EXTENSION_OID} = ${spec.unknownExtension.critical ? 'critical,' : ''}ASN1:NULL`);
  return lines;
}

/** `openssl ca` takes YYYYMMDDHHMMSSZ; it writes UTCTime or GeneralizedTime as RFC 5280 says. */
function opensslDate(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

/** A CA database of our own: no /etc/ssl/openssl.cnf, any subject, the same subject issued again (cross-signing). */
function writeCaConfig(dir: string): string {
  mkdirSync(join(dir, 'issued'));
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial.txt'), '1000\n');
  const configPath = join(dir, 'openssl.cnf');
  writeFileSync(configPath, [
    '[ ca ]', 'default_ca = chain_ca',
    '[ chain_ca ]', `database = ${join(dir, 'index.txt')}`, `new_certs_dir = ${join(dir, 'issued')}`, `serial = ${join(dir, 'serial.txt')}`,
    'policy = any_subject', 'unique_subject = no', 'copy_extensions = none',
    '[ any_subject ]', 'commonName = supplied',
    '[ req ]', 'distinguished_name = dn', 'prompt = no',
    '[ dn ]', '',
  ].join('\n'));
  return configPath;
}

/**
 * Builds the specs in order (an issuer before what it signs) in a fresh temp dir that goes at
 * teardown. Returns each certificate by spec name.
 */
export function buildChain(t: Teardownable, specs: CertSpec[]): BuiltChain {
  const dir = mkdtempSync(join(tmpdir(), 'dockprobe-chain-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const config = writeCaConfig(dir);
  const built: BuiltChain = {};
  for (const spec of specs) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(spec.name) || built[spec.name]) throw new Error(`bad or repeated spec name ${JSON.stringify(spec.name)}`);
    const issuer = spec.issuer === undefined ? undefined : built[spec.issuer];
    if (spec.issuer !== undefined && !issuer) throw new Error(`${spec.name}: issuer ${spec.issuer} must come earlier in the specs`);
    const keyOwner = spec.sameKeyAs === undefined ? spec.name : spec.sameKeyAs;
    if (spec.sameKeyAs !== undefined && !built[spec.sameKeyAs]) throw new Error(`${spec.name}: sameKeyAs ${spec.sameKeyAs} must come earlier`);

    const keyPath = join(dir, `${keyOwner}-key.pem`);
    const csrPath = join(dir, `${keyOwner}.csr`);
    if (spec.sameKeyAs === undefined) {
      openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', keyPath], dir);
      const cn = spec.cn ?? spec.name;
      if (!/^[A-Za-z0-9][A-Za-z0-9 .-]*$/.test(cn)) throw new Error(`${spec.name}: CN must be letters, digits, spaces, dots and dashes`);
      openssl(['req', '-new', '-config', config, '-key', keyPath, '-subj', `/CN=${cn}`, '-out', csrPath], dir);
    }
    const extPath = join(dir, `${spec.name}.ext`);
    writeFileSync(extPath, `${extensionLines(spec).join('\n')}\n`);
    const certPath = join(dir, `${spec.name}-cert.pem`);
    const signer = issuer ? ['-cert', issuer.certPath, '-keyfile', issuer.keyPath] : ['-selfsign', '-keyfile', keyPath];
    openssl([
      'ca', '-batch', '-notext', '-config', config, ...signer, '-in', csrPath,
      '-startdate', opensslDate(spec.notBefore), '-enddate', opensslDate(spec.notAfter),
      '-md', spec.hash, '-extfile', extPath, '-out', certPath,
    ], dir);
    const certPem = readFileSync(certPath, 'utf8');
    built[spec.name] = { name: spec.name, certPath, keyPath, certPem, keyPem: readFileSync(keyPath, 'utf8'), der: new X509Certificate(certPem).raw };
  }
  return built;
}
