import { describe, expect, it } from 'vitest';
import { Template } from '../../shared/domain/journey/schema';
import type { SesEvent } from '../../shared/domain/ses-event';
import { dealerTagOf, sendTagOf } from '../../shared/domain/send-tag';
import { createMemoryLedger } from '../../shared/adapters/memory/ledger';
import { createMemorySendCounts } from '../../shared/adapters/memory/send-counts';
import { createMemorySuppressionList } from '../../shared/adapters/memory/suppression-list';
import type { SendDeliveryStatus, SendFeedback } from '../../shared/ports/ledger';
import type { OutcomeCount, SendCounter } from '../../shared/ports/send-counts';
import { dispatchMessage, type DispatchDeps } from '../../shared/use-cases/dispatch-message';
import { applySesFeedback } from '../../shared/use-cases/ses-feedback';
import { aCustomerContext, aDealer, aDispatchMessage } from '../helpers/factories';
import { fakeDirectory, recordingChannels } from '../helpers/fakes';

const noon = new Date('2026-03-14T12:00:00Z');
const dealer = aDealer({ id: 'dealer-sh' });
const templates = new Map([
  ['birthday-email', Template.parse({ channel: 'email', locales: { en: { subject: 'Happy birthday', html: '<p>Hi</p>', text: 'Hi' } } })],
  ['birthday-sms', Template.parse({ channel: 'sms', locales: { en: { text: 'Happy birthday' } } })],
  ['broken-email', Template.parse({ channel: 'email', locales: { en: { subject: 'Hi {{ custmer.firstName }}', html: '<p>Hi</p>', text: 'Hi' } } })],
]);
const aMessage = aDispatchMessage;

function dispatchDeps(counter: SendCounter, onFailure: (error: unknown) => void = () => {}): DispatchDeps & ReturnType<typeof recordingChannels> & { ledger: ReturnType<typeof createMemoryLedger> } {
  const context = { ...aCustomerContext({ dealerId: dealer.id, phone: '+44 7911 123456' }), dealer };
  return { templates, customers: fakeDirectory([context]), ledger: createMemoryLedger(), leaseSeconds: 90, clock: () => noon, outcomeWrites: { sleep: async () => {} }, counting: { counter, onFailure }, ...recordingChannels() };
}

describe('outcome counters at dispatch', () => {
  it('counts a sent email once under its dealer, UTC day, journey, step and channel, however often the message is delivered', async () => {
    const counts = createMemorySendCounts();
    const deps = dispatchDeps(counts);

    await dispatchMessage(aMessage(), deps);
    await dispatchMessage(aMessage(), deps);

    const { rows } = await counts.countsOf([dealer.id], '2026-03-14', '2026-03-14');
    expect(rows).toEqual([{ dealerId: dealer.id, day: '2026-03-14', journeyId: 'birthday', stepId: 'email', channel: 'email', outcome: 'sent', count: 1 }]);
  });

  it('counts a failure with its outcome, and does not count a deferral until the send finishes', async () => {
    const counts = createMemorySendCounts();
    const deps = dispatchDeps(counts);

    await dispatchMessage(aMessage({ template: 'broken-email' }), deps);
    const deferred = await dispatchMessage(aMessage({ messageId: 'sms', channel: 'sms', template: 'birthday-sms' }), { ...deps, clock: () => new Date('2026-03-14T23:30:00Z') });

    expect(deferred.outcome).toBe('deferred');
    const { rows } = await counts.countsOf([dealer.id], '2026-03-14', '2026-03-14');
    expect(rows.map(({ stepId, outcome, count }) => ({ stepId, outcome, count }))).toEqual([{ stepId: 'email', outcome: 'failed', count: 1 }]);
  });

  it('counts a send that came past its valid-until as expired, once', async () => {
    const counts = createMemorySendCounts();
    const deps = dispatchDeps(counts);
    const late = aMessage({ validUntil: '2026-03-14T11:00:00Z' });

    const first = await dispatchMessage(late, deps);
    const again = await dispatchMessage(late, deps);

    expect([first.outcome, again.outcome]).toEqual(['expired', 'duplicate']);
    const { rows } = await counts.countsOf([dealer.id], '2026-03-14', '2026-03-14');
    expect(rows.map(({ stepId, outcome, count }) => ({ stepId, outcome, count }))).toEqual([{ stepId: 'email', outcome: 'expired', count: 1 }]);
  });

  it('sends and records the outcome when the counter cannot be written, and reports the failure', async () => {
    const failures: unknown[] = [];
    const broken: SendCounter = { add: async () => Promise.reject(new Error('throttled')) };
    const deps = dispatchDeps(broken, (error) => failures.push(error));

    const result = await dispatchMessage(aMessage(), deps);

    expect(result.outcome).toBe('sent');
    expect(deps.ledger.storedSends()[0]?.status).toBe('sent');
    expect(failures).toHaveLength(1);
  });
});

/** Send feedback as the DynamoDB adapter keeps it: a report is recorded unless a weightier one is there. */
function weighingFeedback(): SendFeedback {
  const weight: Record<SendDeliveryStatus, number> = { delivered: 1, 'soft-bounced': 2, bounced: 3, complained: 4 };
  let kept = 0;
  return {
    async recordDelivery(_send, delivery) {
      if (weight[delivery.status] <= kept) return false;
      kept = weight[delivery.status];
      return true;
    },
  };
}

const send = { customerId: 'c-0001', journeyId: 'birthday', occurrenceKey: '2026', messageId: 'email' };
const sesEvent = (type: 'Bounce' | 'Complaint', tags: Record<string, string[]>): SesEvent =>
  ({
    eventType: type,
    mail: { tags },
    ...(type === 'Bounce'
      ? { bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: 'ann@example.com' }], timestamp: '2026-03-15T01:00:00.000Z' } }
      : { complaint: { complainedRecipients: [{ emailAddress: 'ann@example.com' }], timestamp: '2026-03-15T02:00:00.000Z', complaintFeedbackType: 'abuse' } }),
  }) as unknown as SesEvent;

describe('outcome counters at SES feedback', () => {
  it('counts a bounce and a complaint once each under the dealer the email named, even when SNS repeats them', async () => {
    const counts = createMemorySendCounts();
    const deps = { suppressions: createMemorySuppressionList(), sendFeedback: weighingFeedback(), counting: { counter: counts, onFailure: () => {} } };
    const tags = { send: [sendTagOf(send)], dealer: [dealerTagOf(dealer.id)] };

    for (const type of ['Bounce', 'Bounce', 'Complaint', 'Complaint'] as const) await applySesFeedback(sesEvent(type, tags), deps);

    const { rows } = await counts.countsOf([dealer.id], '2026-03-15', '2026-03-15');
    expect(rows.map(({ outcome, count, stepId, channel }: OutcomeCount & { count: number }) => ({ outcome, count, stepId, channel })).sort((a, b) => a.outcome.localeCompare(b.outcome))).toEqual([
      { outcome: 'bounced', count: 1, stepId: 'email', channel: 'email' },
      { outcome: 'complained', count: 1, stepId: 'email', channel: 'email' },
    ]);
  });

  it('counts nothing for an email sent without the dealer tag', async () => {
    const counts = createMemorySendCounts();
    const deps = { suppressions: createMemorySuppressionList(), sendFeedback: weighingFeedback(), counting: { counter: counts, onFailure: () => {} } };

    await applySesFeedback(sesEvent('Bounce', { send: [sendTagOf(send)] }), deps);

    expect((await counts.countsOf([dealer.id], '2026-03-15', '2026-03-15')).rows).toEqual([]);
  });
});
