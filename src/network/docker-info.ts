import type { DockerInfoFacts } from './endpoint-observation.js';
import { redactUrlCredentials } from '../redact-url-credentials.js';


function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * Keeps an allow-list of /info. Everything else in /info (registry auth, labels, proxy
 * passwords, swarm tokens in some versions) is dropped here, before it can reach a report.
 */
export function extractInfoFacts(body: string): DockerInfoFacts | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const info = parsed as Record<string, unknown>;
  const text = (name: string): string | undefined => (typeof info[name] === 'string' && info[name] !== '' ? (info[name] as string) : undefined);
  const plugins = info.Plugins && typeof info.Plugins === 'object' ? (info.Plugins as Record<string, unknown>) : {};
  const securityOptions = stringList(info.SecurityOptions);
  const httpProxy = text('HttpProxy');
  const httpsProxy = text('HttpsProxy');
  return {
    name: text('Name'),
    serverVersion: text('ServerVersion'),
    operatingSystem: text('OperatingSystem'),
    authorizationPlugins: stringList(plugins.Authorization),
    securityOptions,
    rootless: securityOptions.some((option) => option.includes('rootless')),
    httpProxy: httpProxy && redactUrlCredentials(httpProxy),
    httpsProxy: httpsProxy && redactUrlCredentials(httpsProxy),
  };
}
