import type { HttpResponse } from './http-get.js';
import type { DockerVersionFacts } from './endpoint-observation.js';

/** dockerd answers GET /_ping with these headers; nginx, Apache and friends do not. */
export function pingLooksLikeDocker(response: HttpResponse): boolean {
  const apiVersion = response.headers['api-version'];
  const server = response.headers['server'];
  return response.status === 200 && typeof apiVersion === 'string' && apiVersion !== '' && typeof server === 'string' && /^Docker\//.test(server);
}

/** GET /version must carry ApiVersion, Version and GitCommit as strings, as dockerd's does. */
export function parseDockerVersion(response: HttpResponse): DockerVersionFacts | null {
  if (response.status !== 200 || response.truncated) return null;
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return null;
  }
  if (!body || typeof body !== 'object') return null;
  const fields = body as Record<string, unknown>;
  const text = (name: string): string | undefined => (typeof fields[name] === 'string' ? (fields[name] as string) : undefined);
  const version = text('Version');
  const apiVersion = text('ApiVersion');
  const gitCommit = text('GitCommit');
  if (version === undefined || apiVersion === undefined || gitCommit === undefined) return null;
  return {
    version,
    apiVersion,
    gitCommit,
    minApiVersion: text('MinAPIVersion'),
    os: text('Os'),
    arch: text('Arch'),
    kernelVersion: text('KernelVersion'),
  };
}

/**
 * How TLS servers answer a plain-HTTP request, in their own words: Go's (dockerd) and nginx's.
 * Either means "this port speaks TLS". Other fronts are found by the TLS attempt regardless.
 */
const PLAIN_TO_TLS_ANSWERS = /client sent an HTTP request to an HTTPS server|plain HTTP request was sent to HTTPS port/i;

export function isPlainRequestToTlsPort(response: HttpResponse): boolean {
  return response.status === 400 && PLAIN_TO_TLS_ANSWERS.test(response.body);
}
