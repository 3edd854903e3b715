/**
 * The registries dockerd pulls from and pushes to without TLS verification, from /info's
 * RegistryConfig (CIS Docker 2.5). dockerd files each --insecure-registry (or daemon.json
 * "insecure-registries") entry in one of two places: a CIDR goes to InsecureRegistryCIDRs, a
 * host[:port] becomes an IndexConfigs entry with Secure false.
 */

/**
 * CIDRs dockerd marks insecure on its own, whatever the configuration says: 127.0.0.0/8 always,
 * and ::1/128 in newer releases. They are not the operator's choice, so they are not reported.
 * One the operator also listed by hand cannot be told apart from the built-in one.
 */
const BUILT_IN_INSECURE_CIDRS = new Set(['127.0.0.0/8', '::1/128']);

/** Docker Hub is never insecure by configuration; its IndexConfigs entry only carries mirrors. */
const DOCKER_HUB = 'docker.io';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Names and CIDRs only: mirrors and anything else in RegistryConfig stay out of the report.
 * null ("could not check") when RegistryConfig or either of its two lists is missing or of
 * another shape, so an odd answer is never read as "no insecure registry". A JSON null list is
 * how Go writes an empty one, and counts as empty.
 */
export function insecureRegistriesOf(registryConfig: unknown): string[] | null {
  if (!isObject(registryConfig)) return null;
  const { InsecureRegistryCIDRs: cidrs, IndexConfigs: indexConfigs } = registryConfig;
  if (cidrs === undefined || indexConfigs === undefined) return null;
  if (cidrs !== null && !(Array.isArray(cidrs) && cidrs.every((cidr) => typeof cidr === 'string'))) return null;
  if (indexConfigs !== null && !isObject(indexConfigs)) return null;

  const insecure = ((cidrs ?? []) as string[]).filter((cidr) => !BUILT_IN_INSECURE_CIDRS.has(cidr));
  for (const [name, index] of Object.entries(indexConfigs ?? {})) {
    if (!isObject(index) || typeof index.Secure !== 'boolean') return null;
    if (index.Secure === false && name !== DOCKER_HUB) insecure.push(name);
  }
  return insecure;
}
