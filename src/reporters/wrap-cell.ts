/**
 * Text wrapped to a table column before the table sees it. cli-table3 wraps only at spaces and
 * cuts whatever does not fit to "…", which loses the end of a path (the file name) or a rule id.
 * Here words wrap at spaces, and a word longer than the column (a path, a rule id, a URL) is
 * broken after a '/', '-', '.', ':' or ',' where one falls late enough, else at the column edge.
 */
export function wrapCell(text: string, width: number): string {
  const limit = Math.max(1, width);
  return text
    .split('\n')
    .flatMap((line) => wrapLine(line, limit))
    .join('\n');
}

function wrapLine(line: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    const joined = current === '' ? word : `${current} ${word}`;
    if (joined.length <= width) {
      current = joined;
      continue;
    }
    if (current !== '') lines.push(current);
    const pieces = breakWord(word, width);
    current = pieces.pop()!;
    lines.push(...pieces);
  }
  lines.push(current);
  return lines;
}

const SEPARATOR = /[/\-.:,]/;

function breakWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (rest.length > width) {
    let cut = width;
    // A break after a separator reads better ("certs.d/" + "client-key.pem"), if it keeps a third of the line.
    for (let index = width - 1; index >= Math.ceil(width / 3); index--) {
      if (SEPARATOR.test(rest[index]!)) {
        cut = index + 1;
        break;
      }
    }
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  pieces.push(rest);
  return pieces;
}
