import { describe, expect, it } from 'vitest';
import { Template } from '../../shared/domain/journey/schema';
import type { DispatchMessage } from '../../shared/domain/dispatch-message';
import { dispatchMessage, type DispatchDeps } from '../../shared/use-cases/dispatch-message';
import { createMemorySendingPauses } from '../../shared/adapters/memory/sending-pauses';
import { cachedActivePauses } from '../../shared/adapters/cached-pauses';
import type { Suppression } from '../../shared/domain/suppression';
import { aCustomerContext } from '../helpers/factories';
import { fakeDirectory, recordingChannels } from '../helpers/fakes';
import { createMemoryLedger } from '../../shared/adapters/memory/ledger';

const noon = new Date('2026-03-14T12:00:00Z');
const templates = new Map([
  ['promo-email', Template.parse({ channel: 'email', locales: { en: { subject: 'Offer', html: '<p>Hi</p>', text: 'Hi' } } })],
  ['promo-sms', Template.parse({ channel: 'sms', locales: { en: { text: 'Hi {{ customer.firstName }}' } } })],
]);
const aMessage = (overrides: Partial<DispatchMessage> = {}): DispatchMessage => ({
  version: 1,
  journeyId: 'spring-refresh',
  occurrenceKey: '2026-03-01',
  occurrenceDate: '2026-03-14',
  customerId: 'c-0001',
  messageId: 'email',
  channel: 'email',
  template: 'promo-email',
  category: 'promotional',
  ...overrides,
});
const optedOut: Suppression = { customerId: 'c-0001', channel: 'sms', scope: 'all', reason: 'sms-opt-out', source: 'sms-inbound', at: '2026-03-14T11:00:00Z' };

function deps(suppressions: Suppression[] = [], extra: Pick<DispatchDeps, 'pauses'> = {}) {
  const context = { ...aCustomerContext(), suppressions };
  return { templates, customers: fakeDirectory([context]), ledger: createMemoryLedger(), leaseSeconds: 90, clock: () => noon, outcomeWrites: { sleep: async () => {} }, ...recordingChannels(), ...extra };
}

describe('dispatch with the suppression list and the pause switches', () => {
  it('skips an SMS to a customer who replied STOP after the message was planned, and the history says why', async () => {
    const run = deps([optedOut]);

    const result = await dispatchMessage(aMessage({ messageId: 'sms', channel: 'sms', template: 'promo-sms' }), run);

    expect(result).toEqual({ outcome: 'skipped', channel: 'sms', reason: 'suppressed: sms-opt-out' });
    expect(run.sms.sent).toEqual([]);
    expect(run.ledger.storedSends()[0]).toMatchObject({ status: 'skipped', reason: 'suppressed: sms-opt-out' });
  });

  it('skips promotional email while it is paused and sends service email', async () => {
    const pauses = createMemorySendingPauses();
    await pauses.pause({ channel: 'email', category: 'promotional', reason: 'ses-complaint-rate', source: 'alarm', at: '2026-03-14T11:00:00Z' });
    const run = deps([], { pauses });

    const promotional = await dispatchMessage(aMessage(), run);
    const service = await dispatchMessage(aMessage({ journeyId: 'service-due', category: 'service' }), run);

    expect(promotional).toEqual({ outcome: 'skipped', channel: 'email', reason: 'paused: ses-complaint-rate' });
    expect(service.outcome).toBe('sent');
    expect(run.email.sent).toHaveLength(1);
  });

  it('reads the switches once per cache period, then again', async () => {
    const pauses = createMemorySendingPauses();
    let now = noon.getTime();
    const cached = cachedActivePauses(pauses, { ttlMs: 30_000, clock: () => new Date(now) });

    const before = await cached.activePauses();
    await pauses.pause({ channel: 'email', category: 'promotional', reason: 'manual', source: 'cli', at: '2026-03-14T12:00:00Z' });
    const withinCache = await cached.activePauses();
    now += 30_000;
    const after = await cached.activePauses();

    expect([before.length, withinCache.length, after.length]).toEqual([0, 0, 1]);
  });
});

describe('dispatch with unsubscribe links', () => {
  const links = { urlFor: async (request: { customerId: string; category: string }) => `https://api.example.com/unsubscribe/${request.customerId}-${request.category}` };

  it('puts both RFC 8058 headers on promotional email and the link in the template context', async () => {
    const linked = new Map([['promo-email', Template.parse({ channel: 'email', locales: { en: { subject: 'Offer', html: '<a href="{{ unsubscribeUrl }}">x</a>', text: '{{ unsubscribeUrl }}' } } })]]);
    const run = { ...deps(), templates: linked, unsubscribeLinks: links };

    await dispatchMessage(aMessage(), run);

    expect(run.email.sent[0]?.headers).toEqual({ 'List-Unsubscribe': '<https://api.example.com/unsubscribe/c-0001-promotional>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(run.email.sent[0]?.text).toBe('https://api.example.com/unsubscribe/c-0001-promotional');
  });

  it('puts no unsubscribe headers on service email', async () => {
    const run = { ...deps(), unsubscribeLinks: links };

    await dispatchMessage(aMessage({ journeyId: 'service-due', category: 'service' }), run);

    expect(run.email.sent[0]?.headers).toBeUndefined();
  });
});
