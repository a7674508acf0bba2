import { describe, expect, it } from 'vitest';
import { createMemoryMessageSchedule } from '../../shared/adapters/memory/message-schedule';
import type { DispatchMessage } from '../../shared/domain/dispatch-message';
import { Template } from '../../shared/domain/journey/schema';
import type { DispatchQueue } from '../../shared/ports/channels';
import type { HeldMessage, MessageSchedule } from '../../shared/ports/message-schedule';
import { dispatchMessage } from '../../shared/use-cases/dispatch-message';
import { delayUntil, releaseHeldMessages } from '../../shared/use-cases/release-held-messages';
import { aCustomerContext } from '../helpers/factories';
import { fakeDirectory, recordingChannels } from '../helpers/fakes';
import { createMemoryLedger } from '../../shared/adapters/memory/ledger';

const now = new Date('2026-03-14T08:50:00.000Z');

const message = (customerId: string, messageId = 'sms'): DispatchMessage => ({
  version: 1,
  journeyId: 'birthday',
  occurrenceKey: '2026',
  occurrenceDate: '2026-03-14',
  customerId,
  messageId,
  channel: 'sms',
  template: 'birthday-sms',
});
const held = (customerId: string, dueAt: string): HeldMessage => ({ message: message(customerId), dueAt, reason: 'quiet-hours' });

/** A queue that records each call with its delay. */
function delayedQueue(): DispatchQueue & { calls: { delaySeconds: number | undefined; customers: string[] }[] } {
  const calls: { delaySeconds: number | undefined; customers: string[] }[] = [];
  return {
    calls,
    async enqueue(messages, options) {
      calls.push({ delaySeconds: options?.delaySeconds, customers: messages.map((queued) => queued.customerId) });
    },
  };
}

async function scheduleWith(entries: HeldMessage[]) {
  const schedule = createMemoryMessageSchedule();
  for (const entry of entries) await schedule.hold(entry, now);
  return schedule;
}

