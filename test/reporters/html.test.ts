import { createHash } from 'node:crypto';
import t from 'tap';
import type { ScanReport } from '../../src/report/scan-report.js';
import { buildScanReport } from '../../src/report/scan-report.js';
import { parseExtraOutput } from '../../src/cli/report-flags.js';
import { renderReport } from '../../src/cli/report-output.js';
import { OUTPUT_FORMATS } from '../../src/reporters/index.js';
import { renderHtml } from '../../src/reporters/html-reporter.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { emptySummary } from '../../src/scan/scan-summary.js';
import { mtlsEndpoint } from '../support/observation-builder.js';
import { scanScope } from '../support/report-scope-builder.js';
import { FLEET_NOW, fleetReport, HOSTILE_PATH, HOSTILE_SUBJECT, MACHINES } from '../support/fleet-report-builder.js';
import { TEST_SPEC, withCompliance } from '../support/compliance-report-builder.js';
import { renderJson } from '../../src/reporters/json-reporter.js';

/**
 * The HTML report as a string: what must hold whatever browser opens it. Hostile text stays
 * text, nothing is loaded from anywhere, the CSP allows exactly the page's own style and script,
 * the markup is balanced, sections come in the issue's order, and an incomplete report is never
 * an all clear. (html-browser.test.ts opens it in Chromium.)
 */

const metadata = loadRuleMetadata();
const fleet = fleetReport();
const page = renderHtml(fleet, metadata, { now: FLEET_NOW });

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** SVG shapes written self-closed ("<line/>"). */
const selfClosed = (tag: string): boolean => tag.endsWith('/>');

