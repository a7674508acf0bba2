/**
 * DynamoDB traffic of the scheduled evaluation as the customer base grows with the number due
 * held fixed: the same base set, then the same set plus customers who are due nothing that day.
 * Each size runs one UTC day as EventBridge Scheduler drives it (24 hourly ticks, no date filter),
 * after the day before (unmetered, so the measured day is a steady one), then drains the dispatch
 * queue, on a fresh in-memory dynalite. Reads growing with customers
 * rather than with customers due is what makes a large base expensive.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchWriteAll } from '../shared/adapters/dynamodb/batch-write';
import { brandItem, customerRecordItems, dealerItem } from '../shared/adapters/dynamodb/customer-items';
import { addDays } from '../shared/domain/dates';
import { customerFacts } from '../shared/domain/customer-facts';
import { nextDueDate } from '../shared/domain/journey/due-dates';
import type { Journey } from '../shared/domain/journey/schema';
import { loadJourneyConfig } from '../shared/config/load-journeys';
import { generateDemoData, type DemoData } from '../local/demo-data';
import { lambdaContext, scheduledEvent } from '../local/lambda-events';
import { startLocalEngine } from '../local/local-engine';
import { progressLine } from '../local/progress';
import { recomputeForDate } from '../local/recompute';
import { drainQueue } from '../local/run-day';
import { onCleanup } from './cleanup';
import { countRequests } from './request-counter';
import { meterDynamoTraffic, mergeTraffic, totalOf, type OperationTraffic, type Traffic } from './dynamo-traffic';
import { sum } from './measure';

export interface ScalingOptions {
  journeysDir: string;
  /** Customers in the base set; every larger size adds customers due nothing on `date`. */
  baseCustomers: number;
  sizes: number[];
  /** The UTC day evaluated. */
  date: string;
}

export interface ScalingRow {
  customers: number;
  /** Occurrences due over the day (distinct), and those started. */
  due: number;
  started: number;
  candidatesRead: number;
  ticks: number;
  /** DynamoDB traffic of the whole day's evaluation, by operation, and in total. */
  evaluationByOperation: Record<string, OperationTraffic>;
  evaluationDay: OperationTraffic;
  /** The busiest tick (most read units). */
  busiestTick: OperationTraffic;
  /** Dispatch of the day's queued messages. */
  messages: number;
  dispatchDay: OperationTraffic;
  /** SQS and SES requests per phase. */
  otherRequests: { evaluate: Record<string, number>; dispatch: Record<string, number> };
  seedMs: number;
  evaluationMs: number;
}

/** How far back a customer beyond the base set is moved, each try, to leave the measured window. */
const shiftDays = -61;
const maxShifts = 6;

/** The record with every calendar date in it (birth, deliveries, readings, cover ends, visits) moved by `days`. */
function shiftedDates<T>(record: T, days: number): T {
  return JSON.parse(JSON.stringify(record), (_key, value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? addDays(value, days) : value)) as T;
}

/**
 * The base set as generated, then customers beyond it who are due nothing on the local dates the
 * measured UTC day and the day before touch (from two days before `date` to the day after, send
 * days of steps mailed ahead included): more customers, no more due. A customer due in that
 * window has all their dates moved back two months at a time until no journey is (the record's
 * shape, hence the cost of reading it, stays the same); judged on the whole record as the seed
 * stores it (visits and complaints too: service due, dormancy and churn risk read them). Fails if
 * one cannot be moved out (a journey due by region alone, such as a festival, in the window): the
 * premise would not hold.
 */
export function scaledDemoData(baseCustomers: number, customers: number, date: string, journeys: readonly Journey[]): DemoData {
  const data = generateDemoData(customers);
  const countries = new Map(data.dealers.map((dealer) => [dealer.id, dealer.address.country]));
  const [windowStart, windowEnd] = [addDays(date, -2), addDays(date, 1)];
  const dueInWindow = (entry: DemoData['customers'][number]) => {
    const next = nextDueDate(customerFacts(entry, countries.get(entry.customer.dealerId)), journeys, windowStart);
    return next !== undefined && next <= windowEnd;
  };
  data.customers = data.customers.map((entry, index) => {
    if (index < baseCustomers) return entry;
    for (let shift = 0; shift <= maxShifts; shift += 1) {
      const moved = shift === 0 ? entry : shiftedDates(entry, shift * shiftDays);
      if (!dueInWindow(moved)) return moved;
    }
    throw new Error(`customer ${index} stays due between ${windowStart} and ${windowEnd} however far back their dates move`);
  });
  return data;
}

/** The demo set as an import writes it: brands, dealers and each customer's whole record (profile, cars, visits, complaints). */
export function demoDataItems(data: DemoData): Record<string, unknown>[] {
  return [...data.brands.map(brandItem), ...data.dealers.map(dealerItem), ...data.customers.flatMap(customerRecordItems)];
}

