/**
 * Hostile trees for the walks of `dockprobe files DIR` and of the machine audit (issue 6):
 * symbolic link loops, files that vanish mid-walk, FIFOs and devices, and directories the
 * scanner may not read. Each case asserts the end state a user relies on: which files are
 * reported, once, and which error entry says what could not be checked and what to do.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { auditMachine } from '../../src/audit/local-audit.js';
import { collectFiles } from '../../src/files/collect-files.js';
import type { ScanReport } from '../../src/report/scan-report.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { assertValidReport } from '../helpers/report-validation.js';
import { runCli, runCliAsNobody } from '../helpers/run-cli.js';
import { makeDockerDocsTree, tempDir } from './fixtures/guide-tree.js';
import { namesOf, observationNamed } from './fixtures/observations.js';

const dir = tempDir(t, 'dockprobe-hostile-files-');
// Reachable by the unprivileged user some tests run as.
chmodSync(dir, 0o755);
const guide = path.join(dir, 'guide');
makeDockerDocsTree(guide);

const jsonReport = (stdout: string) => JSON.parse(stdout) as ScanReport;

const basenames = (report: ScanReport) => report.files.map((file) => path.basename(file.path)).sort();

/** A tree with every kind of symbolic link loop, and one real certificate among them. */
function loopTree(at: string): void {
  mkdirSync(path.join(at, 'sub', 'deeper'), { recursive: true });
  copyFileSync(path.join(guide, 'server-cert.pem'), path.join(at, 'server-cert.pem'));
  symlinkSync('b.pem', path.join(at, 'a.pem'));
  symlinkSync('a.pem', path.join(at, 'b.pem'));
  symlinkSync('.', path.join(at, 'here'));
  symlinkSync('..', path.join(at, 'sub', 'up'));
  symlinkSync('../..', path.join(at, 'sub', 'deeper', 'top'));
  symlinkSync('../deeper/key.pem', path.join(at, 'sub', 'deeper', 'key.pem'));
}

t.test('symbolic link loops: the walk ends, and each looping link is reported once', async (t) => {
  const walked = path.join(dir, 'loops');
  loopTree(walked);
  const started = Date.now();
  const run = await runCli(['files', walked, '-f', 'json', '--fail-on', 'none'], { timeoutMs: 30_000 });
  t.ok(Date.now() - started < 30_000, 'ended by itself');
  t.equal(run.stderr, '');
  const report = jsonReport(run.stdout);
  t.same(basenames(report), ['a.pem', 'b.pem', 'key.pem', 'server-cert.pem'], 'each once: no path reached twice through here/, up/ or top/');
  for (const name of ['a.pem', 'b.pem', 'key.pem']) {
    t.match(report.files.find((file) => path.basename(file.path) === name), { kind: 'unreadable', readError: /symbolic link to .* cannot be resolved: too many levels of symbolic links \(ELOOP\)/, stat: { type: 'symlink' } }, name);
  }
  t.match(report.files.find((file) => path.basename(file.path) === 'server-cert.pem'), { kind: 'certificate', path: path.join(walked, 'server-cert.pem') });
  t.same(report.errors, [], 'a loop is a finding on the link, not an error of the walk');

  // The machine audit walks /etc/docker with the same walker, under --root.
  const root = path.join(dir, 'audit-root');
  loopTree(path.join(root, 'etc/docker'));
  const audit = auditMachine({ root, env: {}, metadata: loadRuleMetadata(), evaluation: { now: new Date() } });
  t.same(audit.files.map((file) => file.systemPath).sort(), ['/etc/docker/a.pem', '/etc/docker/b.pem', '/etc/docker/server-cert.pem', '/etc/docker/sub/deeper/key.pem']);
  t.same(audit.errors, []);
});

