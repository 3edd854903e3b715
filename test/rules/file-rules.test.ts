import t from 'tap';
import type { FileObservation } from '../../src/files/file-observation.js';
import { ENDPOINT_RULES } from '../../src/rules/endpoint-rules.js';
import { evaluateEndpoint } from '../../src/rule-engine/evaluate-endpoint.js';
import { checksWithoutRole, evaluateFile } from '../../src/rule-engine/evaluate-file.js';
import { FILE_RULES } from '../../src/rules/file-rules.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import type { CertificateFacts } from '../../src/x509/certificate-facts.js';
import { clientCa, clientCert, clientKey, daemonCa, fileStat, serverCert, serverCertFacts, serverKey, unknownFile } from '../support/file-observation-builder.js';
import { DEFAULT_NOW, FILE_RULE_CASES } from '../support/file-rule-cases.js';
import { withLeaf } from '../support/observation-builder.js';

const metadata = loadRuleMetadata();
const fileIds = [...metadata.values()].filter((meta) => meta.appliesTo === 'file').map((meta) => meta.id);
const now = new Date(DEFAULT_NOW);

t.test('file rules, metadata and cases are in step', async (t) => {
  const moduleIds = FILE_RULES.map((rule) => rule.id);
  t.same(moduleIds, [...moduleIds].sort(), 'FILE_RULES is in id order');
  t.same([...moduleIds].sort(), [...fileIds].sort(), 'every rules/<id>.json with appliesTo "file" has a module in FILE_RULES, and the reverse');
  for (const id of moduleIds) {
    const meta = metadata.get(id);
    t.equal(meta?.appliesTo, 'file', `rules/${id}.json says appliesTo "file"`);
    t.match(meta?.remediation ?? '', /`[^`]+`/, `rules/${id}.json gives the command to fix`);
    t.ok((meta?.references.length ?? 0) > 0, `rules/${id}.json has a reference`);
    const cases = FILE_RULE_CASES[id] ?? [];
    t.ok(cases.some((c) => c.expect > 0), `${id}: add a firing case to test/support/file-rule-cases.ts`);
    t.ok(cases.some((c) => c.expect === 0), `${id}: add a must-not-fire case to test/support/file-rule-cases.ts`);
  }
  t.same(Object.keys(FILE_RULE_CASES).filter((id) => !moduleIds.includes(id)), [], 'no cases for a rule that does not exist');
});

t.test('the cert-* twins keep their tls-* severities and parameter defaults', async (t) => {
  const twins: Record<string, string> = {
    'cert-expired': 'tls-cert-expired',
    'cert-not-yet-valid': 'tls-cert-not-yet-valid',
    'cert-expiring': 'tls-cert-expiring',
    'cert-weak-key': 'tls-weak-key',
    'cert-weak-signature': 'tls-weak-signature',
    'cert-is-ca': 'tls-cert-is-ca',
    'cert-long-validity': 'tls-cert-long-validity',
  };
  for (const [fileId, tlsId] of Object.entries(twins)) {
    const file = metadata.get(fileId)!;
    const tls = metadata.get(tlsId)!;
    t.equal(file.severity, tls.severity, `${fileId} has ${tlsId}'s severity`);
    t.same(file.parameters, tls.parameters, `${fileId} has ${tlsId}'s parameters`);
  }
});

for (const [ruleId, cases] of Object.entries(FILE_RULE_CASES)) {
  t.test(ruleId, async (t) => {
    const rule = FILE_RULES.find((candidate) => candidate.id === ruleId);
    t.ok(rule, `rule ${ruleId} is registered in src/rules/file-rules.ts`);
    if (!rule) return;
    for (const testCase of cases) {
      const { findings, errors } = evaluateFile(testCase.observation, [rule], metadata, {
        now: new Date(testCase.now ?? DEFAULT_NOW),
        parameters: testCase.params ? { [ruleId]: testCase.params } : undefined,
        expectedHosts: testCase.hosts,
      });
      t.same(errors, [], `${testCase.name}: the rule ran cleanly`);
      t.equal(findings.length, testCase.expect, `${testCase.name}: ${testCase.expect ? `fires ${testCase.expect} time(s)` : 'does not fire'}`);
      for (const finding of findings) {
        t.equal(finding.ruleId, ruleId);
        t.equal(finding.severity, metadata.get(ruleId)!.severity, 'severity comes from rules/<id>.json');
        t.equal(finding.path, testCase.observation.path, `${testCase.name}: the finding carries the path`);
        t.ok(finding.message.startsWith(testCase.observation.systemPath), `${testCase.name}: the message names the file first: ${finding.message}`);
        const evidence = JSON.stringify(finding.evidence);
        t.ok(evidence.length < 400 && !/BEGIN|PRIVATE/.test(evidence), `${testCase.name}: evidence is small and holds no key material`);
      }
    }
  });
}

