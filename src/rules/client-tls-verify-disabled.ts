import type { ConfigObservation } from '../config/config-observation.js';
import { ENVIRONMENT_LOCATION } from '../rule-support/environment-location.js';
import type { ConfigRule, ConfigRuleHit } from './rule.js';

export const clientTlsVerifyDisabled: ConfigRule = {
  id: 'client-tls-verify-disabled',
  /** The docker CLI's own settings: judged whether or not a dockerd is configured here. */
  decides: () => ({ kind: 'decided' }),
  checkConfig(observation) {
    return [...contextHits(observation), ...environmentHits(observation)];
  },
};

function contextHits({ homes }: ConfigObservation): ConfigRuleHit[] {
  return homes.flatMap((home) =>
    home.contexts
      .filter((context) => context.skipTlsVerify)
      .map((context) => ({
        messageId: 'context-skips-verify',
        data: { context: context.name, home: home.systemPath, host: context.host },
        evidence: { context: context.name, host: context.host, skipTlsVerify: true },
        location: context.source,
      })),
  );
}

/** DOCKER_TLS without DOCKER_TLS_VERIFY is the CLI's --tls: encrypted, but to whoever answers. */
function environmentHits({ environment }: ConfigObservation): ConfigRuleHit[] {
  if (!environment?.DOCKER_HOST || !/^tcp:\/\//i.test(environment.DOCKER_HOST) || !environment.DOCKER_TLS || environment.DOCKER_TLS_VERIFY) return [];
  return [{
    messageId: 'environment-tls-without-verify',
    data: { dockerHost: environment.DOCKER_HOST },
    evidence: { DOCKER_HOST: environment.DOCKER_HOST, DOCKER_TLS: environment.DOCKER_TLS, DOCKER_TLS_VERIFY: null },
    location: ENVIRONMENT_LOCATION,
  }];
}
