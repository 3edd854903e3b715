import { infoDecision } from '../rule-support/info-decision.js';
import type { EndpointRule } from './rule.js';

/** CIS Docker 2.5 from the API: one finding per registry (or CIDR) the daemon talks to without TLS verification. */
export const apiInsecureRegistry: EndpointRule = {
  id: 'api-insecure-registry',
  checkEndpoint(observation) {
    return (observation.info?.insecureRegistries ?? []).map((registry) => ({
      messageId: 'insecure-registry',
      data: { target: observation.target, registry },
      evidence: { insecureRegistry: registry },
    }));
  },
  decides(observation) {
    return infoDecision(observation, { reads: 'RegistryConfig in GET /info', known: (info) => info.insecureRegistries !== null });
  },
};
