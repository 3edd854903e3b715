/**
 * X.509 validity times read from the DER (RFC 5280 §4.1.2.5), never from Node's printed
 * `validFrom`/`validTo`: those strings go through `new Date()`, which turns the years 1–99 into
 * 1901–1999 or 2001–2049. A GeneralizedTime of year 0005 is year 5 here.
 */
import { DerError, isUniversal, UniversalTag, type DerElement } from './der-reader.js';

/**
 * RFC 5280 §4.1.2.5 asks for UTC ("Z") and seconds, and forbids fractions of a second. A time is
 * refused where Go's parser (cryptobyte) refuses it too, so that no date a docker client cannot
 * read becomes a fact: a missing zone, a GeneralizedTime without seconds or with a fraction. The
 * forms Go still reads are read, since issued certificates carry them: a UTCTime without seconds
 * (YYMMDDHHMMZ) and an explicit offset (±hhmm).
 */
const UTC_TIME = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/;
const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{4})$/;

/** Reads a Time (UTCTime or GeneralizedTime); throws a DerError naming what is wrong. */
export function decodeTime(element: DerElement | undefined, what: string): Date {
  if (element === undefined) throw new DerError(`${what}: missing`);
  const text = element.contents.toString('latin1');
  if (isUniversal(element, UniversalTag.utcTime) && !element.constructed) {
    const match = UTC_TIME.exec(text);
    if (!match) throw new DerError(`${what}: UTCTime "${printable(text)}" is not YYMMDDHHMMSSZ`);
    const twoDigitYear = Number(match[1]);
    // RFC 5280 §4.1.2.5.1: YY ≥ 50 is 19YY, YY < 50 is 20YY.
    const year = twoDigitYear >= 50 ? 1900 + twoDigitYear : 2000 + twoDigitYear;
    return utcDate(what, text, year, match[2]!, match[3]!, match[4]!, match[5]!, match[6] ?? '00', match[7]!);
  }
  if (isUniversal(element, UniversalTag.generalizedTime) && !element.constructed) {
    const match = GENERALIZED_TIME.exec(text);
    if (!match) {
      const why = /^\d{14}\.\d+/.test(text) ? ': RFC 5280 forbids fractions of a second' : '';
      throw new DerError(`${what}: GeneralizedTime "${printable(text)}" is not YYYYMMDDHHMMSSZ${why}`);
    }
    return utcDate(what, text, Number(match[1]), match[2]!, match[3]!, match[4]!, match[5]!, match[6]!, match[7]!);
  }
  throw new DerError(`${what}: expected UTCTime or GeneralizedTime`);
}

function utcDate(
  what: string,
  text: string,
  year: number,
  monthText: string,
  dayText: string,
  hourText: string,
  minuteText: string,
  secondText: string,
  zone: string,
): Date {
  const [month, day, hour, minute, second] = [monthText, dayText, hourText, minuteText, secondText].map(Number) as [number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeapYear(year) ? 1 : 0);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    throw new DerError(`${what}: "${printable(text)}" is not a calendar date and time`);
  }
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps the years 0–99 to 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const offsetMinutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5));
    date.setTime(date.getTime() - sign * offsetMinutes * 60_000);
  }
  return date;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Bytes off the wire, shown in an error: no control characters, and not too many. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 40);
}
