import t from 'tap';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectFiles, type FilesCollection } from '../../src/files/collect-files.js';
import { makeDockerDocsTree, tempDir } from './fixtures/guide-tree.js';
import { namesOf, observationNamed } from './fixtures/observations.js';

const dir = tempDir(t);
const guide = path.join(dir, 'guide');
makeDockerDocsTree(guide);
const outside = path.join(dir, 'outside');
mkdirSync(outside);
copyFileSync(path.join(guide, 'key.pem'), path.join(outside, 'secret-key.pem'));

t.test('links inside a walked directory are never followed out of it', async (t) => {
  const walked = path.join(dir, 'links');
  mkdirSync(walked);
  copyFileSync(path.join(guide, 'cert.pem'), path.join(walked, 'real-cert.pem'));
  symlinkSync(path.join(outside, 'secret-key.pem'), path.join(walked, 'key.pem'));
  symlinkSync('real-cert.pem', path.join(walked, 'cert.pem'));
  symlinkSync('..', path.join(walked, 'parent'));
  symlinkSync(path.join(outside, 'missing-ca.pem'), path.join(walked, 'ca.pem'));
  const result = collectFiles([walked], { root: '/' });
  t.same(namesOf(result), ['ca.pem', 'real-cert.pem'], 'links that resolve are not followed (inside: the target is listed itself; outside: the walk stays in its folder)');
  t.notOk(result.files.some((file) => file.path.startsWith(outside) || path.basename(file.path) === 'key.pem'), 'nothing outside observed, nothing read through the link');
  t.match(observationNamed(result, 'ca.pem'), { kind: 'unreadable', readError: /dangling symbolic link to .*missing-ca\.pem/ }, 'a dangling link named like a CA is reported');
  t.same(result.errors, []);
});

t.test('symbolic link loops end, in a walk and when named', async (t) => {
  const walked = path.join(dir, 'loops');
  mkdirSync(walked);
  symlinkSync('b.pem', path.join(walked, 'a.pem'));
  symlinkSync('a.pem', path.join(walked, 'b.pem'));
  symlinkSync('self.pem', path.join(walked, 'self.pem'));
  mkdirSync(path.join(walked, 'sub'));
  symlinkSync('../sub', path.join(walked, 'sub', 'again'));
  const result = collectFiles([walked], { root: '/' });
  t.same(namesOf(result), ['a.pem', 'b.pem', 'self.pem']);
  for (const name of ['a.pem', 'b.pem', 'self.pem']) {
    t.match(observationNamed(result, name), { kind: 'unreadable', readError: /symbolic link to .* cannot be resolved: too many levels of symbolic links \(ELOOP\)/ }, name);
  }
  const named = collectFiles([path.join(walked, 'self.pem')], { root: '/' });
  t.match(observationNamed(named, 'self.pem'), { kind: 'unreadable', readError: /ELOOP/, stat: { type: 'symlink' } });
});

t.test('a link named as a PATH is followed, and says so', async (t) => {
  const linkDir = path.join(dir, 'named-link');
  mkdirSync(linkDir);
  symlinkSync(path.join(guide, 'server-cert.pem'), path.join(linkDir, 'server-cert.pem'));
  symlinkSync(path.join(dir, 'nowhere.pem'), path.join(linkDir, 'dangling.pem'));
  const result = collectFiles([path.join(linkDir, 'server-cert.pem'), path.join(linkDir, 'dangling.pem')], { root: '/' });
  const followed = observationNamed(result, 'server-cert.pem');
  t.equal(followed.kind, 'certificate');
  t.same(followed.symlinkTarget, { path: path.join(guide, 'server-cert.pem'), systemPath: path.join(guide, 'server-cert.pem') });
  t.match(followed.stat, { type: 'file', mode: 0o444 }, "the target's lstat, not the link's");
  t.match(observationNamed(result, 'dangling.pem'), { kind: 'unreadable', readError: /dangling symbolic link/ });
});

t.test('a directory named like a certificate is reported, and walked', async (t) => {
  const walked = path.join(dir, 'dir-named');
  mkdirSync(path.join(walked, 'cert.pem'), { recursive: true });
  copyFileSync(path.join(guide, 'ca.pem'), path.join(walked, 'cert.pem', 'ca.pem'));
  const result = collectFiles([walked], { root: '/' });
  t.match(observationNamed(result, 'cert.pem'), { kind: 'unreadable', readError: 'is a directory', stat: { type: 'directory' } });
  t.equal(observationNamed(result, 'ca.pem').kind, 'certificate');
  const named = collectFiles([path.join(walked, 'cert.pem')], { root: '/' });
  t.equal(observationNamed(named, 'cert.pem').readError, 'is a directory', 'also when named directly');
});

