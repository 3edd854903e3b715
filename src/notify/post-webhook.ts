/**
 * Delivers a notification to the user's own webhook: one POST per attempt, retried on what
 * may pass (network errors, timeouts, 429, 5xx), never on what will not (other 4xx, TLS
 * certificate errors), and never following a redirect. It never throws: the report is already
 * written, and the caller turns a failure into its exit code and one line on stderr.
 *
 * The URL is a secret (Slack keeps the token in the path): reasons name scheme://host only,
 * and a response body quoted back is scrubbed of the path, query and credentials.
 */
import http from 'node:http';
import https from 'node:https';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { describeNotifyUrl } from './notify-url.js';

export interface WebhookPayload {
  contentType: string;
  body: string;
}

export interface PostWebhookOptions {
  /** Tries in all, first included (default 4, at most 10). */
  attempts?: number;
  /** Limit for each attempt, connection to response headers and quoted body (default 10 000 ms). */
  timeoutMs?: number;
  /** Wait before the second attempt, doubling after (default 1000 ms). */
  backoffMs?: number;
  /** Cap on any one wait (default 30 000 ms). */
  maxBackoffMs?: number;
  /** The longest Retry-After honoured on a 429 (default 5000 ms); asked for more, dockprobe gives up. */
  maxRetryAfterMs?: number;
  /** Injected in tests; defaults to a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Told before each wait, e.g. to log "retrying in 2 s". Must not throw (it is guarded anyway). */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

export type PostWebhookResult = { ok: true; attempts: number; status: number } | { ok: false; attempts: number; reason: string };

export const DEFAULT_ATTEMPTS = 4;
export const MAX_ATTEMPTS = 10;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_BACKOFF_MS = 1_000;
export const DEFAULT_MAX_BACKOFF_MS = 30_000;
export const DEFAULT_MAX_RETRY_AFTER_MS = 5_000;
/** Enough of a response body to quote an error ("invalid_payload", "no_service"). */
export const MAX_RESPONSE_BYTES = 2048;
const MAX_QUOTE_CHARS = 200;

/** What one attempt came to. */
type AttemptOutcome =
  | { kind: 'success'; status: number }
  | { kind: 'status'; status: number; statusText: string; retryAfterMs: number | null; location: string | null; body: string }
  | { kind: 'timeout' }
  | { kind: 'network'; code: string; message: string };

const TLS_CERTIFICATE_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS_CERT|HOSTNAME_MISMATCH|ALTNAME/i;
/** Node refused to build the request (a header value it will not send): the same every time. */
const REQUEST_REFUSED = /^ERR_(INVALID|HTTP_INVALID)/;

export async function postWebhook(url: URL, payload: WebhookPayload, options: PostWebhookOptions = {}): Promise<PostWebhookResult> {
  let attempt = 0;
  try {
    const where = describeNotifyUrl(url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return { ok: false, attempts: 0, reason: `webhook ${url.protocol}//${url.host}: only http:// and https:// webhooks are supported; give the webhook's https:// URL to --notify` };
    }
    const attempts = clampInteger(options.attempts, DEFAULT_ATTEMPTS, 1, MAX_ATTEMPTS);
    const timeoutMs = clampInteger(options.timeoutMs, DEFAULT_TIMEOUT_MS, 1, 10 * 60_000);
    const backoffMs = clampInteger(options.backoffMs, DEFAULT_BACKOFF_MS, 0, 10 * 60_000);
    const maxBackoffMs = clampInteger(options.maxBackoffMs, DEFAULT_MAX_BACKOFF_MS, 0, 10 * 60_000);
    const maxRetryAfterMs = clampInteger(options.maxRetryAfterMs, DEFAULT_MAX_RETRY_AFTER_MS, 0, 10 * 60_000);
    const sleep = options.sleep ?? defaultSleep;
    const body = Buffer.from(payload.body, 'utf8');

    let delay = Math.min(backoffMs, maxBackoffMs);
    for (attempt = 1; attempt <= attempts; attempt++) {
      const outcome = await sendOnce(url, payload.contentType, body, timeoutMs);
      if (outcome.kind === 'success') return { ok: true, attempts: attempt, status: outcome.status };
      const verdict = judge(outcome, url, where, maxRetryAfterMs);
      if (!verdict.retry || attempt === attempts) {
        const after = attempt > 1 ? ` (${attempt} attempts)` : '';
        return { ok: false, attempts: attempt, reason: `${verdict.problem}${after}; ${verdict.advice}` };
      }
      const asked = outcome.kind === 'status' && outcome.retryAfterMs !== null ? Math.min(outcome.retryAfterMs, maxRetryAfterMs) : 0;
      const wait = Math.max(delay, asked);
      try {
        options.onRetry?.({ attempt, delayMs: wait, reason: verdict.problem });
      } catch {
        // a logging hook must not stop the delivery
      }
      await sleep(wait);
      delay = Math.min(delay * 2, maxBackoffMs);
    }
    return { ok: false, attempts, reason: `webhook ${where}: no attempt was made; check --notify` };
  } catch (error) {
    // A bug here must not cost the run its exit code or print the URL: say what happened, no more.
    const name = error instanceof Error ? error.name : 'error';
    return { ok: false, attempts: attempt, reason: `webhook delivery failed unexpectedly (${name}); this is a dockprobe bug, please report it` };
  }
}

interface Verdict {
  retry: boolean;
  /** What went wrong, naming scheme://host only. */
  problem: string;
  /** What the user can do about it. */
  advice: string;
}

function judge(outcome: Exclude<AttemptOutcome, { kind: 'success' }>, url: URL, where: string, maxRetryAfterMs: number): Verdict {
  if (outcome.kind === 'timeout') {
    return { retry: true, problem: `webhook ${where} did not answer in time`, advice: 'check that the receiver is up and reachable from this host' };
  }
  if (outcome.kind === 'network') {
    const detail = scrub(oneLine(`${outcome.code}: ${outcome.message}`), url).slice(0, MAX_QUOTE_CHARS);
    if (TLS_CERTIFICATE_ERROR.test(outcome.code)) {
      return {
        retry: false,
        problem: `webhook ${where}: its TLS certificate is not trusted (${detail})`,
        advice: "fix the receiver's certificate, or give --notify a URL whose certificate this host trusts",
      };
    }
    if (REQUEST_REFUSED.test(outcome.code)) {
      return { retry: false, problem: `webhook ${where}: the request could not be built (${detail})`, advice: 'this is a dockprobe bug, please report it' };
    }
    return { retry: true, problem: `webhook ${where} could not be reached (${detail})`, advice: 'check the --notify URL and that the receiver is up' };
  }
  const status = `${outcome.status}${outcome.statusText ? ` ${oneLine(outcome.statusText).slice(0, 60)}` : ''}`;
  const body = scrub(oneLine(outcome.body), url).slice(0, MAX_QUOTE_CHARS);
  const quoted = body ? `: "${body}"` : '';
  if (outcome.status >= 300 && outcome.status < 400) {
    const target = redirectTarget(outcome.location, url);
    return {
      retry: false,
      problem: `webhook ${where} answered ${status}, a redirect${target ? ` to ${target}` : ''}, which dockprobe does not follow`,
      advice: 'give --notify the final URL',
    };
  }
  if (outcome.status === 429) {
    if (outcome.retryAfterMs !== null && outcome.retryAfterMs > maxRetryAfterMs) {
      return {
        retry: false,
        problem: `webhook ${where} is rate-limiting (${status}) and asks to wait ${Math.ceil(outcome.retryAfterMs / 1000)} s, longer than dockprobe waits`,
        advice: 'notify less often; the next run reports the changes again',
      };
    }
    return { retry: true, problem: `webhook ${where} is rate-limiting (${status})${quoted}`, advice: 'notify less often; the next run reports the changes again' };
  }
  if (outcome.status >= 500) {
    return { retry: true, problem: `webhook ${where} failed with ${status}${quoted}`, advice: 'the receiver has a problem: check it, or let the next run try again' };
  }
  if (outcome.status >= 400) {
    return {
      retry: false,
      problem: `webhook ${where} refused the notification with ${status}${quoted}`,
      advice: 'check the --notify URL (a Slack webhook may have been revoked) and --notify-format',
    };
  }
  return { retry: false, problem: `webhook ${where} answered ${status}, not a 2xx success`, advice: 'check the --notify URL' };
}

function sendOnce(url: URL, contentType: string, body: Buffer, timeoutMs: number): Promise<AttemptOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    let request: http.ClientRequest | null = null;
    /** Set once a non-2xx status is in: the deadline then reports it, not a timeout. */
    let finishResponse: (() => void) | null = null;
    const settle = (outcome: AttemptOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(outcome);
      // One connection per attempt (no agent): whatever is left of it goes.
      request?.destroy();
    };
    const deadline = setTimeout(() => (finishResponse ? finishResponse() : settle({ kind: 'timeout' })), timeoutMs);
    try {
      const send = url.protocol === 'https:' ? https.request : http.request;
      request = send(
        url,
        {
          method: 'POST',
          agent: false,
          headers: {
            'Content-Type': contentType,
            'Content-Length': String(body.length),
            'User-Agent': `${TOOL_NAME}/${TOOL_VERSION}`,
            Accept: '*/*',
          },
        },
        (response) => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            response.destroy();
            settle({ kind: 'success', status });
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          finishResponse = (): void => {
            response.destroy();
            settle({
              kind: 'status',
              status,
              statusText: response.statusMessage ?? '',
              retryAfterMs: parseRetryAfter(response.headers['retry-after']),
              location: typeof response.headers.location === 'string' ? response.headers.location : null,
              body: Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8'),
            });
          };
          response.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            size += chunk.length;
            if (size >= MAX_RESPONSE_BYTES) finishResponse?.();
          });
          response.on('end', () => finishResponse?.());
          response.on('error', () => finishResponse?.());
          response.on('close', () => finishResponse?.());
        },
      );
      request.on('error', (error: NodeJS.ErrnoException) => settle({ kind: 'network', code: error.code ?? 'ERROR', message: error.message }));
      request.end(body);
    } catch (error) {
      // Thrown before any traffic, e.g. a header value Node refuses.
      const failure = error as NodeJS.ErrnoException;
      settle({ kind: 'network', code: failure.code ?? 'ERROR', message: failure.message ?? String(error) });
    }
  });
}

