import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { describeNotifyUrl, parseNotifyUrl } from '../../src/notify/notify-url.js';
import { parseRetryAfter, postWebhook, type PostWebhookOptions } from '../../src/notify/post-webhook.js';
import { UsageError } from '../../src/usage-error.js';
import { TOOL_VERSION } from '../../src/version.js';
import { selfSignedCert } from '../helpers/pki.js';
import { closedLoopbackPort, startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

/** A Slack-like URL: the token is the last path segment. */
const SECRET = 'XXsecretTOKEN1234567890';
const SECRET_PATH = `/services/T000/B000/${SECRET}`;
const payload = { contentType: 'application/json; charset=utf-8', body: JSON.stringify({ text: 'dockprobe: 1 new finding — ünïcödé ✓' }) };

async function receiver(t: Test, options: Parameters<typeof startWebhookReceiver>[0] = {}): Promise<WebhookReceiver> {
  const hook = await startWebhookReceiver({ path: SECRET_PATH, ...options });
  t.teardown(() => hook.close());
  return hook;
}

/** Records waits instead of waiting: retries run at once. */
function fastOptions(extra: PostWebhookOptions = {}): PostWebhookOptions & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { attempts: 4, timeoutMs: 2_000, backoffMs: 100, sleep: async (ms) => void sleeps.push(ms), sleeps, ...extra };
}

function assertCleanReason(t: Test, reason: string, ...extraSecrets: string[]): void {
  t.notOk(reason.includes(SECRET), 'the secret token is not in the reason');
  t.notOk(reason.includes('/services/'), 'the path is not in the reason');
  t.notOk(reason.includes('T000/B000'), 'no part of the path');
  for (const secret of extraSecrets) t.notOk(reason.includes(secret), `${secret} is not in the reason`);
  t.notMatch(reason, /[\r\n]/, 'one line');
  t.ok(reason.length < 600, `short: ${reason.length} characters`);
}

t.test('2xx the first time: one POST, the payload byte for byte, with its headers', async (t) => {
  const hook = await receiver(t);
  const options = fastOptions();
  const result = await postWebhook(new URL(hook.url), payload, options);
  t.same(result, { ok: true, attempts: 1, status: 200 });
  t.same(options.sleeps, []);
  t.equal(hook.requests.length, 1);
  const [request] = hook.requests;
  t.equal(request!.method, 'POST');
  t.equal(request!.path, SECRET_PATH);
  t.equal(request!.body, payload.body);
  t.equal(request!.headers['content-type'], 'application/json; charset=utf-8');
  t.equal(request!.headers['content-length'], String(Buffer.byteLength(payload.body)), 'Content-Length counts bytes, not characters');
  t.equal(request!.headers['user-agent'], `dockprobe/${TOOL_VERSION}`);
});

t.test('any 2xx is success (204 with no body)', async (t) => {
  const hook = await receiver(t, { script: [{ status: 204, body: '' }] });
  t.same(await postWebhook(new URL(hook.url), payload, fastOptions()), { ok: true, attempts: 1, status: 204 });
});

t.test('userinfo in the URL is sent as Basic auth, never quoted back', async (t) => {
  const hook = await receiver(t, { script: [401] });
  const url = new URL(hook.url);
  url.username = 'bot';
  url.password = 'pa55word-secret';
  const result = await postWebhook(url, payload, fastOptions());
  t.equal(hook.requests[0]!.headers.authorization, `Basic ${Buffer.from('bot:pa55word-secret').toString('base64')}`);
  t.equal(result.ok, false);
  if (!result.ok) assertCleanReason(t, result.reason, 'pa55word', 'bot:');
});

t.test('500 then 200: retried after the first backoff', async (t) => {
  const hook = await receiver(t, { script: [500, 200] });
  const options = fastOptions();
  const result = await postWebhook(new URL(hook.url), payload, options);
  t.same(result, { ok: true, attempts: 2, status: 200 });
  t.same(options.sleeps, [100]);
  t.equal(hook.requests.length, 2);
  t.equal(hook.requests[1]!.body, payload.body, 'the retry sends the same body');
});