t.test('files that vanish between the listing and the look at them are skipped, the rest audited', async (t) => {
  const walked = path.join(dir, 'vanishing');
  mkdirSync(path.join(walked, 'sub'), { recursive: true });
  mkdirSync(path.join(walked, 'gone-dir'));
  for (const name of ['cert.pem', 'key.pem', 'ca.pem']) copyFileSync(path.join(guide, name), path.join(walked, name));
  copyFileSync(path.join(guide, 'ca-key.pem'), path.join(walked, 'gone-before-lstat-key.pem'));
  copyFileSync(path.join(guide, 'ca-key.pem'), path.join(walked, 'gone-before-read-key.pem'));
  copyFileSync(path.join(guide, 'ca-key.pem'), path.join(walked, 'gone-dir', 'ca-key.pem'));
  writeFileSync(path.join(walked, 'sub', 'note.txt'), 'x');

  const seen: string[] = [];
  const result = collectFiles([walked], {
    root: '/',
    afterListing(directory, names) {
      seen.push(`${path.relative(walked, directory) || '.'}: ${names.join(' ')}`);
      if (directory === walked) {
        // Listed, then gone before the walk looks at them.
        rmSync(path.join(walked, 'gone-before-lstat-key.pem'));
        rmSync(path.join(walked, 'gone-dir'), { recursive: true });
      }
      // The walk has looked at this one already (it is in the top folder); it goes before it is read.
      if (directory === path.join(walked, 'sub')) rmSync(path.join(walked, 'gone-before-read-key.pem'));
    },
  });
  t.same(seen, ['.: ca.pem cert.pem gone-before-lstat-key.pem gone-before-read-key.pem gone-dir key.pem sub', 'sub: note.txt'], 'the seam ran where the test needs it');
  t.same(namesOf(result), ['ca.pem', 'cert.pem', 'key.pem'], 'no trace of what vanished');
  t.same(result.errors, [], 'and no error: it is not part of the system any more');
  t.equal(observationNamed(result, 'cert.pem').pairMatches, true, 'the rest is audited as usual');
  t.equal(observationNamed(result, 'cert.pem').chainVerified, true);
  t.equal(observationNamed(result, 'key.pem').besidePrivateKey, false, 'a vanished key is no key left beside it');

  // What the user named is different: gone is worth saying.
  const named = collectFiles([path.join(walked, 'gone-before-read-key.pem')], { root: '/' });
  t.same(named.errors, [{ path: path.join(walked, 'gone-before-read-key.pem'), message: 'does not exist' }]);
});

t.test('FIFOs and devices in a walk never block it: reported when named like key material, never opened', async (t) => {
  const walked = path.join(dir, 'specials');
  mkdirSync(walked);
  copyFileSync(path.join(guide, 'ca.pem'), path.join(walked, 'ca.pem'));
  execFileSync('mkfifo', [path.join(walked, 'key.pem'), path.join(walked, 'pipe')]);
  // The same device numbers as /dev/zero: a read of it would never end.
  execFileSync('mknod', [path.join(walked, 'cert.pem'), 'c', '1', '5']);
  execFileSync('mknod', [path.join(walked, 'zero'), 'c', '1', '5']);
  const run = await runCli(['files', walked, path.join(walked, 'pipe'), '-f', 'json', '--fail-on', 'none'], { timeoutMs: 30_000 });
  t.not(run.status, null, 'the run ended by itself');
  const report = jsonReport(run.stdout);
  t.same(basenames(report), ['ca.pem', 'cert.pem', 'key.pem', 'pipe'], 'the FIFO named as a PATH is reported; the unnamed device is nobody\'s key');
  const file = (name: string) => report.files.find((candidate) => path.basename(candidate.path) === name);
  t.match(file('key.pem'), { kind: 'unreadable', readError: 'is a FIFO (named pipe), not a regular file; not read', stat: { type: 'other' } });
  t.match(file('cert.pem'), { kind: 'unreadable', readError: 'is a character device, not a regular file; not read', stat: { type: 'other' } });
  t.match(file('pipe'), { readError: 'is a FIFO (named pipe), not a regular file; not read' });
  t.equal(file('ca.pem')?.kind, 'certificate');
});

