import { PutCommand } from '../../shared/adapters/dynamodb/document-client';
import { describe, expect, it } from 'vitest';
import { heldLookBackDays, createDynamoMessageSchedule } from '../../shared/adapters/dynamodb/message-schedule';
import { heldIndexKey, heldMessageKey } from '../../shared/adapters/dynamodb/keys';
import { createMemoryMessageSchedule } from '../../shared/adapters/memory/message-schedule';
import type { DispatchMessage } from '../../shared/domain/dispatch-message';
import type { HeldMessage, MessageSchedule } from '../../shared/ports/message-schedule';
import { localEngineForContract } from '../helpers/contracts';

const message = (messageId: string, customerId = 'c-1'): DispatchMessage => ({
  version: 1,
  journeyId: 'appointment-reminders',
  occurrenceKey: 'a-1',
  occurrenceDate: '2026-12-01',
  customerId,
  messageId,
  channel: 'sms',
  template: 'reminder-sms',
});
const held = (messageId: string, dueAt: string, customerId = 'c-1', reason = 'quiet-hours'): HeldMessage => ({ message: message(messageId, customerId), dueAt, reason });
const refOf = (entry: HeldMessage) => ({ customerId: entry.message.customerId, journeyId: entry.message.journeyId, occurrenceKey: entry.message.occurrenceKey, messageId: entry.message.messageId });
const now = new Date('2026-11-27T10:00:00Z');
const idsOf = (entries: HeldMessage[]) => entries.map((entry) => `${entry.message.customerId}/${entry.message.messageId}`);

/** The rules every message schedule keeps: run against the in-memory one and the DynamoDB one on dynalite. */
function messageScheduleContract(newSchedule: () => Promise<MessageSchedule>) {
  it('holds a send once: holding it again moves its due time and reason', async () => {
    const schedule = await newSchedule();
    await schedule.hold(held('24h', '2026-11-30T09:00:00.000Z', 'c-1', 'appointment-reminder'), now);

    await schedule.hold(held('24h', '2026-12-01T09:00:00.000Z', 'c-1', 'appointment-rescheduled'), now);

    expect((await schedule.listForCustomer('c-1')).entries).toEqual([held('24h', '2026-12-01T09:00:00.000Z', 'c-1', 'appointment-rescheduled')]);
    expect((await schedule.listDue(new Date('2026-11-30T23:00:00Z'), 10)).entries).toEqual([]);
    expect((await schedule.listDue(new Date('2026-12-01T09:00:00Z'), 10)).entries).toEqual([held('24h', '2026-12-01T09:00:00.000Z', 'c-1', 'appointment-rescheduled')]);
  });

  it('lists what is due by the instant (the instant itself included), earliest first, across days and customers', async () => {
    const schedule = await newSchedule();
    const entries = [
      held('late', '2026-11-27T12:00:00.001Z', 'c-1'),
      held('at', '2026-11-27T12:00:00.000Z', 'c-2'),
      held('yesterday', '2026-11-26T23:59:00.000Z', 'c-3'),
      held('early', '2026-11-27T06:30:00.000Z', 'c-4'),
      held('tomorrow', '2026-11-28T00:00:00.000Z', 'c-5'),
    ];
    for (const entry of entries) await schedule.hold(entry, now);

    const due = await schedule.listDue(new Date('2026-11-27T12:00:00Z'), 10);

    expect(idsOf(due.entries)).toEqual(['c-3/yesterday', 'c-4/early', 'c-2/at']);
    expect(due.unreadable).toBe(0);
  });

  it('lists at most `limit`, the earliest: releasing them brings the next ones', async () => {
    const schedule = await newSchedule();
    const customers = Array.from({ length: 7 }, (_, index) => `customer-${index}`);
    for (const [index, customerId] of customers.entries()) await schedule.hold(held('sms', `2026-11-27T0${index}:00:00.000Z`, customerId), now);
    const until = new Date('2026-11-27T12:00:00Z');

    const first = await schedule.listDue(until, 3);
    for (const entry of first.entries) await schedule.release(refOf(entry), entry.dueAt);
    const second = await schedule.listDue(until, 3);

    expect(idsOf(first.entries)).toEqual(['customer-0/sms', 'customer-1/sms', 'customer-2/sms']);
    expect(idsOf(second.entries)).toEqual(['customer-3/sms', 'customer-4/sms', 'customer-5/sms']);
  });

  it('releases an entry only while its due time is the one listed: one moved meanwhile stays held for its new time', async () => {
    const schedule = await newSchedule();
    const entry = held('2h', '2026-11-27T12:00:00.000Z');
    await schedule.hold(entry, now);
    const [listed] = (await schedule.listDue(new Date('2026-11-27T12:00:00Z'), 10)).entries;
    await schedule.hold({ ...entry, dueAt: '2026-11-27T15:00:00.000Z' }, now);

    const moved = await schedule.release(refOf(entry), listed!.dueAt);
    const current = await schedule.release(refOf(entry), '2026-11-27T15:00:00.000Z');
    const again = await schedule.release(refOf(entry), '2026-11-27T15:00:00.000Z');

    expect([moved, current, again]).toEqual([false, true, false]);
    expect((await schedule.listForCustomer('c-1')).entries).toEqual([]);
    expect((await schedule.listDue(new Date('2026-11-28T00:00:00Z'), 10)).entries).toEqual([]);
  });

  it('cancels a held send once, and says whether one was held', async () => {
    const schedule = await newSchedule();
    const entry = held('24h', '2026-11-27T11:00:00.000Z');
    await schedule.hold(entry, now);

    const cancelled = await schedule.cancel(refOf(entry));
    const again = await schedule.cancel(refOf(entry));
    const never = await schedule.cancel(refOf(held('other', '2026-11-27T11:00:00.000Z')));

    expect([cancelled, again, never]).toEqual([true, false, false]);
    expect(await schedule.release(refOf(entry), entry.dueAt)).toBe(false);
    expect((await schedule.listDue(new Date('2026-11-28T00:00:00Z'), 10)).entries).toEqual([]);
  });

  it("lists one customer's held sends only, whatever their due time", async () => {
    const schedule = await newSchedule();
    await schedule.hold(held('sms', '2026-11-27T11:00:00.000Z', 'ann'), now);
    await schedule.hold(held('email', '2027-03-01T08:00:00.000Z', 'ann'), now);
    await schedule.hold(held('sms', '2026-11-27T11:00:00.000Z', 'bob'), now);
    await schedule.cancel(refOf(held('sms', '', 'bob')));

    const ann = await schedule.listForCustomer('ann');

    expect(idsOf(ann.entries).sort()).toEqual(['ann/email', 'ann/sms']);
    expect(ann.unreadable).toBe(0);
    expect(await schedule.listForCustomer('bob')).toEqual({ entries: [], unreadable: 0 });
  });

  it('holds a released send again when asked: the ledger, not the schedule, makes a send once', async () => {
    const schedule = await newSchedule();
    const entry = held('sms', '2026-11-27T11:00:00.000Z');
    await schedule.hold(entry, now);
    await schedule.release(refOf(entry), entry.dueAt);

    await schedule.hold(entry, now);

    expect((await schedule.listDue(new Date('2026-11-27T11:00:00Z'), 10)).entries).toEqual([entry]);
  });
}

