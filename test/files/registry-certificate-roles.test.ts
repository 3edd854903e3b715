/**
 * `dockprobe files /etc/docker/certs.d`: without the config, a registry's certificates still get
 * the roles dockerd gives them by name (CIS 3.7, 3.8), so the certificate and key checks run.
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { executeFiles } from '../../src/cli/local-commands.js';
import { issueClientCert, makePki } from '../helpers/pki.js';
import { assertValidReport } from '../helpers/report-validation.js';

t.test('files on certs.d: ca.crt a CA, client.cert a client certificate, client.key its key; elsewhere the names say nothing', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dockprobe-certsd-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const pki = makePki(join(dir, 'pki'));
  const client = issueClientCert(pki, { name: 'client' });
  const root = join(dir, 'rootfs');
  const registry = join(root, 'etc/docker/certs.d/registry.local:5000');
  const elsewhere = join(root, 'srv/certs');
  for (const folder of [registry, elsewhere]) {
    mkdirSync(folder, { recursive: true });
    copyFileSync(pki.ca.certPath, join(folder, 'ca.crt'));
    copyFileSync(client.certPath, join(folder, 'client.cert'));
    copyFileSync(client.keyPath, join(folder, 'client.key'));
  }
  chmodSync(join(registry, 'client.key'), 0o644);
  const run = executeFiles(['/etc/docker/certs.d', '/srv/certs'], { format: 'json', failOn: 'none', root }, { HOME: '/nonexistent' });
  const report = assertValidReport(t, run.rendered, 'files --root');
  const roles = Object.fromEntries(report.files.map((file) => [file.systemPath, [file.role, file.roleSource]]));
  t.same(roles['/etc/docker/certs.d/registry.local:5000/ca.crt'], ['ca-cert', 'file-name']);
  t.same(roles['/etc/docker/certs.d/registry.local:5000/client.cert'], ['client-cert', 'file-name']);
  t.same(roles['/etc/docker/certs.d/registry.local:5000/client.key'], ['client-key', 'file-name']);
  t.same(roles['/srv/certs/ca.crt'], ['unknown', 'none'], 'outside certs.d the name ca.crt is no promise');
  t.ok(report.findings.some((finding) => finding.systemPath === '/etc/docker/certs.d/registry.local:5000/client.key' && /^file-/.test(finding.ruleId)), 'the world-readable registry key is a finding');
});