/** Writes these items, a few batches of 25 in flight (seeding is set-up, not what is measured). */
export async function seedItems(engine: { dynamo: Parameters<typeof batchWriteAll>[0]; tableName: string }, items: Record<string, unknown>[], label: string): Promise<void> {
  const progress = progressLine(label);
  const slices: Record<string, unknown>[][] = [];
  for (let start = 0; start < items.length; start += 25) slices.push(items.slice(start, start + 25));
  let done = 0;
  const worker = async () => {
    for (let slice = slices.shift(); slice; slice = slices.shift()) {
      await batchWriteAll(engine.dynamo, engine.tableName, slice.map((Item) => ({ PutRequest: { Item } })));
      done += slice.length;
      progress(done, items.length);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

const record = (traffic: Traffic) => Object.fromEntries([...traffic].sort(([a], [b]) => a.localeCompare(b)));

/**
 * One size, in this process. The handlers read their configuration once, at import (a cold
 * start), so a process serves one engine: {@link benchDynamoScaling} runs each size in its own.
 */
export async function measureOneSize(options: Omit<ScalingOptions, 'sizes'>, customers: number): Promise<ScalingRow> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dealer-journeys-scaling-'));
  const removeDataDir = onCleanup(() => rm(dataDir, { recursive: true, force: true }));
  const engine = await startLocalEngine({ ports: { dynamodb: 0, sqs: 0, ses: 0 }, dataDir, persistDynamo: false, logLevel: 'ERROR', journeysDir: options.journeysDir });
  const stopEngine = onCleanup(() => engine.stop());
  const traffic = meterDynamoTraffic(engine.stack.ports.dynamodb);
  const requests = countRequests(engine.stack.ports);
  try {
    const seedStart = performance.now();
    const { journeys } = await loadJourneyConfig(options.journeysDir);
    await seedItems(engine, demoDataItems(scaledDemoData(options.baseCustomers, customers, options.date, journeys)), `Seeding ${customers.toLocaleString('en-US')} customers, whole records (items)`);
    // Every customer filed in the due index before any tick, as `npm start` does: the ticks'
    // own recompute, bounded to half of each invocation, may not finish within the day before on
    // a busy machine, and its scans would then be counted as the measured day's reads.
    const dayBefore = addDays(options.date, -1);
    await recomputeForDate(engine.dynamo, engine.tableName, { journeys, date: addDays(dayBefore, -1) }, progressLine(`Filing ${customers.toLocaleString('en-US')} customers in the due index`));
    const seedMs = performance.now() - seedStart;
    // The day before, unmetered: a fresh table would otherwise start on the measured day the
    // occurrences of the zones still on the previous date, and count them twice.
    const warmUp = progressLine(`Warming up on ${dayBefore} (ticks)`);
    for (let hour = 0; hour < 24; hour++) {
      await engine.handlers.evaluate(scheduledEvent(new Date(`${dayBefore}T${String(hour).padStart(2, '0')}:00:00Z`)), lambdaContext('evaluate-schedule'));
      warmUp(hour + 1, 24);
    }
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);
    traffic.take();

    requests.setPhase('evaluate');
    const ticks = Array.from({ length: 24 }, (_, hour) => new Date(`${options.date}T${String(hour).padStart(2, '0')}:00:00Z`));
    const day: Traffic = new Map();
    let busiestTick = totalOf(new Map());
    const occurrences = new Set<string>();
    const started = new Set<string>();
    let candidatesRead = 0;
    const progress = progressLine(`Evaluating ${options.date} for ${customers.toLocaleString('en-US')} customers (ticks)`);
    const evaluationStart = performance.now();
    for (const [index, tick] of ticks.entries()) {
      const summary = await engine.handlers.evaluate(scheduledEvent(tick), lambdaContext('evaluate-schedule'));
      const tickTraffic = traffic.take();
      mergeTraffic(day, tickTraffic);
      const tickTotal = totalOf(tickTraffic);
      if (tickTotal.readUnits > busiestTick.readUnits) busiestTick = tickTotal;
      candidatesRead += summary.candidates;
      for (const outcome of summary.outcomes) {
        occurrences.add(outcome.occurrence);
        if (outcome.result === 'started') started.add(outcome.occurrence);
      }
      progress(index + 1, ticks.length);
    }
    const evaluationMs = performance.now() - evaluationStart;

    requests.setPhase('dispatch');
    const drained = await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);
    const dispatchTraffic = traffic.take();
    const counts = requests.counts();
    const nonDynamo = (phase: string) =>
      Object.fromEntries([...(counts.get(phase) ?? new Map<string, number>())].filter(([operation]) => !operation.startsWith('DynamoDB')));
    return {
      customers,
      due: occurrences.size,
      started: started.size,
      candidatesRead,
      ticks: ticks.length,
      evaluationByOperation: record(day),
      evaluationDay: totalOf(day),
      busiestTick,
      messages: drained.delivered,
      dispatchDay: totalOf(dispatchTraffic),
      otherRequests: { evaluate: nonDynamo('evaluate'), dispatch: nonDynamo('dispatch') },
      seedMs,
      evaluationMs,
    };
  } finally {
    traffic.stop();
    requests.stop();
    await stopEngine();
    await removeDataDir();
  }
}

/** Each size in a child process (`bench/dynamo-scaling-child.ts`), progress on this stderr. */
export async function benchDynamoScaling(options: ScalingOptions): Promise<ScalingRow[]> {
  const rows: ScalingRow[] = [];
  for (const customers of options.sizes) {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./dynamo-scaling-child.ts', import.meta.url)), JSON.stringify({ ...options, sizes: undefined, customers })],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`the ${customers}-customer scaling run failed (exit ${code})`);
    rows.push(JSON.parse(output.trim().split('\n').at(-1)!) as ScalingRow);
  }
  return rows;
}

/** Reads per day at the largest size over those at the smallest, same number due (goal: ≤ 1.5). */
export function readGrowth(rows: ScalingRow[]): number {
  const [first, last] = [rows[0], rows.at(-1)];
  if (!first || !last || first.evaluationDay.readUnits === 0) return Number.NaN;
  return last.evaluationDay.readUnits / first.evaluationDay.readUnits;
}

export const totalRequests = (rows: Record<string, number>) => sum(Object.values(rows));
