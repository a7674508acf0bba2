/**
 * AWS cost per month of the engine for 1 million customers, message fees (SES, SMS, print house)
 * excluded, from the bench's measured traffic. The measured day's usage is scaled in two parts:
 * what grows with customers due (the base set is a realistic population, so it scales with the
 * customer count) and what grows with customers as such (the extra read per customer found
 * between the two scaling sizes with the number due held fixed).
 */
import type { ScalingRow } from './dynamo-scaling';
import type { StackCounts } from './bundles';
import type { IndexEffect, OperationTraffic } from './dynamo-traffic';
import { customerKinds, itemOverheadBytes, type ItemSizes } from './item-sizes';
import { handledLookbackDays } from '../shared/use-cases/console-snapshot';

/**
 * List prices, us-east-1, USD, free tiers ignored, as used on `asOf` (see docs/cost.md for where
 * each comes from and what to re-check).
 */
export const prices = {
  asOf: '2026-11-27',
  region: 'us-east-1',
  dynamoReadPerMillion: 0.125,
  dynamoWritePerMillion: 0.625,
  dynamoStoragePerGbMonth: 0.25,
  dynamoPitrPerGbMonth: 0.2,
  sqsRequestsPerMillion: 0.4,
  lambdaArmGbSecond: 0.0000133334,
  lambdaRequestsPerMillion: 0.2,
  schedulerInvocationsPerMillion: 1.0,
  logsIngestedPerGb: 0.5,
  logsStoredPerGbMonth: 0.03,
  customMetricPerMonth: 0.3,
  alarmPerMonth: 0.1,
  s3PutPer1000: 0.005,
  /** LIST requests are billed at the PUT price. */
  s3ListPer1000: 0.005,
  s3GetPer1000: 0.0004,
  s3StoragePerGbMonth: 0.023,
  kmsKeyPerMonth: 1.0,
} as const;

export interface CostInputs {
  /** Smallest size first (the realistic base set), largest last; same customers due. */
  scaling: ScalingRow[];
  stack: StackCounts;
  /** Memory of the functions, MB, as the stack sets it. */
  memoryMb: { evaluate: number; dispatch: number; reconcile: number };
  /** Local wall time of a dispatch per message (an upper bound: the local servers share the process). */
  dispatchMsPerMessage: number;
  /** Share of messages that are print pieces, and a print file's size. */
  printShare: number;
  printFileBytes: number;
  /**
   * Bytes stored per customer (profile, its GSI1 copy, vehicles) and per ledger item, each with
   * DynamoDB's 100 bytes of overhead per item, and how long the ledger is kept.
   */
  customerBytes: number;
  ledgerItemBytes: number;
  ledgerRetentionDays: number;
  /**
   * The table's items by kind as measured on the local stack (`bench/item-sizes.ts`): when given,
   * storage is priced from these bytes instead of `customerBytes` and `ledgerItemBytes`.
   */
  itemSizes?: ItemSizes;
  /** Custom metrics published in most hours (Powertools EMF: one per name and service). */
  hourlyMetrics: number;
  /**
   * Wall seconds the simulation takes per customer and day, as the bench's simulation section
   * measures it (its smallest size); the calendar job runs the same simulation. Without it, the
   * figure of 27 Nov 2026 (`calendarJob.simulationSecondsPerCustomerDay`).
   */
  simulationSecondsPerCustomerDay?: number;
}

export interface CostLine {
  service: string;
  item: string;
  quantity: number;
  unit: string;
  usd: number;
  /** Fixed: does not grow with customers (schedules, alarms, metrics, idle queue polling). */
  fixed: boolean;
}

export interface CostModel {
  customers: number;
  lines: CostLine[];
  variableUsd: number;
  fixedUsd: number;
  totalUsd: number;
  goalUsd: number;
  goalMet: boolean;
  /** Usage at 1 million customers that the lines price. */
  usage: { messagesPerMonth: number; readUnitsPerDay: number; writeUnitsPerDay: number; updateAdjustmentPerDay: number; readUnitsPerExtraCustomerDay: number };
}

