/** Plain-text tables and number formatting for the benchmark's console output. */

export type Cell = string | number;

export interface Table {
  title: string;
  headers: string[];
  rows: Cell[][];
  /** A line or two under the table: what a figure means, how it was taken. */
  note?: string;
}

const numberFormat = (digits: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const formats = [0, 1, 2, 3].map(numberFormat);

/** A number with thousands separators and a fixed number of decimals. */
export function num(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '-';
  return formats[digits]?.format(value) ?? value.toFixed(digits);
}

/** Milliseconds, with more decimals for small values. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '-';
  return `${num(value, value < 1 ? 3 : value < 100 ? 2 : 0)} ms`;
}

export function mib(bytes: number): string {
  return `${num(bytes / (1024 * 1024), 1)} MiB`;
}

/** A signed MiB difference, e.g. "+12.3 MiB". */
export function mibDelta(bytes: number): string {
  return `${bytes >= 0 ? '+' : '-'}${mib(Math.abs(bytes))}`;
}

export function perSecond(count: number, milliseconds: number): number {
  return milliseconds > 0 ? (count * 1000) / milliseconds : Number.NaN;
}

const numeric = /^[-+]?[\d,.]+( ?[A-Za-z/%]+)?$/;

function cellText(cell: Cell): string {
  return typeof cell === 'number' ? num(cell, Number.isInteger(cell) ? 0 : 2) : cell;
}

/** A boxed text table; numeric-looking cells are right-aligned. */
export function formatTable(table: Table): string {
  const rows = table.rows.map((row) => row.map(cellText));
  const widths = table.headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[], alignNumbers: boolean) =>
    `| ${cells
      .map((cell, column) => {
        const width = widths[column]!;
        return alignNumbers && numeric.test(cell) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join(' | ')} |`;
  const rule = `+${widths.map((width) => '-'.repeat(width + 2)).join('+')}+`;
  const out = [table.title, rule, line(table.headers, false), rule, ...rows.map((row) => line(row, true)), rule];
  if (table.note) out.push(...table.note.split('\n').map((text) => `  ${text}`));
  return out.join('\n');
}

export function tableCells(table: Table): string[][] {
  return table.rows.map((row) => row.map(cellText));
}
