/**
 * Validity times read from the DER (src/x509/der-time.ts), one row per property, each with a
 * time that is read and one that is read otherwise or refused. Every time read is also put into
 * a certificate and held against what `openssl x509` prints; every row is held against Go's own
 * parser through the real docker CLI, since dockprobe refuses a time exactly where Go does.
 *
 * RFC 5280 §4.1.2.5 wants UTC ("Z") and seconds, no fraction; UTCTime years 50–99 are 1950–1999.
 * Go refuses a missing zone, a GeneralizedTime fraction and a GeneralizedTime without seconds,
 * and so does dockprobe; Go reads a UTCTime without seconds and an explicit offset, and so does
 * dockprobe. OpenSSL is laxer still (it reads the fraction and the missing seconds).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { decodeTime } from '../../src/x509/der-time.js';
import { readSingleElement, UniversalTag } from '../../src/x509/der-reader.js';
import { encodeElement } from '../../src/x509/der-writer.js';
import { certificateFacts } from '../../src/x509/read-certificate.js';
import { toPem, wellFormedCertificate, withValidity } from '../support/certificate-der-edit.js';
import { canRunDockerCliTests, goParsesCertificate } from '../helpers/go-parse-verdict.js';

type Kind = 'UTCTime' | 'GeneralizedTime';

interface Time {
  kind: Kind;
  text: string;
  /** The instant it means (toISOString), or the words of the refusal. */
  expected: string | RegExp;
}

interface Row {
  property: string;
  read: Time;
  other: Time;
}

const utc = (text: string, expected: string | RegExp): Time => ({ kind: 'UTCTime', text, expected });
const generalized = (text: string, expected: string | RegExp): Time => ({ kind: 'GeneralizedTime', text, expected });

const rows: Row[] = [
  { property: 'UTCTime years 00–49 are 2000–2049', read: utc('491231235959Z', '2049-12-31T23:59:59.000Z'), other: utc('000101000000Z', '2000-01-01T00:00:00.000Z') },
  { property: 'UTCTime years 50–99 are 1950–1999', read: utc('500101000000Z', '1950-01-01T00:00:00.000Z'), other: utc('991231235959Z', '1999-12-31T23:59:59.000Z') },
  { property: 'GeneralizedTime years 1–99 stay years 1–99 (not 1901–1999 or 2001–2049)', read: generalized('00050301120000Z', '0005-03-01T12:00:00.000Z'), other: generalized('00990101000000Z', '0099-01-01T00:00:00.000Z') },
  { property: 'GeneralizedTime year 0001', read: generalized('00010101000000Z', '0001-01-01T00:00:00.000Z'), other: generalized('00010229000000Z', /is not a calendar date/) },
  { property: 'GeneralizedTime past 2049', read: generalized('20500101000000Z', '2050-01-01T00:00:00.000Z'), other: generalized('99991231235959Z', '9999-12-31T23:59:59.000Z') },
  { property: 'no fraction of a second', read: generalized('20500101000000Z', '2050-01-01T00:00:00.000Z'), other: generalized('20500101000000.5Z', /forbids fractions of a second/) },
  { property: 'UTCTime needs a zone', read: utc('250101000000Z', '2025-01-01T00:00:00.000Z'), other: utc('250101000000', /is not YYMMDDHHMMSSZ/) },
  { property: 'GeneralizedTime needs a zone', read: generalized('20500101000000Z', '2050-01-01T00:00:00.000Z'), other: generalized('20500101000000', /is not YYYYMMDDHHMMSSZ/) },
  { property: 'seconds: optional in a UTCTime (Go reads it), required in a GeneralizedTime', read: utc('2501010000Z', '2025-01-01T00:00:00.000Z'), other: generalized('205001010000Z', /is not YYYYMMDDHHMMSSZ/) },
  { property: 'an explicit offset is turned into UTC', read: utc('250101000000+0130', '2024-12-31T22:30:00.000Z'), other: generalized('20560811122001-0600', '2056-08-11T18:20:01.000Z') },
  { property: 'leap days', read: generalized('20240229000000Z', '2024-02-29T00:00:00.000Z'), other: generalized('19000229000000Z', /is not a calendar date/) },
];

const TAGS: Record<Kind, number> = { UTCTime: UniversalTag.utcTime, GeneralizedTime: UniversalTag.generalizedTime };
const encode = (time: Time): Buffer => encodeElement(TAGS[time.kind], Buffer.from(time.text, 'latin1'));
const LATER = encodeElement(UniversalTag.generalizedTime, Buffer.from('20600101000000Z', 'latin1'));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockprobe-der-time-'));
t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A certificate whose notBefore is `time`: the instant openssl prints for it, or null when openssl refuses it. */
function opensslNotBefore(pem: string): string | null {
  const certPath = path.join(dir, 'cert.pem');
  fs.writeFileSync(certPath, pem);
  const printed = execFileSync('openssl', ['x509', '-in', certPath, '-noout', '-startdate', '-dateopt', 'iso_8601'], { encoding: 'utf8' }).trim();
  // "notBefore=2049-12-31 23:59:59Z", with the year unpadded ("   5-03-01 ...") below 1000.
  const match = /^notBefore=\s*(\d+)-(\d{2})-(\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)?Z$/.exec(printed);
  return match ? `${match[1]!.padStart(4, '0')}-${match[2]}-${match[3]}T${match[4]}.000Z` : null;
}

const certificateWith = (time: Time): Buffer => withValidity(wellFormedCertificate(), encode(time), LATER);

for (const row of rows) {
  t.test(row.property, async (t) => {
    for (const time of [row.read, row.other]) {
      const what = `${time.kind} "${time.text}"`;
      if (typeof time.expected === 'string') {
        t.equal(decodeTime(readSingleElement(encode(time)), 'notBefore').toISOString(), time.expected, `${what} is ${time.expected}`);
        const der = certificateWith(time);
        t.equal(certificateFacts(der).notBefore, time.expected, `${what}: the certificate's notBefore fact`);
        t.equal(opensslNotBefore(toPem(der)), time.expected, `${what}: openssl x509 prints the same instant`);
      } else {
        t.throws(() => decodeTime(readSingleElement(encode(time)), 'notBefore'), { name: 'DerError', message: time.expected }, `${what} is refused`);
      }
    }
  });
}

t.test("Go's parser (the real docker CLI) refuses exactly the times dockprobe refuses", async (t) => {
  if (!canRunDockerCliTests(t)) return;
  for (const time of rows.flatMap((row) => [row.read, row.other])) {
    const verdict = goParsesCertificate(toPem(certificateWith(time)));
    const dockprobeReads = typeof time.expected === 'string';
    t.equal(verdict.parses, dockprobeReads, `${time.kind} "${time.text}": Go ${verdict.parses ? 'reads' : 'refuses'} it, dockprobe ${dockprobeReads ? 'reads' : 'refuses'} it`);
  }
});
