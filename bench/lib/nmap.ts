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
