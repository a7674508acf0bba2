import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meterDynamoTraffic } from '../../bench/dynamo-traffic';
import { drainQueue, evaluateDate } from '../../local/run-day';
import { createMemoryCalendarSnapshots } from '../../shared/adapters/memory/calendar-snapshots';
import { createDynamoConsoleSlice } from '../../shared/adapters/dynamodb/console-slice';
import { QueryCommand, UpdateCommand } from '../../shared/adapters/dynamodb/document-client';
import { createDueIndexConsoleSlice } from '../../shared/adapters/dynamodb/due-index-console-slice';
import { createDynamoDealerLookup } from '../../shared/adapters/dynamodb/dealer-lookup';
import { customerIdFromPartition, dueEntryKey } from '../../shared/adapters/dynamodb/keys';
import { createDynamoMessageSchedule } from '../../shared/adapters/dynamodb/message-schedule';
import { composeCalendarJob } from '../../shared/compose/console-calendar';
import { loadJourneys } from '../../shared/compose/journeys';
import { readCalendarJobEnv } from '../../shared/config/console-env';
import { addDays } from '../../shared/domain/dates';
import type { DispatchMessage } from '../../shared/domain/dispatch-message';
import { dueDatesFingerprint } from '../../shared/domain/journey/due-dates';
import type { SimulatedSend } from '../../shared/domain/simulated-send';
import { tenantId, type Tenant } from '../../shared/domain/tenant';
import type { ConsoleSlice } from '../../shared/ports/console-activity';
import { mergeCalendars } from '../../shared/use-cases/console-calendar';
import { calendarDueDates, computeCalendars, shardsOf } from '../../shared/use-cases/console-calendar-job';
import { handledLookbackDays, takeConsoleSnapshot, type ConsoleSnapshot } from '../../shared/use-cases/console-snapshot';
import { aCustomerContext, aDealer } from '../helpers/factories';
import { putCustomers, refileFrom, startTestEngine } from '../helpers/local-engine';

const date = '2026-03-14';
const now = new Date(`${date}T06:00:00Z`);
const handledFrom = addDays(date, -handledLookbackDays);
const dealer = aDealer({ id: 'dealer-due', brandId: 'bmw-cn' });
// Birthdays on the 10th of each month: March to June fall in the 90 days from 14 March, the rest after.
const spread = Array.from({ length: 24 }, (_, index) => ({ id: `due-${String(index).padStart(2, '0')}`, birthDate: `1980-${String((index % 12) + 1).padStart(2, '0')}-${index < 12 ? '10' : '20'}` }));
// Greeted on 13 March (a day ticked and dispatched), so filed a year on, with a reminder held for 20 March.
const heldOnly = { id: 'held-only', birthDate: '1981-03-13' };
// Greeted this morning (09:00 in Shanghai is before 06:00 UTC), so filed a year on: it sends nothing in
// the window, and the Scan's calendar still counts it among the customers due in the next 30 days
// (its birthday is today); the due index's cannot find it, so counts only those not yet handled.
const greetedToday = { id: 'greeted-today', birthDate: '1983-03-14', timeZone: 'Asia/Shanghai' };
// Due on 2 April, but its entry does not unpack: the evaluation leaves it out, and so does the calendar.
const unreadable = { id: 'unreadable', birthDate: '1982-04-02' };
// Its card (3 days ahead) went out this morning, 09:00 in Shanghai: its entry moved on to the
// birthday on the 17th, marked as moved today, so its ledger is read (the calendar must not plan
// the card again).
const cardToday = { id: 'card-today', birthDate: '1984-03-17', timeZone: 'Asia/Shanghai' };
// Due on 22 April (its card), its entry last moved on 1 February: nothing of the days the calendar
// keeps can be in its ledger, so its ledger is not read; its held message comes from the index.
const movedLongAgo = { id: 'moved-long-ago', birthDate: '1986-04-25' };
const movedLongAgoOn = '2026-02-01';
const customers = [...spread, heldOnly, greetedToday, unreadable, cardToday, movedLongAgo].map(({ id, ...fields }) => ({ ...aCustomerContext({ id, dealerId: dealer.id, ...fields }), dealer }));

const heldSms = (customerId: string, dueAt: string): DispatchMessage => ({
  version: 1,
  plannedAt: dueAt,
  journeyId: 'birthday',
  occurrenceKey: '2026-reminder',
  occurrenceDate: '2026-03-13',
  customerId,
  messageId: 'sms',
  channel: 'sms',
  template: 'birthday-sms',
});

