/**
 * Replaces the userinfo of a URL so no password reaches a report or an error message:
 * "http://user:pass@proxy:3128", and the scheme-less "user:pass@proxy:3128" that Go's proxy
 * settings also accept. Everything up to the LAST "@" goes, since an unescaped "@" or "/" in a
 * password is common in hand-written settings: better to hide a path than to show a secret.
 */
export function redactUrlCredentials(value: string): string {
  const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.exec(value)?.[0] ?? '';
  const at = value.lastIndexOf('@');
  if (at < scheme.length) return value;
  return `${scheme}redacted${value.slice(at)}`;
}

/**
 * For addresses whose user name matters (ssh://deploy@host picks the ssh config entry):
 * only a userinfo with a password ("user:secret@") is replaced, by "user:redacted@".
 */
export function redactUrlPassword(value: string): string {
  const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.exec(value)?.[0] ?? '';
  const at = value.lastIndexOf('@');
  if (at < scheme.length) return value;
  const userinfo = value.slice(scheme.length, at);
  const colon = userinfo.indexOf(':');
  if (colon === -1) return value;
  return `${scheme}${userinfo.slice(0, colon)}:redacted${value.slice(at)}`;
}
