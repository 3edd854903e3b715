/**
 * What file rules do beyond their own cases (test/rules/cases/): which checks wait for a file's
 * role, how paths are spoken of under --root, quoted for a shell or followed through a link,
 * and that a well-made tree gives nothing.
 */
import t from 'tap';
import type { FileObservation } from '../../src/files/file-observation.js';
import { checksWithoutRole, evaluateFile } from '../../src/rule-engine/evaluate-file.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { FILE_RULES } from '../../src/rules/file-rules.js';
import { clientCa, clientCert, clientKey, daemonCa, fileStat, serverCert, serverKey, unknownFile } from '../support/file-observation-builder.js';
import { loadRuleCases } from '../support/rule-case-files.js';
import { DEFAULT_NOW, type InvalidCase } from '../support/rule-tester.js';

const metadata = loadRuleMetadata();
const now = new Date(DEFAULT_NOW);

/**
 * needsRoleOf is what lets a report list the checks that waited for a role: a rule that needs one
 * and does not say so would fall silent on a role-less file with nothing to tell the reader.
 */
t.test('a rule that goes silent when the role is unknown declares needsRoleOf, and one that declares it does go silent', async (t) => {
  const allCases = await loadRuleCases();
  for (const rule of FILE_RULES) {
    const ruleId = rule.id;
    const cases = (allCases.get(ruleId)?.invalid ?? []) as InvalidCase<FileObservation>[];
    for (const testCase of cases.filter((c) => c.observation.role !== 'unknown')) {
      const roleless: FileObservation = { ...testCase.observation, role: 'unknown', roleSource: 'none', namedBy: null };
      const material = roleless.certificates.length > 0 ? 'certificate' : roleless.kind === 'private-key' ? 'key' : null;
      if (material === null) continue;
      const { findings } = evaluateFile(roleless, [rule], metadata, { now: new Date(testCase.now ?? DEFAULT_NOW), parameters: testCase.params ? { [ruleId]: testCase.params } : undefined, expectedHosts: testCase.hosts });
      const declared = rule.needsRoleOf?.includes(material) ?? false;
      const silent = findings.length === 0;
      t.equal(silent, declared, `${ruleId}, "${testCase.name}" without its role: ${silent ? 'silent' : 'fires'}, so needsRoleOf ${silent ? 'must' : 'must not'} list '${material}' in ${ruleId}'s module in src/rules/`);
    }
  }
});

t.test('checksWithoutRole: the role-dependent checks of an unknown-role certificate or key, none once the role is known', async (t) => {
  const certificateChecks = checksWithoutRole(unknownFile(), FILE_RULES);
  t.ok(certificateChecks.includes('cert-eku-mismatch'), 'the client/server usage check waits for the role');
  t.ok(certificateChecks.includes('cert-is-ca'));
  t.notOk(certificateChecks.includes('cert-expired'), 'expiry needs no role');
  t.same(checksWithoutRole(unknownFile({ kind: 'private-key', certificates: [], key: serverKey().key }), FILE_RULES), ['file-key-owner']);
  t.same(checksWithoutRole(clientCert(), FILE_RULES), [], 'a known role leaves nothing waiting');
  t.same(checksWithoutRole(unknownFile({ kind: 'unparseable', certificates: [], parseError: 'truncated PEM' }), FILE_RULES), [], 'unparseable content is cert-unparseable\'s to report');
});

t.test('under --root, findings carry both paths and the message speaks of the audited system', async (t) => {
  const observation = serverKey({ path: '/mnt/image/etc/docker/ssl/server-key.pem', systemPath: '/etc/docker/ssl/server-key.pem', stat: fileStat({ mode: 0o644 }) });
  const { findings } = evaluateFile(observation, FILE_RULES, metadata, { now });
  t.same(findings.map((f) => f.ruleId), ['file-key-permissions']);
  t.equal(findings[0]!.path, '/mnt/image/etc/docker/ssl/server-key.pem');
  t.equal(findings[0]!.systemPath, '/etc/docker/ssl/server-key.pem');
  t.match(findings[0]!.message, /^\/etc\/docker\/ssl\/server-key\.pem .*mode 0644 \(read for group, read for others\).*`chmod 0400 \/etc\/docker\/ssl\/server-key\.pem`/);
  t.notMatch(findings[0]!.message, /\/mnt\/image/);
});

t.test('under --root, the key and CA a certificate was checked against are named as the audited system sees them', async (t) => {
  const observation = serverCert({
    path: '/mnt/image/etc/docker/ssl/server-cert.pem',
    systemPath: '/etc/docker/ssl/server-cert.pem',
    pairedWith: '/mnt/image/etc/docker/ssl/server-key.pem',
    pairMatches: false,
    caPath: '/mnt/image/etc/docker/ssl/ca.pem',
    chainVerified: false,
    chainError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  });
  const { findings } = evaluateFile(observation, FILE_RULES, metadata, { now });
  t.same(findings.map((f) => f.ruleId), ['cert-key-mismatch', 'cert-not-signed-by-ca']);
  t.match(findings[0]!.message, /^\/etc\/docker\/ssl\/server-cert\.pem and \/etc\/docker\/ssl\/server-key\.pem do not pair/);
  t.match(findings[1]!.message, '`openssl verify -CAfile /etc/docker/ssl/ca.pem /etc/docker/ssl/server-cert.pem`');
  for (const finding of findings) t.notMatch(finding.message, /\/mnt\/image/, `${finding.ruleId} speaks of the audited system`);
});

t.test('remediation commands quote paths a shell would split', async (t) => {
  const observation = clientKey({ path: "/home/alice/my docker/it's key.pem", stat: fileStat({ mode: 0o640, uid: 1000 }) });
  const { findings } = evaluateFile(observation, FILE_RULES, metadata, { now });
  t.equal(findings.length, 1);
  t.match(findings[0]!.message, "`chmod 0400 '/home/alice/my docker/it'\\''s key.pem'`");
});

t.test('a followed symlink is named with its target', async (t) => {
  const observation = serverKey({ symlinkTarget: { path: '/srv/pki/daemon.key', systemPath: '/srv/pki/daemon.key' }, stat: fileStat({ mode: 0o440 }) });
  const { findings } = evaluateFile(observation, FILE_RULES, metadata, { now });
  t.same(findings.map((f) => f.ruleId), ['file-key-permissions']);
  t.match(findings[0]!.message, '/etc/docker/ssl/server-key.pem (a link to /srv/pki/daemon.key) is a private key with mode 0440');
});

t.test("the Docker guide's tree, CA key kept elsewhere, gives no finding at all", async (t) => {
  const tree: FileObservation[] = [daemonCa(), serverCert(), serverKey(), clientCa(), clientCert(), clientKey()];
  for (const observation of tree) {
    const { findings, errors } = evaluateFile(observation, FILE_RULES, metadata, { now });
    t.same(errors, [], `${observation.path}: every rule ran`);
    t.same(findings.map((f) => `${f.ruleId}: ${f.message}`), [], `${observation.path}: nothing to report`);
  }
});

t.test('one defect, one finding: an owner-readable-by-all server key trips only the permission rule', async (t) => {
  const { findings } = evaluateFile(serverKey({ stat: fileStat({ mode: 0o644 }) }), FILE_RULES, metadata, { now });
  t.same(findings.map((f) => f.ruleId), ['file-key-permissions']);
});
