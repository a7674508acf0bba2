import { describe, expect, it } from 'vitest';
import { Template } from '../../shared/domain/journey/schema';
import type { DispatchMessage } from '../../shared/domain/dispatch-message';
import { dispatchMessage } from '../../shared/use-cases/dispatch-message';
import { runScheduledEvaluation } from '../../shared/use-cases/run-scheduled-evaluation';
import {
  datesToReconcile,
  deadlineOf,
  endOfDateAnywhere,
  occurrenceDeadline,
  occurrenceDeadlineDays,
  reconcileLedger,
  redriveGraceSeconds,
} from '../../shared/use-cases/reconcile-ledger';
import { dispatchQueue, sendLeaseSeconds } from '../../shared/resources/queues';
import { aBirthdayJourney, aCustomerContext } from '../helpers/factories';
import { fakeDirectory, filedDueIndex, recordingChannels } from '../helpers/fakes';
import { createMemoryDispatchQueue } from '../../shared/adapters/memory/dispatch-queue';
import { createMemoryLedger } from '../../shared/adapters/memory/ledger';
import { createMemorySendCounts } from '../../shared/adapters/memory/send-counts';

const journey = aBirthdayJourney();
const templates = new Map([
  ['birthday-email', Template.parse({ channel: 'email', locales: { en: { subject: 'Hi', html: '<p>{{ age }}</p>', text: '{{ age }}' } } })],
  ['birthday-sms', Template.parse({ channel: 'sms', locales: { en: { text: 'Happy {{ age }}' } } })],
]);
const tick = new Date('2026-03-14T12:00:00Z'); // 12:00 in London, Ann's birthday
const minutes = (count: number) => new Date(tick.getTime() + count * 60_000);
const withdrawn = { granted: false, source: 'sms-stop-reply', at: '2025-01-01T00:00:00Z' };

/** An evaluated day whose queue is then lost (a crash, kill -9, the local queue's memory). */
async function evaluatedAndQueueLost(contexts = [aCustomerContext()]) {
  const ledger = createMemoryLedger();
  const customers = fakeDirectory(contexts);
  await runScheduledEvaluation({ now: tick }, { journeys: [journey], dueIndex: await filedDueIndex(contexts, [journey], '2026-03-14'), ledger, queue: createMemoryDispatchQueue() });
  const queue = createMemoryDispatchQueue();
  const channels = recordingChannels();
  const dispatchAll = async (messages: DispatchMessage[], at: Date) => {
    for (const message of messages.splice(0)) {
      await dispatchMessage(message, { templates, customers, ledger, leaseSeconds: sendLeaseSeconds, clock: () => at, ...channels });
    }
  };
  return { ledger, queue, channels, customers, dispatchAll };
}

