/**
 * One request on a fresh connection (no agent, so no keep-alive between assertions), for tests
 * that talk to a dockerd or look-alike directly rather than through dockprobe.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { DIRECT_TEST_REQUEST_HEADER } from './request-log.js';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Rejects on a network or TLS error, or after 5 s of silence. Marks the request as the test's
 * own, so the suite-wide request log (helpers/request-log.ts) does not charge a test's HEAD or
 * POST to dockprobe.
 */
export function fetchOnce(url: string, options: RequestOptions = {}): Promise<Reply> {
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const headers = { ...options.headers, [DIRECT_TEST_REQUEST_HEADER]: 'fetch-once' };
    const req = send(url, { agent: false, timeout: 5_000, ...options, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}
