/**
 * Tables fit an 80-column terminal, and a long path in them stays whole: wrapped, at its
 * slashes where it can, never cut to "…".
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { executeFiles } from '../../src/cli/local-commands.js';
import { diffReports } from '../../src/report/diff-reports.js';
import { renderDiffTable } from '../../src/reporters/diff-reporter.js';
import { renderTable } from '../../src/reporters/table-reporter.js';
import { wrapCell } from '../../src/reporters/wrap-cell.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { issueClientCert, makePki } from '../helpers/pki.js';
import { scanInProcess } from '../support/scan-in-process.js';

const LONG_PATH = '/etc/docker/certs.d/registry.example.com/client-key.pem';

const dir = mkdtempSync(join(tmpdir(), 'dockprobe-table-width-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

/** Lines of table (borders and rows); prose lines around them are left for the terminal to wrap. */
function tableLines(text: string): string[] {
  return text.split('\n').filter((line) => /^[┌│└├]/.test(line));
}

/** The text of one column of a cli-table3 table, its wrapped lines joined, from the header down. */
function column(table: string, head: string): string {
  const lines = table.split('\n');
  const header = lines.findIndex((line) => line.includes(`│ ${head} `));
  const index = lines[header]!.split('│').findIndex((cell) => cell.trim() === head);
  return lines
    .slice(header + 1)
    .filter((line) => line.startsWith('│'))
    .map((line) => line.split('│')[index]!.trim())
    .join('');
}

async function longPathReport() {
  // A world-readable client key under a registry's certs.d folder: a finding, and a row in Files.
  const root = join(dir, 'root');
  const folder = join(root, 'etc/docker/certs.d/registry.example.com');
  mkdirSync(folder, { recursive: true });
  const pair = issueClientCert(makePki(join(dir, 'pki')), { name: 'client' });
  copyFileSync(pair.keyPath, join(folder, 'client-key.pem'));
  chmodSync(join(folder, 'client-key.pem'), 0o644);
  const files = executeFiles([folder], { format: 'json', failOn: 'none', root }, { HOME: '/nonexistent' }).report;
  const scanned = (await scanInProcess(['127.0.0.42'], { timeout: '500' })).report;
  return { ...files, endpoints: scanned.endpoints };
}

t.test('at 80 columns: every line fits, and the path can be read whole in each table', async (t) => {
  const report = await longPathReport();
  t.ok(report.findings.some((finding) => finding.systemPath === LONG_PATH), 'the key is a finding at the long path');
  const text = renderTable(report, loadRuleMetadata(), { width: 80 });
  t.ok(tableLines(text).length > 20, 'three tables: endpoints, files, findings');
  t.same(tableLines(text).filter((line) => line.length > 80), [], 'no table line wider than the terminal');
  t.notMatch(text, /…/, 'nothing cut short');
  const [filesPart, findingsPart] = [text.slice(text.indexOf('Files'), text.indexOf('Findings')), text.slice(text.indexOf('Findings'))];
  t.match(column(filesPart, 'File'), LONG_PATH, 'Files: the path, wrapped');
  t.match(column(findingsPart, 'Where'), LONG_PATH, 'Findings: the path, wrapped');
  t.match(text, /│ \/etc\/docker\/certs\.d\/\s/, 'broken after a slash, not in the middle of a name');
  t.match(column(text.slice(0, text.indexOf('Files')), 'State'), /closed/, 'the endpoint states are whole');

  const diff = renderDiffTable(diffReports([], report), { old: { path: 'old.json', finishedAt: report.finishedAt }, new: { path: 'new.json', finishedAt: report.finishedAt, complete: true } }, { width: 80 });
  t.same(tableLines(diff).filter((line) => line.length > 80), [], 'report diff fits too');
  t.match(column(diff.slice(diff.indexOf('New (')), 'Where'), LONG_PATH);
});

t.test('at 120 columns (not a terminal) the tables are as wide as before', async (t) => {
  const text = renderTable(await longPathReport(), loadRuleMetadata(), { width: 120 });
  const widths = new Set(tableLines(text).map((line) => line.length));
  t.same([...widths], [120]);
});

t.test('wrapCell: words at spaces, long words after a separator, else at the edge', async (t) => {
  t.equal(wrapCell('a key anyone can read', 10), 'a key\nanyone can\nread');
  t.equal(wrapCell(LONG_PATH, 22), '/etc/docker/certs.d/\nregistry.example.com/\nclient-key.pem');
  t.equal(wrapCell('api-tls-untrusted-client-accepted', 14), 'api-tls-\nuntrusted-\nclient-\naccepted');
  t.equal(wrapCell('abcdefghij', 4), 'abcd\nefgh\nij');
  t.equal(wrapCell('two\nlines', 20), 'two\nlines');
});
