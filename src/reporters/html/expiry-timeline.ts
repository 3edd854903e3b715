import type { ScanReport } from '../../report/scan-report.js';
import { html, type SafeHtml } from './escape.js';
import { placeOfEndpoint, type Place } from './report-places.js';

/** One certificate somewhere in the fleet: served by an endpoint, or in a file on a machine. */
export interface FleetCertificate {
  subject: string;
  /** "endpoint 10.0.0.5:2376", or "/etc/docker/ssl/cert.pem on web-01". */
  where: string;
  notAfter: Date;
}

const DAY = 86_400_000;
/** Certificates ending within this many days are labelled on the timeline. */
export const EXPIRY_SOON_DAYS = 30;

/** Every certificate of endpoint chains and audited files, each once per place it was seen. */
export function fleetCertificates(report: ScanReport, places: readonly Place[]): FleetCertificate[] {
  const labelOf = (key: string): string => places.find((place) => place.key === key)?.label ?? key;
  const seen = new Set<string>();
  const out: FleetCertificate[] = [];
  const add = (subject: string, fingerprint: string, where: string, notAfter: string): void => {
    const key = `${fingerprint}\u0000${where}`;
    const date = new Date(notAfter);
    if (seen.has(key) || Number.isNaN(date.getTime())) return;
    seen.add(key);
    out.push({ subject: subject || '(no subject)', where, notAfter: date });
  };
  for (const entry of report.endpoints) {
    const where = `endpoint ${entry.target}${entry.machine !== undefined ? ` (from ${labelOf(placeOfEndpoint(entry))})` : ''}`;
    for (const cert of entry.tls?.chain ?? []) add(cert.subject, cert.fingerprint256, where, cert.notAfter);
  }
  for (const file of report.files) {
    const where = `${file.systemPath}${file.machine !== undefined ? ` on ${labelOf(`machine:${file.machine}`)}` : ''}`;
    for (const cert of file.certificates) add(cert.subject, cert.fingerprint256, where, cert.notAfter);
  }
  return out.sort((a, b) => a.notAfter.getTime() - b.notAfter.getTime() || a.where.localeCompare(b.where));
}

const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** Month ticks for a short span, year ticks for a long one; always UTC, so the page does not depend on where it is rendered. */
function ticks(start: number, end: number): { at: number; label: string }[] {
  const years = (end - start) / (365 * DAY);
  const step = years > 3 ? 12 : years > 1.5 ? 6 : years > 0.7 ? 3 : 1;
  const first = new Date(start);
  let cursor = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1);
  const out: { at: number; label: string }[] = [];
  for (let guard = 0; cursor <= end && guard < 200; guard++) {
    const date = new Date(cursor);
    if (date.getUTCMonth() % step === 0) out.push({ at: cursor, label: step >= 12 ? String(date.getUTCFullYear()) : isoDay(date).slice(0, 7) });
    cursor = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  }
  return out;
}

/**
 * When the fleet's certificates end, drawn as inline SVG: one row per certificate, a mark at its
 * end date, a line for "today" (the report's own time, so the same report draws the same page).
 * Expired ones are crossed and say EXPIRED; those ending within 30 days say so in words. The axis
 * spans today-60d to at most today+3y; certificates outside it sit at the edge with their date.
 */
