import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import t, { type Test } from 'tap';
import type { Page } from 'playwright-core';
import { renderHtml } from '../../src/reporters/html-reporter.js';
import { handsOutRoot } from '../../src/reporters/html/root-endpoints.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { canRunBrowserTests, launchChromium } from '../helpers/chromium.js';
import { FLEET_NOW, fleetReport, HOSTILE_SUBJECT, MACHINES } from '../support/fleet-report-builder.js';
import { TEST_SPEC, withCompliance } from '../support/compliance-report-builder.js';

/**
 * The HTML report in a real browser (Debian's Chromium, headless), as a fleet owner opens it:
 * from disk, with JavaScript off and on. What they rely on is asserted through the DOM, every
 * request the page makes is recorded (only the file itself and data: URLs may appear), and
 * screenshots land in test-artifacts/html-report/ for people (and CI artifacts) to look at.
 */

const ARTIFACTS = resolve('test-artifacts/html-report');
const dir = mkdtempSync(join(tmpdir(), 'dockprobe-html-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

if (canRunBrowserTests(t)) {
  const report = fleetReport();
  const page = renderHtml(report, loadRuleMetadata(), { now: FLEET_NOW });
  const file = join(dir, 'fleet.html');
  writeFileSync(file, page);
  const fleetUrl = pathToFileURL(file).href;
  const url = fleetUrl;
  mkdirSync(ARTIFACTS, { recursive: true });
  // The page itself beside its screenshots, for a person to open.
  writeFileSync(join(ARTIFACTS, 'fleet.html'), page);

  // The same fleet judged against a benchmark (--compliance ... --report all).
  const judged = withCompliance(report, 'all');
  const complianceFile = join(dir, 'fleet-compliance.html');
  writeFileSync(complianceFile, renderHtml(judged, loadRuleMetadata(), { now: FLEET_NOW }));
  const complianceUrl = pathToFileURL(complianceFile).href;

  /** Opens the report, recording every request; the caller asserts on them after its checks. */
  async function open(t: Test, javaScriptEnabled: boolean, target = fleetUrl): Promise<{ page: Page; requests: string[]; consoleErrors: string[] }> {
    const context = await launchChromium(t, { javaScriptEnabled });
    const requests: string[] = [];
    const consoleErrors: string[] = [];
    await context.route('**/*', (route) => {
      requests.push(route.request().url());
      // Anything but the report itself is refused, so a leak fails the assertions, not the network.
      return route.request().url() === target ? route.continue() : route.abort();
    });
    const tab = await context.newPage();
    tab.on('request', (request) => requests.push(request.url()));
    tab.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    tab.on('pageerror', (error) => consoleErrors.push(error.message));
    await tab.goto(target, { waitUntil: 'load' });
    return { page: tab, requests, consoleErrors };
  }

  function onlyLocal(t: Test, requests: string[]): void {
    const foreign = requests.filter((request) => request !== url && !request.startsWith('data:'));
    t.same(foreign, [], 'the page requested nothing but itself (and data: URLs)');
    t.ok(requests.includes(url), 'the recorder saw the page itself, so it was recording');
  }

  async function assertContent(t: Test, tab: Page): Promise<void> {
    const verdict = await tab.locator('#verdict').innerText();
    const rooted = report.endpoints.filter(handsOutRoot).map((entry) => entry.target);
    t.same(rooted.sort(), ['10.20.0.5:2376', '127.0.0.1:2375'], 'the fleet has the two root-granting endpoints it was built with');
    t.match(verdict, /2 endpoints hand out root/, 'the verdict counts the root-granting endpoints');
    for (const target of rooted) t.ok(verdict.includes(target), `the verdict names ${target}`);
    t.match(verdict, /INCOMPLETE/, 'the verdict says the report is incomplete');
    t.notOk(verdict.includes('127.0.0.1:2376'), 'a protected endpoint is not named as handing out root');

    const rowHeads = await tab.locator('table.matrix tbody th[scope="row"] > a, table.matrix tbody th[scope="row"] > .place-name').allInnerTexts();
    for (const machine of MACHINES) t.ok(rowHeads.includes(machine.label), `the matrix has a row for ${machine.label}`);
    t.ok(rowHeads.includes('10.20.0.5'), 'and for a scanned endpoint host');
    t.equal(await tab.locator('table.matrix thead th[scope="col"]').count(), 1 + new Set(report.findings.map((f) => f.ruleId)).size + 2, 'a column per rule that fired');

    const certificates = report.endpoints.flatMap((entry) => (entry.tls?.chain ?? []).map((cert) => `${cert.fingerprint256} ${entry.target} ${entry.machine ?? ''}`)).concat(report.files.flatMap((f) => f.certificates.map((cert) => `${cert.fingerprint256} ${f.systemPath} ${f.machine ?? ''}`)));
    t.equal(await tab.locator('svg.timeline g.cert').count(), new Set(certificates).size, 'the timeline has a mark per certificate');
    t.equal(await tab.locator('svg.timeline g.cert-expired').count(), 1, 'the expired certificate is marked as such');
    t.match(await tab.locator('svg.timeline g.cert-soon').innerHTML(), /expires in 12 days/, 'the certificate ending within 30 days is labelled');
    t.equal(await tab.locator('svg.timeline line.today').count(), 1, 'a today marker');

    const gaps = await tab.locator('#could-not-check').innerText();
    for (const error of report.errors) t.ok(gaps.includes(error.message), `could not check lists: ${error.message}`);
    t.match(gaps, /deadline \(10000 ms\) passed/, 'and the endpoint that was not fully checked');
    t.match(gaps, /checks? did not run/, 'and the file whose role is unknown');

    const fix = tab.locator('#findings a.fix-link').first();
    const target = (await fix.getAttribute('href'))!;
    t.match(target, /^#rule-[a-z0-9-]+$/, 'a finding links to its rule');
    t.equal(await tab.locator(target).count(), 1, `${target} resolves to an element on the page`);
    t.match(await tab.locator(target).innerText(), /Fix:/, 'which says how to fix it');

    t.ok((await tab.locator('#could-not-check').innerText()).includes(HOSTILE_SUBJECT) || (await tab.locator('body').innerText()).includes(HOSTILE_SUBJECT), 'the hostile subject is shown as text');
    t.equal(await tab.locator('img').count(), 0, 'the hostile subject made no <img>');
    t.equal(await tab.locator('script').count(), 1, 'and no <script>: the page has only its own');

    // The DOM the browser built equals the markup written: sections in order, nothing re-parented by a stray tag.
    const order = await tab.locator('main > section, main > form').evaluateAll((nodes) => nodes.map((node) => node.id));
    t.same(order, ['verdict', 'filters', 'matrix', 'endpoints', 'expiry', 'could-not-check', 'findings', 'how-to-fix'], 'sections in the order the issue asks for');
  }

  t.test('without JavaScript: everything is there, nothing is requested', async (t) => {
    const { page: tab, requests, consoleErrors } = await open(t, false);
    await assertContent(t, tab);
    t.equal(await tab.locator('#filters').isVisible(), false, 'the filter bar stays hidden without a script to run it');
    await tab.screenshot({ path: join(ARTIFACTS, 'fleet-nojs-1366.png'), fullPage: true });
    onlyLocal(t, requests);
    t.same(consoleErrors, [], 'no console errors (a CSP violation would be one)');
  });

  t.test('with JavaScript: filters and sorting work, the CSP lets the page script run, nothing is requested', async (t) => {
    const { page: tab, requests, consoleErrors } = await open(t, true);
    await assertContent(t, tab);
    t.equal(await tab.locator('#filters').isVisible(), true, 'the script ran (CSP hash matches) and showed the filter bar');
    const visibleFindings = () => tab.locator('table.findings tbody tr:visible').count();
    const all = await visibleFindings();
    t.equal(all, report.findings.length, 'every finding shown before filtering');
    await tab.selectOption('#filter-severity', 'critical');
    t.equal(await visibleFindings(), report.findings.filter((f) => f.severity === 'critical').length, 'severity filter');
    await tab.selectOption('#filter-severity', '');
    await tab.selectOption('#filter-place', `machine:${MACHINES[0]!.key}`);
    t.equal(await visibleFindings(), report.findings.filter((f) => f.machine === MACHINES[0]!.key).length, 'machine filter');
    t.equal(await tab.locator('table.matrix tbody tr:visible').count(), 1, 'the matrix shows only that machine');
    await tab.selectOption('#filter-place', '');
    await tab.fill('#filter-text', 'tls-cert-expired');
    t.equal(await visibleFindings(), report.findings.filter((f) => f.ruleId === 'tls-cert-expired').length, 'text filter');
    t.match(await tab.locator('#filter-status').innerText(), /^Showing 1 of \d+ findings/, 'the page says it is filtered');
    await tab.fill('#filter-text', '');
    t.equal(await visibleFindings(), all, 'clearing the filters shows everything again');

    const header = tab.locator('#endpoints-table thead th').first();
    await header.locator('button').click();
    const ascending = await tab.locator('#endpoints-table tbody th').allInnerTexts();
    await header.locator('button').click();
    const descending = await tab.locator('#endpoints-table tbody th').allInnerTexts();
    t.same(descending, [...ascending].reverse(), 'a second click on a column header reverses the order');
    t.equal(await header.getAttribute('aria-sort'), 'descending', 'and says so to assistive technology');

    await tab.evaluate(() => window.scrollTo(0, 0));
    await tab.screenshot({ path: join(ARTIFACTS, 'fleet-js-1366.png'), fullPage: true });
    await tab.emulateMedia({ media: 'print' });
    t.equal(await tab.locator('#filters').isVisible(), false, 'print hides the filter bar');
    t.equal(await tab.locator('table.findings thead th').first().evaluate((node) => getComputedStyle(node).position), 'static', 'print has no sticky headers');
    await tab.screenshot({ path: join(ARTIFACTS, 'fleet-print.png'), fullPage: true });
    await tab.pdf({ path: join(ARTIFACTS, 'fleet-print.pdf'), format: 'A4', printBackground: true });
    onlyLocal(t, requests);
    t.same(consoleErrors, [], 'no console errors (a CSP violation would be one)');
  });

  t.test('with --compliance: the controls matrix shows every control and every machine and endpoint, evidence without a script', async (t) => {
    const { page: tab, requests, consoleErrors } = await open(t, false, complianceUrl);
    const subjects = judged.compliance!.subjects;
    const heads = await tab.locator('#controls table.controls thead th.subject-col').evaluateAll((nodes) => nodes.map((node) => node.firstChild?.textContent ?? ''));
    t.same(heads, subjects.map((subject) => subject.label), 'a column for every machine and endpoint, by label');
    t.equal(await tab.locator('#controls table.controls tbody tr').count(), TEST_SPEC.controls.length, 'a row for every control');
    for (const row of await tab.locator('#controls table.controls tbody tr').all()) t.equal(await row.locator('td').count(), 2 + subjects.length, 'each row has a cell per subject');
    const order = await tab.locator('main > section, main > form').evaluateAll((nodes) => nodes.map((node) => node.id));
    t.same(order.slice(0, 3), ['verdict', 'controls', 'filters'], 'the controls come right after the verdict');
    const failed = tab.locator('#controls tr[data-control="2.7"] td.status-fail details').first();
    t.notOk(await failed.locator('ul').isVisible(), 'the evidence is folded away');
    await failed.locator('summary').click();
    t.match(await failed.locator('ul').innerText(), /api-(unauthenticated|tls-no-client-verify)/, 'and opens on a click, without JavaScript, naming the finding');
    await tab.screenshot({ path: join(ARTIFACTS, 'fleet-compliance-nojs-1366.png'), fullPage: true });
    const foreign = requests.filter((request) => request !== complianceUrl && !request.startsWith('data:'));
    t.same(foreign, [], 'the page requested nothing but itself');
    t.same(consoleErrors, [], 'no console errors (a CSP violation would be one)');
  });
}
