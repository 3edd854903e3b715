/** Edit distance, capped: we only care whether two short words are one or two typos apart. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * A first word that is not a command would be scanned as a host (choose-command.ts), so
 * `dockprobe scna` would quietly scan a host named "scna". A word one or two typos from a
 * command, with no dot or colon to say it is a host, is far more likely a mistyped command.
 * Returns the command it resembles.
 */
export function resembleCommand(firstArgument: string | undefined, commands: readonly string[]): string | null {
  if (!firstArgument || !/^[a-z]{3,}$/i.test(firstArgument) || commands.includes(firstArgument)) return null;
  const word = firstArgument.toLowerCase();
  return commands.find((command) => editDistance(word, command) <= Math.min(2, command.length - 2)) ?? null;
}
