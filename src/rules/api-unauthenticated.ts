import { attemptOutcome } from '../rule-support/applicability.js';
import { waysInDecision } from '../rule-support/ways-in-decision.js';
import type { EndpointRule } from './rule.js';

export const apiUnauthenticated: EndpointRule = {
  id: 'api-unauthenticated',
  checkEndpoint(observation) {
    if (attemptOutcome(observation, 'plaintext') !== 'api-access') return [];
    return [{
      messageId: 'plain-http-access',
      data: { target: observation.target },
      evidence: { request: 'GET /_ping over plain HTTP, no credentials', engineVersion: observation.docker?.version ?? null },
    }];
  },
  decides: waysInDecision,
};
