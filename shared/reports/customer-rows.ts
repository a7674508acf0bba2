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

/**
 * Takes rows one by one, in any order of customers, and keeps of each only its four indexes: a
 * report reads two million sends from its file and holds none of them. `finish` encodes each
 * customer's rows (customers in the order first seen) sorted by date and time, rows of the same
 * date and time in the order added.
 */
export class CustomerRowsEncoder<Row extends RowFields> {
  private readonly dates = new Table<string>();
  private readonly times = new Table<string>();
  private readonly steps = new Table<[string, string, string]>();
  private readonly cells = new Table<string[]>();
  /** Per customer, four indexes a row, its rows one after another. */
  private readonly indexes = new Map<string, number[]>();

  constructor(private readonly cellsOf: (row: Row) => readonly string[]) {}

  add(customerId: string, row: Row): void {
    const rowCells = this.cellsOf(row);
    let list = this.indexes.get(customerId);
    if (!list) this.indexes.set(customerId, (list = []));
    list.push(
      this.dates.indexOfKey(row.localDate),
      this.times.indexOfKey(row.localTime),
      this.steps.indexOf([row.journeyId, row.messageId, row.channel], () => [row.journeyId, row.messageId, row.channel]),
      this.cells.indexOf(rowCells.length ? rowCells : [''], () => [...rowCells]),
    );
  }

  finish(): EncodedCustomerRows {
    const tables = [this.dates, this.times, this.steps, this.cells];
    const radixes = tables.map((table) => Math.max(1, table.values.length));
    const width = widthFor(radixes);
    const dates = this.dates.values;
    const times = this.times.values;
    const rowOrder = (list: readonly number[]) => (a: number, b: number) => {
      const [dateA, dateB, timeA, timeB] = [dates[list[a * fields]!]!, dates[list[b * fields]!]!, times[list[a * fields + 1]!]!, times[list[b * fields + 1]!]!];
      return dateA < dateB ? -1 : dateA > dateB ? 1 : timeA < timeB ? -1 : timeA > timeB ? 1 : a - b;
    };
    return {
      dates,
      times,
      steps: this.steps.values,
      cells: this.cells.values,
      width,
      customers: [...this.indexes.keys()],
      rows: [...this.indexes.values()].map((list) => {
        const count = list.length / fields;
        const order = Array.from({ length: count }, (_, row) => row);
        const compare = rowOrder(list);
        // A simulation adds each customer's rows by date and time already: then nothing is sorted.
        if (order.some((row) => row > 0 && compare(row - 1, row) > 0)) order.sort(compare);
        let text = '';
        for (const row of order) text += encodeNumber(mixedRadix(list, row * fields, radixes), width);
        return text;
      }),
    };
  }
}

/**
 * Encodes each customer's rows, sorted by date and time; `cellsOf` gives what a row's last
 * columns show (as many for every row).
 */
export function encodeCustomerRows<Row extends RowFields>(rowsByCustomer: ReadonlyMap<string, readonly Row[]>, cellsOf: (row: Row) => readonly string[]): EncodedCustomerRows {
  const encoder = new CustomerRowsEncoder(cellsOf);
  for (const [customerId, rows] of rowsByCustomer) for (const row of rows) encoder.add(customerId, row);
  return encoder.finish();
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
function mixedRadix(indexes: ArrayLike<number>, start: number, radixes: readonly number[]): number {
  let value = 0;
  for (let position = 0; position < radixes.length; position += 1) value = value * radixes[position]! + indexes[start + position]!;
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