/** Every opened tag closed in order: the page parses to the tree it was written as. */
function unbalancedTags(text: string): string[] {
  const withoutScript = text.replace(/<script>[\s\S]*?<\/script>/g, '').replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<!DOCTYPE html>/, '');
  const stack: string[] = [];
  const problems: string[] = [];
  for (const match of withoutScript.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g)) {
    const [tag, name] = [match[0], match[1]!.toLowerCase()];
    if (tag.startsWith('</')) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}> at ${match.index}`);
    } else if (!VOID.has(name) && !selfClosed(tag)) stack.push(name);
  }
  return [...problems, ...stack.map((name) => `<${name}> never closed`)];
}

function emptyReport(parts: Partial<Parameters<typeof buildScanReport>[0]> = {}): ScanReport {
  return buildScanReport({ startedAt: FLEET_NOW, finishedAt: FLEET_NOW, endpoints: [], findings: [], errors: [], summary: emptySummary(), scope: scanScope(['127.0.0.1']), ...parts });
}

t.test('hostile text from the report stays text', async (t) => {
  t.notOk(page.includes(HOSTILE_SUBJECT), 'the hostile certificate subject is not in the page raw');
  t.notOk(page.includes(HOSTILE_PATH), 'nor the hostile path');
  t.ok(page.includes('CN=&lt;img src=x onerror=alert(1)&gt;&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;'), 'the subject is there, escaped');
  t.ok(page.includes('/etc/docker/ssl/&lt;/td&gt;&lt;script&gt;alert(3)&lt;/script&gt;.pem'), 'the path is there, escaped');
  t.equal(page.match(/<script\b/g)?.length, 1, 'one <script> element: the page\'s own');
  t.notMatch(page, /<img\b/, 'no <img> element');

  // A machine label and a finding that try to break out of an attribute and an element.
  const hostile = '"><svg onload=alert(4)>';
  const report = { ...fleet, machines: fleet.machines.map((machine, index) => (index === 0 ? { ...machine, label: hostile } : machine)), findings: fleet.findings.map((finding, index) => (index === 0 ? { ...finding, message: `</td></tr></table><script>alert(5)</script>`, evidence: { '<b>key</b>': '<i>value</i>' } } : finding)) };
  const rendered = renderHtml(report, metadata, { now: FLEET_NOW });
  t.notOk(rendered.includes('<svg onload'), 'a hostile machine label opens no element');
  t.notOk(rendered.includes('<script>alert(5)'), 'a hostile message opens no script');
  t.notOk(rendered.includes('<b>key</b>') || rendered.includes('<i>value</i>'), 'nor does evidence');
  t.same(unbalancedTags(rendered), [], 'and the markup stays balanced');
});

t.test('nothing is loaded from anywhere: no remote src or href, no <script src>, a strict CSP', async (t) => {
  const urls = [...page.matchAll(/\s(src|href|action|xlink:href|srcset|poster|data)="([^"]*)"/g)].map((match) => ({ attribute: match[1]!, value: match[2]! }));
  t.ok(urls.length > 0, 'the page has links, so the check looked at some');
  const remote = urls.filter(({ attribute, value }) => /^(https?:)?\/\//i.test(value) && attribute !== 'href');
  t.same(remote, [], 'no src or other loading attribute points at a URL');
  const remoteLinks = urls.filter(({ attribute, value }) => attribute === 'href' && !value.startsWith('#') && value !== 'data:,');
  const referenceUrls = new Set([...metadata.values()].flatMap((rule) => rule.references.map((reference) => reference.url)));
  t.ok(remoteLinks.length > 0, 'rule references are linked');
  t.same(remoteLinks.filter(({ value }) => !referenceUrls.has(value.replace(/&amp;/g, '&'))), [], 'the only off-page links are rule references, in <a> (followed only on a click)');
  t.same([...page.matchAll(/<(\w+)[^>]*\shref="https?:/g)].map((match) => match[1]).filter((tag) => tag !== 'a'), [], 'and only <a> has one');
  t.notMatch(page, /<script[^>]*\ssrc=/, 'no <script src>');
  t.notMatch(page, /<link[^>]*rel="stylesheet"/, 'no linked style sheet');
  t.notMatch(page, /@import|url\(/, 'the style sheet imports and fetches nothing');
  t.match(page, /<link rel="icon" href="data:,">/, 'an empty favicon, so the browser does not ask for /favicon.ico');
  t.notMatch(page, /\sstyle="/, 'no style attributes (the CSP would block them)');

  // The attribute as the browser reads it: the quotes are written as &#39;.
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1]?.replace(/&#39;/g, "'");
  t.ok(csp, 'a CSP meta tag');
  t.match(csp!, /^default-src 'none'; /, "default-src 'none'");
  const script = /<script>([\s\S]*?)<\/script>/.exec(page)![1]!;
  const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
  const hash = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  t.match(csp!, `script-src ${hash(script)};`, 'script-src allows exactly the inline script, by its hash');
  t.match(csp!, `style-src ${hash(style)};`, 'style-src allows exactly the inline style sheet, by its hash');
  t.notMatch(csp!, /unsafe-eval|https?:|\*/, 'and nothing else');
  t.ok(page.indexOf('Content-Security-Policy') < page.indexOf('<style>'), 'the CSP comes before anything it governs');
});

t.test('well-formed: every tag closed, in order, and ids unique', async (t) => {
  t.same(unbalancedTags(page), [], 'every opened tag is closed in order');
  t.match(page, /^<!DOCTYPE html>\n<html lang="en">/, 'a doctype and a language');
  const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!);
  t.same(ids.filter((id, index) => ids.indexOf(id) !== index), [], 'no id twice');
  for (const href of new Set([...page.matchAll(/href="#([^"]+)"/g)].map((match) => match[1]!))) t.ok(ids.includes(href), `#${href} resolves to an element`);
  t.notOk(unbalancedTags('<main><p>x</main>').length === 0, 'the checker itself catches an unclosed tag');
});

