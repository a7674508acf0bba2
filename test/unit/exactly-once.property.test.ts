import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Template } from '../../shared/domain/journey/schema';
import { TransientDeliveryError } from '../../shared/domain/errors';
import type { DispatchMessage } from '../../shared/domain/dispatch-message';
import { canContact } from '../../shared/domain/customer';
import { isBirthdayOn } from '../../shared/domain/journey/birthday';
import { runScheduledEvaluation } from '../../shared/use-cases/run-scheduled-evaluation';
import { dispatchMessage } from '../../shared/use-cases/dispatch-message';
import { ticksCoveringDate } from '../../local/run-day';
import { aBirthdayJourney, aCustomerContext } from '../helpers/factories';
import { fakeDirectory, filedDueIndex, recordingChannels } from '../helpers/fakes';
import { createMemoryLedger } from '../../shared/adapters/memory/ledger';
import { reconcileLedger, redriveGraceSeconds } from '../../shared/use-cases/reconcile-ledger';
import { createDynamoLedger } from '../../shared/adapters/dynamodb/ledger';
import type { Ledger } from '../../shared/ports/ledger';
import { freshEngineTable, startTestEngine } from '../helpers/local-engine';

const journey = aBirthdayJourney();
const templates = new Map([
  ['birthday-email', Template.parse({ channel: 'email', locales: { en: { subject: 'Hi', html: '<p>{{ age }}</p>', text: '{{ age }}' } } })],
  ['birthday-sms', Template.parse({ channel: 'sms', locales: { en: { text: 'Happy {{ age }}' } } })],
]);
const date = '2026-03-14';
const ticks = ticksCoveringDate(date);
const granted = { granted: true, source: 'form', at: '2024-01-01T00:00:00Z' };

const customerArbitrary = fc.record({
  timeZone: fc.constantFrom('Pacific/Auckland', 'Asia/Shanghai', 'Europe/London', 'America/Los_Angeles', 'Pacific/Honolulu'),
  monthDay: fc.constantFrom('03-13', '03-14', '03-15'),
  email: fc.boolean(),
  sms: fc.boolean(),
});

const operationArbitrary = fc.oneof(
  fc.record({ kind: fc.constant('evaluate' as const), tick: fc.nat(ticks.length - 1), queueFails: fc.boolean() }),
  // `dies`: the function dies after claiming a send; `stalls`: it is slow, and finishes later (within its lease).
  fc.record({ kind: fc.constant('drain' as const), redeliver: fc.boolean(), attempt: fc.constantFrom('normal', 'dies', 'stalls') }),
  fc.record({ kind: fc.constant('finish-stalled' as const) }),
  // The queue loses what it holds (a crash of the local runtime, whose queue lives in memory).
  fc.record({ kind: fc.constant('lose-queue' as const) }),
  fc.record({ kind: fc.constant('reconcile' as const), minutesLater: fc.constantFrom(0, 5, 30, 90), nothingInFlight: fc.boolean() }),
);

/**
 * The property, run against a ledger: whatever the order of evaluations, drains, redeliveries,
 * crashes, lost queues and reconciler runs, once the schedule and the reconciler have run on, each
 * contactable message of each due occurrence was sent exactly once.
 */