const daysPerMonth = 365 / 12;
const gb = 1024 ** 3;
/** Lambda's SQS event source keeps five long polls (up to 20 s each) open on the queue even when it is empty. */
const idlePollsPerMonth = 5 * (86_400 / 20) * daysPerMonth;
/** Bytes logged: Lambda's START/END/REPORT lines per invocation, the evaluation's summary per tick, one line per message. */
const platformLogBytes = 350;
const tickLogBytes = 1_000;
const messageLogBytes = 500;
/** Reconcile runs are not measured here; a generous second each. */
const reconcileSeconds = 1;

/**
 * The console's calendar job (functions/console-calendar): a run a night (deploys add a few),
 * split into `shards` (as infra/constructs/console-calendar.ts sets it), each writing one object
 * holding every tenant's calendar of the shard. Tenants at a million customers assumed: 1,000
 * dealers of 1,000 customers, 10 brands. Its simulation's CPU time per customer-day is the
 * bench's (10,000 customers x 365 days in 45 s, README), at the job's 3,008 MB. The console reads
 * a tenant's calendar at most once a minute per function instance (`consoleCalendarTtlMs`): a
 * ranged GET of each shard object by name (`CALENDAR_SHARDS`; no LIST since 2026-11-28; the
 * headers are kept per object version, read again by a second GET the first load after a run);
 * how often tenants open it is not measured: `loadsPerTenantDay` is an assumption.
 *
 * `ledgerSpanDays`: the local dates whose handled customers have their ledger range read (see
 * `ledgerMayMatter`): moved on a date from the calendar's first kept day (`handledLookbackDays`
 * before the run's UTC date) to the latest date current anywhere at its 02:00 UTC run (the next
 * day), or due on one of those dates: 2 + today + tomorrow.
 */
export const calendarJob = {
  runsPerMonth: daysPerMonth,
  shards: 16,
  tenantsPerMillion: 1_010,
  dealersPerMillion: 1_000,
  simulationSecondsPerCustomerDay: 45 / (10_000 * 365),
  days: 90,
  memoryMb: 3_008,
  loadsPerTenantDay: 5,
  ledgerSpanDays: handledLookbackDays + 2,
} as const;
/** A Scan or a Query reads 4 KB per half request unit (eventually consistent). */
const readUnitsPerByte = 0.5 / 4096;

/** Kinds kept per send, for the ledger's retention: the send, its task or held item, its share of the outcome counters (an upper bound: a counter sums a day's sends of a dealer, step and outcome). */
const perMessageKinds = ['send', 'task', 'held message', 'outcome counter'] as const;

/**
 * Bytes stored per customer (the kinds stored once per customer, their GSI1 copies included), per
 * occurrence (on the table: its GSI1 entry lasts while it is open, a day or two) and per message
 * (the kinds kept per send, GSI1 included), from the measured item sizes.
 */
export function storedBytes(inputs: Pick<CostInputs, 'itemSizes'>): StoredBytes | undefined {
  const sizes = inputs.itemSizes;
  if (!sizes) return undefined;
  const kind = (name: string) => sizes.kinds[name] ?? { items: 0, tableBytes: 0, indexBytes: 0 };
  const bytesOf = (names: readonly string[], index: boolean) => names.reduce((total, name) => total + kind(name).tableBytes + (index ? kind(name).indexBytes : 0), 0);
  const occurrences = kind('occurrence');
  const sends = kind('send').items;
  return {
    perCustomer: bytesOf(customerKinds, true) / sizes.customers,
    perOccurrence: occurrences.items > 0 ? occurrences.tableBytes / occurrences.items : 0,
    perMessage: sends > 0 ? bytesOf(perMessageKinds, true) / sends : 0,
    perCustomerTable: bytesOf(customerKinds, false) / sizes.customers,
    perMessageTable: sends > 0 ? bytesOf(perMessageKinds, false) / sends : 0,
  };
}

