import { infoDecision } from '../rule-support/info-decision.js';
import type { EndpointRule } from './rule.js';

/** CIS Docker 2.18 from the API: ExperimentalBuild, which reads true when dockerd runs with --experimental. */
export const apiExperimental: EndpointRule = {
  id: 'api-experimental',
  checkEndpoint(observation) {
    if (observation.info?.experimentalBuild !== true) return [];
    return [{
      messageId: 'experimental',
      data: { target: observation.target },
      evidence: { experimentalBuild: true },
    }];
  },
  decides(observation) {
    return infoDecision(observation, { reads: 'ExperimentalBuild in GET /info', known: (info) => info.experimentalBuild !== null });
  },
};
