/**
 * The build compiles every schema dockprobe validates against into ajv standalone code
 * (dist/generated/*-validator.cjs), so no run compiles one. Judged here on the built dist/
 * (`npm test` builds first): the generated code exists, the built CLI uses it, it needs nothing
 * but the runtime dependencies, and it says exactly what the schema compiled by ajv says, on
 * valid and invalid input alike; code made from another schema text is not used.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import t from 'tap';
import { buildScanReport, type ScanReport } from '../../src/report/scan-report.js';
import { validateReport } from '../../src/report/report-schema.js';
import { compile, SCHEMA_VALIDATORS, schemaPath, validatorSource, type SchemaName } from '../../src/schema-validation/schema-validators.js';
import { emptySummary } from '../../src/scan/scan-summary.js';
import { runCli } from '../helpers/run-cli.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(REPO, 'dist');
const NAMES = Object.keys(SCHEMA_VALIDATORS) as SchemaName[];

type BuiltValidators = typeof import('../../src/schema-validation/schema-validators.js');
type BuiltReportSchema = typeof import('../../src/report/report-schema.js');

async function built<T>(path: string): Promise<T> {
  try {
    return (await import(pathToFileURL(join(DIST, path)).href)) as T;
  } catch (error) {
    throw new Error(`dist/${path} cannot be loaded (${(error as Error).message}): run \`npm run build\` first (npm test does)`);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'dockprobe-standalone-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const validReport = JSON.parse(JSON.stringify(buildScanReport({
  startedAt: new Date('2026-03-01T00:00:00Z'),
  finishedAt: new Date('2026-03-01T00:00:01Z'),
  endpoints: [],
  findings: [],
  errors: [],
  summary: emptySummary(),
  scope: { kind: 'config', targets: null, ports: null, excluded: [], configRoot: '/', paths: null },
}))) as ScanReport;

/** Reports the schema must reject, each for another reason. */
const invalidReports: Array<[string, unknown]> = [
  ['a bad schemaVersion', { ...validReport, schemaVersion: '1.x' }],
  ['no findings list', { ...validReport, findings: 'none' }],
  ['a finding with an unknown severity', { ...validReport, findings: [{ ruleId: 'api-unauthenticated', severity: 'severe' }] }],
  ['a summary of the wrong type', { ...validReport, summary: null, startedAt: 5 }],
];

const shippedRule = JSON.parse(readFileSync(join(REPO, 'rules', readdirSync(join(REPO, 'rules')).find((name) => name.endsWith('.json') && name !== 'rule.schema.json')!), 'utf8')) as Record<string, unknown>;
const shippedSpec = JSON.parse(readFileSync(join(REPO, 'compliance', readdirSync(join(REPO, 'compliance')).find((name) => name.endsWith('.json'))!), 'utf8')) as Record<string, unknown>;

/** Per schema: instances it accepts, then instances it rejects. */
const CASES: Record<SchemaName, { valid: unknown[]; invalid: unknown[] }> = {
  report: { valid: [validReport], invalid: invalidReports.map(([, report]) => report) },
  rule: { valid: [shippedRule], invalid: [{ ...shippedRule, severity: 'severe' }, { ...shippedRule, title: undefined, id: 'Not An Id' }, {}] },
  'compliance-spec': { valid: [shippedSpec], invalid: [{ ...shippedSpec, controls: [{ id: 1 }] }, { ...shippedSpec, id: undefined }, []] },
};

t.test('the build wrote a standalone validator for every schema, and the built code uses it', async (t) => {
  const dist = await built<BuiltValidators>('schema-validation/schema-validators.js');
  for (const name of NAMES) {
    t.equal(dist.validatorSource(name), 'standalone', `dist/ validates ${SCHEMA_VALIDATORS[name].schema} with dist/generated/${name}-validator.cjs`);
    t.equal(dist.schemaPath(name), schemaPath(name), `dist/ and src/ read the same ${SCHEMA_VALIDATORS[name].schema}`);
  }
  // The tests run src/ through tap's loader: they use the same generated code once it is built.
  for (const name of NAMES) t.equal(validatorSource(name), 'standalone', `src/ uses dist/generated/${name}-validator.cjs too`);
});

