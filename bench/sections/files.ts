/**
 * 5. Files: `dockprobe files` over 10,000 certificate and key files laid out as 1,000 hosts'
 * Docker TLS folders. As in a real fleet, every host has its own keys and certificates and
 * only the CA is shared (10 CAs, each for 100 hosts: even ones RSA 2048, odd ones P-256), so
 * a cache keyed on content gains no more here than it would in the field. Made once (keys
 * by node:crypto, certificates by `openssl req -x509 -CA`, about three minutes on 2 cores) and cached under
 * /tmp/dockprobe-bench-files.
 */
import { execFile } from 'node:child_process';
import { generateKeyPair } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { makePki, type KeyType } from '../../test/helpers/pki.js';
import { callCountsMarkdown, countCalls, profileDockprobe, runDockprobe, type CallCounts, type ProfiledRun } from '../lib/dockprobe.js';
import { assertExit, measure, median, mib, seconds, type Measured } from '../lib/measure.js';
import { profileMarkdown } from '../lib/profile.js';
import type { BenchContext, Row, Section } from '../lib/types.js';

export const FILES_CACHE = '/tmp/dockprobe-bench-files';
const LAYOUT_VERSION = 'v2: 1000 hosts x 10 files (7 certificate files, 3 keys), unique keys and leaves, 10 CAs';
const HOSTS = 1_000;
const PKIS = 10;
const FILES = HOSTS * 10;
const GOAL_FILES_PER_SECOND = 2_000;
const REPS = 3;
const CEILING = fileURLToPath(new URL('../tools/parse-ceiling.mjs', import.meta.url));
const execFileAsync = promisify(execFile);
const generateKeyPairAsync = promisify(generateKeyPair);

interface Ca {
  cert: string;
  key: string;
  keyType: KeyType;
}

async function newKey(path: string, keyType: KeyType, mode: number): Promise<void> {
  const { privateKey } =
    keyType === 'ec256'
      ? await generateKeyPairAsync('ec', { namedCurve: 'P-256' })
      : await generateKeyPairAsync('rsa', { modulusLength: keyType === 'rsa1024' ? 1024 : 2048 });
  writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { mode });
  chmodSync(path, mode);
}

/** One certificate signed by `ca`, in one openssl call. Names are text only: nothing is resolved. */
async function newCert(config: string, ca: Ca, key: string, out: string, subject: string, days: number, extensions: string[]): Promise<void> {
  await execFileAsync('openssl', [
    'req', '-config', config, '-new', '-x509', '-key', key, '-subj', `/CN=${subject}`, '-CA', ca.cert, '-CAkey', ca.key,
    '-days', String(days), '-sha256', ...extensions.flatMap((extension) => ['-addext', extension]), '-out', out,
  ]);
  chmodSync(out, 0o644);
}

async function makeHost(root: string, host: number, ca: Ca, config: string): Promise<void> {
  const dir = join(root, `h${String(host).padStart(4, '0')}`);
  for (const sub of ['server', 'client', 'archive']) mkdirSync(join(dir, sub), { recursive: true });
  const name = `h${String(host).padStart(4, '0')}.bench.internal`;
  const san = `subjectAltName=DNS:${name},DNS:localhost,IP:10.20.${host >> 8}.${host & 255}`;
  const server = ['basicConstraints=CA:FALSE', 'extendedKeyUsage=serverAuth', san];
  const client = ['basicConstraints=CA:FALSE', 'extendedKeyUsage=clientAuth'];
  // One host in ten left its server key readable by everyone: findings to report.
  await newKey(join(dir, 'server/server-key.pem'), ca.keyType, host % 10 === 0 ? 0o644 : 0o400);
  await newKey(join(dir, 'client/key.pem'), ca.keyType, 0o400);
  await newKey(join(dir, 'archive/server-key-old.pem'), ca.keyType, 0o400);
  await newCert(config, ca, join(dir, 'server/server-key.pem'), join(dir, 'server/server-cert.pem'), name, 365, server);
  await newCert(config, ca, join(dir, 'client/key.pem'), join(dir, 'client/cert.pem'), `client of ${name}`, 365, client);
  // The previous server certificate, expiring in 10 days; the previous client certificate on the same key.
  await newCert(config, ca, join(dir, 'archive/server-key-old.pem'), join(dir, 'archive/server-cert-old.pem'), name, 10, server);
  await newCert(config, ca, join(dir, 'client/key.pem'), join(dir, 'archive/client-cert-old.pem'), `client of ${name}`, 30, client);
  const caPem = readFileSync(ca.cert, 'utf8');
  writeFileSync(join(dir, 'server/ca.pem'), caPem, { mode: 0o644 });
  writeFileSync(join(dir, 'client/ca.pem'), caPem, { mode: 0o644 });
  writeFileSync(join(dir, 'archive/bundle.pem'), readFileSync(join(dir, 'server/server-cert.pem'), 'utf8') + caPem, { mode: 0o644 });
}