const inOrder = (sends: readonly SimulatedSend[]) => [...sends].sort((a, b) => a.utc.localeCompare(b.utc) || a.customerId.localeCompare(b.customerId) || a.journeyId.localeCompare(b.journeyId) || a.messageId.localeCompare(b.messageId));
const tenants: Tenant[] = [{ kind: 'dealer', dealerId: dealer.id }, { kind: 'brand', brandId: 'bmw-cn' }];

/** The snapshot without one customer: what the Scan's calendar would be had it left that customer out too. */
function without(snapshot: ConsoleSnapshot, customerId: string): ConsoleSnapshot {
  const dealerOf = new Map(snapshot.dealerOf);
  dealerOf.delete(customerId);
  return {
    ...snapshot,
    customers: snapshot.customers.filter((facts) => facts.customer.id !== customerId),
    dealerOf,
    handled: snapshot.handled.filter((occurrence) => occurrence.customerId !== customerId),
    held: snapshot.held.filter((entry) => entry.message.customerId !== customerId),
  };
}

describe("the calendar job's read through the due index, on dynalite", () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let job: ReturnType<typeof composeCalendarJob>;
  let fingerprint: string;

  const dueSlice = (shard = { index: 0, of: 1 }, withFingerprint = fingerprint): ConsoleSlice =>
    createDueIndexConsoleSlice(engine.dynamo, engine.tableName, { fingerprint: withFingerprint, dueDates: calendarDueDates(now), slice: shard });
  const scanSlice = (shard = { index: 0, of: 1 }): ConsoleSlice => createDynamoConsoleSlice(engine.dynamo, engine.tableName, { slice: shard });
  /** The entry as an `advance` on `movedOn` leaves it; undefined: as one before entries held the date of the move. */
  const markMoved = (customerId: string, movedOn: string | undefined) =>
    engine.dynamo.send(
      new UpdateCommand({
        TableName: engine.tableName,
        Key: dueEntryKey(customerId),
        UpdateExpression: movedOn ? 'SET movedOn = :movedOn' : 'REMOVE movedOn',
        ...(movedOn ? { ExpressionAttributeValues: { ':movedOn': movedOn } } : {}),
      }),
    );
  /** The customers whose ledger range a read Queries (by key, not on the index), with the read. */
  const ledgerQueriesOf = async (shard = { index: 0, of: 1 }) => {
    const queried: string[] = [];
    const recording = {
      send: (command: { input: Record<string, unknown> }) => {
        const { IndexName, ExpressionAttributeValues } = command.input as { IndexName?: string; ExpressionAttributeValues?: Record<string, unknown> };
        if (command instanceof QueryCommand && IndexName === undefined) queried.push(customerIdFromPartition(String(ExpressionAttributeValues?.[':pk'])));
        return engine.dynamo.send(command as QueryCommand);
      },
    } as unknown as typeof engine.dynamo;
    const read = await createDueIndexConsoleSlice(recording, engine.tableName, { fingerprint, dueDates: calendarDueDates(now), slice: shard }).read(handledFrom);
    return { queried: queried.sort(), read };
  };
  const snapshotOf = (slice: ConsoleSlice) => takeConsoleSnapshot({ slice, dealers: createDynamoDealerLookup(engine.dynamo, engine.tableName) }, now);

  beforeAll(async () => {
    engine = await startTestEngine({ journeys: ['birthday'] });
    await putCustomers(engine, customers, { from: '2026-03-12' });
    await refileFrom(engine, '2026-03-12');
    // Days ticked and dispatched, as the engine runs them: the ledger holds handled occurrences, entries moved on.
    for (const day of ['2026-03-12', '2026-03-13', date]) {
      await evaluateDate(engine.handlers.evaluate, day, () => undefined, now);
      await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);
    }
    const schedule = createDynamoMessageSchedule(engine.dynamo, engine.tableName);
    await schedule.hold({ message: heldSms(heldOnly.id, '2026-03-20T10:00:00.000Z'), dueAt: '2026-03-20T10:00:00.000Z', reason: 'reminder' }, now);
    await schedule.hold({ message: heldSms('due-03', '2026-04-02T10:00:00.000Z'), dueAt: '2026-04-02T10:00:00.000Z', reason: 'reminder' }, now);
    await schedule.hold({ message: heldSms(movedLongAgo.id, '2026-04-05T10:00:00.000Z'), dueAt: '2026-04-05T10:00:00.000Z', reason: 'reminder' }, now);
    await markMoved(movedLongAgo.id, movedLongAgoOn);
    await engine.dynamo.send(new UpdateCommand({ TableName: engine.tableName, Key: dueEntryKey(unreadable.id), UpdateExpression: 'SET #record = :bad', ExpressionAttributeNames: { '#record': 'record' }, ExpressionAttributeValues: { ':bad': 'bm90IGEgcGFja2luZw==' } }));
    const env = readCalendarJobEnv({ ...process.env, TABLE_NAME: engine.tableName, CALENDAR_SHARDS: '1' });
    const config = await loadJourneys(env);
    fingerprint = dueDatesFingerprint(config.journeys);
    job = composeCalendarJob(env, config);
  }, 240_000);

  afterAll(async () => {
    await engine?.cleanUp();
  });

  it('reads the customers filed in the window, and those with a message held in it, with their ledger, and counts the unreadable entry', async () => {
    const scanned = await scanSlice().read(handledFrom);
    const read = await dueSlice().read(handledFrom);

    const ids = read.customers.map((record) => record.customer.id).sort();
    const { from, to } = calendarDueDates(now);
    const inWindow = spread.filter(({ birthDate }) => `2026${birthDate.slice(4)}` >= from && `2026${birthDate.slice(4)}` <= to).map(({ id }) => id);
    expect(inWindow.length).toBeGreaterThan(0);
    expect(inWindow.length).toBeLessThan(spread.length);
    expect(ids).toEqual([...inWindow, heldOnly.id, cardToday.id, movedLongAgo.id].sort());
    expect(scanned.customers.map((record) => record.customer.id)).toContain(greetedToday.id);
    expect(read.skipped).toEqual({ customers: 1, ledger: 0 });
    // The ledger of the customers read, as the Scan reads it: occurrences of the days handled, messages held.
    const ofRead = (customerId: string) => ids.includes(customerId);
    expect(read.handled.length).toBeGreaterThan(0);
    expect([...read.handled].sort((a, b) => a.customerId.localeCompare(b.customerId) || a.occurrenceKey.localeCompare(b.occurrenceKey))).toEqual(
      scanned.handled.filter((occurrence) => ofRead(occurrence.customerId)).sort((a, b) => a.customerId.localeCompare(b.customerId) || a.occurrenceKey.localeCompare(b.occurrenceKey)),
    );
    expect(read.held.map((entry) => entry.message.customerId).sort()).toEqual(['due-03', heldOnly.id, movedLongAgo.id]);
  });

  it('gives every tenant the calendar the Scan gives (days, sends, due ahead; the unreadable entry\'s customer left out, and the one greeted today from the due ahead), and its shards add up to one run', async () => {
    const fromScan = createMemoryCalendarSnapshots();
    const fromIndex = createMemoryCalendarSnapshots();
    const sharded = createMemoryCalendarSnapshots();
    const scanned = await snapshotOf(scanSlice());
    await computeCalendars({ ...job, read: async () => without(without(scanned, unreadable.id), greetedToday.id), snapshots: fromScan }, now);
    const withGreeted = createMemoryCalendarSnapshots();
    await computeCalendars({ ...job, read: async () => without(scanned, unreadable.id), snapshots: withGreeted }, now);
    await computeCalendars({ ...job, snapshots: fromIndex }, now);
    const shardReads = await Promise.all(shardsOf(3).map((shard) => dueSlice(shard).read(handledFrom)));
    for (const shard of shardsOf(3)) await computeCalendars({ ...job, snapshots: sharded }, now, shard);

    // Each customer in exactly one shard, with its ledger.
    const shardIds = shardReads.flatMap((contents) => contents.customers.map((record) => record.customer.id)).sort();
    expect(new Set(shardIds).size).toBe(shardIds.length);
    expect(shardIds).toEqual((await dueSlice().read(handledFrom)).customers.map((record) => record.customer.id).sort());
    expect(shardReads.reduce((sum, contents) => sum + contents.skipped.customers, 0)).toBe(1);
    for (const contents of shardReads) {
      const own = new Set(contents.customers.map((record) => record.customer.id));
      expect(contents.handled.every((occurrence) => own.has(occurrence.customerId)) && contents.held.every((entry) => own.has(entry.message.customerId))).toBe(true);
    }

    for (const tenant of tenants.map(tenantId)) {
      const scan = mergeCalendars(await fromScan.load(tenant));
      const index = mergeCalendars(await fromIndex.load(tenant));
      const added = mergeCalendars(await sharded.load(tenant));
      expect(index?.days.length).toBeGreaterThan(0);
      expect(index?.days).toEqual(scan?.days);
      expect(inOrder(index?.sends ?? [])).toEqual(inOrder(scan?.sends ?? []));
      expect(index?.dueAhead).toEqual(scan?.dueAhead);
      expect(added?.complete).toBe(true);
      expect(added?.days).toEqual(index?.days);
      expect(inOrder(added?.sends ?? [])).toEqual(inOrder(index?.sends ?? []));
      // The customer greeted today counts in the Scan's due-ahead only; it sends nothing in the window either way.
      const greeted = mergeCalendars(await withGreeted.load(tenant));
      expect(greeted?.dueAhead.birthday).toBe((scan?.dueAhead.birthday ?? 0) + 1);
      expect(greeted?.days).toEqual(scan?.days);
      // The held-only customer's reminder is on its day: found through the held messages' index.
      expect(index?.sends.some((send) => send.customerId === heldOnly.id && send.localDate === '2026-03-20')).toBe(true);
    }
  }, 120_000);

  it('issues Queries only (no Scan) while the stored due dates are the journeys in force, and the Scan when they are not', async () => {
    const meter = meterDynamoTraffic(engine.stack.ports.dynamodb);
    try {
      await dueSlice().read(handledFrom);
      const current = meter.take();
      expect([...current.keys()].sort()).toEqual(['GetItem', 'Query']);
      const { from, to } = calendarDueDates(now);
      const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
      const read = await dueSlice().read(handledFrom);
      meter.take();
      // A Query per index partition of the window (due entries and held messages), one per customer
      // read but the one whose entry moved before the days the calendar keeps.
      expect(current.get('Query')!.requests).toBe(days * 4 * 2 + read.customers.length - 1);

      await dueSlice({ index: 0, of: 1 }, 'journeys-deployed-since').read(handledFrom);
      const stale = meter.take();
      expect([...stale.keys()].sort()).toEqual(['GetItem', 'Scan']);
    } finally {
      meter.stop();
    }
  }, 60_000);

  it("reads the ledger of a customer handled lately (its card went out today), and the calendar leaves that card out as the Scan's does", async () => {
    const { queried, read } = await ledgerQueriesOf();

    expect(queried).toContain(cardToday.id);
    expect(read.handled.filter((occurrence) => occurrence.customerId === cardToday.id).map((occurrence) => [occurrence.occurrenceKey, occurrence.sendDate])).toEqual([['2026/card', date]]);
    const fromScan = createMemoryCalendarSnapshots();
    const fromIndex = createMemoryCalendarSnapshots();
    await computeCalendars({ ...job, read: async () => without(without(await snapshotOf(scanSlice()), unreadable.id), greetedToday.id), snapshots: fromScan }, now);
    await computeCalendars({ ...job, snapshots: fromIndex }, now);
    const [scan, index] = [mergeCalendars(await fromScan.load(tenantId(tenants[0]!))), mergeCalendars(await fromIndex.load(tenantId(tenants[0]!)))];
    const cardTodaySends = (sends: readonly SimulatedSend[] | undefined) => inOrder((sends ?? []).filter((send) => send.customerId === cardToday.id)).map((send) => [send.messageId, send.localDate]);
    expect(cardTodaySends(index?.sends)).toEqual([
      ['email', '2026-03-17'],
      ['sms', '2026-03-17'],
    ]);
    expect(cardTodaySends(index?.sends)).toEqual(cardTodaySends(scan?.sends));
  }, 60_000);

  it('skips the ledger of a customer whose entry moved before the days the calendar keeps, and still shows its held message, shard by shard', async () => {
    const whole = await ledgerQueriesOf();
    const shards = await Promise.all(shardsOf(3).map((shard) => ledgerQueriesOf(shard)));

    expect(whole.read.customers.map((record) => record.customer.id)).toContain(movedLongAgo.id);
    expect(whole.queried).not.toContain(movedLongAgo.id);
    // Every other customer read is Queried, as before (entries filed and never moved since, or moved in the days kept).
    expect(whole.queried).toEqual(whole.read.customers.map((record) => record.customer.id).filter((id) => id !== movedLongAgo.id).sort());
    // Its shard (the one of its entry's partition) does not read its ledger; the shard owning its
    // held message's partition, when another, reads its entry and ledger to learn that (as before).
    const owner = shards.find(({ read }) => read.customers.some((record) => record.customer.id === movedLongAgo.id))!;
    expect(owner.queried).not.toContain(movedLongAgo.id);
    expect(owner.read.held.filter((entry) => entry.message.customerId === movedLongAgo.id).map((entry) => entry.dueAt)).toEqual(['2026-04-05T10:00:00.000Z']);
    const fromScan = createMemoryCalendarSnapshots();
    const sharded = createMemoryCalendarSnapshots();
    await computeCalendars({ ...job, read: async () => without(without(await snapshotOf(scanSlice()), unreadable.id), greetedToday.id), snapshots: fromScan }, now);
    for (const shard of shardsOf(3)) await computeCalendars({ ...job, snapshots: sharded }, now, shard);
    for (const tenant of tenants.map(tenantId)) {
      const [scan, added] = [mergeCalendars(await fromScan.load(tenant)), mergeCalendars(await sharded.load(tenant))];
      expect(added?.days).toEqual(scan?.days);
      expect(inOrder(added?.sends ?? [])).toEqual(inOrder(scan?.sends ?? []));
      expect(added?.sends.filter((send) => send.customerId === movedLongAgo.id).map((send) => send.utc)).toEqual(expect.arrayContaining(['2026-04-05T10:00:00.000Z']));
    }
  }, 120_000);

  it('reads the ledger of a customer whose entry was written without the date of its move (before entries held it)', async () => {
    await markMoved(movedLongAgo.id, undefined);
    try {
      const { queried, read } = await ledgerQueriesOf();

      expect(queried).toContain(movedLongAgo.id);
      expect(queried).toEqual(read.customers.map((record) => record.customer.id).sort());
      expect(read.held.filter((entry) => entry.message.customerId === movedLongAgo.id)).toHaveLength(1);
    } finally {
      await markMoved(movedLongAgo.id, movedLongAgoOn);
    }
  }, 60_000);

  it('reads the entries under dates no evaluation read (filed from an earlier date: a replay, an outage), since the due dates\' recompute began', async () => {
    // Filed again from 1 January and never evaluated since: January's and February's birthdays wait under their dates.
    await refileFrom(engine, '2026-01-01');
    const earlier = spread.filter(({ birthDate }) => ['01', '02'].includes(birthDate.slice(5, 7))).map(({ id }) => id);
    const meter = meterDynamoTraffic(engine.stack.ports.dynamodb);
    let read: Awaited<ReturnType<ConsoleSlice['read']>>;
    try {
      read = await dueSlice().read(handledFrom);
    } finally {
      meter.stop();
    }

    const ids = read.customers.map((record) => record.customer.id);
    expect(earlier.length).toBeGreaterThan(0);
    expect(ids).toEqual(expect.arrayContaining(earlier));
    // 4 Queries a day of the due entries from 1 January, 4 a day of the held messages of the window only, one per customer.
    const { from, to } = calendarDueDates(now);
    const daysFrom = (start: string) => (Date.parse(to) - Date.parse(start)) / 86_400_000 + 1;
    expect(meter.take().get('Query')!.requests).toBe(daysFrom('2026-01-01') * 4 + daysFrom(from) * 4 + read.customers.length);
    const fromScan = createMemoryCalendarSnapshots();
    const fromIndex = createMemoryCalendarSnapshots();
    await computeCalendars({ ...job, read: () => snapshotOf(scanSlice()), snapshots: fromScan }, now);
    await computeCalendars({ ...job, snapshots: fromIndex }, now);
    for (const tenant of tenants.map(tenantId)) {
      const [scan, index] = [mergeCalendars(await fromScan.load(tenant)), mergeCalendars(await fromIndex.load(tenant))];
      expect(index?.days).toEqual(scan?.days);
      expect(inOrder(index?.sends ?? [])).toEqual(inOrder(scan?.sends ?? []));
    }
  }, 60_000);
});
