/** Reading nmap's grepable output (-oG). */

/** "host:port" of every open port, sorted. */
export function nmapOpenPorts(grepable: string): string[] {
  const open: string[] = [];
  for (const line of grepable.split('\n')) {
    const match = /^Host: (\S+) .*\tPorts: (.*?)(\t|$)/.exec(line);
    if (!match) continue;
    for (const entry of match[2]!.split(', ')) {
      const [port, state] = entry.split('/');
      if (state === 'open') open.push(match[1]!.includes(':') ? `[${match[1]}]:${port}` : `${match[1]}:${port}`);
    }
  }
  return open.sort();
}

export function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().every((value, i) => value === [...b].sort()[i]);
}

/**
 * Ports per state in nmap's XML output (-oX): the listed ports plus each collapsed group
 * (<extraports state="filtered" count="797">). The grepable output cannot say this: with two
 * collapsed groups (797 filtered, 200 closed) it names neither.
 */
export function nmapStateCounts(xml: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const group of xml.matchAll(/<extraports state="([^"]+)" count="(\d+)"/g)) counts[group[1]!] = (counts[group[1]!] ?? 0) + Number(group[2]);
  for (const port of xml.matchAll(/<port protocol="[^"]*" portid="\d+"><state state="([^"]+)"/g)) counts[port[1]!] = (counts[port[1]!] ?? 0) + 1;
  return counts;
}