/** The 10,000 files, made once and reused while the layout version matches. */
async function ensureFiles(log: (message: string) => void): Promise<string> {
  const marker = join(FILES_CACHE, '.complete');
  const hostsDir = join(FILES_CACHE, 'hosts');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === LAYOUT_VERSION) return hostsDir;
  log(`files: making ${FILES} files under ${FILES_CACHE} (once, about three minutes on 2 cores; cached)`);
  rmSync(FILES_CACHE, { recursive: true, force: true });
  const cas: Ca[] = Array.from({ length: PKIS }, (_, i) => {
    const keyType: KeyType = i % 2 === 0 ? 'rsa2048' : 'ec256';
    const pki = makePki(join(FILES_CACHE, 'pki', `ca-${i}`), { keyType, caCommonName: `bench CA ${i}`, days: 3650 });
    return { cert: pki.ca.certPath, key: pki.ca.keyPath, keyType };
  });
  const config = join(FILES_CACHE, 'pki', 'req.cnf');
  writeFileSync(config, '[ req ]\ndistinguished_name = dn\nprompt = no\n[ dn ]\n');
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let host = next++; host < HOSTS; host = next++) {
      await makeHost(hostsDir, host, cas[host % PKIS]!, config);
      if ((host + 1) % 250 === 0) log(`files: ${host + 1} of ${HOSTS} hosts`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(2, cpus().length) }, lane));
  writeFileSync(marker, LAYOUT_VERSION);
  return hostsDir;
}

const CERTS_ONLY_VERSION = 'v1: per host the 7 certificate files (hard links) + 3 more renewals on the host keys';
/** The 7 certificate files of a host folder, as laid out by makeHost. */
const CERT_FILES = ['server/ca.pem', 'server/server-cert.pem', 'client/ca.pem', 'client/cert.pem', 'archive/server-cert-old.pem', 'archive/client-cert-old.pem', 'archive/bundle.pem'];

/**
 * The same fleet with certificates only, 10 per host: the 7 certificate files (hard links,
 * nothing copied) and 3 older renewals, each a new certificate on the host's own key.
 */
