import { infoDecision } from '../rule-support/info-decision.js';
import type { EndpointRule } from './rule.js';

/** CIS Docker 2.2 from the API: icc as the default bridge carries it (GET /networks/bridge), not as configured. */
export const apiIccEnabled: EndpointRule = {
  id: 'api-icc-enabled',
  checkEndpoint(observation) {
    if (observation.info?.defaultBridgeIcc !== true) return [];
    return [{
      messageId: 'icc-on',
      data: { target: observation.target },
      evidence: { defaultBridgeIcc: true },
    }];
  },
  decides(observation) {
    return infoDecision(observation, {
      reads: 'the default bridge (GET /networks/bridge)',
      known: (info) => info.defaultBridgeIcc !== null,
      // The attempt's detail says which of the two it was (default-bridge.ts).
      unknownWhy: 'icc on the default bridge is unknown: the daemon has no default bridge network (dockerd --bridge=none), or GET /networks/bridge gave no answer that could be read (the endpoint\'s attempt detail says which)',
    });
  },
};