t.test('a directory the scanner may not list is an error entry naming it and what to do; the rest is audited (run as nobody)', async (t) => {
  const tree = path.join(dir, 'permissions');
  makeDockerDocsTree(path.join(tree, 'open'));
  chmodSync(path.join(tree, 'open', 'ca-key.pem'), 0o644);
  chmodSync(path.join(tree, 'open', 'key.pem'), 0o644);
  chmodSync(path.join(tree, 'open', 'server-key.pem'), 0o644);
  chmodSync(tree, 0o755);
  chmodSync(path.join(tree, 'open'), 0o755);
  mkdirSync(path.join(tree, 'locked'), { mode: 0o700 });
  copyFileSync(path.join(guide, 'ca-key.pem'), path.join(tree, 'locked', 'ca-key.pem'));
  // Listable but not enterable: the names show, the files behind them cannot be looked at.
  mkdirSync(path.join(tree, 'no-search'), { mode: 0o744 });
  copyFileSync(path.join(guide, 'ca.pem'), path.join(tree, 'no-search', 'ca.pem'));
  chmodSync(path.join(tree, 'locked'), 0o700);
  chmodSync(path.join(tree, 'no-search'), 0o744);

  const run = runCliAsNobody(['files', tree, '-f', 'json', '--fail-on', 'none']);
  t.equal(run.stderr, '', 'no stack trace');
  const report = assertValidReport(t, run.stdout);
  t.same(
    report.errors.map((error) => [error.kind, error.path, error.message]),
    [
      [
        'file',
        path.join(tree, 'locked'),
        `${path.join(tree, 'locked')}: cannot list directory: permission denied (EACCES); nothing below it was checked: run dockprobe as root, or grant it read and execute access to this directory`,
      ],
      [
        'file',
        path.join(tree, 'no-search', 'ca.pem'),
        `${path.join(tree, 'no-search', 'ca.pem')}: permission denied (EACCES); not checked: run dockprobe as root, or grant it execute access to the directory`,
      ],
    ],
  );
  t.equal(run.status, 4, 'incomplete: not a pass');
  const open = report.files.filter((file) => path.dirname(file.path) === path.join(tree, 'open'));
  t.ok(open.length >= 8, 'the readable folder is audited in full');
  t.match(open.find((file) => path.basename(file.path) === 'server-cert.pem'), { kind: 'certificate', pairMatches: true, chainVerified: true });
  t.ok(report.findings.some((finding) => finding.ruleId === 'file-ca-key-on-host' && finding.path === path.join(tree, 'open', 'ca-key.pem')), 'and judged');

  // Named behind the closed folder: it is there, and unreadable to us, not "does not exist".
  const behind = path.join(tree, 'locked', 'ca-key.pem');
  const named = runCliAsNobody(['files', behind, '-f', 'json', '--fail-on', 'none']);
  const namedReport = assertValidReport(t, named.stdout);
  t.same(namedReport.errors.map((error) => error.message), [`${behind}: permission denied (EACCES); none of its checks ran (run dockprobe as root or as the file's owner)`]);
  t.match(namedReport.files, [{ path: behind, kind: 'unreadable', readError: 'permission denied (EACCES)', stat: null, role: 'ca-key' }]);
  t.equal(named.status, 4);
});

t.test('under --root, the machine audit follows an absolute link to the certificate folder inside the image, not on this host', async (t) => {
  const root = path.join(dir, 'linked-root');
  mkdirSync(path.join(root, 'srv/certs'), { recursive: true });
  for (const name of ['ca.pem', 'server-cert.pem', 'server-key.pem']) copyFileSync(path.join(guide, name), path.join(root, 'srv/certs', name));
  mkdirSync(path.join(root, 'etc/docker'), { recursive: true });
  // /srv/certs exists only inside the root: looked up on the scanning host, the folder is not there.
  symlinkSync('/srv/certs', path.join(root, 'etc/docker/ssl'));
  mkdirSync(path.join(root, 'lib/systemd/system'), { recursive: true });
  writeFileSync(
    path.join(root, 'lib/systemd/system/docker.service'),
    '[Service]\nExecStart=/usr/bin/dockerd -H tcp://0.0.0.0:2376 --tlsverify --tlscacert /etc/docker/ssl/ca.pem --tlscert /etc/docker/ssl/server-cert.pem --tlskey /etc/docker/ssl/server-key.pem\n',
  );
  const audit = auditMachine({ root, env: {}, metadata: loadRuleMetadata(), evaluation: { now: new Date() } });
  const certificate = audit.files.find((file) => file.systemPath === '/etc/docker/ssl/server-cert.pem');
  t.match(certificate, { kind: 'certificate', role: 'server-cert', roleSource: 'config', symlinkTarget: { systemPath: '/srv/certs/server-cert.pem' }, pairMatches: true, chainVerified: true });
  t.same(audit.errors, []);
});
