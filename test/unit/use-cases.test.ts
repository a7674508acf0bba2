import { describe, expect, it } from 'vitest';
import { Template } from '../../shared/domain/journey/schema';
import { CorruptItemError, PermanentDeliveryError, RetryLaterError, TransientDeliveryError } from '../../shared/domain/errors';
import type { DispatchMessage } from '../../shared/domain/dispatch-message';
import { dispatchMessage, type DispatchDeps } from '../../shared/use-cases/dispatch-message';
import { runScheduledEvaluation } from '../../shared/use-cases/run-scheduled-evaluation';
import { aBirthdayJourney, aBrand, aCustomerContext, aDealer } from '../helpers/factories';
import { fakeDirectory, filedDueIndex, recordingChannels } from '../helpers/fakes';
import { createMemoryDispatchQueue } from '../../shared/adapters/memory/dispatch-queue';
import { createMemoryLedger } from '../../shared/adapters/memory/ledger';
import { stagedPieceKey } from '../../shared/domain/print-batch';

const birthday = aBirthdayJourney();
const noon = new Date('2026-03-14T12:00:00Z');
const day = '2026-03-14';
const withdrawn = { granted: false, source: 'sms-stop-reply', at: '2025-01-01T00:00:00Z' };

describe('runScheduledEvaluation', () => {
  it('queues one message per contactable channel and counts the channels without consent', async () => {
    const ledger = createMemoryLedger();
    const queue = createMemoryDispatchQueue();
    const dueIndex = await filedDueIndex([aCustomerContext({ consent: { ...aCustomerContext().customer.consent, sms: withdrawn } })], [birthday], day);

    const summary = await runScheduledEvaluation({ now: noon }, { journeys: [birthday], dueIndex, ledger, queue });

    expect(queue.messages.map((message) => message.channel)).toEqual(['email']);
    expect(summary).toMatchObject({ due: 1, started: 1, alreadyHandled: 0, queued: { birthday: { email: 1 } }, skippedNoConsent: { birthday: { sms: 1 } } });
    expect(dueIndex.datesRead).toEqual([['2026-03-14', '2026-03-15']]);
  });

  it('goes on with the other occurrences when the queue refuses one, and reports it', async () => {
    const queue = createMemoryDispatchQueue();
    const refusing = { async enqueue(batch: DispatchMessage[]) { if (batch.some((message) => message.customerId === 'first')) throw new TransientDeliveryError('refused'); await queue.enqueue(batch); } };
    const reported: string[] = [];
    const deps = {
      journeys: [birthday],
      dueIndex: await filedDueIndex([aCustomerContext({ id: 'first' }), aCustomerContext({ id: 'second' })], [birthday], day),
      ledger: createMemoryLedger(),
      queue: refusing,
      onNotQueued: (_error: unknown, occurrence: { customerId: string }) => reported.push(occurrence.customerId),
    };

    const summary = await runScheduledEvaluation({ now: noon }, deps);

    expect(summary).toMatchObject({ due: 2, started: 1, notQueued: 1 });
    expect(queue.messages.every((message) => message.customerId === 'second')).toBe(true);
    expect(reported).toEqual(['first']);
  });

  it('queues nothing for an occurrence an earlier run finished', async () => {
    const ledger = createMemoryLedger();
    const deps = { journeys: [birthday], dueIndex: await filedDueIndex([aCustomerContext()], [birthday], day), ledger, queue: createMemoryDispatchQueue() };
    await runScheduledEvaluation({ now: noon }, deps);
    const queuedFirst = deps.queue.messages.length;

    // Filed again under the same date (a re-import, a recompute): the ledger still knows it.
    const again = await runScheduledEvaluation({ now: noon }, { ...deps, dueIndex: await filedDueIndex([aCustomerContext()], [birthday], day) });

    expect(again).toMatchObject({ due: 1, started: 0, alreadyHandled: 1 });
    expect(deps.queue.messages).toHaveLength(queuedFirst);
  });

  it('queues again an occurrence that a run claimed but stopped before confirming', async () => {
    const ledger = createMemoryLedger();
    const queue = createMemoryDispatchQueue();
    const failingOnce = { ...queue, calls: 0, async enqueue(batch: DispatchMessage[]) { if (this.calls++ === 0) throw new TransientDeliveryError('SQS down'); await queue.enqueue(batch); } };
    const deps = { journeys: [birthday], dueIndex: await filedDueIndex([aCustomerContext()], [birthday], day), ledger, queue: failingOnce };

    const interrupted = await runScheduledEvaluation({ now: noon }, deps);
    const resumed = await runScheduledEvaluation({ now: noon }, deps);

    expect(interrupted).toMatchObject({ started: 0, notQueued: 1 });
    expect(resumed).toMatchObject({ started: 1, alreadyHandled: 0, notQueued: 0 });
    expect(queue.messages.map((message) => message.channel)).toEqual(['email', 'sms']);
  });

  it('asks only for the given date in a run for a date', async () => {
    const dueIndex = await filedDueIndex([], [birthday], day);

    await runScheduledEvaluation({ now: noon, onDate: '2026-02-28', catchUpFrom: '2026-02-20' }, { journeys: [birthday], dueIndex, ledger: createMemoryLedger(), queue: createMemoryDispatchQueue() });

    expect(dueIndex.datesRead).toEqual([['2026-02-28']]);
  });
});

