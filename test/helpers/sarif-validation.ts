/**
 * Checks a SARIF log the way GitHub code scanning would take it, twice over:
 *
 * 1. against the SARIF 2.1.0 JSON schema shipped with the multitool (draft 2020-12, so Ajv2020;
 *    formats are not checked, ajv-formats is not a dependency);
 * 2. with the SARIF multitool itself, `validate --rule-kind "Sarif;Gh"`: the SARIF rules plus
 *    GitHub's ingestion rules. Errors and warnings are problems; notes are returned for
 *    whoever wants to look at them.
 *
 * The multitool binary is run directly, with an argument array: the package's bin.js goes
 * through a shell, which splits "Sarif;Gh" at the semicolon. It refuses to overwrite its
 * output file (5.7.0 has no --force), so every call gets a fresh temporary directory. Rule
 * SARIF2006 ("URIs should be reachable") is disabled with a policy file: it sends an HTTP GET
 * to every URI in the log, and tests stay off the network. Disabling it makes the multitool
 * add a WRN999 configuration notification, which is about the policy, not the log, and is
 * ignored. About one second per call.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Test } from 'tap';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

const run = promisify(execFile);

export interface SarifProblem {
  source: 'schema' | 'multitool';
  level: 'error' | 'warning' | 'note';
  /** The multitool rule (e.g. "SARIF2017"), or the schema keyword. */
  ruleId: string;
  message: string;
}

const NO_NETWORK_POLICY = `<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" Type="Driver.RuleEnabledState" />
  </Properties>
</Properties>
`;

/** The platform package's folder: hoisted beside the test, or nested under @microsoft/sarif-multitool. */
function multitoolPackageDir(): string {
  const require = createRequire(import.meta.url);
  const wanted = '@microsoft/sarif-multitool-linux/package.json';
  try {
    return dirname(require.resolve(wanted));
  } catch {
    try {
      return dirname(createRequire(require.resolve('@microsoft/sarif-multitool/package.json')).resolve(wanted));
    } catch (error) {
      throw new Error(`@microsoft/sarif-multitool-linux is not installed (npm ci installs it on Linux): ${(error as Error).message.split('\n')[0]}`);
    }
  }
}

let schemaValidator: ValidateFunction | null = null;

function validateSchema(log: unknown): SarifProblem[] {
  if (!schemaValidator) {
    const schema = JSON.parse(readFileSync(join(multitoolPackageDir(), 'sarif-2.1.0.json'), 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    schemaValidator = ajv.compile(schema);
  }
  if (schemaValidator(log)) return [];
  return (schemaValidator.errors ?? []).map((e) => ({
    source: 'schema',
    level: 'error',
    ruleId: e.keyword,
    message: `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  }));
}

interface MultitoolLog {
  runs: {
    tool: { driver: { rules?: { id: string; messageStrings?: Record<string, { text: string }> }[] } };
    results?: { ruleId: string; level?: string; message: { text?: string; id?: string; arguments?: string[] } }[];
  }[];
}

/** A multitool result's message: its text, or the rule's message string with the arguments filled in. */
function resultMessage(log: MultitoolLog, result: NonNullable<MultitoolLog['runs'][number]['results']>[number]): string {
  if (result.message.text) return result.message.text;
  const rule = log.runs[0]?.tool.driver.rules?.find((candidate) => candidate.id === result.ruleId);
  const template = (result.message.id && rule?.messageStrings?.[result.message.id]?.text) ?? `${result.message.id ?? ''} {0}`;
  const args = result.message.arguments ?? [];
  return template.replace(/\{(\d+)\}/g, (_, index: string) => args[Number(index)] ?? '').replace(/\{\{/g, '{').replace(/\}\}/g, '}');
}

async function runMultitool(sarifText: string): Promise<SarifProblem[]> {
  const binary = join(multitoolPackageDir(), 'Sarif.Multitool');
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    throw new Error(`${binary} is not executable by this user (npm's postinstall makes it u+x only)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'dockprobe-sarif-'));
  try {
    const input = join(dir, 'input.sarif');
    const output = join(dir, 'validation.sarif');
    const policy = join(dir, 'policy.xml');
    writeFileSync(input, sarifText);
    writeFileSync(policy, NO_NETWORK_POLICY);
    const args = ['validate', '--rule-kind', 'Sarif;Gh', '--level', 'Error;Warning;Note', '--config', policy, input, '--output', output];
    let said = '';
    try {
      const done = await run(binary, args, { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
      said = done.stdout + done.stderr;
    } catch (error) {
      const failed = error as Error & { stdout?: string; stderr?: string };
      said = `${failed.message.split('\n')[0]}\n${failed.stdout ?? ''}${failed.stderr ?? ''}`.slice(0, 3000);
      if (!existsSync(output)) throw new Error(`the SARIF multitool failed and wrote no log: ${said}`);
    }
    if (!existsSync(output)) throw new Error(`the SARIF multitool wrote no log: ${said}`);
    const log = JSON.parse(readFileSync(output, 'utf8')) as MultitoolLog;
    return log.runs.flatMap((r) =>
      (r.results ?? []).map((result) => ({
        source: 'multitool' as const,
        // SARIF: a result without a level is a warning.
        level: (result.level ?? 'warning') as SarifProblem['level'],
        ruleId: result.ruleId,
        message: resultMessage(log, result),
      })),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Everything the schema and the multitool say about the log, notes included. */
export async function sarifFindings(sarifText: string): Promise<SarifProblem[]> {
  let log: unknown;
  try {
    log = JSON.parse(sarifText);
  } catch (error) {
    return [{ source: 'schema', level: 'error', ruleId: 'json', message: `not JSON: ${(error as Error).message}` }];
  }
  return [...validateSchema(log), ...(await runMultitool(sarifText))];
}

/**
 * Asserts the log is schema-valid and that the multitool reports no error and no warning,
 * listing each one on failure. Returns the notes (ignored here, but a test may look).
 */
export async function assertValidSarif(t: Test, sarifText: string, label = 'SARIF log'): Promise<SarifProblem[]> {
  const findings = await sarifFindings(sarifText);
  const schema = findings.filter((f) => f.source === 'schema');
  const problems = findings.filter((f) => f.source === 'multitool' && f.level !== 'note');
  t.same(schema.map((f) => f.message), [], `${label}: valid against the SARIF 2.1.0 schema`);
  t.same(problems.map((f) => `${f.level} ${f.ruleId}: ${f.message}`), [], `${label}: the SARIF multitool (Sarif;Gh rules) reports no error or warning`);
  return findings.filter((f) => f.level === 'note');
}
