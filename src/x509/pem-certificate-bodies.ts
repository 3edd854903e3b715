const BEGIN = '-----BEGIN CERTIFICATE-----';
const END = '-----END CERTIFICATE-----';

/**
 * The DER of every CERTIFICATE block in a PEM text, in order; other blocks are skipped.
 * indexOf, not a lazy regex: the regex scanned to the end of the text again for every BEGIN
 * without an END, quadratic in a file of many BEGIN lines (15 s for 1 MiB, found by the fuzzer).
 */
export function pemCertificateDers(pem: string): Buffer[] {
  const ders: Buffer[] = [];
  let from = 0;
  for (;;) {
    const begin = pem.indexOf(BEGIN, from);
    if (begin < 0) break;
    const bodyStart = begin + BEGIN.length;
    const end = pem.indexOf(END, bodyStart);
    if (end < 0) break;
    ders.push(Buffer.from(pem.slice(bodyStart, end), 'base64'));
    from = end + END.length;
  }
  return ders;
}
