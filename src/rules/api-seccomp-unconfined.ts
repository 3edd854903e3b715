import { infoDecision } from '../rule-support/info-decision.js';
import { securityOption } from '../rule-support/security-options.js';
import type { EndpointRule } from './rule.js';

/**
 * CIS Docker 2.17 from the API: dockerd lists its default seccomp profile as name=seccomp,profile=...;
 * "unconfined" is seccomp off. Measured on dockerd 20.10.24: it lists "profile=default" and refuses
 * "seccomp-profile": "unconfined" at start (it takes it for a file), so this fires on later
 * releases, which accept the value. A custom profile file that allows everything is not seen here.
 */
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
