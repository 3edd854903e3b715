import { defaultEndpointDecision } from '../rule-engine/default-decision.js';
import type { EndpointObservation } from '../network/endpoint-observation.js';
import type { RuleDecision } from '../rules/rule.js';

/**
 * The decision of a rule about who gets in (CIS 2.7): once the endpoint was fully checked, every
 * way in that matters got a whole answer, so a daemon that refused them all has passed, even
 * though no way in reached the API to prove it is Docker (the default would call that "not
 * checked"). Nothing listening, or something proven not to be Docker, stays not applicable.
 */
export function waysInDecision(observation: EndpointObservation): RuleDecision {
  const byDefault = defaultEndpointDecision(observation);
  if (byDefault.kind === 'not-checked' && observation.state === 'open' && observation.checked.complete && observation.dockerApi === 'unconfirmed') {
    return { kind: 'decided' };
  }
  return byDefault;
}
