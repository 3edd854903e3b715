import Table from 'cli-table3';
import { wrapCell } from './wrap-cell.js';

const PLAIN_STYLE = { head: [] as string[], border: [] as string[] };

/** A column's width, padding included (cli-table3's colWidths): as wide as it likes, and no narrower than it can bear. */
export interface Column {
  head: string;
  ideal: number;
  min: number;
  /** Takes whatever room is left over on a wide terminal (the message column). */
  grow?: boolean;
}

/**
 * Widths that fill `width` terminal columns, borders included: ideal widths when they fit
 * (the rest to the growing column), else each column shrunk toward its minimum, the one with
 * the most room to spare first. Below the sum of the minimums the table is wider than asked.
 */
export function fitColumns(width: number, columns: readonly Column[]): number[] {
  const available = width - (columns.length + 1);
  const widths = columns.map((column) => column.ideal);
  let spare = available - widths.reduce((sum, each) => sum + each, 0);
  if (spare >= 0) {
    const grow = columns.findIndex((column) => column.grow);
    if (grow >= 0) widths[grow]! += spare;
    return widths;
  }
  while (spare < 0) {
    let widest = -1;
    for (let index = 0; index < columns.length; index++) {
      const room = widths[index]! - columns[index]!.min;
      if (room > 0 && (widest < 0 || room > widths[widest]! - columns[widest]!.min)) widest = index;
    }
    if (widest < 0) break; // every column at its minimum
    widths[widest]!--;
    spare++;
  }
  return widths;
}

/** A borders-only table fitted to `width`, every cell wrapped to its column (wrap-cell.ts), never cut. */
export function fittedTable(width: number, columns: readonly Column[], rows: readonly string[][]): string {
  const widths = fitColumns(width, columns);
  const table = new Table({ head: columns.map((column) => column.head), style: PLAIN_STYLE, wordWrap: true, colWidths: widths });
  // colWidths count one space of padding on each side.
  for (const row of rows) table.push(row.map((cell, index) => wrapCell(cell, widths[index]! - 2)));
  return table.toString();
}