/** "Retry-After: 3" or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Where a redirect points, as scheme://host/… only (it can carry a secret too). */
function redirectTarget(location: string | null, base: URL): string | null {
  if (!location) return null;
  try {
    const target = new URL(location, base);
    return target.protocol === 'http:' || target.protocol === 'https:' ? describeNotifyUrl(target) : null;
  } catch {
    return null;
  }
}

/**
 * Takes the URL's secrets out of text a receiver or the network stack sent back: "Cannot POST
 * /services/T000/B000/XXXX" is a common 404 body. Path, query, their segments and the
 * credentials, raw and decoded, longest first.
 */
function scrub(text: string, url: URL): string {
  const secrets = new Set<string>();
  const add = (value: string): void => {
    if (value.length >= 4) secrets.add(value);
    try {
      const decoded = decodeURIComponent(value);
      if (decoded.length >= 4) secrets.add(decoded);
    } catch {
      // not percent-encoded text: the raw form is enough
    }
  };
  add(url.href);
  add(`${url.pathname}${url.search}`);
  add(url.pathname);
  add(url.search);
  add(url.search.slice(1));
  for (const segment of url.pathname.split('/')) add(segment);
  for (const [key, value] of url.searchParams) {
    add(value);
    add(`${key}=${value}`);
  }
  add(url.username);
  add(url.password);
  let result = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) result = result.split(secret).join('…');
  return result;
}

function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function clampInteger(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
