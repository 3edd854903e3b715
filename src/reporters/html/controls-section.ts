import type { ComplianceReport, ComplianceSubject, ControlResult, SubjectControlResult } from '../../compliance/compliance-report.js';
import { CONTROL_STATUSES, type ControlStatus } from '../../compliance/control-status.js';
import { html, type SafeHtml } from './escape.js';

/** "NOT CHECKED" → "status-not-checked": the cell's colour, which only repeats the word in it. */
export function statusClass(status: ControlStatus): string {
  return `status-${status.toLowerCase().replace(/\s+/g, '-')}`;
}

/** What a cell's tooltip says: the findings behind the verdict, or why it is what it is. */
function cellText(result: SubjectControlResult): string {
  const evidence = result.evidence.map((item) => `${item.ruleId} at ${item.place}: ${item.message}${item.suppressedBy ? ` (suppressed by ${item.suppressedBy.entry}: ${item.suppressedBy.reason})` : ''}`);
  return [...evidence, ...result.reasons].join('\n');
}

function subjectCell(result: SubjectControlResult | undefined): SafeHtml {
  if (!result) return html`<td class="cell-empty"><span aria-hidden="true">–</span><span class="visually-hidden">not judged</span></td>`;
  const status = html`<span class="status-word">${result.status}</span>`;
  if (result.evidence.length === 0 && result.reasons.length === 0) return html`<td class="status ${statusClass(result.status)}">${status}</td>`;
  // <details> opens without a script; the title repeats it for a pointer resting on the cell.
  return html`<td class="status ${statusClass(result.status)}" title="${cellText(result)}"><details><summary>${status}</summary><ul class="control-evidence">${result.evidence.map(
    (item) => html`<li><code>${item.ruleId}</code> at <code>${item.place}</code>: ${item.message}${item.suppressedBy ? html` <span class="muted">(suppressed by ${item.suppressedBy.entry}: ${item.suppressedBy.reason})</span>` : ''}</li>`,
  )}${result.reasons.map((reason) => html`<li>${reason}</li>`)}</ul></details></td>`;
}

function controlHead(control: ControlResult): SafeHtml {
  return html`<th scope="row"><span class="control-id">${control.id}</span> ${control.title}<span class="muted place-kind">${control.assessment}${control.object ? html`, about ${control.object}` : ''}</span></th><td class="nowrap">L${control.level}</td><td class="status ${statusClass(control.status)}"><span class="status-word">${control.status}</span></td>`;
}

/** A summary read back from JSON has no per-subject verdicts: then the counts per verdict stand in for the columns. */
function countsTable(compliance: ComplianceReport): SafeHtml {
  const shown = CONTROL_STATUSES.filter((status) => status !== 'MANUAL');
  return html`<p>This report holds the compliance summary only (<code>--report summary</code>): run <code>dockprobe report convert REPORT.json -f html --compliance ${compliance.spec.id} --report all</code> for every machine's and endpoint's verdict.</p>
<div class="table-wrap"><table class="controls">
<caption>Controls: the fleet's verdict, and how many machines and endpoints got each verdict.</caption>
<thead><tr><th scope="col">Control</th><th scope="col">Level</th><th scope="col">Fleet</th>${shown.map((status) => html`<th scope="col">${status}</th>`)}</tr></thead>
<tbody>${compliance.controls.map((control) => html`<tr data-control="${control.id}">${controlHead(control)}${shown.map((status) => html`<td>${control.counts[status] ?? 0}</td>`)}</tr>`)}</tbody>
</table></div>`;
}

function subjectHead(subject: ComplianceSubject): SafeHtml {
  return html`<th scope="col" class="subject-col">${subject.label}<span class="muted place-kind">${subject.kind}</span></th>`;
}

/**
 * The benchmark's controls × the fleet's machines and endpoints (--compliance): one row per
 * control with its id, title, level and the fleet's verdict, one column per machine and
 * endpoint, each cell that subject's verdict in words (colour only repeats it) with the
 * findings behind it, or why it could not be checked, in a <details> that opens without a
 * script. Shown whenever the report has the per-subject verdicts, whichever --report type
 * asked for it: the matrix is what the fleet page is for.
 */
export function controlsSection(compliance: ComplianceReport): SafeHtml {
  const totals = CONTROL_STATUSES.map((status) => `${compliance.totals[status] ?? 0} ${status}`).join(', ');
  const perSubject = compliance.controls.every((control) => Array.isArray(control.results));
  const body = !perSubject
    ? countsTable(compliance)
    : html`<div class="table-wrap"><table class="controls">
<caption>Controls (rows) by machine and endpoint (columns): the verdict there. Open a cell for the findings behind it, or why it could not be checked.</caption>
<thead><tr><th scope="col">Control</th><th scope="col">Level</th><th scope="col">Fleet</th>${compliance.subjects.map(subjectHead)}</tr></thead>
<tbody>${compliance.controls.map((control) => {
        const bySubject = new Map(control.results.map((result) => [result.subject, result]));
        return html`<tr data-control="${control.id}">${controlHead(control)}${compliance.subjects.map((subject) => subjectCell(bySubject.get(subject.id)))}</tr>`;
      })}</tbody>
</table></div>`;
  return html`<section id="controls" aria-labelledby="controls-heading">
<h2 id="controls-heading">Controls: ${compliance.spec.title}</h2>
<p class="verdict-line">${compliance.controls.length} controls, ${compliance.subjects.length} machine(s) and endpoint(s): ${totals}.</p>
<p class="muted">A control passes only where every rule behind it could decide and none fired; where something could not be looked at it is NOT CHECKED, never a pass. MANUAL controls are left to a person, with what dockprobe saw as evidence.</p>
${compliance.subjects.length === 0 && perSubject ? html`<p>This report names no machine and no Docker endpoint, so no control could be checked anywhere.</p>` : ''}
${body}
</section>`;
}