describe('reconcileLedger', () => {
  it('re-drives the messages of a queued occurrence whose queue messages were lost, once the grace period has passed', async () => {
    const { ledger, queue, channels, dispatchAll } = await evaluatedAndQueueLost();

    const early = await reconcileLedger({ now: minutes(5) }, { ledger, queue });
    const late = await reconcileLedger({ now: minutes(redriveGraceSeconds / 60 + 1) }, { ledger, queue });
    await dispatchAll(queue.messages, minutes(30));

    expect(early).toMatchObject({ examined: 1, occurrencesRedriven: 0, stillOpen: 1 });
    expect(late).toMatchObject({ examined: 1, occurrencesRedriven: 1, messagesRedriven: 2, stillOpen: 1 });
    expect(channels.email.sent).toHaveLength(1);
    expect(channels.sms.sent).toHaveLength(1);
  });

  it('closes an occurrence whose sends have all finished, not counting channels without consent', async () => {
    const { ledger, queue, dispatchAll } = await evaluatedAndQueueLost([
      aCustomerContext({ consent: { ...aCustomerContext().customer.consent, sms: withdrawn } }),
    ]);
    await reconcileLedger({ now: minutes(25) }, { ledger, queue });
    await dispatchAll(queue.messages, minutes(26));

    const summary = await reconcileLedger({ now: minutes(90) }, { ledger, queue });
    const after = await reconcileLedger({ now: minutes(150) }, { ledger, queue });

    expect(summary).toMatchObject({ examined: 1, closed: 1, stillOpen: 0, occurrencesRedriven: 0 });
    expect(after.examined).toBe(0);
    expect(queue.messages).toHaveLength(0);
  });

  it('resumes an occurrence claimed on the last tick of its day and never queued', async () => {
    const ledger = createMemoryLedger();
    const dueIndex = await filedDueIndex([aCustomerContext()], [journey], '2026-03-14');
    const refusing = { enqueue: async () => Promise.reject(new Error('SQS down')) };
    await runScheduledEvaluation({ now: tick }, { journeys: [journey], dueIndex, ledger, queue: refusing });
    const queue = createMemoryDispatchQueue();

    const summary = await reconcileLedger({ now: minutes(30) }, { ledger, queue });

    expect(summary.occurrencesRedriven).toBe(1);
    expect(queue.messages.map((message) => message.channel).sort()).toEqual(['email', 'sms']);
  });

  it('re-drives a send whose lease expired but leaves one held by a live attempt', async () => {
    const { ledger, queue } = await evaluatedAndQueueLost();
    const ref = { customerId: 'c-0001', journeyId: 'birthday', occurrenceKey: '2026' };
    await ledger.claimSend({ ...ref, messageId: 'email' }, 'email', minutes(1), sendLeaseSeconds); // holder died
    await ledger.claimSend({ ...ref, messageId: 'sms' }, 'sms', minutes(40), 3_600); // still working

    const summary = await reconcileLedger({ now: minutes(45) }, { ledger, queue });

    expect(summary.messagesRedriven).toBe(1);
    expect(queue.messages.map((message) => message.messageId)).toEqual(['email']);
  });

  it('after the deadline marks unfinished sends expired with a reason, and a late copy sends nothing', async () => {
    const { ledger, queue, channels, customers } = await evaluatedAndQueueLost();
    const pastDeadline = new Date(occurrenceDeadline('2026-03-14').getTime() + 1);

    const summary = await reconcileLedger({ now: pastDeadline }, { ledger, queue });
    const late: DispatchMessage = { version: 1, journeyId: 'birthday', occurrenceKey: '2026', occurrenceDate: '2026-03-14', customerId: 'c-0001', messageId: 'email', channel: 'email', template: 'birthday-email' };
    const result = await dispatchMessage(late, { templates, customers, ledger, leaseSeconds: sendLeaseSeconds, clock: () => pastDeadline, ...channels });

    expect(summary).toMatchObject({ occurrencesExpired: 1, sendsExpired: 2, stillOpen: 0, occurrencesRedriven: 0 });
    const history = await ledger.listSends('c-0001');
    expect(history.map((send) => [send.messageId, send.status])).toEqual([['email', 'expired'], ['sms', 'expired']]);
    expect(history[0]!.reason).toMatch(/not finished 2 days after its date/);
    expect(result.outcome).toBe('duplicate');
    expect(channels.email.sent).toHaveLength(0);
    expect((await reconcileLedger({ now: pastDeadline }, { ledger, queue })).examined).toBe(0);
  });

  it("counts each send it expires once in the console's outcome counters, under the customer's dealer and the day it gave up", async () => {
    const { ledger, queue, customers } = await evaluatedAndQueueLost();
    const counts = createMemorySendCounts();
    const counting = { counter: counts, onFailure: () => {}, customers: { storedDealerOf: async (id: string) => (await customers.getCustomerContext(id))?.dealer.id } };
    const pastDeadline = new Date(occurrenceDeadline('2026-03-14').getTime() + 1);
    const day = pastDeadline.toISOString().slice(0, 10);
    // An attempt holds the email's lease at the deadline: this run expires the SMS only.
    await ledger.claimSend({ customerId: 'c-0001', journeyId: 'birthday', occurrenceKey: '2026', messageId: 'email' }, 'email', pastDeadline, 60);

    await reconcileLedger({ now: pastDeadline }, { ledger, queue, counting });
    await reconcileLedger({ now: pastDeadline }, { ledger, queue, counting });
    const afterLease = new Date(pastDeadline.getTime() + 61_000);
    await reconcileLedger({ now: afterLease }, { ledger, queue, counting });
    await reconcileLedger({ now: afterLease }, { ledger, queue, counting });

    const dealerId = (await customers.getCustomerContext('c-0001'))!.dealer.id;
    const { rows } = await counts.countsOf([dealerId], day, afterLease.toISOString().slice(0, 10));
    expect(rows.map(({ stepId, channel, outcome, count }) => ({ stepId, channel, outcome, count })).sort((a, b) => a.stepId.localeCompare(b.stepId))).toEqual([
      { stepId: 'email', channel: 'email', outcome: 'expired', count: 1 },
      { stepId: 'sms', channel: 'sms', outcome: 'expired', count: 1 },
    ]);
    expect(rows.every((row) => row.dealerId === dealerId && row.journeyId === 'birthday')).toBe(true);
  });

  it('counts nothing for a send whose expiry write it lost, and expires and counts whatever the counter does', async () => {
    const { ledger, queue, customers } = await evaluatedAndQueueLost();
    const counts = createMemorySendCounts();
    const failures: unknown[] = [];
    const brokenCounter = { add: async () => Promise.reject(new Error('throttled')) };
    const pastDeadline = new Date(occurrenceDeadline('2026-03-14').getTime() + 1);
    // Another attempt finished the email between the reconciler's read and its write.
    const racing = { ...ledger, expireSend: async (send: Parameters<typeof ledger.expireSend>[0], ...rest: [Parameters<typeof ledger.expireSend>[1], string, Date]) => (send.messageId === 'email' ? false : ledger.expireSend(send, ...rest)) };
    const storedDealerOf = async (id: string) => (await customers.getCustomerContext(id))?.dealer.id;

    const summary = await reconcileLedger({ now: pastDeadline }, { ledger: racing, queue, counting: { counter: counts, onFailure: () => {}, customers: { storedDealerOf } } });
    const { ledger: other, queue: otherQueue } = await evaluatedAndQueueLost();
    const failing = await reconcileLedger({ now: pastDeadline }, { ledger: other, queue: otherQueue, counting: { counter: brokenCounter, onFailure: (error) => failures.push(error), customers: { storedDealerOf } } });

    expect(summary.sendsExpired).toBe(1);
    const { rows } = await counts.countsOf([(await customers.getCustomerContext('c-0001'))!.dealer.id], '2026-01-01', '2026-12-31');
    expect(rows.map(({ stepId, outcome, count }) => ({ stepId, outcome, count }))).toEqual([{ stepId: 'sms', outcome: 'expired', count: 1 }]);
    expect(failing).toMatchObject({ occurrencesExpired: 1, sendsExpired: 2, errors: 0 });
    expect(failures).toHaveLength(2);
  });

  it('does not expire a send while an attempt holds a live lease on it', async () => {
    const { ledger, queue } = await evaluatedAndQueueLost();
    const pastDeadline = new Date(occurrenceDeadline('2026-03-14').getTime() + 1);
    await ledger.claimSend({ customerId: 'c-0001', journeyId: 'birthday', occurrenceKey: '2026', messageId: 'email' }, 'email', pastDeadline, 60);

    const summary = await reconcileLedger({ now: pastDeadline }, { ledger, queue });

    expect(summary).toMatchObject({ occurrencesExpired: 0, sendsExpired: 1, stillOpen: 1 });
  });

  it('with nothing in flight, re-drives at once and takes over leases whose holders are known dead', async () => {
    const { ledger, queue, channels, dispatchAll } = await evaluatedAndQueueLost();
    await ledger.claimSend({ customerId: 'c-0001', journeyId: 'birthday', occurrenceKey: '2026', messageId: 'email' }, 'email', minutes(1), sendLeaseSeconds);

    const summary = await reconcileLedger({ now: minutes(2), nothingInFlight: true }, { ledger, queue });
    await dispatchAll(queue.messages, minutes(3));

    expect(summary.messagesRedriven).toBe(2);
    expect(channels.email.sent).toHaveLength(1);
    expect(channels.sms.sent).toHaveLength(1);
  });

  it('replays a past date on the schedule clock: its occurrences are re-driven, not expired', async () => {
    const { ledger, queue } = await evaluatedAndQueueLost();

    const summary = await reconcileLedger({ now: new Date('2026-11-27T09:00:00Z'), scheduleNow: endOfDateAnywhere('2026-03-14'), nothingInFlight: true }, { ledger, queue });

    expect(summary).toMatchObject({ occurrencesRedriven: 1, occurrencesExpired: 0 });
  });

  it('goes on with the other occurrences when the queue refuses one, and reports it', async () => {
    const { ledger } = await evaluatedAndQueueLost([aCustomerContext({ id: 'first' }), aCustomerContext({ id: 'second' })]);
    const queue = createMemoryDispatchQueue();
    const refusing = {
      async enqueue(batch: DispatchMessage[]) {
        if (batch.some((message) => message.customerId === 'first')) throw new Error('refused');
        await queue.enqueue(batch);
      },
    };
    const reported: string[] = [];

    const summary = await reconcileLedger({ now: minutes(30) }, { ledger, queue: refusing, onError: (_error, occurrence) => reported.push(occurrence.customerId) });

    expect(summary).toMatchObject({ occurrencesRedriven: 1, errors: 1, stillOpen: 2 });
    expect(reported).toEqual(['first']);
  });
});