t.test('5xx every time: all attempts, doubling waits up to the cap, then a reason', async (t) => {
  const hook = await receiver(t, { script: [{ status: 503, body: `upstream error at ${SECRET_PATH}` }] });
  const retries: number[] = [];
  const options = fastOptions({ attempts: 5, maxBackoffMs: 350, onRetry: ({ delayMs }) => void retries.push(delayMs) });
  const result = await postWebhook(new URL(hook.url), payload, options);
  t.equal(hook.requests.length, 5);
  t.same(options.sleeps, [100, 200, 350, 350], 'doubling, capped');
  t.same(retries, options.sleeps, 'onRetry is told each wait');
  t.equal(result.ok, false);
  if (result.ok) return;
  t.equal(result.attempts, 5);
  t.match(result.reason, /^webhook http:\/\/127\.0\.0\.1:\d+\/… failed with 503 Service Unavailable: "upstream error at …" \(5 attempts\); /);
  assertCleanReason(t, result.reason);
});

t.test('429 with a short Retry-After: waits that long, then succeeds', async (t) => {
  const hook = await receiver(t, { script: [{ status: 429, headers: { 'Retry-After': '2' } }, 200] });
  const options = fastOptions({ backoffMs: 10 });
  const result = await postWebhook(new URL(hook.url), payload, options);
  t.same(result, { ok: true, attempts: 2, status: 200 });
  t.same(options.sleeps, [2000], 'Retry-After outranks a shorter backoff');
});

t.test('429 without Retry-After: retried on the backoff', async (t) => {
  const hook = await receiver(t, { script: [429, 429, 200] });
  const options = fastOptions();
  t.same(await postWebhook(new URL(hook.url), payload, options), { ok: true, attempts: 3, status: 200 });
  t.same(options.sleeps, [100, 200]);
});

t.test('429 asking for longer than dockprobe waits: no retry, and the reason says so', async (t) => {
  const hook = await receiver(t, { script: [{ status: 429, headers: { 'Retry-After': '3600' } }] });
  const options = fastOptions();
  const result = await postWebhook(new URL(hook.url), payload, options);
  t.equal(hook.requests.length, 1);
  t.same(options.sleeps, []);
  t.match(result, { ok: false, attempts: 1 });
  if (!result.ok) {
    t.match(result.reason, /rate-limiting \(429 Too Many Requests\) and asks to wait 3600 s/);
    assertCleanReason(t, result.reason);
  }
});

t.test('a 5xx with a long Retry-After waits no longer than the cap', async (t) => {
  const hook = await receiver(t, { script: [{ status: 503, headers: { 'Retry-After': '86400' } }, 200] });
  const options = fastOptions({ maxRetryAfterMs: 3000 });
  t.same(await postWebhook(new URL(hook.url), payload, options), { ok: true, attempts: 2, status: 200 });
  t.same(options.sleeps, [3000]);
});

t.test('404 is not retried, and the Express-style body does not leak the path', async (t) => {
  const hook = await receiver(t, { script: [{ status: 404, body: `<pre>Cannot POST ${SECRET_PATH}</pre>\n` }] });
  const options = fastOptions();
  const result = await postWebhook(new URL(hook.url), payload, options);
  t.equal(hook.requests.length, 1, 'one request: a wrong URL will not fix itself');
  t.same(options.sleeps, []);
  t.match(result, { ok: false, attempts: 1 });
  if (!result.ok) {
    t.match(result.reason, /refused the notification with 404 Not Found: "<pre>Cannot POST …<\/pre>"; check the --notify URL/);
    assertCleanReason(t, result.reason);
  }
});

t.test('a percent-encoded secret is scrubbed in its decoded form too', async (t) => {
  const hook = await receiver(t, { path: '/hooks/s%C3%A9cr%C3%A9t-t%C3%B6ken?key=query-secret-42', script: [{ status: 400, body: 'bad token sécrét-töken for key=query-secret-42' }] });
  const result = await postWebhook(new URL(hook.url), payload, fastOptions());
  t.equal(result.ok, false);
  if (!result.ok) assertCleanReason(t, result.reason, 'sécrét', 's%C3%A9cr', 'query-secret-42');
});

t.test('302 is not followed: the target never hears from dockprobe', async (t) => {
  const elsewhere = await receiver(t, { path: '/other/secret-destination' });
  const hook = await receiver(t, { script: [{ status: 302, headers: { Location: elsewhere.url } }] });
  const options = fastOptions();
  const result = await postWebhook(new URL(hook.url), payload, options);
  t.equal(hook.requests.length, 1);
  t.equal(elsewhere.requests.length, 0, 'no request at the redirect location');
  t.same(options.sleeps, [], 'a redirect is not retried');
  t.match(result, { ok: false, attempts: 1 });
  if (!result.ok) {
    t.match(result.reason, new RegExp(`answered 302 Found, a redirect to http://127\\.0\\.0\\.1:${elsewhere.port}/…, which dockprobe does not follow; give --notify the final URL`));
    assertCleanReason(t, result.reason, 'secret-destination');
  }
});

