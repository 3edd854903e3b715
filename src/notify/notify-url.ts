import { redactUrlCredentials } from '../redact-url-credentials.js';
import { UsageError } from '../usage-error.js';

/**
 * Webhook URLs are secrets: Slack's carry the token in the PATH
 * (https://hooks.slack.com/services/T000/B000/XXXX), others in the query or the userinfo.
 * Anything said about one, in a message, a log or a reason, shows scheme://host[:port] only.
 */
export function describeNotifyUrl(url: URL): string {
  const more = url.pathname !== '/' || url.search !== '' ? '/…' : '/';
  return `${url.protocol}//${url.host}${more}`;
}

/**
 * What --notify was given, fit to quote back when it is not a usable URL: credentials
 * redacted, and nothing after the host (path, query, fragment) shown.
 */
function describeNotifyInput(value: string): string {
  const text = redactUrlCredentials(value);
  const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:(\/\/)?/.exec(text)?.[0] ?? '';
  const authority = /^[^/?#\s\\]*/.exec(text.slice(scheme.length))![0];
  const rest = text.length > scheme.length + authority.length;
  const shown = `${scheme}${authority}`.slice(0, 100);
  return rest || shown.length < `${scheme}${authority}`.length ? `${shown}/…` : shown;
}

/** `--notify URL`: an http: or https: URL to POST the summary to. The fragment is dropped. */
export function parseNotifyUrl(value: string, flag = '--notify'): URL {
  const text = value.trim();
  if (text === '') {
    throw new UsageError(`${flag} is empty; give the webhook URL, e.g. --notify https://hooks.slack.com/services/…, or leave the option out`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${flag} "${describeNotifyInput(text)}": not a URL; give the full webhook URL, starting with https:// (or http://)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`${flag} "${describeNotifyInput(text)}": only http:// and https:// webhooks are supported; give the webhook's https:// URL`);
  }
  if (url.hostname === '') {
    throw new UsageError(`${flag} "${describeNotifyInput(text)}": the URL names no host; give the full webhook URL, e.g. https://hooks.example.com/…`);
  }
  url.hash = '';
  return url;
}