describe('reconcileLedger and deferred sends', () => {
  const evening = new Date('2026-03-14T21:00:00Z'); // 21:00 in London: the SMS waits for 09:00
  const nextMorning = new Date('2026-03-15T09:00:00Z');
  const after = (instant: Date, minutesLater: number) => new Date(instant.getTime() + minutesLater * 60_000);

  /** Ann's birthday evaluated and dispatched at 21:00: the email sent, the SMS deferred (no held store). */
  async function deferredOvernight() {
    const ledger = createMemoryLedger();
    const customers = fakeDirectory([aCustomerContext()]);
    const evaluated = createMemoryDispatchQueue();
    await runScheduledEvaluation({ now: evening }, { journeys: [journey], dueIndex: await filedDueIndex([aCustomerContext()], [journey], '2026-03-14'), ledger, queue: evaluated });
    const channels = recordingChannels();
    const dispatchAll = async (messages: DispatchMessage[], at: Date) => {
      for (const message of messages.splice(0)) await dispatchMessage(message, { templates, customers, ledger, leaseSeconds: sendLeaseSeconds, clock: () => at, ...channels });
    };
    await dispatchAll(evaluated.messages, evening);
    return { ledger, channels, dispatchAll };
  }

  it('neither re-drives nor expires a deferred send before its due instant, then re-drives it if nothing released it', async () => {
    const { ledger, channels, dispatchAll } = await deferredOvernight();
    const queue = createMemoryDispatchQueue();

    const inTheNight = await reconcileLedger({ now: after(evening, 90) }, { ledger, queue });
    const atDue = await reconcileLedger({ now: nextMorning }, { ledger, queue });
    const pastGrace = await reconcileLedger({ now: after(nextMorning, redriveGraceSeconds / 60 + 1) }, { ledger, queue });
    await dispatchAll(queue.messages, after(nextMorning, 22));
    const closing = await reconcileLedger({ now: after(nextMorning, 60) }, { ledger, queue });

    expect(channels.email.sent).toHaveLength(1);
    expect(inTheNight).toMatchObject({ examined: 1, occurrencesRedriven: 0, stillOpen: 1, sendsExpired: 0 });
    expect(atDue).toMatchObject({ occurrencesRedriven: 0, stillOpen: 1 });
    expect(pastGrace).toMatchObject({ occurrencesRedriven: 1, messagesRedriven: 1 });
    expect(channels.sms.sent).toHaveLength(1);
    expect(closing).toMatchObject({ closed: 1, stillOpen: 0 });
  });

  it('moves the deadline with a send deferred past it: re-driven when due, not expired', async () => {
    const { ledger } = await deferredOvernight();
    const deadline = occurrenceDeadline('2026-03-14');
    const lateDue = after(deadline, 60);
    await ledger.recordSendOutcome({ customerId: 'c-0001', journeyId: 'birthday', occurrenceKey: '2026', messageId: 'sms' }, { status: 'deferred', channel: 'sms', reason: 'quiet-hours', dueAt: lateDue.toISOString() }, evening);
    const queue = createMemoryDispatchQueue();

    const beforeDue = await reconcileLedger({ now: after(deadline, 30) }, { ledger, queue });
    const whenDue = await reconcileLedger({ now: after(lateDue, redriveGraceSeconds / 60 + 1) }, { ledger, queue });

    expect(beforeDue).toMatchObject({ occurrencesExpired: 0, sendsExpired: 0, stillOpen: 1, occurrencesRedriven: 0 });
    expect(whenDue).toMatchObject({ occurrencesExpired: 0, sendsExpired: 0, occurrencesRedriven: 1 });
    expect(deadlineOf({ occurrenceDate: '2026-03-14' }, await ledger.listOccurrenceSends({ customerId: 'c-0001', journeyId: 'birthday', occurrenceKey: '2026' }))).toEqual(
      new Date(lateDue.getTime() + occurrenceDeadlineDays * 86_400_000),
    );
  });
});

