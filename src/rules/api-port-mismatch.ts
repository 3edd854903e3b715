import type { EndpointRule } from './rule.js';

const PLAIN_PORT = 2375;
const TLS_PORT = 2376;

export const apiPortMismatch: EndpointRule = {
  id: 'api-port-mismatch',
  checkEndpoint(observation) {
    if (observation.dockerApi !== 'confirmed') return [];
    const { transport, port, target } = observation;
    if (transport === 'tls' && port === PLAIN_PORT) {
      return [{ messageId: 'tls-on-plain-port', data: { target }, evidence: { transport, port } }];
    }
    if (transport === 'plain' && port === TLS_PORT) {
      return [{ messageId: 'plain-on-tls-port', data: { target }, evidence: { transport, port } }];
    }
    return [];
  },
};