const templates = new Map([
  ['birthday-email', Template.parse({ channel: 'email', locales: { en: { subject: 'Happy birthday {{ customer.firstName }}', html: '<p>{{ age }}</p>', text: '{{ age }}' } } })],
  ['birthday-sms', Template.parse({ channel: 'sms', locales: { en: { text: 'Happy {{ age | ordinal }}, {{ customer.greetingName }}' } } })],
  ['broken-sms', Template.parse({ channel: 'sms', locales: { en: { text: 'Happy birthday {{ custmer.firstName }}' } } })],
  ['long-sms', Template.parse({ channel: 'sms', locales: { en: { text: `${'祝您生日快乐，'.repeat(30)}{{ customer.greetingName }}` } } })],
  ['birthday-card', Template.parse({ channel: 'print', design: 'birthday-candles', locales: { en: { headline: 'Happy birthday', body: 'Body', signoff: 'Us' } } })],
  ['signed-email', Template.parse({ channel: 'email', locales: { en: { subject: 'Welcome', html: '<p>{{ sender.name }}</p>', text: 'Yours, {{ sender.name }} ({{ sender.phone }}, {{ sender.email }})' } } })],
  ['signed-card', Template.parse({ channel: 'print', design: 'birthday-candles', locales: { en: { headline: 'Welcome', body: 'Body', signoff: '{{ sender.name }}' } } })],
]);

const aMessage = (overrides: Partial<DispatchMessage> = {}): DispatchMessage => ({
  version: 1,
  journeyId: 'birthday',
  occurrenceKey: '2026',
  occurrenceDate: '2026-03-14',
  customerId: 'c-0001',
  messageId: 'sms',
  channel: 'sms',
  template: 'birthday-sms',
  ...overrides,
});

function dispatchDeps(contexts = [aCustomerContext()]): DispatchDeps & ReturnType<typeof recordingChannels> & { ledger: ReturnType<typeof createMemoryLedger> } {
  const outcomeWrites = { sleep: async () => {} };
  return { templates, customers: fakeDirectory(contexts), ledger: createMemoryLedger(), leaseSeconds: 90, clock: () => noon, outcomeWrites, ...recordingChannels() };
}

const statusOfTheSend = (deps: ReturnType<typeof dispatchDeps>) => deps.ledger.storedSends()[0]?.outcome ?? deps.ledger.storedSends()[0];