describe('reconciler timing, tied to the queue', () => {
  const visibilitySeconds = dispatchQueue.visibilityTimeoutSeconds;

  it('waits longer than SQS keeps retrying a message before re-driving it, and longer than a lease', () => {
    expect(redriveGraceSeconds).toBeGreaterThan(dispatchQueue.maxReceiveCount * visibilitySeconds);
    expect(redriveGraceSeconds).toBeGreaterThan(sendLeaseSeconds);
    // The :30 run must re-drive what the :00 evaluation queued and lost.
    expect(redriveGraceSeconds).toBeLessThanOrEqual(30 * 60);
  });

  it('gives every occurrence several re-drives before its deadline, and decides it while its messages can still be on the queue', () => {
    const lastClaim = endOfDateAnywhere('2026-03-14').getTime(); // the last hourly tick that may claim it
    const window = occurrenceDeadline('2026-03-14').getTime() - lastClaim;
    const oneRound = (redriveGraceSeconds + dispatchQueue.maxReceiveCount * visibilitySeconds + 3_600) * 1000;

    expect(window / oneRound).toBeGreaterThanOrEqual(10);
    expect(window).toBeLessThanOrEqual(dispatchQueue.retentionDays * 86_400_000);
  });

  it('looks back past the deadline, so an occurrence left open while the reconciler was down is still expired', () => {
    const dates = datesToReconcile(new Date('2026-03-20T00:30:00Z'));
    const oldestLooked = dates[0]!;

    expect(occurrenceDeadline(oldestLooked).getTime()).toBeLessThan(new Date('2026-03-20T00:30:00Z').getTime());
    expect(dates).toContain('2026-03-20');
  });
});