export interface StoredBytes {
  perCustomer: number;
  perOccurrence: number;
  perMessage: number;
  /** The same on the table alone, which is what a Scan of the table evaluates (GSI1 copies aside). */
  perCustomerTable: number;
  perMessageTable: number;
}

/**
 * Write units DynamoDB bills an update or delete of this class, from the measured size of its kind
 * of item (the kind's average standing for the larger of before and after): on the table ceil(size
 * / 1 KB), on GSI1 (projection ALL) a moved key a delete and a put of the index item, a removed one
 * a delete, otherwise an update or delete of it when the item is indexed (the share of the kind's
 * bytes on GSI1). Undefined for a kind not measured.
 */
export function billedUpdateUnits(sizes: ItemSizes, kind: string, effect: IndexEffect): number | undefined {
  const size = sizes.kinds[kind];
  if (!size || size.items === 0) return undefined;
  const tableUnits = Math.max(1, Math.ceil((size.tableBytes / size.items - itemOverheadBytes) / 1024));
  const indexWrites = effect === 'moves' ? 2 : effect === 'removes' ? 1 : size.indexBytes / size.tableBytes;
  return tableUnits * (1 + indexWrites);
}

/**
 * What the measured day's updates and deletes are billed, less the units the meter counted from
 * their requests: more for an item larger than its update or with a GSI1 entry, less for a long
 * request on a small item. Classes of a kind not measured keep the meter's count.
 */
export function updateUnitsAdjustment(sizes: ItemSizes, ...days: OperationTraffic[]): number {
  let adjustment = 0;
  for (const day of days) {
    for (const [name, { count, meteredUnits }] of Object.entries(day.updates ?? {})) {
      const [kind, effect] = [name.slice(0, name.lastIndexOf(' ')), name.slice(name.lastIndexOf(' ') + 1) as IndexEffect];
      const billed = billedUpdateUnits(sizes, kind, effect);
      if (billed !== undefined) adjustment += count * billed - meteredUnits;
    }
  }
  return adjustment;
}