t.test('sections in the issue\'s order, each with what a reader needs', async (t) => {
  const order = ['id="verdict"', 'id="matrix"', 'id="endpoints"', 'id="expiry"', 'id="could-not-check"', 'id="findings"', 'id="how-to-fix"'].map((id) => page.indexOf(id));
  t.ok(order.every((at) => at > 0), 'every section is there');
  t.same(order, [...order].sort((a, b) => a - b), 'in order: verdict, matrix, endpoints, expiry, could not check, findings, how to fix');
  const verdict = page.slice(page.indexOf('id="verdict"'), page.indexOf('id="matrix"'));
  t.match(verdict, /2 endpoints hand out root/, 'the verdict counts the endpoints that hand out root');
  t.match(verdict, /10\.20\.0\.5:2376/, 'and names them');
  t.match(verdict, /127\.0\.0\.1:2375.*seen from web-01/, 'with the machine an audit saw one from');
  t.match(verdict, /INCOMPLETE/, 'and says the report is incomplete');
  for (const machine of MACHINES) t.match(page, new RegExp(`<tr data-place="machine:${machine.key}"><th scope="row">`), `a matrix row for ${machine.label}`);
  t.match(page, /<th scope="col" class="rule-col"><a href="#rule-api-unauthenticated">api-unauthenticated<\/a><\/th>/, 'matrix columns are the rules that fired, linked to their fix');
  t.match(page, /<article class="rule" id="rule-api-unauthenticated"/, 'the rule\'s fix has its anchor');
  t.match(page, /<a href="#rule-api-unauthenticated" class="fix-link">How to fix<\/a>/, 'a finding links to it');
  t.match(page, /<th scope="col">/, 'table headers have a scope');
});

t.test('never a false all clear', async (t) => {
  const clean = renderHtml(emptyReport({ endpoints: [mtlsEndpoint()] }), metadata);
  t.match(clean, /class="verdict verdict-clear"/, 'complete and nothing found: the all clear');

  const unchecked = renderHtml(emptyReport({ endpoints: [mtlsEndpoint({ checked: { complete: false, reason: 'interrupted' }, unfinished: 'interrupted' })] }), metadata);
  t.notMatch(unchecked, /class="verdict verdict-clear"/, 'an endpoint not fully checked: not the all clear');
  t.match(unchecked, /INCOMPLETE: this report could not check everything/, 'it says so in the verdict');
  t.match(unchecked, /No findings in what could be checked\./, 'and "no findings" is qualified');

  const errored = renderHtml(emptyReport({ errors: [{ kind: 'target', target: '127.0.0.1:2375', message: 'timed out' }] }), metadata);
  t.match(errored, /class="verdict verdict-incomplete"/, 'an error with zero findings is incomplete, not green');
  t.match(errored, /the report itself says it is incomplete/, 'the report\'s own complete: false is named');

  const incompleteFlagOnly = renderHtml({ ...emptyReport(), complete: false }, metadata);
  t.match(incompleteFlagOnly, /class="verdict verdict-incomplete"/, 'complete: false alone is enough');

  const warned = renderHtml(emptyReport({ warnings: ['~/.docker/cert.pem has no key beside it; not used'] }), metadata);
  t.notMatch(warned, /class="verdict verdict-clear"/, 'warnings to read: not the all clear either');
  t.match(warned, /class="verdict verdict-quiet"/, 'but its own tone: read the notes');
  t.match(warned, /~\/\.docker\/cert\.pem has no key beside it/, 'the warning is on the page');
});

t.test('deterministic: the same report renders the same page, "today" from the report', async (t) => {
  t.equal(renderHtml(fleet, metadata), renderHtml(fleet, metadata), 'twice the same');
  t.match(renderHtml(fleet, metadata), `today ${fleet.finishedAt.slice(0, 10)}`, 'without options.now, today is the report\'s finishedAt');
  t.match(renderHtml(fleet, metadata, { now: new Date('2027-03-01T00:00:00Z') }), 'today 2027-03-01', 'options.now moves it');
  const timeline = page.slice(page.indexOf('<svg'), page.indexOf('</svg>'));
  t.match(timeline, /EXPIRED 2026-11-03/, 'the expired certificate is marked');
  t.match(timeline, /expires in 12 days \(2026-12-05\)/, 'the one ending within 30 days is labelled');
});

