/** Paths have no spaces to wrap at: break them at the column width rather than lose their end to "…". */
export function hardWrap(text: string, width: number): string {
  const lines: string[] = [];
  for (let start = 0; start < text.length; start += width) lines.push(text.slice(start, start + width));
  return lines.join('\n');
}
