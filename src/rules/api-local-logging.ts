import { isLocalLogDriver } from '../rule-support/local-log-drivers.js';
import { infoDecision } from '../rule-support/info-decision.js';
import type { EndpointRule } from './rule.js';

/** CIS Docker 2.13 from the API: the default log driver of new containers keeps their logs on this host. */
export const apiLocalLogging: EndpointRule = {
  id: 'api-local-logging',
  checkEndpoint(observation, { params }) {
    const driver = observation.info?.loggingDriver;
    if (!driver || !isLocalLogDriver(driver, String(params.localDrivers))) return [];
    return [{
      messageId: 'local-driver',
      data: { target: observation.target, driver },
      evidence: { loggingDriver: driver },
    }];
  },
  decides(observation) {
    return infoDecision(observation, { reads: 'LoggingDriver in GET /info', known: (info) => info.loggingDriver !== null });
  },
};
