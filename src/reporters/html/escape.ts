/**
 * Markup built so that escaping is the default: every value put into an `html` template is
 * escaped unless it is already SafeHtml (built by this same tag). A hostname, path, certificate
 * subject or message from a report (which may come from a hostile server or config file) can
 * therefore never open a tag or leave an attribute, whichever helper forgets to think about it.
 * Attribute values must be written in double quotes in the templates; quotes are escaped too.
 */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type HtmlPart = SafeHtml | string | number | boolean | null | undefined | readonly HtmlPart[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made inert for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}

function renderPart(part: HtmlPart): string {
  if (part === null || part === undefined || part === false || part === true) return '';
  if (part instanceof SafeHtml) return part.text;
  if (Array.isArray(part)) return part.map(renderPart).join('');
  return escapeHtml(String(part));
}

/** The tag: `html\`<td>${value}</td>\`` escapes value. null, undefined and booleans render as nothing, arrays as their parts. */
export function html(strings: TemplateStringsArray, ...values: HtmlPart[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, index) => {
    out += renderPart(value) + strings[index + 1]!;
  });
  return new SafeHtml(out);
}

/** Markup this program wrote itself (the style sheet, the script): trusted as is. Never for report data. */
export function trusted(text: string): SafeHtml {
  return new SafeHtml(text);
}

/**
 * An http(s) URL for an href, or null: a reference of another scheme (javascript:, data:) is
 * shown as text, never linked. Rule references come from dockprobe's own rules/*.json, but a
 * saved report cannot smuggle one in either way.
 */
export function linkableUrl(url: string): string | null {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : null;
}
