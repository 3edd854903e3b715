import { infoDecision } from '../rule-support/info-decision.js';
import { securityOption } from '../rule-support/security-options.js';
import type { EndpointRule } from './rule.js';

/** CIS Docker 2.17 from the API: dockerd lists its default seccomp profile as name=seccomp,profile=...; "unconfined" is seccomp off. */
export const apiSeccompUnconfined: EndpointRule = {
  id: 'api-seccomp-unconfined',
  checkEndpoint(observation) {
    const seccomp = securityOption(observation.info?.securityOptions ?? [], 'seccomp');
    if (seccomp?.get('profile') !== 'unconfined') return [];
    return [{
      messageId: 'unconfined',
      data: { target: observation.target },
      evidence: { seccompProfile: 'unconfined' },
    }];
  },
  decides(observation) {
    return infoDecision(observation, {
      reads: 'SecurityOptions in GET /info',
      // dockerd leaves the entry out when the kernel or its build has no seccomp: no default
      // profile applies then, but the API does not say that is why.
      known: (info) => securityOption(info.securityOptions, 'seccomp') !== undefined,
      unknownWhy: 'the daemon lists no name=seccomp entry in SecurityOptions (GET /info): its kernel or build may lack seccomp, or it did not say, so its default profile is unknown',
    });
  },
};
