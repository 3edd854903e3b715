import { FORMAT_NAMES, type DiscoveryFormat } from './targets-format.js';

/**
 * Said (and kept in the report) when a discovery file named no open TCP port: the run then
 * probes nothing from it, and its empty report must not read as "these hosts are fine".
 */
export function noOpenPortsWarning(path: string, format: DiscoveryFormat): string {
  return (
    `--targets-file "${path}" (${FORMAT_NAMES[format].label}) names no open TCP port, so nothing from it was scanned: ` +
    `this is not an all-clear; check that the ${FORMAT_NAMES[format].tool} scan covered the Docker ports (2375, 2376) and reached the hosts`
  );
}