t.test('a schema edited after the build is compiled, not judged by the stale code', async (t) => {
  const dist = await built<BuiltValidators>('schema-validation/schema-validators.js');
  for (const name of NAMES) {
    const text = readFileSync(schemaPath(name), 'utf8');
    t.ok(dist.standaloneValidator(name, text), `${name}: the generated code matches the schema as it is`);
    t.equal(dist.standaloneValidator(name, `${text}\n`), null, `${name}: one byte more and the generated code is not used`);
  }
});

t.test('the generated code needs only the runtime dependencies', async (t) => {
  const dependencies = Object.keys((JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
  for (const name of NAMES) {
    const file = join(DIST, 'generated', `${name}-validator.cjs`);
    const code = readFileSync(file, 'utf8');
    const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]!);
    for (const module of required) {
      const pkg = module.startsWith('@') ? module.split('/').slice(0, 2).join('/') : module.split('/')[0]!;
      t.ok(dependencies.includes(pkg), `${name}: requires ${module}, from the runtime dependency ${pkg}`);
      t.doesNotThrow(() => createRequire(file).resolve(module), `${name}: ${module} resolves from dist/generated`);
    }
  }
});

t.test('the standalone validators say what the schema compiled by ajv says', async (t) => {
  const dist = await built<BuiltValidators>('schema-validation/schema-validators.js');
  for (const name of NAMES) {
    const standalone = dist.standaloneValidator(name, readFileSync(schemaPath(name), 'utf8'))!;
    const compiled = compile(name, readFileSync(schemaPath(name), 'utf8'));
    for (const [expected, instances] of [[true, CASES[name].valid], [false, CASES[name].invalid]] as const) {
      for (const [index, instance] of instances.entries()) {
        const said = standalone(instance);
        t.equal(said, expected, `${name}: the standalone validator ${expected ? 'accepts' : 'rejects'} ${expected ? 'valid' : 'invalid'} instance ${index}`);
        t.equal(compiled(instance), expected, `${name}: the compiled schema ${expected ? 'accepts' : 'rejects'} instance ${index}`);
        t.same(standalone.errors ?? null, compiled.errors ?? null, `${name}: the same errors for instance ${index}`);
      }
    }
  }
});

t.test('the built dist/ validates reports with its standalone code: valid passes, invalid gets the same problems', async (t) => {
  const dist = await built<BuiltReportSchema>('report/report-schema.js');
  t.same(dist.validateReport(validReport), { valid: true, report: validReport });
  for (const [why, report] of invalidReports) {
    const fromDist = dist.validateReport(report);
    t.equal(fromDist.valid, false, `dist rejects ${why}`);
    t.same(fromDist, validateReport(report), `dist and src say the same problems for ${why}`);
  }
});

t.test('the built CLI reads a valid report back and refuses an invalid one with one line', async (t) => {
  const good = join(dir, 'good.json');
  const bad = join(dir, 'bad.json');
  writeFileSync(good, JSON.stringify(validReport));
  writeFileSync(bad, JSON.stringify(invalidReports[0]![1]));
  const ok = await runCli(['report', 'convert', good, '-f', 'json']);
  t.equal(ok.status, 0, ok.stderr);
  t.equal((JSON.parse(ok.stdout) as ScanReport).schemaVersion, validReport.schemaVersion);
  const refused = await runCli(['report', 'convert', bad]);
  t.equal(refused.status, 2);
  t.equal(refused.stdout, '');
  t.match(refused.stderr, /^dockprobe: report convert "[^"]+": not a valid dockprobe report: \/schemaVersion: must be a 1\.x\.y version such as "[^"]+" \(got "1\.x"\); give a report/);
  t.equal(refused.stderr.trim().split('\n').length, 1, 'one line');
});
