/**
 * Prometheus's own checker, `promtool` (Debian package `prometheus`), for tests of metric text
 * and rule files. Set PROMTOOL to use another binary.
 *
 * `promtool check metrics` parses and lints the exposition format but lets through what
 * node_exporter's textfile collector still refuses (two samples with the same name and labels,
 * a family split in two, sample timestamps), so checkMetrics adds those checks.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PromtoolRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

const PROMTOOL = process.env.PROMTOOL ?? 'promtool';

export function promtool(args: string[], input?: string): PromtoolRun {
  const run = spawnSync(PROMTOOL, args, { input: input ?? '', encoding: 'utf8', timeout: 60_000 });
  if (run.error) throw new Error(`cannot run ${PROMTOOL} (install the "prometheus" package, or set PROMTOOL): ${run.error.message}`);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Problems with a textfile-collector file; [] when promtool and the extra checks are satisfied. */
export function checkMetrics(text: string): string[] {
  const problems: string[] = [];
  const run = promtool(['check', 'metrics'], text);
  if (run.status !== 0) problems.push(`promtool check metrics exited ${run.status}`);
  const said = `${run.stdout}${run.stderr}`.trim();
  if (said) problems.push(...said.split('\n').map((line) => `promtool: ${line}`));
  return [...problems, ...textfileProblems(text)];
}

/** What the textfile collector needs beyond promtool's checks. */
export function textfileProblems(text: string): string[] {
  const problems: string[] = [];
  if (!text.endsWith('\n')) problems.push('does not end with a newline');
  const finished = new Set<string>();
  const described = new Map<string, Set<'HELP' | 'TYPE'>>();
  const series = new Set<string>();
  let current: string | null = null;
  const enter = (name: string, lineNumber: number) => {
    if (name === current) return;
    if (current !== null) finished.add(current);
    if (finished.has(name)) problems.push(`line ${lineNumber}: ${name} appears again after other metrics`);
    current = name;
  };
  text.split('\n').forEach((line, index) => {
    const lineNumber = index + 1;
    if (line === '') return;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(line);
    if (meta) {
      enter(meta[2]!, lineNumber);
      const seen = described.get(meta[2]!) ?? new Set();
      seen.add(meta[1] as 'HELP' | 'TYPE');
      described.set(meta[2]!, seen);
      return;
    }
    if (line.startsWith('#')) return;
    let sample: ParsedSample;
    try {
      sample = parseSample(line);
    } catch (error) {
      problems.push(`line ${lineNumber}: ${(error as Error).message}`);
      return;
    }
    enter(sample.name, lineNumber);
    if (!described.get(sample.name)?.has('HELP') || !described.get(sample.name)?.has('TYPE')) problems.push(`line ${lineNumber}: ${sample.name} has no HELP or TYPE before it`);
    if (sample.timestamp !== null) problems.push(`line ${lineNumber}: has a timestamp, which the textfile collector rejects`);
    const key = seriesKey(sample);
    if (series.has(key)) problems.push(`line ${lineNumber}: duplicate series ${key}`);
    series.add(key);
  });
  return problems;
}

export interface ParsedSample {
  name: string;
  /** Label values unescaped, in the order written. */
  labels: Array<[string, string]>;
  value: string;
  timestamp: string | null;
}

/** One sample line of the text format, labels unescaped. Throws on anything malformed. */
export function parseSample(line: string): ParsedSample {
  const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
  if (!nameMatch) throw new Error(`no metric name: ${JSON.stringify(line)}`);
  const name = nameMatch[0];
  let at = name.length;
  const labels: Array<[string, string]> = [];
  if (line[at] === '{') {
    at++;
    while (line[at] !== '}') {
      const labelMatch = /^([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(line.slice(at));
      if (!labelMatch) throw new Error(`bad label at column ${at + 1}: ${JSON.stringify(line)}`);
      at += labelMatch[0].length;
      let value = '';
      for (;;) {
        const c = line[at];
        if (c === undefined) throw new Error(`unterminated label value: ${JSON.stringify(line)}`);
        at++;
        if (c === '"') break;
        if (c === '\\') {
          const escaped = line[at++];
          if (escaped === 'n') value += '\n';
          else if (escaped === '\\' || escaped === '"') value += escaped;
          else throw new Error(`invalid escape \\${escaped ?? ''}: ${JSON.stringify(line)}`);
        } else {
          value += c;
        }
      }
      labels.push([labelMatch[1]!, value]);
      if (line[at] === ',') at++;
      else if (line[at] !== '}') throw new Error(`expected , or } at column ${at + 1}: ${JSON.stringify(line)}`);
    }
    at++;
  }
  const rest = line.slice(at);
  const valueMatch = /^ (\S+)(?: (-?\d+))?$/.exec(rest);
  if (!valueMatch) throw new Error(`bad value or timestamp: ${JSON.stringify(line)}`);
  return { name, labels, value: valueMatch[1]!, timestamp: valueMatch[2] ?? null };
}

function seriesKey(sample: ParsedSample): string {
  const labels = [...sample.labels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${sample.name}${JSON.stringify(labels)}`;
}

/** Runs promtool on files written to a temporary folder, removed afterwards. */
export function withFiles<T>(files: Record<string, string>, use: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'dockprobe-promtool-'));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    return use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `promtool check rules` on a rule file's text. */
export function checkRules(rulesYaml: string): PromtoolRun {
  return withFiles({ 'rules.yml': rulesYaml }, (dir) => promtool(['check', 'rules', join(dir, 'rules.yml')]));
}

/**
 * `promtool test rules` on a unit-test file; the rules are available to it as `rules.yml`
 * (write `rule_files: [rules.yml]`).
 */
export function testRules(rulesYaml: string, testYaml: string): PromtoolRun {
  return withFiles({ 'rules.yml': rulesYaml, 'rules.test.yml': testYaml }, (dir) => promtool(['test', 'rules', join(dir, 'rules.test.yml')]));
}
