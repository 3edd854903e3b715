import type { DockerInfoFacts } from './endpoint-observation.js';
import { redactUrlCredentials } from '../redact-url-credentials.js';
import { insecureRegistriesOf } from './insecure-registries.js';


function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * Keeps an allow-list of /info. Everything else in /info (registry auth and mirrors, labels,
 * proxy passwords, swarm tokens in some versions) is dropped here, before it can reach a report.
 *
 * The section 2 settings are null when missing or of the wrong type: an old or odd daemon that
 * does not say must give "could not check", not a pass. `defaultBridgeIcc` is not in /info
 * (it comes from GET /networks/bridge, default-bridge.ts): null here, filled in by the caller.
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
  const flag = (name: string): boolean | null => (typeof info[name] === 'boolean' ? (info[name] as boolean) : null);
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
    liveRestoreEnabled: flag('LiveRestoreEnabled'),
    loggingDriver: text('LoggingDriver') ?? null,
    driver: text('Driver') ?? null,
    experimentalBuild: flag('ExperimentalBuild'),
    debug: flag('Debug'),
    insecureRegistries: insecureRegistriesOf(info.RegistryConfig),
    defaultBridgeIcc: null,
  };
}