describe('releaseHeldMessages', () => {
  it('queues what is due within 15 minutes, each delayed until its due time, and leaves the rest held', async () => {
    const schedule = await scheduleWith([
      held('overdue', '2026-03-14T08:00:00.000Z'),
      held('nine', '2026-03-14T09:00:00.000Z'),
      held('also-nine', '2026-03-14T09:00:00.000Z'),
      held('edge', '2026-03-14T09:05:00.000Z'),
      held('later', '2026-03-14T09:05:00.001Z'),
    ]);
    const queue = delayedQueue();

    const summary = await releaseHeldMessages({ now }, { schedule, queue });

    expect(queue.calls).toEqual([
      { delaySeconds: 0, customers: ['overdue'] },
      { delaySeconds: 600, customers: ['also-nine', 'nine'] },
      { delaySeconds: 900, customers: ['edge'] },
    ]);
    expect(summary).toMatchObject({ released: 4, moved: 0, failed: 0 });
    expect(schedule.all().map((entry) => entry.message.customerId)).toEqual(['later']);
  });

  it('with no look-ahead (a replayed date) queues only what is due by its clock, without delay', async () => {
    const schedule = await scheduleWith([held('due', '2026-03-14T08:50:00.000Z'), held('not-yet', '2026-03-14T08:50:01.000Z')]);
    const queue = delayedQueue();

    await releaseHeldMessages({ now, lookAheadSeconds: 0 }, { schedule, queue });

    expect(queue.calls).toEqual([{ delaySeconds: 0, customers: ['due'] }]);
  });

  it('pages through more due messages than one page holds', async () => {
    const customers = Array.from({ length: 25 }, (_, index) => `c-${String(index).padStart(2, '0')}`);
    const schedule = await scheduleWith(customers.map((customerId) => held(customerId, '2026-03-14T08:00:00.000Z')));
    const queue = delayedQueue();

    const summary = await releaseHeldMessages({ now }, { schedule, queue, pageSize: 10 });

    expect(queue.calls.flatMap((call) => call.customers)).toEqual(customers);
    expect(summary).toMatchObject({ released: 25, pages: 3 });
    expect(schedule.all()).toEqual([]);
  });

  it('keeps a message the queue refuses held, reports it, and releases the others past it', async () => {
    const schedule = await scheduleWith([held('refused', '2026-03-14T08:00:00.000Z'), ...['a', 'b', 'c'].map((customerId) => held(customerId, '2026-03-14T08:30:00.000Z'))]);
    const accepted = delayedQueue();
    const queue: DispatchQueue = {
      async enqueue(messages, options) {
        if (messages.some((queued) => queued.customerId === 'refused')) throw new Error('too large');
        await accepted.enqueue(messages, options);
      },
    };
    const errors: string[] = [];

    const summary = await releaseHeldMessages({ now }, { schedule, queue, pageSize: 2, onError: (_, entry) => errors.push(entry.message.customerId) });

    expect(accepted.calls.flatMap((call) => call.customers)).toEqual(['a', 'b', 'c']);
    expect(errors).toEqual(['refused']);
    expect(summary).toMatchObject({ released: 3, failed: 1 });
    expect(schedule.all().map((entry) => entry.message.customerId)).toEqual(['refused']);
  });

  it('leaves held a message moved to a later time while it was being queued, and counts it', async () => {
    const schedule = await scheduleWith([held('rescheduled', '2026-03-14T08:55:00.000Z')]);
    const queue: DispatchQueue = {
      // The appointment moves between the listing and the removal.
      enqueue: async () => schedule.hold(held('rescheduled', '2026-03-15T08:55:00.000Z'), now),
    };

    const summary = await releaseHeldMessages({ now }, { schedule, queue });

    expect(summary).toMatchObject({ released: 0, moved: 1 });
    expect(schedule.all().map((entry) => entry.dueAt)).toEqual(['2026-03-15T08:55:00.000Z']);
  });

  it('stops starting pages when told to (the function running out of time)', async () => {
    const schedule = await scheduleWith(['a', 'b', 'c'].map((customerId) => held(customerId, '2026-03-14T08:00:00.000Z')));
    let pagesLeft = 1;

    const summary = await releaseHeldMessages({ now }, { schedule, queue: delayedQueue(), pageSize: 2, mayContinue: () => pagesLeft-- > 0 });

    expect(summary).toMatchObject({ released: 2, pages: 1 });
    expect(schedule.all()).toHaveLength(1);
  });

  it('counts stored entries that do not parse, once, however many pages meet them', async () => {
    const inner = await scheduleWith(['a', 'b', 'c'].map((customerId) => held(customerId, '2026-03-14T08:00:00.000Z')));
    const schedule: MessageSchedule = { ...inner, listDue: async (until, limit) => ({ ...(await inner.listDue(until, limit)), unreadable: 2 }) };

    const summary = await releaseHeldMessages({ now }, { schedule, queue: delayedQueue(), pageSize: 2 });

    expect(summary).toMatchObject({ released: 3, unreadable: 2, pages: 2 });
  });

  it('sends a message once when a crash between queueing and removal made the next run queue it again: the ledger claim dedups', async () => {
    const schedule = await scheduleWith([held('c-0001', '2026-03-14T08:55:00.000Z')]);
    const queued: DispatchMessage[] = [];
    const queue: DispatchQueue = { enqueue: async (messages) => void queued.push(...messages) };
    const crashing: MessageSchedule = { ...schedule, release: async () => { throw new Error('function timed out'); } };

    await expect(releaseHeldMessages({ now }, { schedule: crashing, queue })).rejects.toThrow('function timed out');
    await releaseHeldMessages({ now }, { schedule, queue });
    const channels = recordingChannels();
    const templates = new Map([['birthday-sms', Template.parse({ channel: 'sms', locales: { en: { text: 'Happy birthday' } } })]]);
    const deps = { templates, customers: fakeDirectory([aCustomerContext()]), ledger: createMemoryLedger(), leaseSeconds: 90, clock: () => new Date('2026-03-14T09:00:00Z'), ...channels };
    const results = [];
    for (const copy of queued) results.push(await dispatchMessage(copy, deps));

    expect(queued).toHaveLength(2);
    expect(results.map((result) => result.outcome)).toEqual(['sent', 'duplicate']);
    expect(channels.sms.sent).toHaveLength(1);
    expect(schedule.all()).toEqual([]);
  });
});

describe('delayUntil', () => {
  it('rounds up to whole seconds and stays within what SQS can delay', () => {
    expect(delayUntil('2026-03-14T08:50:00.001Z', now)).toBe(1);
    expect(delayUntil('2026-03-14T08:40:00.000Z', now)).toBe(0);
    expect(delayUntil('2026-03-14T10:00:00.000Z', now)).toBe(900);
  });
});
