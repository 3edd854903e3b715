import type { ConfigObservation } from '../config/config-observation.js';
import { ENVIRONMENT_LOCATION } from '../rule-support/environment-location.js';
import type { ConfigRule, ConfigRuleHit } from './rule.js';

export const clientTlsVerifyDisabled: ConfigRule = {
  id: 'client-tls-verify-disabled',
  checkConfig(observation) {
    return [...contextHits(observation), ...environmentHits(observation)];
  },
};

function contextHits({ homes }: ConfigObservation): ConfigRuleHit[] {
  return homes.flatMap((home) =>
    home.contexts
      .filter((context) => context.skipTlsVerify)
      .map((context) => ({
        message: `docker context "${context.name}" in ${home.systemPath} sets SkipTLSVerify for ${context.host}: anyone in the path can pose as that daemon.`,
        evidence: { context: context.name, host: context.host, skipTlsVerify: true },
        location: context.source,
      })),
  );
}

/** DOCKER_TLS without DOCKER_TLS_VERIFY is the CLI's --tls: encrypted, but to whoever answers. */
function environmentHits({ environment }: ConfigObservation): ConfigRuleHit[] {
  if (!environment?.DOCKER_HOST || !/^tcp:\/\//i.test(environment.DOCKER_HOST) || !environment.DOCKER_TLS || environment.DOCKER_TLS_VERIFY) return [];
  return [{
    message: `DOCKER_TLS is set without DOCKER_TLS_VERIFY for DOCKER_HOST=${environment.DOCKER_HOST}: the docker CLI uses TLS but does not check the daemon's certificate.`,
    evidence: { DOCKER_HOST: environment.DOCKER_HOST, DOCKER_TLS: environment.DOCKER_TLS, DOCKER_TLS_VERIFY: null },
    location: ENVIRONMENT_LOCATION,
  }];
}