export function expiryTimelineSection(report: ScanReport, places: readonly Place[], now: Date): SafeHtml {
  const certificates = fleetCertificates(report, places);
  const today = now.getTime();
  if (certificates.length === 0) {
    return html`<section id="expiry" aria-labelledby="expiry-heading"><h2 id="expiry-heading">Certificate expiry</h2><p>No certificate was seen: no TLS endpoint answered and no certificate file was audited.</p></section>`;
  }
  const times = certificates.map((cert) => cert.notAfter.getTime());
  const start = Math.min(today - 60 * DAY, Math.max(Math.min(...times), today - 365 * DAY));
  const end = Math.max(today + 90 * DAY, Math.min(Math.max(...times), today + 3 * 365 * DAY));
  const labelWidth = 420;
  const width = 1000;
  const plotLeft = labelWidth + 10;
  const plotRight = width - 150;
  const rowHeight = 24;
  const top = 30;
  const bottom = top + certificates.length * rowHeight;
  const height = bottom + 22;
  const x = (time: number): number => plotLeft + ((Math.min(Math.max(time, start), end) - start) / (end - start)) * (plotRight - plotLeft);
  const expired = certificates.filter((cert) => cert.notAfter.getTime() <= today);
  const soon = certificates.filter((cert) => cert.notAfter.getTime() > today && cert.notAfter.getTime() - today <= EXPIRY_SOON_DAYS * DAY);

  const tickMarks = ticks(start, end).map(
    (tick) => html`<line class="tick" x1="${x(tick.at).toFixed(1)}" x2="${x(tick.at).toFixed(1)}" y1="${top - 6}" y2="${bottom}"/><text class="tick-label" x="${x(tick.at).toFixed(1)}" y="${bottom + 16}" text-anchor="middle">${tick.label}</text>`,
  );
  const rows = certificates.map((cert, index) => {
    const time = cert.notAfter.getTime();
    const y = top + index * rowHeight + rowHeight / 2;
    const cx = x(time).toFixed(1);
    const days = Math.floor((time - today) / DAY);
    const state = time <= today ? 'expired' : days < EXPIRY_SOON_DAYS ? 'soon' : 'ok';
    const name = `${cert.subject} — ${cert.where}`;
    const shown = name.length > 62 ? `${name.slice(0, 61)}…` : name;
    const note =
      state === 'expired'
        ? `EXPIRED ${isoDay(cert.notAfter)}`
        : state === 'soon'
          ? `expires in ${days} day${days === 1 ? '' : 's'} (${isoDay(cert.notAfter)})`
          : time > end
            ? `→ ${isoDay(cert.notAfter)}`
            : isoDay(cert.notAfter);
    const mark =
      state === 'expired'
        ? html`<path class="mark mark-expired" d="M${Number(cx) - 6} ${y - 6} l12 12 m0 -12 l-12 12"/>`
        : state === 'soon'
          ? html`<path class="mark mark-soon" d="M${cx} ${y - 7} l7 13 h-14 z"/>`
          : html`<circle class="mark mark-ok" cx="${cx}" cy="${y}" r="5"/>`;
    return html`<g class="cert cert-${state}" data-not-after="${cert.notAfter.toISOString()}"><title>${name}: ends ${cert.notAfter.toISOString()}</title>
<line class="row-line" x1="${plotLeft}" x2="${plotRight}" y1="${y}" y2="${y}"/>
<text class="cert-label" x="${labelWidth}" y="${y + 4}" text-anchor="end">${shown}</text>
${mark}
<text class="cert-note cert-note-${state}" x="${Number(cx) + 10}" y="${y + 4}">${note}</text></g>`;
  });
  const todayX = x(today).toFixed(1);
  const summary = `${certificates.length} certificate${certificates.length === 1 ? '' : 's'}: ${expired.length} expired, ${soon.length} expiring within ${EXPIRY_SOON_DAYS} days of ${isoDay(now)}.`;
  return html`<section id="expiry" aria-labelledby="expiry-heading">
<h2 id="expiry-heading">Certificate expiry</h2>
<p>${summary}${[...expired, ...soon].length ? ' ' : ''}${[...expired, ...soon].map((cert, index) => html`${index ? '; ' : ''}<strong>${cert.subject}</strong> (${cert.where}) ${cert.notAfter.getTime() <= today ? 'expired' : 'ends'} ${isoDay(cert.notAfter)}`)}</p>
<div class="timeline-wrap"><svg class="timeline" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="timeline-title timeline-desc">
<title id="timeline-title">Certificate expiry timeline</title>
<desc id="timeline-desc">${summary}</desc>
${tickMarks}
${rows}
<line class="today" x1="${todayX}" x2="${todayX}" y1="${top - 14}" y2="${bottom}"/>
<text class="today-label" x="${todayX}" y="12" text-anchor="middle">today ${isoDay(now)}</text>
</svg></div>
</section>`;
}
