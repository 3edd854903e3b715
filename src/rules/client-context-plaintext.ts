import type { ConfigObservation } from '../config/config-observation.js';
import { ENVIRONMENT_LOCATION } from '../rule-support/environment-location.js';
import type { ConfigRule, ConfigRuleHit } from './rule.js';

export const clientContextPlaintext: ConfigRule = {
  id: 'client-context-plaintext',
  /** The docker CLI's own settings: judged whether or not a dockerd is configured here. */
  decides: () => ({ kind: 'decided' }),
  checkConfig(observation) {
    return [...contextHits(observation), ...environmentHits(observation)];
  },
};

/** A tcp:// context is TLS only when it has a TLS folder (the CLI keeps ca/cert/key there). */
function contextHits({ homes }: ConfigObservation): ConfigRuleHit[] {
  return homes.flatMap((home) =>
    home.contexts
      // SkipTLSVerify means TLS (unverified): client-tls-verify-disabled's finding, not this one.
      .filter((context) => /^tcp:\/\//i.test(context.host) && context.tlsFolder === null && !context.skipTlsVerify)
      .map((context) => ({
        messageId: 'plain-context',
        data: { context: context.name, home: home.systemPath, host: context.host },
        evidence: { context: context.name, host: context.host, tls: false },
        location: context.source,
      })),
  );
}

/** The docker CLI turns TLS on for DOCKER_HOST only with DOCKER_TLS_VERIFY or DOCKER_TLS (or --tls on every command). */
function environmentHits({ environment }: ConfigObservation): ConfigRuleHit[] {
  if (!environment?.DOCKER_HOST || !/^tcp:\/\//i.test(environment.DOCKER_HOST) || environment.DOCKER_TLS_VERIFY || environment.DOCKER_TLS) return [];
  return [{
    messageId: 'plain-environment',
    data: { dockerHost: environment.DOCKER_HOST },
    evidence: { DOCKER_HOST: environment.DOCKER_HOST, DOCKER_TLS_VERIFY: null, DOCKER_CERT_PATH: environment.DOCKER_CERT_PATH },
    location: ENVIRONMENT_LOCATION,
  }];
}
