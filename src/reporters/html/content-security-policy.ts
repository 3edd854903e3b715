import { createHash } from 'node:crypto';

/** 'sha256-…' of an inline script or style: the CSP source that allows exactly that text. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * Nothing may load but the page itself: no fetch, image, font, frame or form target. The one
 * style sheet and the one script run because their hashes are listed; an injected one would
 * not (escaping keeps them out; this is the second wall). img-src data: is the favicon.
 */
export function contentSecurityPolicy(style: string, script: string): string {
  return [`default-src 'none'`, `style-src ${cspHash(style)}`, `script-src ${cspHash(script)}`, `img-src data:`, `base-uri 'none'`, `form-action 'none'`].join('; ');
}
