import { MAX_BODY_LABEL, type HttpResult } from './http-get.js';

/** The request that reads the default bridge network: the only place icc shows through the API (CIS Docker 2.2). */
export const DEFAULT_BRIDGE_PATH = '/networks/bridge';

const ENABLE_ICC = 'com.docker.network.bridge.enable_icc';

/** icc on the default bridge, or null with why it is not known, as a clause for the attempt's detail. */
export type DefaultBridgeIcc = { icc: boolean; shortfall: '' } | { icc: null; shortfall: string };

function unknown(why: string): DefaultBridgeIcc {
  return { icc: null, shortfall: `; ${why}, so icc on the default bridge is not known` };
}

/**
 * Reads Options["com.docker.network.bridge.enable_icc"] of the network named "bridge". dockerd
 * writes the daemon's --icc there ("true" or "false") when it creates the default bridge. A 404
 * is a daemon without one (dockerd --bridge=none); any other answer, and a network that is not
 * the bridge driver's "bridge", leaves icc unknown rather than guessed. Only this one option is
 * read: the rest of the network (its containers, their addresses) stays out of the report.
 */
export function defaultBridgeIcc(answer: HttpResult): DefaultBridgeIcc {
  const request = `GET ${DEFAULT_BRIDGE_PATH}`;
  if (!answer.ok) return unknown(`${request} failed (${answer.failure.code}: ${answer.failure.message})`);
  const { status, truncated, body } = answer.response;
  if (status === 404) return unknown(`the daemon has no default bridge network (${request} answered HTTP 404)`);
  if (status !== 200) return unknown(`${request} answered HTTP ${status}`);
  if (truncated) return unknown(`${request} was longer than the ${MAX_BODY_LABEL} read cap, so reading stopped`);
  let network: unknown;
  try {
    network = JSON.parse(body);
  } catch {
    return unknown(`${request} is not JSON`);
  }
  const { Name, Driver, Options } = (network ?? {}) as Record<string, unknown>;
  if (Name !== 'bridge' || Driver !== 'bridge') return unknown(`${request} is not a bridge network named "bridge"`);
  const value = Options && typeof Options === 'object' ? (Options as Record<string, unknown>)[ENABLE_ICC] : undefined;
  if (value === 'true') return { icc: true, shortfall: '' };
  if (value === 'false') return { icc: false, shortfall: '' };
  return unknown(`the default bridge's Options carry no "${ENABLE_ICC}" of "true" or "false"`);
}
