import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../usage-error.js';
import type { ClientIdentity, ScanCredentials } from './client-identity.js';

export interface CredentialFlags {
  tlscacert?: string;
  tlscert?: string;
  tlskey?: string;
  certPath?: string;
}

interface Located {
  path: string;
  origin: string;
  /** Named explicitly by the user: a missing file is an error, not a fallback. */
  explicit: boolean;
}

/** A CA bundle is a few hundred KiB (Debian's whole store is ~220 KiB); more is not TLS material. */
const MAX_MATERIAL_BYTES = 4 * 1024 * 1024;

function readMaterial(file: Located): string {
  let size = 0;
  try {
    // Regular files only: `--tlscacert <(…)` is a pipe, and legitimately has no size.
    const stats = statSync(file.path);
    if (stats.isFile()) size = stats.size;
  } catch {
    // reported by the read below, with its reason
  }
  if (size > MAX_MATERIAL_BYTES) {
    throw new UsageError(`${file.origin} "${file.path}" is ${Math.round(size / 1024 / 1024)} MiB, too large for a certificate or key (limit 4 MiB); give the PEM file itself`);
  }
  try {
    return readFileSync(file.path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`${file.origin} "${file.path}": cannot read it (${code}); check the path and its permissions`);
  }
}

/**
 * Finds the client's TLS material the way the docker CLI does: explicit flags first, then a
 * certificate directory (--cert-path, else DOCKER_CERT_PATH, else ~/.docker) holding
 * ca.pem, cert.pem and key.pem.
 */
export function loadCredentials(
  flags: CredentialFlags,
  env: NodeJS.ProcessEnv = process.env,
  home = env.HOME || homedir(),
  /** The clock client certificates are judged by (--at, else now). */
  now: Date = new Date(),
): ScanCredentials {
  let directory: { path: string; origin: string; explicit: boolean } | null = null;
  if (flags.certPath) directory = { path: flags.certPath, origin: '--cert-path', explicit: true };
  else if (env.DOCKER_CERT_PATH) directory = { path: env.DOCKER_CERT_PATH, origin: 'DOCKER_CERT_PATH', explicit: true };
  else directory = { path: join(home, '.docker'), origin: '~/.docker', explicit: false };

  if (directory.explicit) {
    let isDirectory = false;
    try {
      isDirectory = statSync(directory.path).isDirectory();
    } catch {
      // reported below
    }
    if (!isDirectory) throw new UsageError(`${directory.origin} "${directory.path}" is not a directory; point it at the folder holding ca.pem, cert.pem and key.pem`);
  }

  const pick = (flag: string | undefined, flagName: string, fileName: string): Located | null => {
    if (flag) return { path: flag, origin: flagName, explicit: true };
    const path = join(directory!.path, fileName);
    return existsSync(path) ? { path, origin: `${directory!.origin}/${fileName}`, explicit: directory!.explicit } : null;
  };
  const ca = pick(flags.tlscacert, '--tlscacert', 'ca.pem');
  const cert = pick(flags.tlscert, '--tlscert', 'cert.pem');
  const key = pick(flags.tlskey, '--tlskey', 'key.pem');

  if (directory.explicit && !flags.tlscacert && !flags.tlscert && !flags.tlskey && !ca && !cert && !key) {
    throw new UsageError(`${directory.origin} "${directory.path}" holds none of ca.pem, cert.pem, key.pem; give the folder with your Docker client certificates`);
  }
  // A mistyped flag path is the likelier mistake than a missing partner file: say so first.
  const flagged: Array<[string | undefined, string]> = [[flags.tlscacert, '--tlscacert'], [flags.tlscert, '--tlscert'], [flags.tlskey, '--tlskey']];
  for (const [path, origin] of flagged) {
    if (path && !existsSync(path)) readMaterial({ path, origin, explicit: true });
  }
  // What the user named must load, or the scan stops. Files merely found in ~/.docker are the
  // docker CLI's, which uses them only with --tlsverify: a stray or broken one is a warning.
  const warnings: string[] = [];
  const tolerant = <T>(explicit: boolean, load: () => T): T | null => {
    if (explicit) return load();
    try {
      return load();
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      warnings.push(`${error.message} (skipped: found in ${directory!.origin}, not named, so the scan goes on without it)`);
      return null;
    }
  };
  const caPem = ca ? tolerant(ca.explicit, () => loadCa(ca)) : null;
  const user = cert || key ? tolerant(Boolean(cert?.explicit || key?.explicit), () => loadUserIdentity(cert, key)) : null;
  const validity = user && cert ? validityWarning(user.certPem, cert, now) : null;
  if (validity) warnings.push(validity);
  return { caPem, caOrigin: ca && caPem !== null ? `${ca.origin} ${ca.path}` : null, user, warnings };
}

function loadCa(ca: Located): string {
  const caPem = readMaterial(ca);
  try {
    new X509Certificate(caPem);
  } catch {
    throw new UsageError(`${ca.origin} "${ca.path}" is not a PEM certificate; give the CA certificate that signed the daemon's certificate`);
  }
  return caPem;
}

const DAY_MS = 86_400_000;

/**
 * A client certificate outside its validity period still gets sent, and a daemon refuses it: the
 * attempt with it then shows only that. Said before any traffic, so the user can fix it first.
 */
function validityWarning(certPem: string, cert: Located, now: Date): string | null {
  const certificate = new X509Certificate(certPem);
  const notAfter = new Date(certificate.validTo);
  const notBefore = new Date(certificate.validFrom);
  const day = (date: Date): string => date.toISOString().slice(0, 10);
  if (now > notAfter) {
    const days = Math.floor((now.getTime() - notAfter.getTime()) / DAY_MS);
    return `${cert.origin} "${cert.path}" expired on ${day(notAfter)} (${days} day(s) ago): daemons will refuse it, so attempt (b) can only show that; renew it`;
  }
  if (now < notBefore) return `${cert.origin} "${cert.path}" is not valid until ${day(notBefore)}: daemons will refuse it until then; check the clock, or reissue it`;
  return null;
}

function loadUserIdentity(cert: Located | null, key: Located | null): ClientIdentity {
  if (!key) throw new UsageError(`${cert!.origin} "${cert!.path}" has no key: give --tlskey (or put key.pem beside it)`);
  if (!cert) throw new UsageError(`${key.origin} "${key.path}" has no certificate: give --tlscert (or put cert.pem beside it)`);
  const certPem = readMaterial(cert);
  const keyPem = readMaterial(key);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certPem);
  } catch {
    throw new UsageError(`${cert.origin} "${cert.path}" is not a PEM certificate; give your Docker client certificate (cert.pem)`);
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(keyPem);
  } catch (error) {
    const encrypted = /passphrase|encrypted/i.test((error as Error).message) || keyPem.includes('ENCRYPTED');
    throw new UsageError(
      encrypted
        ? `${key.origin} "${key.path}" is encrypted; dockprobe never asks for passphrases: give an unencrypted copy readable only by you`
        : `${key.origin} "${key.path}" is not a private key dockprobe can read (PEM PKCS#1, PKCS#8 or SEC1)`,
    );
  }
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new UsageError(`${cert.origin} "${cert.path}" and ${key.origin} "${key.path}" do not pair: the key is not the certificate's; give the matching key`);
  }
  return { certPem, keyPem, origin: `${cert.origin} ${cert.path}` };
}
