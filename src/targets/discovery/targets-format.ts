/**
 * The kinds of file --targets-file reads: the plain list people write, and the output of the
 * discovery engines people already run before dockprobe (nmap, masscan, zmap). Told apart by
 * content (detect-format.ts), never by file name: `scan.txt` may well hold nmap's -oG output.
 */
export type DiscoveryFormat = 'nmap-xml' | 'nmap-grepable' | 'masscan-json' | 'masscan-list' | 'zmap-csv';
export type TargetsFormat = 'plain' | DiscoveryFormat;

/** How each format is named in messages: the tool and the flag that writes it. */
export const FORMAT_NAMES: Record<DiscoveryFormat, { label: string; tool: string; flag: string }> = {
  'nmap-xml': { label: 'nmap XML (-oX)', tool: 'nmap', flag: '-oX' },
  'nmap-grepable': { label: 'nmap grepable output (-oG)', tool: 'nmap', flag: '-oG' },
  'masscan-json': { label: 'masscan JSON (-oJ)', tool: 'masscan', flag: '-oJ' },
  'masscan-list': { label: 'masscan list output (-oL)', tool: 'masscan', flag: '-oL' },
  'zmap-csv': { label: 'zmap CSV (-O csv)', tool: 'zmap', flag: '-O csv' },
};

/** Every format tried, for the message about a file that is none of them. */
export const FORMATS_TRIED = 'a plain list of targets, nmap -oX/-oG, masscan -oJ/-oL or zmap CSV output';

/**
 * A discovery file that is not what its start promised (cut short, edited, another version's
 * layout). Thrown by the format readers with the line it happened on; read-targets-file.ts
 * turns it into the one-line usage error naming the file and the format tried.
 */
export class TargetsFormatError extends Error {
  override name = 'TargetsFormatError';
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/** A piece of the file inside a message: quoted, one line, short. */
export function quoteFromFile(text: string, max = 60): string {
  const short = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(short);
}
