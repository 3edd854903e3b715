import { attemptOutcome } from '../rule-support/applicability.js';
import type { EndpointRule } from './rule.js';

export const apiUnauthenticated: EndpointRule = {
  id: 'api-unauthenticated',
  checkEndpoint(observation) {
    if (attemptOutcome(observation, 'plaintext') !== 'api-access') return [];
    return [{
      message: `${observation.target} serves the Docker API over plain HTTP to anyone: this is root on the host without credentials.`,
      evidence: { request: 'GET /_ping over plain HTTP, no credentials', engineVersion: observation.docker?.version ?? null },
    }];
  },
};