t.test('307 and 308 are not followed either (they would resend the POST)', async (t) => {
  for (const status of [307, 308]) {
    const elsewhere = await receiver(t);
    const hook = await receiver(t, { script: [{ status, headers: { Location: elsewhere.url } }] });
    const result = await postWebhook(new URL(hook.url), payload, fastOptions());
    t.equal(elsewhere.requests.length, 0, `${status}: not followed`);
    t.match(result, { ok: false, attempts: 1 });
  }
});

t.test('a receiver that never answers: each attempt times out, the total is bounded', async (t) => {
  const hook = await receiver(t, { script: [{ status: 200, hang: true }] });
  const options = fastOptions({ attempts: 3, timeoutMs: 250 });
  const started = Date.now();
  const result = await postWebhook(new URL(hook.url), payload, options);
  const elapsed = Date.now() - started;
  t.ok(elapsed >= 3 * 250 - 50, `three timeouts took ${elapsed} ms`);
  t.ok(elapsed < 3 * 250 + 1500, `bounded: ${elapsed} ms`);
  t.equal(hook.requests.length, 3, 'each attempt was a fresh POST');
  t.same(options.sleeps, [100, 200]);
  t.match(result, { ok: false, attempts: 3 });
  if (!result.ok) {
    t.match(result.reason, /did not answer in time \(3 attempts\); check that the receiver is up/);
    assertCleanReason(t, result.reason);
  }
});

t.test('an answer slower than the timeout is a timeout; then a fast one succeeds', async (t) => {
  const hook = await receiver(t, { script: [{ status: 200, delayMs: 1_000 }, 200] });
  const result = await postWebhook(new URL(hook.url), payload, fastOptions({ timeoutMs: 200 }));
  t.same(result, { ok: true, attempts: 2, status: 200 });
});

t.test('connection refused: every attempt, then a reason without the path', async (t) => {
  const port = await closedLoopbackPort();
  const options = fastOptions({ attempts: 3 });
  const result = await postWebhook(new URL(`http://127.0.0.1:${port}${SECRET_PATH}?token=q-secret-99`), payload, options);
  t.same(options.sleeps, [100, 200], 'network errors are retried');
  t.match(result, { ok: false, attempts: 3 });
  if (!result.ok) {
    t.match(result.reason, new RegExp(`^webhook http://127\\.0\\.0\\.1:${port}/… could not be reached \\(ECONNREFUSED: .*\\) \\(3 attempts\\); check the --notify URL`));
    assertCleanReason(t, result.reason, 'q-secret-99', 'token=');
  }
});

t.test('https to an untrusted certificate: refused before any request, not retried', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dockprobe-notify-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const cert = selfSignedCert(dir, { name: 'hook' });
  let requests = 0;
  const server = createHttpsServer({ cert: cert.certPem, key: cert.keyPem }, (_req, res) => {
    requests++;
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  t.teardown(() => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }));
  const port = (server.address() as { port: number }).port;
  const options = fastOptions();
  const result = await postWebhook(new URL(`https://127.0.0.1:${port}${SECRET_PATH}`), payload, options);
  t.equal(requests, 0, 'no POST reached an unverified server');
  t.same(options.sleeps, [], 'a certificate will not fix itself between attempts');
  t.match(result, { ok: false, attempts: 1 });
  if (!result.ok) {
    t.match(result.reason, new RegExp(`^webhook https://127\\.0\\.0\\.1:${port}/…: its TLS certificate is not trusted \\(DEPTH_ZERO_SELF_SIGNED_CERT`));
    assertCleanReason(t, result.reason);
  }
});

t.test('a big error body: only a little is read and quoted', async (t) => {
  const hook = await receiver(t, { script: [{ status: 400, body: `${'e'.repeat(100_000)}\r\nsecond line` }] });
  const result = await postWebhook(new URL(hook.url), payload, fastOptions());
  t.equal(result.ok, false);
  if (!result.ok) assertCleanReason(t, result.reason);
});

t.test('304 is neither success nor worth a retry', async (t) => {
  const hook = await receiver(t, { script: [{ status: 304, body: '' }] });
  const options = fastOptions();
  const result = await postWebhook(new URL(hook.url), payload, options);
  t.match(result, { ok: false, attempts: 1 });
  t.same(options.sleeps, []);
});

