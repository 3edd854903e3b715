import { infoDecision } from '../rule-support/info-decision.js';
import type { EndpointRule } from './rule.js';

/** CIS Docker 2.15 from the API: LiveRestoreEnabled as the running daemon has it (it changes on SIGHUP). */
export const apiLiveRestoreOff: EndpointRule = {
  id: 'api-live-restore-off',
  checkEndpoint(observation) {
    if (observation.info?.liveRestoreEnabled !== false) return [];
    return [{
      messageId: 'live-restore-off',
      data: { target: observation.target },
      evidence: { liveRestoreEnabled: false },
    }];
  },
  decides(observation) {
    return infoDecision(observation, { reads: 'LiveRestoreEnabled in GET /info', known: (info) => info.liveRestoreEnabled !== null });
  },
};
