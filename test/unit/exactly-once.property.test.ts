import { describe, expect, it } from 'vitest';
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
import { fakeDirectory, fakeLedger, recordingChannels } from '../helpers/fakes';

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
  fc.record({ kind: fc.constant('drain' as const), redeliver: fc.boolean(), crashBeforeOutcome: fc.boolean() }),
);

describe('exactly once (property)', () => {
  it('sends each contactable message of each due occurrence exactly once, whatever the order of runs, failures and redeliveries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(customerArbitrary, { minLength: 1, maxLength: 6 }), fc.array(operationArbitrary, { maxLength: 25 }), async (people, operations) => {
        const contexts = people.map((person, index) =>
          aCustomerContext({
            id: `c${index}`,
            timeZone: person.timeZone,
            birthDate: `1980-${person.monthDay}`,
            email: `c${index}@example.com`,
            phone: `+44791112345${index}`,
            consent: { ...(person.email ? { email: granted } : {}), ...(person.sms ? { sms: granted } : {}) },
          }),
        );
        const ledger = fakeLedger();
        const channels = recordingChannels();
        const queued: DispatchMessage[] = [];
        let failNextEnqueue = false;
        const queue = {
          async enqueue(messages: DispatchMessage[]) {
            if (failNextEnqueue) throw new TransientDeliveryError('SQS unavailable');
            queued.push(...messages);
          },
        };
        const evaluationDeps = { journeys: [journey], customers: fakeDirectory(contexts), ledger, queue };
        let clock = new Date(ticks[0]!);
        const dispatchDeps = { templates, customers: evaluationDeps.customers, ledger, leaseSeconds: 90, clock: () => clock, ...channels };

        const drain = async (redeliver: boolean, crashBeforeOutcome: boolean) => {
          const batch = queued.splice(0, queued.length);
          for (const message of batch) {
            const deliveries = redeliver ? 2 : 1;
            for (let delivery = 0; delivery < deliveries; delivery += 1) {
              try {
                if (crashBeforeOutcome && delivery === 0) {
                  // The function dies after claiming the send, before calling the provider.
                  await ledger.claimSend(message, message.channel, clock, 90);
                  queued.push(message);
                  break;
                }
                await dispatchMessage(message, dispatchDeps);
              } catch (error) {
                if (!(error instanceof TransientDeliveryError)) throw error;
                queued.push(message); // back on the queue, visible again later
              }
            }
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
          } else {
            await drain(operation.redeliver, operation.crashBeforeOutcome);
          }
        }
        // Then the schedule runs on through the day, and leases run out before the final drains.
        for (const tick of ticks) await runScheduledEvaluation({ now: tick, onDate: date }, evaluationDeps);
        clock = new Date(ticks[ticks.length - 1]!.getTime() + 3_600_000);
        await drain(false, false);
        clock = new Date(clock.getTime() + 3_600_000);
        await drain(false, false);

        for (const { customer } of contexts) {
          const due = isBirthdayOn(customer.birthDate!, date, 'feb28');
          const emails = channels.email.sent.filter((email) => email.to === customer.email).length;
          const texts = channels.sms.sent.filter((sms) => sms.to === customer.phone).length;
          expect(emails).toBe(due && canContact(customer, 'email') ? 1 : 0);
          expect(texts).toBe(due && canContact(customer, 'sms') ? 1 : 0);
        }
      }),
      { numRuns: 150 },
    );
  });
});