async function ensureCertsOnly(hostsDir: string, log: (message: string) => void): Promise<string> {
  const marker = join(FILES_CACHE, '.certs-only-complete');
  const certsDir = join(FILES_CACHE, 'certs-only');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === CERTS_ONLY_VERSION) return certsDir;
  log(`files: making the certificates-only set under ${certsDir} (once; cached)`);
  rmSync(certsDir, { recursive: true, force: true });
  const config = join(FILES_CACHE, 'pki', 'req.cnf');
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let host = next++; host < HOSTS; host = next++) {
      const id = `h${String(host).padStart(4, '0')}`;
      const from = join(hostsDir, id);
      const to = join(certsDir, id);
      for (const sub of ['server', 'client', 'archive']) mkdirSync(join(to, sub), { recursive: true });
      for (const file of CERT_FILES) linkSync(join(from, file), join(to, file));
      const i = host % PKIS;
      const ca: Ca = { cert: join(FILES_CACHE, 'pki', `ca-${i}`, 'ca.pem'), key: join(FILES_CACHE, 'pki', `ca-${i}`, 'ca-key.pem'), keyType: i % 2 === 0 ? 'rsa2048' : 'ec256' };
      const name = `${id}.bench.internal`;
      const server = ['basicConstraints=CA:FALSE', 'extendedKeyUsage=serverAuth', `subjectAltName=DNS:${name},DNS:localhost,IP:10.20.${host >> 8}.${host & 255}`];
      const client = ['basicConstraints=CA:FALSE', 'extendedKeyUsage=clientAuth'];
      await newCert(config, ca, join(from, 'server/server-key.pem'), join(to, 'archive/server-cert-2025.pem'), name, 200, server);
      await newCert(config, ca, join(from, 'archive/server-key-old.pem'), join(to, 'archive/server-cert-2024.pem'), name, 100, server);
      await newCert(config, ca, join(from, 'client/key.pem'), join(to, 'archive/client-cert-2025.pem'), `client of ${name}`, 200, client);
    }
  };
  await Promise.all(Array.from({ length: Math.max(2, cpus().length) }, lane));
  writeFileSync(marker, CERTS_ONLY_VERSION);
  return certsDir;
}

interface TreeResult {
  label: string;
  dir: string;
  dockprobe: Measured[];
  ceiling: Measured[];
  reported: number;
  findings: number;
}

