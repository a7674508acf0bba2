/**
 * What the table stores, by kind of item, measured on the local stack: the demo set's customers
 * with their whole records (profile, cars, visits, complaints) seeded as an import writes them,
 * filed in the due index, then two days of hourly ticks and dispatch, then a Scan of the table
 * (not metered) sized item by item the way DynamoDB bills storage. The cost model prices storage
 * and point-in-time recovery from these bytes (`bench/cost-model.ts`).
 *
 * Runnable alone: `npx tsx bench/item-sizes.ts [--customers N] [--date YYYY-MM-DD] [--json]`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { dynamoItemBytes, itemKind } from './item-bytes';
import { scanAll } from '../shared/adapters/dynamodb/scan-all';
import { addDays } from '../shared/domain/dates';
import { loadJourneyConfig } from '../shared/config/load-journeys';
import { generateDemoData } from '../local/demo-data';
import { lambdaContext, scheduledEvent } from '../local/lambda-events';
import { startLocalEngine } from '../local/local-engine';
import { progressLine } from '../local/progress';
import { recomputeForDate } from '../local/recompute';
import { drainQueue } from '../local/run-day';
import { cleanUpAll, onCleanup } from './cleanup';
import { demoDataItems, seedItems } from './dynamo-scaling';
import { formatTable, num, type Table } from './format';

/** DynamoDB's per-item overhead in storage, on the table and on each index holding the item. */
export const itemOverheadBytes = 100;

/** Kinds stored once per customer, whatever their occurrences: priced per customer. */
export const customerKinds = ['profile', 'vehicle', 'visit', 'complaint', 'suppression', 'due entry', 'contact history', 'customer, other'] as const;

export interface KindSize {
  items: number;
  /** On the table: the items' sizes plus the overhead each. */
  tableBytes: number;
  /** On GSI1 (projection ALL), for the items carrying a GSI1 key when scanned: size plus overhead each. */
  indexBytes: number;
}

export interface ItemSizes {
  customers: number;
  /** The days ticked and dispatched before the Scan. */
  days: number;
  kinds: Record<string, KindSize>;
}

/** Sizes the items a Scan returns (native form, as the document client gives them), by kind. */
export function sizeItems(items: Iterable<Record<string, unknown>>): Record<string, KindSize> {
  const kinds: Record<string, KindSize> = {};
  for (const item of items) {
    const kind = itemKind(item);
    const bytes = dynamoItemBytes(marshall(item, { removeUndefinedValues: true }) as Record<string, AttributeValue>) + itemOverheadBytes;
    const entry = (kinds[kind] ??= { items: 0, tableBytes: 0, indexBytes: 0 });
    entry.items += 1;
    entry.tableBytes += bytes;
    if (item.GSI1PK !== undefined) entry.indexBytes += bytes;
  }
  return kinds;
}

/** Seeds, files, runs the day before `date` and `date`, drains, then sizes every item. One engine per process (the handlers read their configuration at import). */
export async function measureItemSizes(options: { journeysDir: string; customers: number; date: string }): Promise<ItemSizes> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dealer-journeys-items-'));
  const removeDataDir = onCleanup(() => rm(dataDir, { recursive: true, force: true }));
  const engine = await startLocalEngine({ ports: { dynamodb: 0, sqs: 0, ses: 0 }, dataDir, persistDynamo: false, logLevel: 'ERROR', journeysDir: options.journeysDir });
  const stopEngine = onCleanup(() => engine.stop());
  try {
    const { journeys } = await loadJourneyConfig(options.journeysDir);
    const data = generateDemoData(options.customers);
    const label = `${options.customers.toLocaleString('en-US')} customers`;
    await seedItems(engine, demoDataItems(data), `Seeding ${label}, whole records (items)`);
    const days = [addDays(options.date, -1), options.date];
    await recomputeForDate(engine.dynamo, engine.tableName, { journeys, date: addDays(days[0]!, -1) }, progressLine(`Filing ${label} in the due index`));
    for (const day of days) {
      const progress = progressLine(`Running ${day} for ${label} (ticks)`);
      for (let hour = 0; hour < 24; hour++) {
        await engine.handlers.evaluate(scheduledEvent(new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`)), lambdaContext('evaluate-schedule'));
        progress(hour + 1, 24);
      }
      await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);
    }
    const items = await scanAll(engine.dynamo, { TableName: engine.tableName });
    return { customers: options.customers, days: days.length, kinds: sizeItems(items) };
  } finally {
    await stopEngine();
    await removeDataDir();
  }
}

/** {@link measureItemSizes} in a child process (this file run alone), for a process that runs an engine of its own. */
export async function itemSizesInChild(options: { customers: number; date: string }): Promise<ItemSizes> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--customers', String(options.customers), '--date', options.date, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`the item size measurement failed (exit ${code})`);
  return JSON.parse(output.trim().split('\n').at(-1)!) as ItemSizes;
}

/** The figures as a table: per kind, items, bytes per item and in all, table and index. */
export function itemSizesTable(sizes: ItemSizes): Table {
  const rows = Object.entries(sizes.kinds).sort(([, a], [, b]) => b.tableBytes + b.indexBytes - (a.tableBytes + a.indexBytes));
  return {
    title: `Stored items by kind after ${sizes.days} days of ${num(sizes.customers)} demo customers (DynamoDB item sizes, ${itemOverheadBytes} bytes overhead each)`,
    headers: ['kind', 'items', 'bytes / item', 'table KB', 'GSI1 KB', 'bytes / customer'],
    rows: rows.map(([kind, size]) => [kind, num(size.items), num(size.tableBytes / size.items), num(size.tableBytes / 1024, 1), num(size.indexBytes / 1024, 1), num((size.tableBytes + size.indexBytes) / sizes.customers, 1)]),
    note: 'Per customer: what the kinds stored once per customer add up to is priced per customer; occurrences, sends and their kin per item, kept for the ledger retention.',
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { customers: { type: 'string', default: '2000' }, date: { type: 'string', default: '2026-03-14' }, json: { type: 'boolean', default: false } } });
  let code = 0;
  try {
    const sizes = await measureItemSizes({ journeysDir: fileURLToPath(new URL('../journeys', import.meta.url)), customers: Number(values.customers), date: values.date });
    console.log(values.json ? JSON.stringify(sizes) : formatTable(itemSizesTable(sizes)));
  } catch (error) {
    console.error(error);
    code = 1;
  }
  await cleanUpAll();
  process.exit(code);
}
