import type { EndpointRule } from './rule.js';

/** "20.10.24+dfsg1", "17.06.2-ce", "25.0" -> numeric parts; null when it does not start with a version. */
export function versionParts(version: string): number[] | null {
  const match = version.match(/^v?(\d+)\.(\d+)(?:\.(\d+))?/);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : null;
}

export function isOlderVersion(version: number[], minimum: number[]): boolean {
  for (let i = 0; i < 3; i++) {
    if (version[i]! !== minimum[i]!) return version[i]! < minimum[i]!;
  }
  return false;
}

export const apiEngineEol: EndpointRule = {
  id: 'api-engine-eol',
  checkEndpoint(observation, { params }) {
    const version = observation.docker?.version;
    if (!version) return [];
    const found = versionParts(version);
    const minimumVersion = String(params.minimumVersion);
    const minimum = versionParts(minimumVersion);
    if (!found || !minimum || !isOlderVersion(found, minimum)) return [];
    return [{
      messageId: 'outdated',
      data: { target: observation.target, version, minimumVersion },
      evidence: { engineVersion: version, minimumVersion },
    }];
  },
};
