import type { DockerInfoFacts } from '../network/endpoint-observation.js';

/** The /info facts added in report format 1.8.0 (the CIS Docker section 2 settings). */
type Section2Facts = Pick<DockerInfoFacts, 'liveRestoreEnabled' | 'loggingDriver' | 'driver' | 'experimentalBuild' | 'debug' | 'insecureRegistries' | 'defaultBridgeIcc'>;

const NOT_RECORDED: Section2Facts = {
  liveRestoreEnabled: null,
  loggingDriver: null,
  driver: null,
  experimentalBuild: null,
  debug: null,
  insecureRegistries: null,
  defaultBridgeIcc: null,
};

/**
 * `info` of an endpoint from a saved report. A report written before 1.8.0 did not record the
 * section 2 settings: they become null, "could not check", exactly what a daemon that did not
 * send them gives, so no reader mistakes a missing field for a setting that is off. A merge of
 * such a report, written as 1.8.0, then has every field its schema requires.
 */
export function infoFactsOf(info: (Omit<DockerInfoFacts, keyof Section2Facts> & Partial<Section2Facts>) | null): DockerInfoFacts | null {
  return info && { ...NOT_RECORDED, ...info };
}
