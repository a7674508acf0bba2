import { describe, expect, it } from 'vitest';
import { billedUpdateUnits, calendarJob, costPerMonth, prices, type CostInputs } from '../../../bench/cost-model';
import type { ScalingRow } from '../../../bench/dynamo-scaling';
import type { OperationTraffic } from '../../../bench/dynamo-traffic';

const traffic = (readUnits: number, writeUnits: number): OperationTraffic => ({ requests: 0, itemsRead: 0, readUnits, writeUnits, conditionalFailures: 0 });

function row(customers: number, readUnits: number): ScalingRow {
  return {
    customers,
    due: 30,
    started: 30,
    candidatesRead: 30,
    ticks: 24,
    evaluationByOperation: {},
    evaluationDay: traffic(readUnits, 60),
    busiestTick: traffic(0, 0),
    messages: 60,
    dispatchDay: traffic(60, 120),
    otherRequests: { evaluate: { 'SQS SendMessageBatch': 6 }, dispatch: { 'SQS ReceiveMessage': 6, 'SQS DeleteMessageBatch': 6, 'SES SendEmail': 20 } },
    seedMs: 0,
    evaluationMs: 240,
  };
}

const inputs = (scaling: ScalingRow[]): CostInputs => ({
  scaling,
  stack: { functions: 4, alarms: 10, schedules: 2, queues: 4, kmsKeys: 1, customMetrics: 4 },
  memoryMb: { evaluate: 1024, dispatch: 1024, reconcile: 512 },
  dispatchMsPerMessage: 10,
  printShare: 0.3,
  printFileBytes: 20_000,
  customerBytes: 800,
  ledgerItemBytes: 400,
  ledgerRetentionDays: 400,
  hourlyMetrics: 14,
});

