import { isZmapHeader } from './zmap-csv.js';
import type { TargetsFormat } from './targets-format.js';

/** What the start of a file says it is, or why it is none of the formats read. */
export type Detection = { format: TargetsFormat } | { unknown: string };

/** How far into the file the nmap XML root is looked for: past the prolog, comments and DOCTYPE. */
const XML_ROOT_WINDOW = 64 * 1024;

/**
 * Tells the formats apart by content, from how each tool starts its file:
 * - "<" first: nmap XML when an <nmaprun> element follows, else XML or HTML of something else;
 * - "# Nmap 7.93 scan initiated ..." or a "Host: " line first: nmap -oG;
 * - "#masscan", or a masscan result line ("open tcp 2375 10.0.0.5 1700000000") first: masscan -oL;
 * - a "[" line, or a "{" object first: masscan -oJ (a plain-list "[::1]:2376" has an address
 *   after its bracket, so it stays a plain list);
 * - a header of field names with saddr first ("saddr,sport"): zmap CSV;
 * - anything else: a plain list, one target per line (the reader still refuses a list in which
 *   no line at all is a target, see plain-list.ts).
 * Binary data (NUL or other control bytes, or bytes that are not UTF-8) is no format at all.
 */
export function detectTargetsFormat(text: string, lines: string[]): Detection {
  if (/[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/.test(text)) {
    return { unknown: 'it holds binary data (control bytes, or bytes that are not UTF-8 text)' };
  }
  const start = text.replace(/^\ufeff/, '').trimStart();
  if (start.startsWith('<')) {
    if (/<nmaprun[\s>/]/.test(start.slice(0, XML_ROOT_WINDOW))) return { format: 'nmap-xml' };
    return { unknown: 'it is XML or HTML, but not nmap\'s -oX output (no <nmaprun> element)' };
  }
  const first = lines.find((line) => line.trim() !== '')?.replace(/^\ufeff/, '').trim() ?? '';
  if (/^# Nmap \d/.test(first) || /^Host: \S+ \(/.test(first)) return { format: 'nmap-grepable' };
  if (first === '#masscan' || /^(open|closed) (tcp|udp|sctp|icmp) \d+ \S+ \d+$/.test(first)) return { format: 'masscan-list' };
  if (first === '[' || /^\[?\s*\{/.test(first)) return { format: 'masscan-json' };
  const firstContent = lines.find((line) => line.trim() !== '' && !line.trim().startsWith('#'))?.trim() ?? '';
  if (isZmapHeader(firstContent)) return { format: 'zmap-csv' };
  return { format: 'plain' };
}
