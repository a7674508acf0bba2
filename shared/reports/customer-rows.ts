/**
 * Per-customer rows of a report (a customer's year, or what a change does to them) in a compact
 * form the page can carry for 100,000 customers: every value that repeats (date, time, journey
 * and message, the cells that describe the outcome) is written once in a table, and each row is a
 * few characters: one number in mixed radix of its indexes into those tables, in base 64.
 * Pure, so the page's script decodes with the same module that encodes.
 */

/** What every row shows; a `SimulatedSend` is one. */
export interface RowFields {
  localDate: string;
  localTime: string;
  journeyId: string;
  messageId: string;
  channel: string;
}

/** One row for one customer, decoded. `cells` describe what happened (outcome, reason, a change). */
export interface CustomerRow extends RowFields {
  cells: readonly string[];
}

export interface EncodedCustomerRows {
  dates: string[];
  times: string[];
  /** `[journeyId, messageId, channel]` */
  steps: [string, string, string][];
  cells: string[][];
  /** Characters per row. */
  width: number;
  customers: string[];
  /** Per customer (same index as `customers`), its rows concatenated, `width` characters each. */
  rows: string[];
}

/** Date, time, step and cells: the indexes of a row. */
const fields = 4;
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Values numbered in order of first appearance, found by a path of strings through nested maps (no key is built per row). */
class Table<T> {
  readonly values: T[] = [];
  private readonly root = new Map<string, unknown>();
  indexOf(path: readonly string[], value: () => T): number {
    let level = this.root;
    for (let depth = 0; depth < path.length - 1; depth += 1) {
      let next = level.get(path[depth]!) as Map<string, unknown> | undefined;
      if (!next) level.set(path[depth]!, (next = new Map()));
      level = next;
    }
    const last = path.at(-1)!;
    let index = level.get(last) as number | undefined;
    if (index === undefined) {
      index = this.values.push(value()) - 1;
      level.set(last, index);
    }
    return index;
  }

  /** For a table of the keys themselves. */
  indexOfKey(this: Table<string>, key: string): number {
    let index = this.root.get(key) as number | undefined;
    if (index === undefined) {
      index = this.values.push(key) - 1;
      this.root.set(key, index);
    }
    return index;
  }
}

const byDateAndTime = (a: RowFields, b: RowFields) => (a.localDate < b.localDate ? -1 : a.localDate > b.localDate ? 1 : a.localTime < b.localTime ? -1 : a.localTime > b.localTime ? 1 : 0);

/** The rows by date and time; a simulation writes them so already, and then they are not sorted again. */
function inOrder<Row extends RowFields>(rows: readonly Row[]): readonly Row[] {
  for (let index = 1; index < rows.length; index += 1) if (byDateAndTime(rows[index - 1]!, rows[index]!) > 0) return [...rows].sort(byDateAndTime);
  return rows;
}

/**
 * Encodes each customer's rows, sorted by date and time; `cellsOf` gives what a row's last
 * columns show (as many for every row). Takes the rows as they are (sends), so two million of
 * them are not copied first.
 */
export function encodeCustomerRows<Row extends RowFields>(rowsByCustomer: ReadonlyMap<string, readonly Row[]>, cellsOf: (row: Row) => readonly string[]): EncodedCustomerRows {
  const dates = new Table<string>();
  const times = new Table<string>();
  const steps = new Table<[string, string, string]>();
  const cells = new Table<string[]>();
  // Four indexes a row, all rows one after another: no array per row for millions of rows.
  let rowCount = 0;
  for (const rows of rowsByCustomer.values()) rowCount += rows.length;
  const indexes = new Int32Array(rowCount * fields);
  const ends: number[] = [];
  let at = 0;
  for (const rows of rowsByCustomer.values()) {
    for (const row of inOrder(rows)) {
      const rowCells = cellsOf(row);
      indexes[at++] = dates.indexOfKey(row.localDate);
      indexes[at++] = times.indexOfKey(row.localTime);
      indexes[at++] = steps.indexOf([row.journeyId, row.messageId, row.channel], () => [row.journeyId, row.messageId, row.channel]);
      indexes[at++] = cells.indexOf(rowCells.length ? rowCells : [''], () => [...rowCells]);
    }
    ends.push(at);
  }
  const radixes = [dates, times, steps, cells].map((table) => Math.max(1, table.values.length));
  const width = widthFor(radixes);
  return {
    dates: dates.values,
    times: times.values,
    steps: steps.values,
    cells: cells.values,
    width,
    customers: [...rowsByCustomer.keys()],
    rows: ends.map((end, customer) => {
      let text = '';
      for (let start = customer === 0 ? 0 : ends[customer - 1]!; start < end; start += fields) text += encodeNumber(mixedRadix(indexes.subarray(start, start + fields), radixes), width);
      return text;
    }),
  };
}

/** The rows of the customer at `customerIndex` in `encoded.customers`. */
export function decodeCustomerRows(encoded: EncodedCustomerRows, customerIndex: number): CustomerRow[] {
  const radixes = [encoded.dates, encoded.times, encoded.steps, encoded.cells].map((table) => Math.max(1, table.length));
  const text = encoded.rows[customerIndex] ?? '';
  const rows: CustomerRow[] = [];
  for (let start = 0; start + encoded.width <= text.length; start += encoded.width) {
    const [date, time, step, cells] = fromMixedRadix(decodeNumber(text.slice(start, start + encoded.width)), radixes);
    const [journeyId, messageId, channel] = encoded.steps[step!]!;
    rows.push({ localDate: encoded.dates[date!]!, localTime: encoded.times[time!]!, journeyId, messageId, channel, cells: encoded.cells[cells!]! });
  }
  return rows;
}

// Plain arithmetic, not bit operations: the number can pass 2^31 (it stays far below 2^53).
function mixedRadix(indexes: ArrayLike<number>, radixes: readonly number[]): number {
  let value = 0;
  for (let position = 0; position < radixes.length; position += 1) value = value * radixes[position]! + indexes[position]!;
  return value;
}

function fromMixedRadix(value: number, radixes: readonly number[]): number[] {
  const indexes = new Array<number>(radixes.length);
  for (let position = radixes.length - 1; position >= 0; position -= 1) {
    indexes[position] = value % radixes[position]!;
    value = Math.floor(value / radixes[position]!);
  }
  return indexes;
}

function widthFor(radixes: readonly number[]): number {
  const largest = radixes.reduce((product, radix) => product * radix, 1) - 1;
  let width = 1;
  while (64 ** width <= largest) width += 1;
  return width;
}

function encodeNumber(value: number, width: number): string {
  let text = '';
  for (let position = 0; position < width; position += 1) {
    text = alphabet[value % 64]! + text;
    value = Math.floor(value / 64);
  }
  return text;
}

function decodeNumber(text: string): number {
  let value = 0;
  for (const character of text) value = value * 64 + alphabet.indexOf(character);
  return value;
}