export function costPerMonth(inputs: CostInputs, customers = 1_000_000, goalUsd = 3): CostModel {
  const base = inputs.scaling[0]!;
  const largest = inputs.scaling.at(-1)!;
  const scale = customers / base.customers;
  const extraCustomers = largest.customers - base.customers;
  const perExtra = (field: 'readUnits' | 'writeUnits') =>
    extraCustomers > 0 ? Math.max(0, (largest.evaluationDay[field] - base.evaluationDay[field]) / extraCustomers) : 0;
  const readPerCustomer = perExtra('readUnits');
  const writePerCustomer = perExtra('writeUnits');
  // Evaluation: the due part scales with the population, the per-customer part with customers.
  const dueRead = base.evaluationDay.readUnits - base.customers * readPerCustomer;
  const dueWrite = base.evaluationDay.writeUnits - base.customers * writePerCustomer;
  const readUnitsPerDay = scale * (dueRead + base.dispatchDay.readUnits) + customers * readPerCustomer;
  const writeUnitsPerDay = scale * (dueWrite + base.dispatchDay.writeUnits) + customers * writePerCustomer;
  const messagesPerMonth = scale * base.messages * daysPerMonth;
  // Each item is under 1 KB: one write unit. Not per message: the same at any number of customers.
  const runRecordsPerDay = 24 + 24 + 288;
  const ticksPerMonth = 24 * daysPerMonth;

  const sqsPerDay = (phase: 'evaluate' | 'dispatch') => Object.values(base.otherRequests[phase]).reduce((total, count) => total + count, 0);
  const sqsSesPerDay = Object.entries({ ...base.otherRequests.evaluate, ...base.otherRequests.dispatch })
    .filter(([operation]) => operation.startsWith('SES'))
    .reduce((total, [, count]) => total + count, 0);
  const sqsRequestsPerMonth = scale * (sqsPerDay('evaluate') + sqsPerDay('dispatch') - sqsSesPerDay) * daysPerMonth;

  const evaluateSeconds = ((base.evaluationMs / base.ticks) * scale) / 1000;
  const dispatchBatches = messagesPerMonth / 10;
  const ledgerItemsPerMonth = scale * base.started * daysPerMonth * (1 + base.messages / Math.max(1, base.started));
  // Ledger entries on GSI1 are sparse (open occurrences only, for a day or two): not counted.
  const stored = storedBytes(inputs);
  const occurrencesPerMonth = scale * base.started * daysPerMonth;
  const ledgerGb = stored
    ? ((occurrencesPerMonth * stored.perOccurrence + messagesPerMonth * stored.perMessage) * (inputs.ledgerRetentionDays / daysPerMonth)) / gb
    : (ledgerItemsPerMonth * (inputs.ledgerRetentionDays / daysPerMonth) * inputs.ledgerItemBytes) / gb;
  const customersGb = (customers * (stored?.perCustomer ?? inputs.customerBytes)) / gb;
  // The table alone, GSI1 copies aside: what a Scan of the table evaluates and what point-in-time
  // recovery backs up (a table's backup holds its data and local indexes, not global ones).
  // Without measured sizes, the modelled customer bytes include the profile's copy: errs high.
  const retentionMonths = inputs.ledgerRetentionDays / daysPerMonth;
  const tableGb = stored
    ? (customers * stored.perCustomerTable + (occurrencesPerMonth * stored.perOccurrence + messagesPerMonth * stored.perMessageTable) * retentionMonths) / gb
    : customersGb + ledgerGb;
  const logsGb = ((ticksPerMonth * 2 + dispatchBatches) * platformLogBytes + ticksPerMonth * tickLogBytes + messagesPerMonth * messageLogBytes) / gb;
  const printFiles = messagesPerMonth * inputs.printShare;
  // Each shard reads its share of the due index's window: the due entries filed there (GSI1, the
  // whole record packed; every customer counted, as if all were due in the 90 days: an upper
  // bound, the share filed further ahead is not measured), by the bytes read (a Query is billed
  // on them, 4 KB per half unit), and every held message of the window (each shard reads all the
  // held partitions: its customers' held messages may be in any); then one Query of the
  // held-message and occurrence range (half a unit, eventually consistent, while the range is
  // under 4 KB: its occurrences over the retention at the measured size per occurrence) per
  // customer handled lately: moved or due on the `ledgerSpanDays` local dates, counted as the
  // occurrences the bench starts a day (each customer moved on a date started one at least: an
  // upper bound); and its dealers by key (BatchGet: half a unit each; every dealer in every shard
  // at most). The window's index partitions, mostly empty (some 380 Queries of due entries a run,
  // 4 more a day since the due dates' last recompute, and 380 of held messages a shard: some
  // 6,500 a run, half a unit each: about 0.01 USD a month), the entries filed since their last
  // move (an import's or an event's customers, not measured; after a deploy that changes the
  // journeys, every entry until its customer is next moved: the nights after it read up to every
  // range in the window again) and the Scan the job falls back on while a deploy's recompute of
  // the due dates is under way (a run or two a deploy) are left out.
  // test/integration/calendar-reads.test.ts and calendar-due-index.test.ts count the requests.
  // A read is billed on the items' bytes, without the 100 bytes of storage overhead each.
  const sizeOf = (kind: string) => inputs.itemSizes?.kinds[kind];
  const dueEntry = sizeOf('due entry');
  const dueEntryReadBytes = dueEntry && dueEntry.items > 0 ? dueEntry.indexBytes / dueEntry.items - itemOverheadBytes : inputs.customerBytes;
  const held = sizeOf('held message');
  const heldIndexBytesPerCustomer = inputs.itemSizes && held && held.items > 0 ? (held.indexBytes * (1 - itemOverheadBytes / (held.tableBytes / held.items))) / inputs.itemSizes.customers : 0;
  // The average customer's range (its occurrences over the retention): 0.5 unit per 4 KB started
  // of it. Ranges spread around the average: one over 4 KB costs a unit, so where the average is
  // near 4 KB this errs low: by at most half a unit times the average over 4 KB a customer.
  const ledgerRangeBytes = stored ? ((occurrencesPerMonth * retentionMonths) / customers) * Math.max(0, stored.perOccurrence - itemOverheadBytes) : 0;
  const ledgerRangeUnits = 0.5 * Math.max(1, Math.ceil(ledgerRangeBytes / 4096));
  const ledgerRangesRead = Math.min(customers, calendarJob.ledgerSpanDays * scale * base.started);
  const calendarReadUnits =
    calendarJob.runsPerMonth *
    (customers * (dueEntryReadBytes + heldIndexBytesPerCustomer * calendarJob.shards) * readUnitsPerByte +
      ledgerRangesRead * ledgerRangeUnits +
      calendarJob.shards * calendarJob.dealersPerMillion * (customers / 1e6) * 0.5);
  const calendarGbSeconds = calendarJob.runsPerMonth * customers * calendarJob.days * (inputs.simulationSecondsPerCustomerDay ?? calendarJob.simulationSecondsPerCustomerDay) * (calendarJob.memoryMb / 1024);
  const calendarPuts = calendarJob.runsPerMonth * calendarJob.shards;
  const calendarLoads = calendarJob.tenantsPerMillion * (customers / 1e6) * calendarJob.loadsPerTenantDay * daysPerMonth;

  // Updates and deletes are billed on the items they change, not their requests: re-priced from the measured sizes, when the day counted them by class.
  const updateAdjustmentPerDay = inputs.itemSizes ? scale * updateUnitsAdjustment(inputs.itemSizes, base.evaluationDay, base.dispatchDay) : 0;
  const line = (service: string, item: string, quantity: number, unit: string, usd: number, fixed = false): CostLine => ({ service, item, quantity, unit, usd, fixed });
  const lines: CostLine[] = [
    line('DynamoDB', 'read request units (evaluation + dispatch)', readUnitsPerDay * daysPerMonth, 'RRU', (readUnitsPerDay * daysPerMonth * prices.dynamoReadPerMillion) / 1e6),
    line('DynamoDB', 'write request units (evaluation + dispatch)', writeUnitsPerDay * daysPerMonth, 'WRU', (writeUnitsPerDay * daysPerMonth * prices.dynamoWritePerMillion) / 1e6),
    line('DynamoDB', 'storage: customers (+GSI1) and ledger kept for retention', customersGb + ledgerGb, 'GB-month', (customersGb + ledgerGb) * prices.dynamoStoragePerGbMonth),
    line('DynamoDB', 'point-in-time recovery (continuous backups of the table, GSI1 aside)', tableGb, 'GB-month', tableGb * prices.dynamoPitrPerGbMonth),
    line(
      'DynamoDB',
      'write request units: updates and deletes re-priced from the items they change and their GSI1 entries (measured sizes), less their requests\' units above',
      updateAdjustmentPerDay * daysPerMonth,
      'WRU',
      (updateAdjustmentPerDay * daysPerMonth * prices.dynamoWritePerMillion) / 1e6,
    ),
    line('SQS', 'requests: queueing, receive and delete', sqsRequestsPerMonth, 'requests', (sqsRequestsPerMonth * prices.sqsRequestsPerMillion) / 1e6),
    line('SQS', "Lambda's idle long polls on the dispatch queue", idlePollsPerMonth, 'requests', (idlePollsPerMonth * prices.sqsRequestsPerMillion) / 1e6, true),
    line(
      'Lambda',
      'evaluate: hourly ticks',
      ticksPerMonth * evaluateSeconds * (inputs.memoryMb.evaluate / 1024),
      'GB-s',
      ticksPerMonth * evaluateSeconds * (inputs.memoryMb.evaluate / 1024) * prices.lambdaArmGbSecond,
    ),
    line(
      'Lambda',
      'dispatch: per message',
      (messagesPerMonth * inputs.dispatchMsPerMessage * (inputs.memoryMb.dispatch / 1024)) / 1000,
      'GB-s',
      ((messagesPerMonth * inputs.dispatchMsPerMessage * (inputs.memoryMb.dispatch / 1024)) / 1000) * prices.lambdaArmGbSecond,
    ),
    line(
      'Lambda',
      'reconcile: hourly runs',
      ticksPerMonth * reconcileSeconds * (inputs.memoryMb.reconcile / 1024),
      'GB-s',
      ticksPerMonth * reconcileSeconds * (inputs.memoryMb.reconcile / 1024) * prices.lambdaArmGbSecond,
      true,
    ),
    line('Lambda', 'requests (ticks, runs, dispatch batches of 10)', ticksPerMonth * 2 + dispatchBatches, 'requests', ((ticksPerMonth * 2 + dispatchBatches) * prices.lambdaRequestsPerMillion) / 1e6),
    line('DynamoDB', 'run records: one Put per scheduled run (24 evaluations, 24 reconciles, 288 releases a day)', runRecordsPerDay * daysPerMonth, 'WRU', (runRecordsPerDay * daysPerMonth * prices.dynamoWritePerMillion) / 1e6, true),
    line('EventBridge Scheduler', 'hourly invocations', inputs.stack.schedules * ticksPerMonth, 'invocations', (inputs.stack.schedules * ticksPerMonth * prices.schedulerInvocationsPerMillion) / 1e6, true),
    line('CloudWatch', 'logs ingested (one month kept)', logsGb, 'GB', logsGb * (prices.logsIngestedPerGb + prices.logsStoredPerGbMonth)),
    line('CloudWatch', 'custom metrics (Powertools EMF)', inputs.hourlyMetrics, 'metrics', inputs.hourlyMetrics * prices.customMetricPerMonth, true),
    line('CloudWatch', 'alarms', inputs.stack.alarms, 'alarms', inputs.stack.alarms * prices.alarmPerMonth, true),
    line('KMS', 'customer managed keys (the alarm topic)', inputs.stack.kmsKeys, 'keys', inputs.stack.kmsKeys * prices.kmsKeyPerMonth, true),
    line('S3', 'print files: PUTs and one month stored', printFiles, 'files', (printFiles * prices.s3PutPer1000) / 1000 + ((printFiles * inputs.printFileBytes) / gb) * prices.s3StoragePerGbMonth),
    // No line of its own for the console's outcome counters (one UpdateItem ADD per finished send):
    // dispatch writes them on the measured day, so they are in the write units above already.
    line(
      'DynamoDB',
      `console calendar job: the due index's 90 days (entries by the byte, held messages in every shard), a Query of their held messages and occurrences per customer handled or due on the ${calendarJob.ledgerSpanDays} latest days (0.5 RRU per 4 KB started of the average range, eventually consistent: 0.5 while under 4 KB), its dealers by key, nightly`,
      calendarReadUnits, 'RRU', (calendarReadUnits * prices.dynamoReadPerMillion) / 1e6),
    line('Lambda', 'console calendar job: 90 days of every customer simulated, nightly', calendarGbSeconds, 'GB-s', calendarGbSeconds * prices.lambdaArmGbSecond),
    line('S3', 'console calendar job: one object per shard (every tenant in it), nightly', calendarPuts, 'PUTs', (calendarPuts * prices.s3PutPer1000) / 1000, true),
    line('S3', `console calendar reads: a ranged GET per shard object a page load, by name (${calendarJob.loadsPerTenantDay} loads a tenant a day assumed)`, calendarLoads, 'loads', (calendarLoads * calendarJob.shards * prices.s3GetPer1000) / 1000),
  ];
  const sumOf = (fixed: boolean) => lines.filter((entry) => entry.fixed === fixed).reduce((total, entry) => total + entry.usd, 0);
  const variableUsd = sumOf(false);
  const fixedUsd = sumOf(true);
  return {
    customers,
    lines,
    variableUsd,
    fixedUsd,
    totalUsd: variableUsd + fixedUsd,
    goalUsd,
    goalMet: variableUsd + fixedUsd < goalUsd,
    usage: { messagesPerMonth, readUnitsPerDay, writeUnitsPerDay, updateAdjustmentPerDay, readUnitsPerExtraCustomerDay: readPerCustomer },
  };
}