/**
 * needsRoleOf is what lets a report list the checks that waited for a role: a rule that needs one
 * and does not say so would fall silent on a role-less file with nothing to tell the reader.
 */
t.test('a rule that goes silent when the role is unknown declares needsRoleOf, and one that declares it does go silent', async (t) => {
  for (const [ruleId, cases] of Object.entries(FILE_RULE_CASES)) {
    const rule = FILE_RULES.find((candidate) => candidate.id === ruleId)!;
    for (const testCase of cases.filter((c) => c.expect > 0 && c.observation.role !== 'unknown')) {
      const roleless: FileObservation = { ...testCase.observation, role: 'unknown', roleSource: 'none', namedBy: null };
      const material = roleless.certificates.length > 0 ? 'certificate' : roleless.kind === 'private-key' ? 'key' : null;
      if (material === null) continue;
      const { findings } = evaluateFile(roleless, [rule], metadata, { now: new Date(testCase.now ?? DEFAULT_NOW), parameters: testCase.params ? { [ruleId]: testCase.params } : undefined, expectedHosts: testCase.hosts });
      const declared = rule.needsRoleOf?.includes(material) ?? false;
      const silent = findings.length === 0;
      t.equal(silent, declared, `${ruleId}, "${testCase.name}" without its role: ${silent ? 'silent' : 'fires'}, so needsRoleOf ${silent ? 'must' : 'must not'} list '${material}' in src/rules/${ruleId}.ts`);
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

t.test('the same certificate gets the same verdict on a live endpoint and in a file', async (t) => {
  const twins: [string, string][] = [
    ['tls-cert-expired', 'cert-expired'],
    ['tls-cert-not-yet-valid', 'cert-not-yet-valid'],
    ['tls-cert-expiring', 'cert-expiring'],
    ['tls-weak-key', 'cert-weak-key'],
    ['tls-weak-signature', 'cert-weak-signature'],
    ['tls-cert-is-ca', 'cert-is-ca'],
    ['tls-cert-long-validity', 'cert-long-validity'],
  ];
  const leaves: Partial<CertificateFacts>[] = [
    {},
    { publicKeyBits: 1024 },
    { publicKeyType: 'dsa', publicKeyBits: 2048 },
    { publicKeyType: 'ec', publicKeyBits: 224 },
    { signatureHash: 'sha1', signatureAlgorithm: 'sha1WithRSAEncryption' },
    { signatureHash: 'md5', signatureAlgorithm: 'md5WithRSAEncryption' },
    { isCA: true },
    { notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2036-01-01T00:00:00.000Z' },
  ];
  const clocks = ['2025-12-01T00:00:00.000Z', DEFAULT_NOW, '2026-12-22T00:00:00.000Z', '2027-01-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z'];
  let firings = 0;
  for (const [tlsId, fileId] of twins) {
    const tlsRule = ENDPOINT_RULES.find((rule) => rule.id === tlsId)!;
    const fileRule = FILE_RULES.find((rule) => rule.id === fileId)!;
    for (const leaf of leaves) {
      for (const clock of clocks) {
        const options = { now: new Date(clock) };
        const live = evaluateEndpoint(withLeaf(leaf), [tlsRule], metadata, options).findings;
        const onDisk = evaluateFile(serverCert({ certificates: [serverCertFacts(leaf)] }), [fileRule], metadata, options).findings;
        t.equal(onDisk.length, live.length, `${fileId} agrees with ${tlsId} on ${JSON.stringify(leaf)} at ${clock}`);
        if (live.length && onDisk.length) {
          const missing = Object.keys(live[0]!.evidence).filter((key) => !(key in onDisk[0]!.evidence));
          t.same(missing, [], `${fileId} reports the evidence ${tlsId} does`);
        }
        firings += live.length;
      }
    }
  }
  t.ok(firings > 20, 'the comparison includes certificates that fail');
});

t.test('a file rule that throws becomes an error entry naming the file, and the other rules still run', async (t) => {
  const broken = { id: 'cert-expired', checkFile: () => { throw new Error('boom'); } };
  const working = FILE_RULES.find((rule) => rule.id === 'file-key-permissions')!;
  const observation = serverKey({ stat: fileStat({ mode: 0o644 }) });
  const { findings, errors } = evaluateFile(observation, [broken, working], metadata, { now });
  t.equal(errors.length, 1);
  t.match(errors[0]!.message, /cert-expired threw on \/etc\/docker\/ssl\/server-key\.pem: boom/);
  t.equal(findings.length, 1);
  t.equal(findings[0]!.ruleId, 'file-key-permissions');
});