describe('cost model', () => {
  it('scales the measured day with the population when reads do not grow with customers not due', () => {
    const model = costPerMonth(inputs([row(10_000, 100), row(100_000, 100)]));

    expect(model.usage.readUnitsPerExtraCustomerDay).toBe(0);
    // 100 times the base set's evaluation (100) and dispatch (60) reads.
    expect(model.usage.readUnitsPerDay).toBeCloseTo(16_000);
    expect(model.usage.messagesPerMonth).toBeCloseTo(6_000 * (365 / 12));
  });

  it('charges every customer the reads that grow with customers rather than with customers due', () => {
    const model = costPerMonth(inputs([row(10_000, 100), row(100_000, 1_000)]));

    expect(model.usage.readUnitsPerExtraCustomerDay).toBeCloseTo(0.01);
    // The due part is what is left of the base day: 100 - 10,000 x 0.01 = 0; then 1M x 0.01.
    expect(model.usage.readUnitsPerDay).toBeCloseTo(100 * 60 + 10_000);
  });

  it('splits fixed from variable cost and says whether the goal is met', () => {
    const model = costPerMonth(inputs([row(10_000, 100), row(100_000, 100)]), 1_000_000, 3);

    expect(model.fixedUsd).toBeGreaterThan(0);
    expect(model.totalUsd).toBeCloseTo(model.fixedUsd + model.variableUsd);
    expect(model.goalMet).toBe(model.totalUsd < 3);
    expect(model.lines.find((line) => line.item === 'alarms')?.usd).toBeCloseTo(1);
  });

  it("counts the Health page's run records as a fixed write cost, one unit per scheduled run, whatever the number of customers", () => {
    const model = (customers: number) => costPerMonth(inputs([row(10_000, 100), row(100_000, 100)]), customers).lines.find((line) => line.item.startsWith('run records'))!;

    expect(model(1_000_000)).toMatchObject({ service: 'DynamoDB', fixed: true, quantity: (336 * 365) / 12 });
    expect(model(10_000).usd).toBe(model(1_000_000).usd);
  });

  it("prices the console's calendar job per customer and per run, and its outcome counters only through the measured dispatch writes", () => {
    const model = (customers: number) => costPerMonth(inputs([row(10_000, 100), row(100_000, 100)]), customers);
    const lineOf = (customers: number, start: string) => model(customers).lines.find((line) => line.item.startsWith(start))!;

    // Dispatch writes a counter per message on the measured day: a line of its own would count them twice.
    expect(model(1_000_000).lines.filter((line) => line.item.includes('counter'))).toEqual([]);
    for (const start of ['console calendar job: the due index', 'console calendar job: 90 days', 'console calendar reads']) {
      expect(lineOf(1_000_000, start).fixed).toBe(false);
      expect(lineOf(1_000_000, start).usd).toBeGreaterThan(0);
      expect(lineOf(1_000_000, start).quantity).toBeCloseTo(10 * lineOf(100_000, start).quantity);
    }
  });

  it("prices the calendar job's Lambda from the simulation speed the bench measured, when it has one", () => {
    const lambdaOf = (simulationSecondsPerCustomerDay?: number) =>
      costPerMonth({ ...inputs([row(10_000, 100), row(100_000, 100)]), ...(simulationSecondsPerCustomerDay === undefined ? {} : { simulationSecondsPerCustomerDay }) }).lines.find((line) => line.item.startsWith('console calendar job: 90 days'))!;
    const measured = 12.5 / (10_000 * 365);

    expect(lambdaOf(measured).quantity).toBeCloseTo(lambdaOf(2 * measured).quantity / 2);
    // 90 days of a million customers a night, at 3,008 MB.
    expect(lambdaOf(measured).quantity).toBeCloseTo((365 / 12) * 1_000_000 * 90 * measured * (3_008 / 1024));
    expect(lambdaOf().quantity).toBeCloseTo(lambdaOf(45 / (10_000 * 365)).quantity);
  });

  it("prices the calendar's S3 writes per shard and run, whatever the number of tenants", () => {
    const puts = (customers: number) => costPerMonth(inputs([row(10_000, 100), row(100_000, 100)]), customers).lines.find((line) => line.item.startsWith('console calendar job: one object'))!;

    // 16 shards a night: one PUT each.
    expect(puts(1_000_000)).toMatchObject({ service: 'S3', fixed: true, quantity: (16 * 365) / 12 });
    expect(puts(10_000_000).usd).toBe(puts(1_000_000).usd);
    expect(puts(1_000_000).usd).toBeLessThan(0.01);
  });

  it("prices a console page load of the calendar as a GET per shard object, without a LIST", () => {
    const reads = costPerMonth(inputs([row(10_000, 100), row(100_000, 100)])).lines.find((line) => line.item.startsWith('console calendar reads'))!;

    // 1,010 tenants at a million customers, the assumed loads a day each, over a month.
    expect(reads.quantity).toBeCloseTo(1_010 * calendarJob.loadsPerTenantDay * (365 / 12));
    expect(reads.usd).toBeCloseTo((reads.quantity * 16 * prices.s3GetPer1000) / 1000);
  });

  it("prices storage from the measured item sizes: customers with their GSI1 copies, the ledger per occurrence and per message; backups on the table alone; the calendar job's reads from the due entries' bytes on GSI1 and a Query per customer", () => {
    const itemSizes = {
      customers: 10,
      days: 2,
      kinds: {
        profile: { items: 10, tableBytes: 6_000, indexBytes: 6_000 },
        'due entry': { items: 8, tableBytes: 12_000, indexBytes: 12_000 },
        visit: { items: 40, tableBytes: 10_000, indexBytes: 0 },
        occurrence: { items: 4, tableBytes: 3_000, indexBytes: 3_000 },
        send: { items: 5, tableBytes: 2_000, indexBytes: 0 },
        task: { items: 1, tableBytes: 800, indexBytes: 800 },
        dealer: { items: 2, tableBytes: 1_000_000, indexBytes: 0 },
      },
    };
    const model = costPerMonth({ ...inputs([row(10_000, 100), row(100_000, 100)]), itemSizes });
    const lineOf = (start: string) => model.lines.find((line) => line.item.startsWith(start))!;
    const gib = 1024 ** 3;
    const months = 400 / (365 / 12);
    // 100 x the base day's 30 occurrences and 60 messages a day, over a month.
    const [occurrences, messages] = [3_000 * (365 / 12), 6_000 * (365 / 12)];

    // Per customer (28,000 + 18,000) / 10; an occurrence on the table alone (its GSI1 entry lasts while open); a message its send and task, index included.
    const stored = (1_000_000 * 4_600 + (occurrences * 750 + messages * (3_600 / 5)) * months) / gib;
    expect(lineOf('storage').quantity).toBeCloseTo(stored, 6);
    // Dealers are not customers' bytes, and GSI1 copies are not backed up.
    const table = (1_000_000 * 2_800 + (occurrences * 750 + messages * (2_800 / 5)) * months) / gib;
    expect(lineOf('point-in-time recovery').quantity).toBeCloseTo(table, 6);
    // Each customer's due entry on GSI1 (1,500 bytes, 1,400 read: storage's overhead aside) by the byte,
    // and a Query of their occurrences (3,000 a day x 400 days over a million customers, 650 bytes
    // read each: under 4 KB, half a unit) for the customers handled on the 4 latest days: 4 x the
    // 3,000 occurrences started a day; dealers by key.
    const rangeBytes = ((occurrences * months) / 1_000_000) * 650;
    expect(rangeBytes).toBeLessThan(4096);
    expect(calendarJob.ledgerSpanDays).toBe(4);
    const rangesRead = 4 * 3_000;
    expect(lineOf('console calendar job: the due index').quantity).toBeCloseTo((365 / 12) * (1_000_000 * ((1_400 * 0.5) / 4096) + rangesRead * 0.5 + 16 * 1_000 * 0.5), 0);
    // A range over 4 KB (occurrences of 7,500 bytes, 7,400 read) costs a half unit per 4 KB.
    const larger = costPerMonth({ ...inputs([row(10_000, 100), row(100_000, 100)]), itemSizes: { ...itemSizes, kinds: { ...itemSizes.kinds, occurrence: { items: 4, tableBytes: 30_000, indexBytes: 30_000 } } } });
    expect(larger.lines.find((line) => line.item.startsWith('console calendar job: the due index'))!.quantity).toBeCloseTo(
      (365 / 12) * (1_000_000 * ((1_400 * 0.5) / 4096) + rangesRead * 0.5 * Math.ceil(((rangeBytes / 650) * 7_400) / 4096) + 16 * 1_000 * 0.5),
      0,
    );
  });

  it("reads the calendar's held messages in every shard, and at most every customer's ledger range however many occurrences start a day", () => {
    const itemSizes = {
      customers: 10,
      days: 2,
      kinds: {
        'due entry': { items: 8, tableBytes: 12_000, indexBytes: 12_000 },
        occurrence: { items: 4, tableBytes: 3_000, indexBytes: 3_000 },
        'held message': { items: 2, tableBytes: 1_600, indexBytes: 1_600 },
      },
    };
    const calendarReads = (started: number) => {
      const base = { ...row(10_000, 100), started };
      return costPerMonth({ ...inputs([base, { ...base, customers: 100_000 }]), itemSizes }).lines.find((line) => line.item.startsWith('console calendar job: the due index'))!.quantity;
    };

    // 160 bytes of held messages a customer (800 a message), 140 read (storage's overhead aside), by each of the 16 shards.
    const entriesAndHeld = 1_000_000 * ((1_400 + 16 * 140) * 0.5) / 4096;
    expect(calendarReads(30)).toBeCloseTo((365 / 12) * (entriesAndHeld + 4 * 3_000 * 0.5 + 16 * 1_000 * 0.5), 0);
    // 4 days of 300,000 occurrences a day would be more customers than there are: each read once.
    // Their ranges: 300,000 occurrences a day over 400 days a million customers, 650 bytes read each.
    const largeRangeBytes = ((300_000 * 400) / 1_000_000) * 650;
    expect(calendarReads(3_000)).toBeCloseTo((365 / 12) * (entriesAndHeld + 1_000_000 * 0.5 * Math.ceil(largeRangeBytes / 4096) + 16 * 1_000 * 0.5), 0);
  });

  it('prices updates and deletes from the size of the items they change and their GSI1 writes, beyond what their requests counted', () => {
    const itemSizes = {
      customers: 10,
      days: 2,
      kinds: {
        // 1,531 bytes an entry with its overhead: two units; every entry on GSI1.
        'due entry': { items: 2, tableBytes: 3_062, indexBytes: 3_062 },
        // Half the occurrences' bytes on GSI1 (the open ones).
        occurrence: { items: 2, tableBytes: 1_484, indexBytes: 742 },
        send: { items: 1, tableBytes: 375, indexBytes: 0 },
      },
    };
    // A moved key: the item (2) and a delete and a put of the index item (2 + 2).
    expect(billedUpdateUnits(itemSizes, 'due entry', 'moves')).toBe(6);
    expect(billedUpdateUnits(itemSizes, 'occurrence', 'removes')).toBe(2);
    expect(billedUpdateUnits(itemSizes, 'occurrence', 'keeps')).toBe(1.5);
    expect(billedUpdateUnits(itemSizes, 'send', 'keeps')).toBe(1);
    expect(billedUpdateUnits(itemSizes, 'run record', 'keeps')).toBeUndefined();

    const day = row(10_000, 100);
    day.evaluationDay = { ...day.evaluationDay, updates: { 'due entry moves': { count: 10, meteredUnits: 10 }, 'run record keeps': { count: 3, meteredUnits: 3 } } };
    // Sends whose requests counted 2 units on a 375-byte item: billed 1.
    day.dispatchDay = { ...day.dispatchDay, updates: { 'send keeps': { count: 20, meteredUnits: 25 } } };
    const unseen = (sizes?: typeof itemSizes) => costPerMonth({ ...inputs([day, row(100_000, 100)]), ...(sizes ? { itemSizes: sizes } : {}) }).lines.find((line) => line.item.startsWith('write request units: updates'))!;

    // 10 advances at 6 units, 1 counted each (+50), 20 sends at 1, 25 counted (-5), run records as counted: 45 a day, times 100 for a million customers, over a month.
    expect(unseen(itemSizes).quantity).toBeCloseTo(45 * 100 * (365 / 12));
    expect(unseen(itemSizes).fixed).toBe(false);
    expect(unseen().quantity).toBe(0);
  });
});