t.test('the CLI offers it: --format html, --report html:FILE and report convert -f html share OUTPUT_FORMATS', async (t) => {
  t.ok((OUTPUT_FORMATS as readonly string[]).includes('html'), 'html is an output format');
  t.same(parseExtraOutput('html:fleet.html'), { format: 'html', path: 'fleet.html' }, '--report html:FILE is accepted');
  t.equal(renderReport(fleet, 'html', metadata), renderHtml(fleet, metadata), 'renderReport renders the page');
});

t.test('a report written before 1.7.0 (no machines, no machine on findings) renders, its local findings not tied to a machine', async (t) => {
  const { machines: _machines, ...rest } = fleet;
  const old = { ...rest, schemaVersion: '1.6.0', findings: fleet.findings.map(({ machine: _machine, ...finding }) => finding), files: fleet.files.map(({ machine: _machine, ...file }) => file) } as unknown as ScanReport;
  const rendered = renderHtml(old, metadata, { now: FLEET_NOW });
  t.match(rendered, /not tied to a machine or host/, 'path findings without a machine get their own row');
  t.match(rendered, /2 endpoints hand out root/, 'the verdict still stands');
  t.same(unbalancedTags(rendered), [], 'and the page is well-formed');
});

// ---- --compliance: the controls × machines and endpoints matrix ----------------------------

const judgedFleet = withCompliance(fleet, 'all');
const compliancePage = renderHtml(judgedFleet, metadata, { now: FLEET_NOW });
const controlsOf = (text: string): string => text.slice(text.indexOf('<section id="controls"'), text.indexOf('</section>', text.indexOf('<section id="controls"')));

t.test('controls: a row per control, a column per machine and endpoint, a cell for each', async (t) => {
  const section = controlsOf(compliancePage);
  const { controls, subjects } = judgedFleet.compliance!;
  t.ok(subjects.length >= 6, 'the fleet has machines and endpoints to show');
  const heads = [...section.matchAll(/<th scope="col" class="subject-col">([^<]*)<span class="muted place-kind">(machine|endpoint)<\/span><\/th>/g)].map((match) => match[1]);
  t.same(heads, subjects.map((subject) => subject.label), 'every machine and endpoint is a column, by label, in subject order');
  const rows = [...section.matchAll(/<tr data-control="([^"]+)">([\s\S]*?)<\/tr>/g)];
  t.same(rows.map((row) => row[1]), TEST_SPEC.controls.map((control) => control.id), 'every control is a row, in spec order');
  for (const [, id, row] of rows) {
    const control = controls.find((entry) => entry.id === id)!;
    t.match(row!, `<span class="control-id">${id}</span> ${control.title.replace(/'/g, '&#39;')}`, `${id}: id and title`);
    t.match(row!, `<td class="nowrap">L${control.level}</td>`, `${id}: its level`);
    t.match(row!, `<td class="status status-${control.status.toLowerCase().replace(' ', '-')}"><span class="status-word">${control.status}</span></td>`, `${id}: the fleet verdict`);
    t.equal(row!.match(/<td\b/g)!.length, 2 + subjects.length, `${id}: a cell per subject`);
  }
  const open = rows.find((row) => row[1] === '2.7')![2]!;
  t.match(open, /<td class="status status-fail" title="api-unauthenticated at 127\.0\.0\.1:2375: [^"]+"><details><summary><span class="status-word">FAIL<\/span><\/summary><ul class="control-evidence"><li><code>api-unauthenticated<\/code> at <code>127\.0\.0\.1:2375<\/code>/, 'a failed cell: the finding behind it, in a details element and the title');
  t.match(open, /<td class="status status-not-checked" title="the machine&#39;s Docker configuration was not read[^"]*"><details><summary><span class="status-word">NOT CHECKED<\/span><\/summary><ul class="control-evidence"><li>the machine&#39;s Docker configuration was not read/, 'a cell not checked says why');
  t.match(open, /<td class="status status-pass" title="decided from what [^"]+ answered"><details><summary><span class="status-word">PASS<\/span><\/summary><ul class="control-evidence"><li>decided from what/, 'a passed cell says what it was decided from');
});

