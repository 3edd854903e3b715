import { canonicalIp } from '../targets/ip-address.js';
import type { CertificateFacts } from '../x509/certificate-facts.js';

/**
 * Does the certificate name this host the way Go's crypto/tls checks it? IP addresses match
 * IP SANs only; names match DNS SANs, with a wildcard covering exactly one left-most label.
 * The Common Name never counts: Go stopped reading it in 1.15.
 */
export function certificateCoversHost(cert: CertificateFacts, host: string): boolean {
  const ip = canonicalIp(host);
  if (ip) return cert.sanIp.some((san) => canonicalIp(san) === ip);
  const name = host.toLowerCase().replace(/\.$/, '');
  return cert.sanDns.some((san) => dnsNameMatches(san.toLowerCase().replace(/\.$/, ''), name));
}

function dnsNameMatches(pattern: string, name: string): boolean {
  if (!pattern.startsWith('*.')) return pattern === name;
  const suffix = pattern.slice(1);
  const firstDot = name.indexOf('.');
  return firstDot > 0 && name.slice(firstDot) === suffix;
}