function exactlyOnceProperty(newLedger: () => Ledger | Promise<Ledger>) {
  let run = 0;
  return fc.asyncProperty(fc.array(customerArbitrary, { minLength: 1, maxLength: 6 }), fc.array(operationArbitrary, { maxLength: 25 }), async (people, operations) => {
    run += 1;
    const contexts = people.map((person, index) =>
      aCustomerContext({
        id: `r${run}-c${index}`,
        timeZone: person.timeZone,
        birthDate: `1980-${person.monthDay}`,
        email: `c${index}@example.com`,
        phone: `+44791112345${index}`,
        consent: { ...(person.email ? { email: granted } : {}), ...(person.sms ? { sms: granted } : {}) },
      }),
    );
    const ledger = await newLedger();
    const channels = recordingChannels();
    const queued: DispatchMessage[] = [];
    let failNextEnqueue = false;
    const queue = {
      async enqueue(messages: DispatchMessage[]) {
        if (failNextEnqueue) throw new TransientDeliveryError('SQS unavailable');
        queued.push(...messages);
      },
    };
    const evaluationDeps = { journeys: [journey], dueIndex: await filedDueIndex(contexts, [journey], date), ledger, queue };
    let clock = new Date(ticks[0]!);
    const dispatchDeps = { templates, customers: fakeDirectory(contexts), ledger, leaseSeconds: 90, clock: () => clock, ...channels };

    // Attempts that claimed their send and are still working on it, with their lease end.
    let stalled: { message: DispatchMessage; leaseEnd: number }[] = [];
    const drain = async (redeliver: boolean, attempt: 'normal' | 'dies' | 'stalls') => {
      const batch = queued.splice(0, queued.length);
      for (const message of batch) {
        const deliveries = redeliver ? 2 : 1;
        for (let delivery = 0; delivery < deliveries; delivery += 1) {
          try {
            if (attempt !== 'normal' && delivery === 0) {
              const claim = await ledger.claimSend(message, message.channel, clock, 90);
              if (attempt === 'dies') {
                // The function dies after claiming the send, before calling the provider.
                queued.push(message);
                break;
              }
              if (claim.outcome === 'claimed') stalled.push({ message, leaseEnd: clock.getTime() + 90_000 });
              else if (claim.outcome === 'in-progress') queued.push(message);
              continue;
            }
            await dispatchMessage(message, dispatchDeps);
          } catch (error) {
            if (!(error instanceof TransientDeliveryError)) throw error;
            queued.push(message); // back on the queue, visible again later
          }
        }
      }
    };

    // A slow attempt finishes within its lease (the function's timeout is shorter), or has died.
    const finishStalled = async () => {
      for (const { message, leaseEnd } of stalled.splice(0)) {
        if (clock.getTime() > leaseEnd) {
          queued.push(message); // timed out: SQS redelivers it after the visibility timeout
          continue;
        }
        const holding = { ...ledger, claimSend: async () => ({ outcome: 'claimed' as const }) };
        await dispatchMessage(message, { ...dispatchDeps, ledger: holding }).catch((error: unknown) => {
          if (!(error instanceof TransientDeliveryError)) throw error;
          queued.push(message);
        });
      }
    };

    for (const operation of operations) {
      if (operation.kind === 'evaluate') {
        failNextEnqueue = operation.queueFails;
        clock = ticks[operation.tick]!;
        await runScheduledEvaluation({ now: clock, onDate: date }, evaluationDeps).catch((error: unknown) => {
          if (!(error instanceof TransientDeliveryError)) throw error;
        });
        failNextEnqueue = false;
      } else if (operation.kind === 'drain') {
        await drain(operation.redeliver, operation.attempt);
      } else if (operation.kind === 'finish-stalled') {
        await finishStalled();
      } else if (operation.kind === 'lose-queue') {
        queued.length = 0;
      } else {
        if (operation.nothingInFlight) {
          // Only true of a runtime that just started: whatever it had in flight died with it.
          queued.length = 0;
          stalled = [];
        }
        const now = new Date(clock.getTime() + operation.minutesLater * 60_000);
        await reconcileLedger({ now, nothingInFlight: operation.nothingInFlight }, { ledger, queue });
      }
    }
    for (const { message } of stalled.splice(0)) queued.push(message); // the day runs on: they timed out
    // Then the schedule runs on through the day, and the reconciler with it: past the grace
    // period and the leases, it re-drives whatever is unfinished.
    for (const tick of ticks) await runScheduledEvaluation({ now: tick, onDate: date }, evaluationDeps);
    clock = new Date(ticks[ticks.length - 1]!.getTime() + 3_600_000);
    await drain(false, 'normal');
    // An SMS dispatched late at night is deferred by quiet hours to the next morning: the clock
    // runs on to then (no held store here: the reconciler re-drives it once due).
    const latestDeferral = async () => {
      const sends = (await Promise.all(contexts.map(({ customer }) => ledger.listSends(customer.id)))).flat();
      return Math.max(0, ...sends.flatMap((send) => (send.status === 'deferred' && send.dueAt ? [Date.parse(send.dueAt)] : [])));
    };
    for (let round = 0; round < 3; round += 1) {
      clock = new Date(Math.max(clock.getTime(), await latestDeferral()) + (redriveGraceSeconds + 60) * 1000);
      await reconcileLedger({ now: clock }, { ledger, queue });
      await drain(false, 'normal');
    }
    const after = await reconcileLedger({ now: new Date(clock.getTime() + (redriveGraceSeconds + 60) * 1000) }, { ledger, queue });
    expect(after).toMatchObject({ stillOpen: 0, occurrencesRedriven: 0, sendsExpired: 0 });

    for (const { customer } of contexts) {
      const due = isBirthdayOn(customer.birthDate!, date, 'feb28');
      const emails = channels.email.sent.filter((email) => email.to === customer.email).length;
      const texts = channels.sms.sent.filter((sms) => sms.to === customer.phone).length;
      expect(emails).toBe(due && canContact(customer, 'email') ? 1 : 0);
      expect(texts).toBe(due && canContact(customer, 'sms') ? 1 : 0);
    }
  });
}

describe('exactly once (property)', () => {
  it('sends each contactable message of each due occurrence exactly once with the in-memory ledger, whatever the order of runs, failures, redeliveries and reconciles', async () => {
    await fc.assert(exactlyOnceProperty(createMemoryLedger), { numRuns: 150 });
  });

  describe('on the DynamoDB ledger (dynalite)', () => {
    let engine: Awaited<ReturnType<typeof startTestEngine>>;
    beforeAll(async () => {
      engine = await startTestEngine();
    });
    afterAll(async () => {
      await engine?.cleanUp();
    });

    it('holds the same property with the real conditional writes', async () => {
      // A table per run (dynalite creates one in a millisecond): the reconciler reads a whole date.
      let tables = 0;
      const freshLedger = async () => {
        return createDynamoLedger(engine.dynamo, await freshEngineTable(engine, `ledger-property-${(tables += 1)}`));
      };
      await fc.assert(exactlyOnceProperty(freshLedger), { numRuns: 20 });
    }, 120_000);
  });
});