t.test('a 100 MB file is refused by size without being read', async (t) => {
  const walked = path.join(dir, 'huge');
  mkdirSync(walked);
  execFileSync('truncate', ['-s', '100M', path.join(walked, 'big.pem')]);
  const started = Date.now();
  const result = collectFiles([walked], { root: '/' });
  t.match(observationNamed(result, 'big.pem'), { kind: 'unreadable', readError: 'too large (104857600 bytes; the limit is 1048576 bytes, 1 MiB)', stat: { size: 104857600 } });
  t.ok(Date.now() - started < 2000, 'quick: the file was not read');
  const smallLimit = collectFiles([path.join(guide, 'ca.pem')], { root: '/', maxFileBytes: 100 });
  t.match(observationNamed(smallLimit, 'ca.pem').readError, /^too large \(\d+ bytes; the limit is 100 bytes\)$/);
});

t.test('FIFOs are never opened', async (t) => {
  const walked = path.join(dir, 'fifos');
  mkdirSync(walked);
  execFileSync('mkfifo', [path.join(walked, 'key.pem'), path.join(walked, 'pipe')]);
  const result = collectFiles([walked], { root: '/' });
  t.same(namesOf(result), ['key.pem'], 'a FIFO named like nothing in particular is not key material');
  t.match(observationNamed(result, 'key.pem'), { kind: 'unreadable', readError: 'is a FIFO (named pipe), not a regular file; not read', stat: { type: 'other' } });
});

t.test('PATHs that do not exist, and walks cut short, are errors', async (t) => {
  const missing = path.join(dir, 'no-such-dir');
  const result = collectFiles([missing], { root: '/' });
  t.same(result, { files: [], errors: [{ path: missing, message: 'does not exist' }], warnings: [] });

  const many = path.join(dir, 'many');
  mkdirSync(path.join(many, 'a', 'b', 'c'), { recursive: true });
  for (const name of ['1.pem', '2.pem', '3.pem', '4.pem', '5.pem']) writeFileSync(path.join(many, name), '');
  writeFileSync(path.join(many, 'a', 'b', 'c', 'deep.pem'), '');
  const capped = collectFiles([many], { root: '/', walkLimits: { maxDepth: 32, maxFiles: 3 } });
  t.equal(capped.files.filter((file) => file.stat?.type === 'file').length, 3);
  t.match(capped.errors, [{ path: many, message: 'stopped after 3 files; the rest of the directory was not read' }]);
  const shallow = collectFiles([many], { root: '/', walkLimits: { maxDepth: 2, maxFiles: 100 } });
  t.notOk(namesOf(shallow).includes('deep.pem'));
  t.match(shallow.errors, [{ path: path.join(many, 'a', 'b'), message: /not read: deeper than 2 levels/ }]);
});

t.test('files the scanner cannot read are reported as unreadable (run as uid 1000)', async (t) => {
  const shared = tempDir(t, 'dockprobe-files-uid-');
  chmodSync(shared, 0o755);
  copyFileSync(path.join(guide, 'server-key.pem'), path.join(shared, 'server-key.pem'));
  chmodSync(path.join(shared, 'server-key.pem'), 0o600);
  copyFileSync(path.join(guide, 'server-cert.pem'), path.join(shared, 'server-cert.pem'));
  chmodSync(path.join(shared, 'server-cert.pem'), 0o644);
  const child = fileURLToPath(new URL('./fixtures/collect-in-child.ts', import.meta.url));
  const loader = process.execArgv.filter((arg) => arg.includes('@tapjs/typescript'));
  const run = spawnSync(process.execPath, [...loader, child, '/', shared], {
    uid: 1000,
    gid: 1000,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/tmp' },
    timeout: 60_000,
  });
  if (run.status !== 0) t.comment(run.stderr);
  t.equal(run.status, 0, 'the child ran');
  const result = JSON.parse(run.stdout) as FilesCollection;
  t.match(observationNamed(result, 'server-key.pem'), {
    kind: 'unreadable',
    readError: 'permission denied (EACCES)',
    role: 'server-key',
    stat: { type: 'file', mode: 0o600, uid: 0 },
  });
  const certificate = observationNamed(result, 'server-cert.pem');
  t.equal(certificate.kind, 'certificate', 'the readable file beside it is still read');
  t.equal(certificate.pairedWith, path.join(shared, 'server-key.pem'), 'paired by name');
  t.equal(certificate.pairMatches, null, 'but no verdict on a key nobody could read');
  t.equal(certificate.besidePrivateKey, true, 'an unreadable server-key.pem still counts as a key beside it');
});