describe('dispatchMessage', () => {
  it('renders and sends an SMS to the E.164 number, then records it as sent', async () => {
    const deps = dispatchDeps([aCustomerContext({ phone: '+44 7911 123456' })]);

    const result = await dispatchMessage(aMessage(), deps);

    expect(result).toEqual({ outcome: 'sent', channel: 'sms', segments: 1 });
    expect(deps.sms.sent).toEqual([{ to: '+447911123456', text: 'Happy 46th, Ms Lee', tags: { journey: 'birthday', occurrence: '2026', message: 'sms', segments: '1' } }]);
    expect(deps.ledger.storedSends()[0]?.status).toBe('sent');
  });

  it('does nothing for a message already sent', async () => {
    const deps = dispatchDeps();
    await dispatchMessage(aMessage(), deps);

    const second = await dispatchMessage(aMessage(), deps);

    expect(second).toEqual({ outcome: 'duplicate', channel: 'sms' });
    expect(deps.sms.sent).toHaveLength(1);
  });

  it('throws a transient error while another attempt holds the send, so SQS retries later', async () => {
    const deps = dispatchDeps();
    await deps.ledger.claimSend({ customerId: 'c-0001', journeyId: 'birthday', occurrenceKey: '2026', messageId: 'sms' }, 'sms', noon, 90);

    await expect(dispatchMessage(aMessage(), deps)).rejects.toThrow(TransientDeliveryError);
    expect(deps.sms.sent).toHaveLength(0);
  });

  it('records a permanent failure and does not throw', async () => {
    const deps = dispatchDeps();
    deps.email.sendEmail = async () => {
      throw new PermanentDeliveryError('SES rejected the email: MessageRejected');
    };

    const result = await dispatchMessage(aMessage({ messageId: 'email', channel: 'email', template: 'birthday-email' }), deps);

    expect(result).toMatchObject({ outcome: 'failed', reason: 'SES rejected the email: MessageRejected' });
    expect(deps.ledger.storedSends()[0]?.status).toBe('failed');
  });

  it('lets a transient provider failure throw without recording an outcome', async () => {
    const deps = dispatchDeps();
    deps.sms.sendSms = async () => {
      throw new TransientDeliveryError('throttled');
    };

    await expect(dispatchMessage(aMessage(), deps)).rejects.toThrow(TransientDeliveryError);
    expect(deps.ledger.storedSends()[0]?.status).toBe('sending');
  });

  it('skips a customer who was erased after the message was queued', async () => {
    const deps = dispatchDeps([]);

    expect(await dispatchMessage(aMessage(), deps)).toEqual({ outcome: 'skipped', channel: 'sms', reason: 'customer-not-found' });
    expect(deps.sms.sent).toHaveLength(0);
  });

  it('lays out a card with the age, the full name and address, and stores it under a key per occurrence', async () => {
    const deps = dispatchDeps();

    const result = await dispatchMessage(aMessage({ messageId: 'card', channel: 'print', template: 'birthday-card' }), deps);

    expect(result).toEqual({ outcome: 'sent', channel: 'print', location: '/print/2026-03-14/birthday/c-0001-card.pdf' });
    expect(deps.printRenderer.pieces[0]).toMatchObject({ age: 46, recipient: { name: 'Ms Ann Lee' }, sender: { name: 'Pudong Premium Motors' } });
  });

  it('files a card mailed ahead under the day it goes out, with the age of the coming birthday', async () => {
    const deps = dispatchDeps([aCustomerContext({ birthDate: '1980-03-17' })]);

    const result = await dispatchMessage(
      aMessage({ messageId: 'card', channel: 'print', template: 'birthday-card', occurrenceKey: '2026/card', occurrenceDate: '2026-03-17', sendDate: '2026-03-14' }),
      deps,
    );

    expect(result).toEqual({ outcome: 'sent', channel: 'print', location: '/print/2026-03-14/birthday/c-0001-card.pdf' });
    expect(deps.printRenderer.pieces[0]).toMatchObject({ age: 46 });
  });

  it('records a template that cannot render as failed at once, with the fault as the reason', async () => {
    const deps = dispatchDeps();

    const result = await dispatchMessage(aMessage({ template: 'broken-sms' }), deps);

    expect(result).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/^template-render-error: .*custmer/) });
    expect(statusOfTheSend(deps)).toMatchObject({ status: 'failed', reason: result.outcome === 'failed' ? result.reason : '' });
    expect(deps.sms.sent).toHaveLength(0);
  });

  it('records a corrupt customer, vehicle or dealer record as failed, with no customer id in the reason', async () => {
    const deps = dispatchDeps();
    deps.customers.getCustomerContext = async () => {
      throw new CorruptItemError('Item CUST#c-0001/PROFILE does not match its schema');
    };

    const result = await dispatchMessage(aMessage(), deps);

    expect(result).toMatchObject({ outcome: 'failed', reason: expect.stringContaining('corrupt-record') });
    expect(JSON.stringify(result)).not.toContain('c-0001');
    expect(statusOfTheSend(deps)).toMatchObject({ status: 'failed' });
  });

  it('records a phone number that is not a real mobile number as failed', async () => {
    const deps = dispatchDeps([aCustomerContext({ phone: '+44 12' })]);

    const result = await dispatchMessage(aMessage(), deps);

    expect(result).toEqual({ outcome: 'failed', channel: 'sms', reason: 'phone number is not a valid mobile number' });
    expect(deps.sms.sent).toHaveLength(0);
  });

  it('records a card the renderer cannot print whole as failed with its reason', async () => {
    const deps = dispatchDeps();
    deps.printRenderer.renderPrintPiece = async () => {
      throw new PermanentDeliveryError('recipient address does not fit the envelope window');
    };

    const result = await dispatchMessage(aMessage({ messageId: 'card', channel: 'print', template: 'birthday-card' }), deps);

    expect(result).toEqual({ outcome: 'failed', channel: 'print', reason: 'recipient address does not fit the envelope window' });
    expect(deps.printStore.keys).toHaveLength(0);
  });

  it('stages a card as its JSON with a store of files, and as the same record under the same key with a store that takes records', async () => {
    const card = aMessage({ messageId: 'card', channel: 'print', template: 'birthday-card' });
    const fileDeps = dispatchDeps();
    const files = new Map<string, unknown>();
    fileDeps.printStore = {
      keys: [],
      storePrintFile: async (key, body) => {
        if (key.endsWith('.json')) files.set(key, JSON.parse(new TextDecoder().decode(body)));
        return { location: key };
      },
    };
    const recordDeps = dispatchDeps();
    const records = new Map<string, unknown>();
    recordDeps.printStore = {
      keys: [],
      storePrintFile: async (key) => ({ location: key }),
      storeStagedPiece: async (record) => {
        records.set(stagedPieceKey(record.pieceId), record);
        return { location: 'staged' };
      },
    };

    const recordingDeps = dispatchDeps();

    await dispatchMessage(card, fileDeps);
    await dispatchMessage(card, recordDeps);
    await dispatchMessage(card, recordingDeps);

    expect(files.size).toBe(1);
    // The recording store keeps the staged key as it keeps a file's.
    expect(recordingDeps.printStore.keys).toContain([...files.keys()][0]);
    expect([...records]).toEqual([...files]);
    expect([...records.values()][0]).toMatchObject({ status: 'printable', send: { messageId: 'card' } });
  });

  it('throws an unknown error on for SQS to retry and leaves the send open', async () => {
    const deps = dispatchDeps();
    const unknown = new Error('socket hang up');
    deps.sms.sendSms = async () => {
      throw unknown;
    };

    await expect(dispatchMessage(aMessage(), deps)).rejects.toBe(unknown);
    expect(statusOfTheSend(deps)).toMatchObject({ status: 'sending' });
  });

  it('fails an SMS over the segment cap before sending, naming the count and encoding', async () => {
    const deps = dispatchDeps();

    const result = await dispatchMessage(aMessage({ template: 'long-sms' }), deps);

    expect(result).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/needs \d+ UCS-2 segments, over the cap of 3/) });
    expect(deps.sms.sent).toHaveLength(0);
  });

  it('records sent when the outcome write fails twice after the provider accepted, sending once', async () => {
    const deps = dispatchDeps();
    const record = deps.ledger.recordSendOutcome.bind(deps.ledger);
    let failures = 2;
    deps.ledger.recordSendOutcome = async (...args) => {
      if (failures-- > 0) throw new Error('ProvisionedThroughputExceededException');
      await record(...args);
    };
    const retries: number[] = [];
    const pauses: number[] = [];
    deps.outcomeWrites = { sleep: async (ms) => void pauses.push(ms), onRetry: (attempt) => retries.push(attempt) };

    const result = await dispatchMessage(aMessage(), deps);

    expect(result).toMatchObject({ outcome: 'sent' });
    expect(deps.sms.sent).toHaveLength(1);
    expect(statusOfTheSend(deps)).toMatchObject({ status: 'sent', providerMessageId: 'sms-1' });
    expect(retries).toEqual([1, 2]);
    expect(pauses).toEqual([100, 200]);
  });

  it('gives up on the outcome write after its attempts with a retry-later error, having sent once', async () => {
    const deps = dispatchDeps();
    let writes = 0;
    deps.ledger.recordSendOutcome = async () => {
      writes++;
      throw new Error('table unavailable');
    };

    await expect(dispatchMessage(aMessage(), deps)).rejects.toBeInstanceOf(RetryLaterError);
    expect(writes).toBe(4);
    expect(deps.sms.sent).toHaveLength(1);
  });

  it('stops retrying the outcome write once its time budget is spent', async () => {
    const deps = dispatchDeps();
    let writes = 0;
    let clockMs = noon.getTime();
    deps.clock = () => new Date(clockMs);
    deps.ledger.recordSendOutcome = async () => {
      writes++;
      clockMs += 3_000; // each write hangs until the SDK request timeout
      throw new Error('TimeoutError');
    };

    await expect(dispatchMessage(aMessage(), deps)).rejects.toThrow(/could not be recorded after 2 attempts/);
    expect(writes).toBe(2);
  });
});