export const files: Section = async (context: BenchContext) => {
  const hostsDir = await ensureFiles(context.log);
  const certsDir = await ensureCertsOnly(hostsDir, context.log);
  const trees: TreeResult[] = [
    { label: `${FILES.toLocaleString('en')} certificate files (certificates only)`, dir: certsDir, dockprobe: [], ceiling: [], reported: 0, findings: 0 },
    { label: `${FILES.toLocaleString('en')} files of Docker TLS folders (7,000 certificate files + 3,000 keys)`, dir: hostsDir, dockprobe: [], ceiling: [], reported: 0, findings: 0 },
  ];
  const argsFor = (dir: string) => ['files', dir, '-f', 'json', '--fail-on', 'none'];
  for (let rep = 1; rep <= REPS; rep++) {
    context.log(`files: round ${rep}/${REPS}`);
    for (const tree of trees) {
      const { run, report } = await runDockprobe(context, argsFor(tree.dir), { timeoutMs: 600_000 });
      tree.reported = report.files?.length ?? 0;
      tree.findings = report.findings.length;
      tree.dockprobe.push(run);
      const anchor = await measure([process.execPath, CEILING, tree.dir], { timeoutMs: 300_000 });
      assertExit(anchor, [0], 'parse ceiling');
      tree.ceiling.push(anchor);
    }
  }
  for (const tree of trees) if (tree.reported !== FILES) throw new Error(`dockprobe reported ${tree.reported} files in ${tree.dir}, expected ${FILES}`);
  context.log('files: profiling one dockprobe run on each set, and counting its crypto calls in another');
  const profiles: ProfiledRun[] = [];
  const calls: CallCounts[] = [];
  for (const [i, tree] of trees.entries()) {
    profiles.push(await profileDockprobe(context, i === 0 ? 'files-certs-only' : 'files-tls-folders', argsFor(tree.dir), { timeoutMs: 600_000 }));
    calls.push(await countCalls(context, argsFor(tree.dir), { timeoutMs: 600_000 }));
  }

  const rows: Row[] = [];
  const details = [
    `${HOSTS} host folders under \`${hostsDir}\`, each: \`server/{ca.pem,server-cert.pem,server-key.pem}\`, \`client/{ca.pem,cert.pem,key.pem}\`, \`archive/{server-cert-old.pem (expires in 10 days), server-key-old.pem, client-cert-old.pem, bundle.pem (leaf + CA)}\`: 7 certificate files and 3 keys. Every key and leaf certificate is the host's own; the CA is one of ${PKIS} (even: RSA 2048, odd: P-256), as in a fleet. One host in ten has a world-readable server key.`,
    '',
    `The certificates-only set (\`${certsDir}\`) has, per host, the same 7 certificate files (hard links) and 3 older renewals (\`archive/server-cert-2025.pem\`, \`server-cert-2024.pem\`, \`client-cert-2025.pem\`, each a new certificate on the host's own key): 10,000 files, 11,000 certificates, no keys.`,
    '',
    '```',
    'node dist/cli.js files DIR -f json --fail-on none',
    'node bench/tools/parse-ceiling.mjs DIR',
    '```',
    '',
    '| set | run | wall (median) | walls | files/s | peak RSS | CPU user+sys | findings |',
    '|---|---|---:|---|---:|---:|---:|---:|',
  ];
  const perSet: string[] = [];
  for (const [i, tree] of trees.entries()) {
    const wall = median(tree.dockprobe.map((run) => run.wallMs));
    const anchorWall = median(tree.ceiling.map((run) => run.wallMs));
    const rate = FILES / (wall / 1000);
    const anchorRate = FILES / (anchorWall / 1000);
    rows.push({
      figure: `Files: \`dockprobe files\` on ${tree.label}`,
      dockprobe: `${rate.toFixed(0)} files/s (${seconds(wall)}, ${mib(median(tree.dockprobe.map((r) => r.maxRssKb)))})`,
      anchor: `bare read + X509 parse: ${anchorRate.toFixed(0)} files/s (${seconds(anchorWall)})`,
      ratio: `${(rate / anchorRate).toFixed(2)}× the bare parse`,
      goal: `≥ ${GOAL_FILES_PER_SECOND.toLocaleString('en')} files/s`,
      met: rate >= GOAL_FILES_PER_SECOND ? 'yes' : 'no',
      note: rate >= GOAL_FILES_PER_SECOND ? undefined : `${((1 - rate / GOAL_FILES_PER_SECOND) * 100).toFixed(0)}% short of the goal; see the profile and call counts under "5. Files"`,
    });
    details.push(`| ${i === 0 ? 'certificates only' : 'TLS folders'} | dockprobe files | ${seconds(wall)} | ${tree.dockprobe.map((r) => (r.wallMs / 1000).toFixed(2)).join(', ')} | ${rate.toFixed(0)} | ${mib(median(tree.dockprobe.map((r) => r.maxRssKb)))} | ${median(tree.dockprobe.map((r) => r.userS + r.sysS)).toFixed(2)} s | ${tree.findings} |`);
    details.push(`| ${i === 0 ? 'certificates only' : 'TLS folders'} | bare parse | ${seconds(anchorWall)} | ${tree.ceiling.map((r) => (r.wallMs / 1000).toFixed(2)).join(', ')} | ${anchorRate.toFixed(0)} | ${mib(median(tree.ceiling.map((r) => r.maxRssKb)))} | ${median(tree.ceiling.map((r) => r.userS + r.sysS)).toFixed(2)} s | — |`);
    const certificates = i === 0 ? HOSTS * 11 : HOSTS * 8;
    perSet.push(
      '',
      ...profileMarkdown(`Where \`dockprobe files\` spends its time on the ${i === 0 ? 'certificates-only set' : 'TLS folders'}`, profiles[i]!.profiles),
      `node:crypto calls in one run on the ${i === 0 ? 'certificates-only set' : 'TLS folders'} (bench/tools/count-crypto.cjs preloaded; ${certificates.toLocaleString('en')} certificates${i === 0 ? '' : `, ${HOSTS * 3} keys`}):`,
      '',
      ...callCountsMarkdown(calls[i]!, [['file', FILES], ['certificate', certificates]]),
    );
  }
  details.push(...perSet, '');
  return {
    title: '5. Files',
    rows,
    details,
    raw: Object.fromEntries(
      trees.map((tree, i) => [
        i === 0 ? 'certificatesOnly' : 'tlsFolders',
        { files: FILES, reported: tree.reported, findings: tree.findings, dockprobeWallMs: tree.dockprobe.map((r) => Math.round(r.wallMs)), ceilingWallMs: tree.ceiling.map((r) => Math.round(r.wallMs)), profiles: profiles[i]!.profiles, calls: calls[i] },
      ]),
    ),
  };
};