t.test('controls: right after the verdict, linked from the contents, the page still sound', async (t) => {
  const at = (id: string): number => compliancePage.indexOf(`id="${id}"`);
  t.ok(at('verdict') < at('controls') && at('controls') < at('filters') && at('filters') < at('matrix'), 'verdict, then controls, then the rest');
  t.match(compliancePage, '<li><a href="#verdict">Verdict</a></li><li><a href="#controls">Controls</a></li>', 'the contents link it');
  t.same(unbalancedTags(compliancePage), [], 'balanced');
  const ids = [...compliancePage.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!);
  t.same(ids.filter((id, index) => ids.indexOf(id) !== index), [], 'no id twice');
  t.notMatch(compliancePage, /\sstyle="/, 'no style attributes (the CSP would block them)');
  t.equal(compliancePage.match(/<script\b/g)?.length, 1, 'no script beyond the page\'s own');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(compliancePage)![1]!.replace(/&#39;/g, "'");
  t.equal(csp, /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!.replace(/&#39;/g, "'"), 'the same CSP as without --compliance');
  const style = /<style>([\s\S]*?)<\/style>/.exec(compliancePage)![1]!;
  t.match(csp, `style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`, 'its styles are in the hashed style sheet');
  for (const name of ['status-fail', 'status-not-checked', 'status-pass', 'status-not-applicable', 'status-manual']) t.match(style, `.${name} {`, `the style sheet colours ${name}`);
  t.notMatch(page, /id="controls"|href="#controls"/, 'without --compliance, no controls section and no link to one');
});

t.test('controls: a hostile machine label, finding and reason stay text', async (t) => {
  const hostile = '"><svg onload=alert(6)>';
  const renamed: ScanReport = { ...fleet, machines: fleet.machines.map((machine, index) => (index === 0 ? { ...machine, label: hostile } : machine)) };
  const judged = withCompliance(renamed, 'all');
  const [first] = judged.compliance!.controls;
  first!.results[0] = { ...first!.results[0]!, status: 'FAIL', reasons: ['</td><script>alert(7)</script>'], evidence: [{ ruleId: 'api-unauthenticated', message: '<img src=x onerror=alert(8)>', place: '"><b>place</b>', details: {} }] };
  const rendered = renderHtml(judged, metadata, { now: FLEET_NOW });
  const section = controlsOf(rendered);
  t.ok(section.includes('&quot;&gt;&lt;svg onload=alert(6)&gt;'), 'the label is in the column head, escaped');
  t.notOk(rendered.includes('<svg onload'), 'and opens no element');
  t.notOk(rendered.includes('<script>alert(7)') || rendered.includes('<img src=x') || rendered.includes('<b>place</b>'), 'nor do the reason, the message or the place');
  t.match(section, /title="[^"<>]*&lt;img src=x onerror=alert\(8\)&gt;[^"<>]*"/, 'the title attribute holds them escaped, unbroken');
  t.same(unbalancedTags(rendered), [], 'the markup stays balanced');
});

t.test('controls: a summary read back from JSON shows the counts, and says how to get the matrix', async (t) => {
  const saved = JSON.parse(renderJson(withCompliance(fleet, 'summary'))) as ScanReport;
  const section = controlsOf(renderHtml(saved, metadata, { now: FLEET_NOW }));
  t.match(section, /--report all/, 'it says how to get every subject\'s verdict');
  t.same([...section.matchAll(/<tr data-control="([^"]+)">/g)].map((match) => match[1]), TEST_SPEC.controls.map((control) => control.id), 'every control is still a row');
  t.notMatch(section, /subject-col/, 'no subject columns it cannot fill');
  const counts = saved.compliance!.controls.find((control) => control.id === '2.7')!.counts;
  t.equal(counts.FAIL, 2, '2.7 fails on two endpoints');
  t.match(section, `<span class="status-word">FAIL</span></td><td>${counts.FAIL}</td><td>${counts['NOT CHECKED']}</td><td>${counts.PASS}</td><td>${counts['NOT APPLICABLE']}</td></tr>`, 'the counts per verdict: fail, not checked, pass, not applicable');
});
