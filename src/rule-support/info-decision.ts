import { defaultEndpointDecision } from '../rule-engine/default-decision.js';
import type { DockerInfoFacts, EndpointObservation } from '../network/endpoint-observation.js';
import type { RuleDecision } from '../rules/rule.js';

/** What a rule reads from GET /info (or the default bridge), and how to tell the daemon did not say it. */
export interface InfoNeed {
  /** The field as the reader finds it in the API, e.g. "LiveRestoreEnabled in GET /info". */
  reads: string;
  /** Whether the daemon said it: false for a field it did not send (null in the facts). */
  known(info: DockerInfoFacts): boolean;
  /** Why it is unknown when the daemon answered without it; default "the daemon did not send {reads}". */
  unknownWhy?: string;
}

/**
 * The decision of a rule that judges a daemon setting the API shows (CIS Docker section 2). Its
 * silence is a pass only when GET /info was read and carried the field: an endpoint where the
 * scan had no API access, or a daemon that did not send the field, is "not checked", never a
 * pass. Nothing listening, something that is not Docker, and an endpoint not fully checked keep
 * the default's answer, which says more than "no /info" would.
 */
export function infoDecision(observation: EndpointObservation, need: InfoNeed): RuleDecision {
  const byDefault = defaultEndpointDecision(observation);
  if (byDefault.kind === 'not-applicable' || !observation.checked.complete) return byDefault;
  const { target } = observation;
  if (!observation.info) {
    const hadAccess = observation.attempts.some((attempt) => attempt.outcome === 'api-access');
    return {
      kind: 'not-checked',
      why: hadAccess
        ? `GET /info on ${target} got no whole answer, so ${need.reads} was not read`
        : `no API access on ${target}, so ${need.reads} was not read: scan with a client certificate the daemon trusts (--tlscert FILE --tlskey FILE, or --cert-path DIR)`,
    };
  }
  if (!need.known(observation.info)) return { kind: 'not-checked', why: `${target}: ${need.unknownWhy ?? `the daemon did not send ${need.reads}`}` };
  return byDefault;
}
