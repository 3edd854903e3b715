/**
 * Go's checkChainForKeyUsage: extendedKeyUsage nests. Walking from the root down to the leaf,
 * every certificate that lists purposes (and not anyExtendedKeyUsage) must list the purpose
 * asked for; a certificate that lists none restricts nothing. So a CA limited to clientAuth
 * cannot vouch for a server, whatever the server's own certificate says.
 */
import type { ChainPurpose } from './chain-verdict.js';
import type { PathCertificate } from './path-certificate.js';

/** The certificate, root side first, whose purposes leave out `purpose`; null when the chain allows it. */
export function certificateRefusingPurpose(chain: readonly PathCertificate[], purpose: Exclude<ChainPurpose, 'any'>): PathCertificate | null {
  for (let index = chain.length - 1; index >= 0; index--) {
    const usages = chain[index]!.extendedKeyUsage;
    if (usages.length === 0 || usages.includes('anyExtendedKeyUsage')) continue;
    if (!usages.includes(purpose)) return chain[index]!;
  }
  return null;
}
