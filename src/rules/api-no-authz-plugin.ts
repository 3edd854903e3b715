import { defaultEndpointDecision } from '../rule-engine/default-decision.js';
import type { EndpointRule } from './rule.js';

export const apiNoAuthzPlugin: EndpointRule = {
  id: 'api-no-authz-plugin',
  checkEndpoint(observation) {
    if (!observation.info || observation.info.authorizationPlugins.length > 0) return [];
    return [{
      messageId: 'no-plugin',
      data: { target: observation.target },
      evidence: { authorizationPlugins: [] },
    }];
  },
  /** Decided from GET /info only: without its answer the plugins are unknown, not absent. */
  decides(observation) {
    const byDefault = defaultEndpointDecision(observation);
    if (byDefault.kind === 'decided' && !observation.info) return { kind: 'not-checked', why: `GET /info on ${observation.target} was not answered, so its authorization plugins are unknown` };
    return byDefault;
  },
};