describe('dispatchMessage for a journey sent by the brand', () => {
  const ofBrand = aDealer({ brandId: 'brand-cn' });
  const brandDeps = (dealer = ofBrand) => ({
    ...dispatchDeps([{ ...aCustomerContext(), dealer }]),
    journeySenders: new Map([['welcome-pack', 'brand' as const]]),
    brands: { getBrand: async (id: string) => (id === 'brand-cn' ? aBrand() : undefined) },
  });
  const welcome = (overrides: Partial<DispatchMessage> = {}) =>
    aMessage({ journeyId: 'welcome-pack', messageId: 'email', channel: 'email', template: 'signed-email', ...overrides });

  it('sends the email From the brand address, signed by its customer centre', async () => {
    const deps = brandDeps();

    const result = await dispatchMessage(welcome(), deps);

    expect(result).toMatchObject({ outcome: 'sent' });
    expect(deps.email.sent[0]).toMatchObject({
      from: 'customer.centre@bavaria-motors.example',
      text: 'Yours, Bavaria Motors Customer Centre (+86 400 800 6666, customer.centre@bavaria-motors.example)',
    });
  });

  it("prints the brand's return address on the piece", async () => {
    const deps = brandDeps();

    await dispatchMessage(welcome({ messageId: 'card', channel: 'print', template: 'signed-card' }), deps);

    expect(deps.printRenderer.pieces[0]).toMatchObject({ signoff: 'Bavaria Motors Customer Centre', sender: { name: 'Bavaria Motors Customer Centre', address: aBrand().address } });
  });

  it("signs a dealer's journey as the dealer and sends it from the configured address", async () => {
    const deps = brandDeps();

    await dispatchMessage(welcome({ journeyId: 'birthday' }), deps);

    expect(deps.email.sent[0]).not.toHaveProperty('from');
    expect(deps.email.sent[0]?.text).toBe('Yours, Pudong Premium Motors (+86 21 5555 0100, service@pudong-motors.example)');
  });

  it('records the send failed, with the reason, when the dealer belongs to no brand', async () => {
    const deps = brandDeps(aDealer());

    const result = await dispatchMessage(welcome(), deps);

    expect(result).toEqual({ outcome: 'failed', channel: 'email', reason: 'no-brand: dealer dealer-sh belongs to no brand, and the journey is sent by the brand' });
    expect(deps.email.sent).toHaveLength(0);
    expect(statusOfTheSend(deps)).toMatchObject({ status: 'failed' });
  });

  it("records the send failed when the dealer's brand is not stored", async () => {
    const deps = brandDeps(aDealer({ brandId: 'gone' }));

    const result = await dispatchMessage(welcome(), deps);

    expect(result).toMatchObject({ outcome: 'failed', reason: 'brand-missing: brand gone of dealer dealer-sh is not stored' });
  });
});
