import type { RuleMeta } from '../../rules/rule.js';
import { html, linkableUrl, type SafeHtml } from './escape.js';
import { ruleAnchor } from './rule-anchor.js';
import { severityBadge } from './severity-badge.js';
import type { Severity } from '../../severity.js';

/** `code` spans of a rule's text as <code>; everything else escaped. */
function withCode(text: string): SafeHtml {
  return html`${text.split('`').map((part, index) => (index % 2 === 1 ? html`<code>${part}</code>` : part))}`;
}

/**
 * How to fix each rule that fired, from rules/<id>.json: its description, remediation and
 * references, under an id findings link to (#rule-daemon-tcp-no-tls). References are plain
 * links: nothing is fetched unless the reader follows one.
 */
export function remediationSection(rules: readonly { ruleId: string; severity: Severity }[], metadata: Map<string, RuleMeta>): SafeHtml {
  const entries = rules.map(({ ruleId, severity }) => {
    const meta = metadata.get(ruleId);
    if (!meta) {
      return html`<article class="rule" id="${ruleAnchor(ruleId)}"><h3>${severityBadge(severity)} <code>${ruleId}</code></h3><p>This dockprobe version does not know this rule (the report was written by another version), so it cannot say how to fix it.</p></article>`;
    }
    const references = meta.references.map((reference) => {
      const url = linkableUrl(reference.url);
      return html`<li>${url ? html`<a href="${url}" rel="noreferrer noopener">${reference.title}</a>` : html`${reference.title} (${reference.url})`}</li>`;
    });
    return html`<article class="rule" id="${ruleAnchor(ruleId)}" aria-labelledby="${ruleAnchor(ruleId)}-heading">
<h3 id="${ruleAnchor(ruleId)}-heading">${severityBadge(meta.severity)} ${meta.title} <code class="muted">${meta.id}</code></h3>
<p>${withCode(meta.description)}</p>
<p><strong>Fix:</strong> ${withCode(meta.remediation)}</p>
${references.length ? html`<ul class="references">${references}</ul>` : ''}
</article>`;
  });
  return html`<section id="how-to-fix" aria-labelledby="how-to-fix-heading">
<h2 id="how-to-fix-heading">How to fix</h2>
${entries.length ? entries : html`<p>No rule fired, so there is nothing to fix.</p>`}
</section>`;
}