describe('message schedule contract: in memory', () => {
  messageScheduleContract(async () => createMemoryMessageSchedule());
});

describe('message schedule contract: DynamoDB on dynalite', () => {
  const { engine, freshTable } = localEngineForContract('message-schedule-contract');

  messageScheduleContract(async () => createDynamoMessageSchedule(engine().dynamo, await freshTable()));

  /** A schedule holding Ann's SMS and, beside it, an entry of hers that does not parse. */
  async function scheduleWithUnreadableEntry() {
    const tableName = await freshTable();
    const schedule = createDynamoMessageSchedule(engine().dynamo, tableName);
    await schedule.hold(held('sms', '2026-11-27T11:00:00.000Z', 'ann'), now);
    await engine().dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...heldMessageKey('ann', 'j', 'o', 'email'), ...heldIndexKey('2026-11-27T10:00:00.000Z', 'ann', 'ann#j#o#email'), status: 'held', message: { channel: 'pigeon' } },
      }),
    );
    return schedule;
  }

  it('counts and skips a stored entry that does not parse, and lists the others', async () => {
    const schedule = await scheduleWithUnreadableEntry();

    const due = await schedule.listDue(new Date('2026-11-27T12:00:00Z'), 10);

    expect(idsOf(due.entries)).toEqual(['ann/sms']);
    expect(due.unreadable).toBe(1);
  });

  it("counts and skips one of a customer's held entries that does not parse, and lists the others", async () => {
    const schedule = await scheduleWithUnreadableEntry();

    const ann = await schedule.listForCustomer('ann');

    expect(idsOf(ann.entries)).toEqual(['ann/sms']);
    expect(ann.unreadable).toBe(1);
  });

  it(`finds entries left due up to ${heldLookBackDays} days before the instant (runs missed in an outage)`, async () => {
    const schedule = createDynamoMessageSchedule(engine().dynamo, await freshTable());
    await schedule.hold(held('sms', '2026-11-20T08:00:00.000Z', 'ann'), now);

    const due = await schedule.listDue(new Date('2026-11-27T12:00:00Z'), 10);

    expect(idsOf(due.entries)).toEqual(['ann/sms']);
  });
});
