import { infoDecision } from '../rule-support/info-decision.js';
import type { EndpointRule } from './rule.js';

/** CIS Docker 2.6 from the API: the storage driver in use, which only the running daemon knows when none is configured. */
export const apiAufsStorage: EndpointRule = {
  id: 'api-aufs-storage',
  checkEndpoint(observation) {
    if (observation.info?.driver !== 'aufs') return [];
    return [{
      messageId: 'aufs',
      data: { target: observation.target },
      evidence: { driver: 'aufs' },
    }];
  },
  decides(observation) {
    return infoDecision(observation, { reads: 'Driver in GET /info', known: (info) => info.driver !== null });
  },
};