t.test('never throws: a failing sleep, a throwing onRetry, an odd URL', async (t) => {
  const hook = await receiver(t, { script: [500, 200] });
  const broken = await postWebhook(new URL(hook.url), payload, {
    backoffMs: 1,
    sleep: async () => {
      throw new Error(`boom ${SECRET}`);
    },
  });
  t.match(broken, { ok: false });
  if (!broken.ok) assertCleanReason(t, broken.reason);

  const noisy = await postWebhook(new URL(hook.url), payload, fastOptions({ onRetry: () => { throw new Error('log failed'); } }));
  t.match(noisy, { ok: true, status: 200 });

  const ftp = await postWebhook(new URL(`ftp://example.invalid${SECRET_PATH}`), payload, fastOptions());
  t.match(ftp, { ok: false, attempts: 0 });
  if (!ftp.ok) assertCleanReason(t, ftp.reason);

  const requestsBefore = hook.requests.length;
  const badHeader = await postWebhook(new URL(hook.url), { contentType: 'application/json\r\nX-Evil: 1', body: '{}' }, fastOptions());
  t.match(badHeader, { ok: false, attempts: 1 }, 'a request Node will not build is not retried');
  t.equal(hook.requests.length, requestsBefore, 'and nothing was sent');
});

t.test('defaults: 4 attempts, 1 s doubling', async (t) => {
  const hook = await receiver(t, { script: [500] });
  const sleeps: number[] = [];
  const result = await postWebhook(new URL(hook.url), payload, { sleep: async (ms) => void sleeps.push(ms) });
  t.match(result, { ok: false, attempts: 4 });
  t.same(sleeps, [1000, 2000, 4000]);
});

t.test('Retry-After: seconds or an HTTP date', async (t) => {
  const now = Date.parse('2026-03-01T00:00:00Z');
  t.equal(parseRetryAfter('3', now), 3000);
  t.equal(parseRetryAfter('Sun, 01 Mar 2026 00:00:04 GMT', now), 4000);
  t.equal(parseRetryAfter('Sat, 28 Feb 2026 00:00:00 GMT', now), 0, 'a date in the past means now');
  t.equal(parseRetryAfter('soon', now), null);
  t.equal(parseRetryAfter(undefined, now), null);
});

t.test('parseNotifyUrl: http and https only; messages never show secrets', async (t) => {
  t.equal(parseNotifyUrl(' https://hooks.slack.com/services/T000/B000/XXXX#frag ').href, 'https://hooks.slack.com/services/T000/B000/XXXX');
  t.equal(parseNotifyUrl('http://127.0.0.1:8080/hook').port, '8080');

  const refused = (value: string): string => {
    try {
      parseNotifyUrl(value);
    } catch (error) {
      t.type(error, UsageError);
      return (error as Error).message;
    }
    t.fail(`${value} was accepted`);
    return '';
  };
  t.match(refused(''), /^--notify is empty; give the webhook URL/);
  t.match(refused('   '), /^--notify is empty/);
  const ftp = refused(`ftp://alice:pw-secret@files.example.com${SECRET_PATH}`);
  t.equal(ftp, `--notify "ftp://redacted@files.example.com/…": only http:// and https:// webhooks are supported; give the webhook's https:// URL`);
  const noScheme = refused(`hooks.slack.com${SECRET_PATH}`);
  t.equal(noScheme, '--notify "hooks.slack.com/…": not a URL; give the full webhook URL, starting with https:// (or http://)');
  const hostPort = refused('localhost:8080/secret-path-x');
  t.match(hostPort, /only http:\/\/ and https:\/\//);
  const bad = refused('https://exa mple.com/secret-path-y?token=z');
  t.match(bad, /not a URL/);
  for (const message of [ftp, noScheme, hostPort, bad]) {
    for (const secret of [SECRET, 'pw-secret', 'alice', 'secret-path', 'token=z']) t.notOk(message.includes(secret), `"${secret}" stays out of: ${message}`);
    t.notMatch(message, /\n/);
  }
});

t.test('describeNotifyUrl: scheme, host and port, nothing else', async (t) => {
  t.equal(describeNotifyUrl(new URL('https://user:pass@hooks.slack.com/services/T000/B000/XXXX?x=1')), 'https://hooks.slack.com/…');
  t.equal(describeNotifyUrl(new URL('http://127.0.0.1:9000/')), 'http://127.0.0.1:9000/');
  t.equal(describeNotifyUrl(new URL('http://[::1]:9000/?token=abc')), 'http://[::1]:9000/…');
  t.equal(describeNotifyUrl(new URL('https://example.com:443/x')), 'https://example.com/…');
});
