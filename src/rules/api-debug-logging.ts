import { infoDecision } from '../rule-support/info-decision.js';
import type { EndpointRule } from './rule.js';

/**
 * CIS Docker 2.3 from the API. /info shows Debug only, not the log level: measured on dockerd
 * 20.10.24, "log-level": "debug" and "warn" both report Debug false. So Debug true fails the
 * control, and Debug false decides nothing (docs/compliance-sources.md).
 */
export const apiDebugLogging: EndpointRule = {
  id: 'api-debug-logging',
  checkEndpoint(observation) {
    if (observation.info?.debug !== true) return [];
    return [{
      messageId: 'debug-on',
      data: { target: observation.target },
      evidence: { debug: true },
    }];
  },
  decides(observation) {
    const decision = infoDecision(observation, { reads: 'Debug in GET /info', known: (info) => info.debug !== null });
    if (decision.kind === 'decided' && observation.info?.debug === false) {
      return { kind: 'not-checked', why: `${observation.target}: /info shows only whether debug is on; the log level is in the configuration (audit or config decide it)` };
    }
    return decision;
  },
};
