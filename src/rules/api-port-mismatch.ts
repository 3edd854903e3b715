import type { EndpointRule } from './rule.js';

const PLAIN_PORT = 2375;
const TLS_PORT = 2376;

export const apiPortMismatch: EndpointRule = {
  id: 'api-port-mismatch',
  checkEndpoint(observation) {
    if (observation.dockerApi !== 'confirmed') return [];
    const { transport, port, target } = observation;
    if (transport === 'tls' && port === PLAIN_PORT) {
      return [{ message: `${target} serves the Docker API over TLS on 2375, the plain-text port by convention.`, evidence: { transport, port } }];
    }
    if (transport === 'plain' && port === TLS_PORT) {
      return [{ message: `${target} serves the Docker API in plain text on 2376, the TLS port by convention.`, evidence: { transport, port } }];
    }
    return [];
  },
};
