/**
 * The fuzzer of `npm run fuzz`, run in CI with fewer cases: no mutated certificate or key may
 * make a reader throw, crash, hang or give a reason that is no reason. The counts below make
 * sure the run really went through the rejection paths (and some acceptance ones), so it
 * cannot pass by fuzzing nothing. Then a few of its rejected files go through `dockprobe
 * files`: each must come out as a cert-unparseable finding with its reason, and no key
 * material may reach the report.
 */
import t from 'tap';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { classifyContent } from '../../src/files/classify-content.js';
import { runCli } from '../helpers/run-cli.js';
import { runCampaign } from './fuzz-campaign.js';
import { makeCase, type FuzzCase } from './fuzz-case.js';
import { BYTE_MUTATIONS, TEXT_MUTATIONS, TREE_MUTATIONS } from './mutations.js';

const SEED = 1;
const CASES = 3000;

const summary = runCampaign({ seed: SEED, count: CASES });

t.test(`${CASES} fuzzed certificates and keys: no escape, no crash, no empty reason, no slow case`, async (t) => {
  t.equal(summary.cases, CASES);
  for (const failure of summary.failures) {
    const { fuzzCase, violations } = failure;
    t.fail(
      `case ${fuzzCase.index} (${fuzzCase.origin}, ${fuzzCase.mutations.join(', ')}): ` +
        violations.map((violation) => `${violation.target} ${violation.kind}: ${violation.detail.split('\n')[0]}`).join('; ') +
        `; replay: npm run fuzz -- --seed ${SEED} --replay ${fuzzCase.index}`,
    );
  }
  t.equal(summary.failureCount, 0, 'cases that broke a promise');
});

t.test('the run went through rejection and acceptance paths of every reader', async (t) => {
  t.ok(summary.rejectedFiles >= CASES * 0.3, `${summary.rejectedFiles} files rejected`);
  t.ok(summary.acceptedFiles >= CASES * 0.05, `${summary.acceptedFiles} files still read as certificates, keys or CSRs`);
  t.ok(summary.fileReasons.size >= 40, `${summary.fileReasons.size} distinct reasons from the file content reader`);
  t.ok(summary.derReaderReasons.size >= 10, `${summary.derReaderReasons.size} distinct DER reader errors`);
  t.ok(summary.certificatesAccepted > 0, `${summary.certificatesAccepted} mutated DER certificates still read`);
  t.ok(summary.certificatesWithMalformedExtensions > 0, `${summary.certificatesWithMalformedExtensions} of them read with a malformed extension listed, not refused`);
  const malformedButAccepted = [...summary.certificateReasons.keys()].filter((reason) => reason.startsWith('malformed certificate'));
  t.ok(malformedButAccepted.length >= 2, `${malformedButAccepted.length} kinds of certificate OpenSSL took and our reader refused`);
  const unused = [...TREE_MUTATIONS, ...BYTE_MUTATIONS, ...TEXT_MUTATIONS].map((mutation) => mutation.name).filter((name) => !summary.mutations.has(name));
  t.strictSame(unused, [], 'every mutation was applied at least once');
});

t.test('the same seed and case make the same input', async (t) => {
  const again = makeCase(SEED, 1234);
  const first = makeCase(SEED, 1234);
  t.ok(again.file.equals(first.file) && again.der.equals(first.der));
  t.notOk(makeCase(SEED + 1, 1234).file.equals(first.file), 'another seed, another input');
});

/** Rejected PEM files that hold a base64 body, one per distinct reason, up to `count`. */
function rejectedPemFiles(count: number): { fuzzCase: FuzzCase; reason: string }[] {
  const picked: { fuzzCase: FuzzCase; reason: string }[] = [];
  const reasons = new Set<string>();
  for (let index = 0; index < CASES && picked.length < count; index++) {
    const fuzzCase = makeCase(SEED, index);
    if (fuzzCase.file.length > 64 * 1024 || !/[A-Za-z0-9+/]{64}/.test(fuzzCase.file.toString('latin1'))) continue;
    const facts = classifyContent(fuzzCase.file, fuzzCase.fileName);
    const reason = facts.parseError;
    if (facts.kind !== 'unparseable' || reason === null || reasons.has(reason.slice(0, 30))) continue;
    reasons.add(reason.slice(0, 30));
    picked.push({ fuzzCase, reason });
  }
  return picked;
}

t.test('fuzzed files that cannot be parsed are cert-unparseable findings in the report, with no key material', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dockprobe-fuzz-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const files = rejectedPemFiles(8);
  t.equal(files.length, 8, 'eight rejected PEM files with a base64 body, each with another reason');
  const expected = new Map<string, string>();
  for (const { fuzzCase, reason } of files) {
    const filePath = path.join(dir, `case-${fuzzCase.index}-${fuzzCase.fileName}`);
    writeFileSync(filePath, fuzzCase.file);
    expected.set(filePath, reason);
  }

  const run = await runCli(['files', dir, '--format', 'json']);
  t.ok(run.status === 0 || run.status === 1, `a finished audit (exit ${run.status}); stderr: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { findings: { ruleId: string; path?: string; message: string; evidence: Record<string, unknown> }[] };
  for (const [filePath, reason] of expected) {
    const finding = report.findings.find((each) => each.ruleId === 'cert-unparseable' && each.path === filePath);
    t.ok(finding, `${path.basename(filePath)} is a cert-unparseable finding`);
    t.equal(finding?.evidence.parseError, reason, `${path.basename(filePath)} carries its reason`);
    t.ok(finding?.message.includes(reason), 'and says it in the message');
  }
  // A file's base64 body is key or certificate material: none of it belongs in a report.
  const bodies = files.flatMap(({ fuzzCase }) => fuzzCase.file.toString('latin1').match(/[A-Za-z0-9+/]{40,}/g) ?? []);
  t.ok(bodies.length >= files.length, `${bodies.length} base64 runs to look for`);
  const leaked = bodies.filter((body) => run.stdout.includes(body));
  t.strictSame(leaked.map((body) => `${body.slice(0, 20)}...`), [], 'no base64 run of 40 characters from the files appears in the report');
});
