import { infoDecision } from '../rule-support/info-decision.js';
import { securityOption, securityOptionsListed } from '../rule-support/security-options.js';
import type { EndpointRule } from './rule.js';

/**
 * CIS Docker 2.9 from the API: userns-remap shows as name=userns in SecurityOptions. A rootless
 * daemon (name=rootless) runs inside a user namespace already: root in its containers is not
 * root on the host, which is what the control asks for.
 */
export const apiUsernsOff: EndpointRule = {
  id: 'api-userns-off',
  checkEndpoint(observation) {
    const options = observation.info?.securityOptions ?? [];
    if (!securityOptionsListed(options) || securityOption(options, 'userns') || securityOption(options, 'rootless')) return [];
    return [{
      messageId: 'userns-off',
      data: { target: observation.target },
      evidence: { securityOptions: options },
    }];
  },
  decides(observation) {
    return infoDecision(observation, {
      reads: 'SecurityOptions in GET /info',
      known: (info) => securityOptionsListed(info.securityOptions),
      unknownWhy: 'the daemon listed no SecurityOptions in GET /info, so whether it remaps user namespaces is unknown',
    });
  },
};
