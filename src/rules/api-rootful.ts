import { infoDecision } from '../rule-support/info-decision.js';
import { securityOption, securityOptionsListed } from '../rule-support/security-options.js';
import type { EndpointRule } from './rule.js';

/** CIS Docker 2.1 from the API: a rootless dockerd says so in SecurityOptions (name=rootless); any other runs as root. */
export const apiRootful: EndpointRule = {
  id: 'api-rootful',
  checkEndpoint(observation) {
    const options = observation.info?.securityOptions ?? [];
    if (!securityOptionsListed(options) || securityOption(options, 'rootless')) return [];
    return [{
      messageId: 'rootful',
      data: { target: observation.target },
      evidence: { securityOptions: options },
    }];
  },
  decides(observation) {
    return infoDecision(observation, {
      reads: 'SecurityOptions in GET /info',
      known: (info) => securityOptionsListed(info.securityOptions),
      unknownWhy: 'the daemon listed no SecurityOptions in GET /info, so whether it runs rootless is unknown',
    });
  },
};
