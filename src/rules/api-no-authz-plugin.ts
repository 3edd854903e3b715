import type { EndpointRule } from './rule.js';

export const apiNoAuthzPlugin: EndpointRule = {
  id: 'api-no-authz-plugin',
  checkEndpoint(observation) {
    if (!observation.info || observation.info.authorizationPlugins.length > 0) return [];
    return [{
      message: `${observation.target} has no authorization plugin: every client that gets in may do anything, including run privileged containers.`,
      evidence: { authorizationPlugins: [] },
    }];
  },
};
