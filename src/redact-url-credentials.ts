/**
 * Replaces the userinfo of a URL so no password reaches a report or an error message: "http://user:pass@proxy:3128"
 * and the scheme-less "user:pass@proxy:3128" that Go's proxy settings also accept.
 */
export function redactUrlCredentials(value: string): string {
  return value.replace(/^((?:[a-zA-Z][a-zA-Z0-9+.-]*:\/\/)?)[^/@]*@/, '$1redacted@');
}
