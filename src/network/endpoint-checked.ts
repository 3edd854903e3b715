import type { AccessAttempt, AttemptName, EndpointChecked, EndpointObservation } from './endpoint-observation.js';

/**
 * The ways in, worst first. An attempt that got no whole answer does not matter once a way in
 * ranked before it reached the Docker API: its answer could not make the verdict worse.
 */
const WORST_FIRST: readonly AttemptName[] = ['plaintext', 'tls-no-client-cert', 'tls-untrusted-client-cert', 'tls-user-client-cert'];

/** What the collector knows about how the conversation ended, beyond the observation itself. */
export interface ConversationEnd {
  /** The endpoint's deadline or the interrupt ended it (the signal's reason); null when neither did. */
  stoppedBy: string | null;
  /** The port accepted and then gave no whole answer to plain HTTP: why what listens there is unknown. */
  silentPeer: string | null;
  /** The attempts as recorded, each with whether it got a whole answer (access-attempt.ts). */
  answered: ReadonlyMap<AccessAttempt, boolean>;
}

/**
 * Decides, once, whether the endpoint was fully checked. Not fully checked when the conversation
 * was stopped, when the peer went silent, when something opened but could not be observed
 * (`error` on an open port), or when any attempt a clean verdict depends on timed out, was reset
 * or was cut short, unless a worse way in had already proven root.
 */
export function decideChecked(observation: EndpointObservation, end: ConversationEnd): EndpointChecked {
  if (observation.state === 'closed' || observation.state === 'filtered') return { complete: true };
  if (observation.state === 'error') return { complete: false, reason: observation.error ?? end.stoppedBy ?? 'unknown error' };
  const tried = observation.attempts.filter((attempt) => attempt.outcome !== 'skipped');
  if (end.stoppedBy) {
    const finished = tried.filter((attempt) => end.answered.get(attempt) === true).map((attempt) => attempt.name);
    return { complete: false, reason: `${end.stoppedBy} before the endpoint was fully checked${finished.length ? ` (finished: ${finished.join(', ')})` : ''}` };
  }
  if (end.silentPeer) return { complete: false, reason: end.silentPeer };
  if (observation.error) return { complete: false, reason: observation.error };

  const firstGrant = WORST_FIRST.findIndex((name) => observation.attempts.some((attempt) => attempt.name === name && attempt.outcome === 'api-access'));
  const open = tried.filter((attempt) => end.answered.get(attempt) !== true && (firstGrant === -1 || WORST_FIRST.indexOf(attempt.name) < firstGrant));
  if (open.length === 0) {
    const caList = observation.tls?.clientCertificateRequest;
    const refusesWithoutCertificate = observation.attempts.some((attempt) => attempt.name === 'tls-no-client-cert' && attempt.outcome === 'refused');
    if (refusesWithoutCertificate && caList?.kind === 'error') {
      // Refusing strangers proves little while the CAs it takes client certificates from stay unseen: its whole system store, perhaps.
      return { complete: false, reason: `the TLS 1.2 hello that reads which CAs it takes client certificates from got no answer (${caList.detail}), so whether it trusts every CA of its system store is unknown` };
    }
    const unansweredLegacy = observation.tls?.legacyProtocols.find((probe) => probe.outcome === 'error');
    if (unansweredLegacy && firstGrant === -1) {
      // tls-legacy-protocol fires only on 'accepted': an unanswered probe would otherwise read as a server that refuses it.
      return { complete: false, reason: `the ${unansweredLegacy.protocol} probe got no verdict (${unansweredLegacy.detail}), so whether the server takes ${unansweredLegacy.protocol} is unknown` };
    }
    if (tried.length > 0) return { complete: true };
    // Nothing was tried to the end and nothing said why: never a clean result.
    return { complete: false, reason: 'no way in could be tried, so what listens there is unknown' };
  }
  const first = open[0]!;
  const because = `${first.name}: ${first.detail}`;
  if (tried.every((attempt) => attempt.outcome === 'error')) {
    // Something answers, but no way in got a whole answer: a TLS tarpit, a /version that
    // never ends, a server too slow for --timeout.
    return { complete: false, reason: `${observation.transport === 'tls' ? 'TLS was seen, but ' : ''}no attempt got an answer (${because}), so what listens there is unknown` };
  }
  return { complete: false, reason: `${open.map((attempt) => attempt.name).join(', ')} got no whole answer (${because}), so who gets in is not known` };
}
