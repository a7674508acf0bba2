import { describe, expect, it } from 'vitest';
import { createDynamoLedger } from '../../shared/adapters/dynamodb/ledger';
import { createMemoryLedger } from '../../shared/adapters/memory/ledger';
import type { DueOccurrence } from '../../shared/domain/journey/plan';
import type { Ledger, SendRef } from '../../shared/ports/ledger';
import { localEngineForContract } from '../helpers/contracts';

const t0 = new Date('2026-03-14T09:00:00.000Z');
const seconds = (count: number) => new Date(t0.getTime() + count * 1000);

const occurrence: DueOccurrence = {
  journeyId: 'birthday',
  customerId: 'c-1',
  occurrenceKey: '2026',
  occurrenceDate: '2026-03-14',
  messages: [
    { messageId: 'email', channel: 'email', template: 'birthday-email', contactable: true },
    { messageId: 'sms', channel: 'sms', template: 'birthday-sms', contactable: false },
  ],
};
const email: SendRef = { customerId: 'c-1', journeyId: 'birthday', occurrenceKey: '2026', messageId: 'email' };

/** The rules every ledger keeps: run against the in-memory ledger and the DynamoDB one on dynalite. */
function ledgerContract(newLedger: () => Promise<Ledger>) {
  it('claims an occurrence once: new, then resumed while only claimed, then done once queued', async () => {
    const ledger = await newLedger();

    const first = await ledger.claimOccurrence(occurrence, t0);
    const again = await ledger.claimOccurrence(occurrence, t0);
    await ledger.markOccurrenceQueued(occurrence, t0);
    const afterQueued = await ledger.claimOccurrence(occurrence, t0);

    expect([first, again, afterQueued]).toEqual(['new', 'resume', 'done']);
  });

  it('lists a claimed occurrence as open under its date, with its messages, until it is closed', async () => {
    const ledger = await newLedger();
    await ledger.claimOccurrence(occurrence, t0);

    const open = await ledger.listOpenOccurrences('2026-03-14');
    const otherDate = await ledger.listOpenOccurrences('2026-03-15');
    await ledger.closeOccurrence(occurrence, seconds(60));
    const afterClose = await ledger.listOpenOccurrences('2026-03-14');

    expect(open).toEqual({
      occurrences: [{ customerId: 'c-1', journeyId: 'birthday', occurrenceKey: '2026', occurrenceDate: '2026-03-14', status: 'claimed', messages: occurrence.messages, lastQueuedAt: t0.toISOString() }],
      unreadable: 0,
    });
    expect(otherDate.occurrences).toEqual([]);
    expect(afterClose.occurrences).toEqual([]);
    expect(await ledger.claimOccurrence(occurrence, t0)).toBe('done');
  });

  it("keeps an occurrence's valid-until, so a re-drive past it ends expired rather than late", async () => {
    const ledger = await newLedger();
    const reminder: DueOccurrence = { ...occurrence, journeyId: 'appointment-reminders', occurrenceKey: 'AP-1@2026-03-14T23:00:00.000Z/sms-2h', validUntil: '2026-03-14T23:00:00.000Z' };

    await ledger.claimOccurrence(reminder, t0);
    const { occurrences } = await ledger.listOpenOccurrences('2026-03-14');

    expect(occurrences.find((open) => open.journeyId === 'appointment-reminders')?.validUntil).toBe('2026-03-14T23:00:00.000Z');
  });

  it('keeps the facts a trigger added, so a re-drive renders the same message', async () => {
    const ledger = await newLedger();
    const anniversary: DueOccurrence = { ...occurrence, journeyId: 'car-anniversary', occurrenceKey: 'WBA11AA010CH00001#3', facts: { years: 3, model: 'X5' } };
    await ledger.claimOccurrence(anniversary, t0);

    const { occurrences } = await ledger.listOpenOccurrences('2026-03-14');

    expect(occurrences.find((open) => open.journeyId === 'car-anniversary')?.facts).toEqual({ years: 3, model: 'X5' });
  });

  it('never reopens a closed or expired occurrence', async () => {
    const ledger = await newLedger();
    await ledger.claimOccurrence(occurrence, t0);
    await ledger.expireOccurrence(occurrence, 'too late', seconds(1));

    await ledger.markOccurrenceQueued(occurrence, seconds(2));
    await ledger.markOccurrenceRedriven(occurrence, seconds(3));

    expect((await ledger.listOpenOccurrences('2026-03-14')).occurrences).toEqual([]);
  });

  it('records a re-drive as the last time the messages were queued', async () => {
    const ledger = await newLedger();
    await ledger.claimOccurrence(occurrence, t0);

    await ledger.markOccurrenceRedriven(occurrence, seconds(1200));

    expect((await ledger.listOpenOccurrences('2026-03-14')).occurrences[0]).toMatchObject({ status: 'queued', lastQueuedAt: seconds(1200).toISOString() });
  });

  it('holds a send for its lease, then lets another attempt take it over', async () => {
    const ledger = await newLedger();

    const first = await ledger.claimSend(email, 'email', t0, 90);
    const during = await ledger.claimSend(email, 'email', seconds(89), 90);
    const after = await ledger.claimSend(email, 'email', seconds(91), 90);

    expect([first, during, after]).toEqual([{ outcome: 'claimed' }, { outcome: 'in-progress' }, { outcome: 'claimed' }]);
  });

  it("lists an occurrence's sends, with the lease while sending", async () => {
    const ledger = await newLedger();
    await ledger.claimSend(email, 'email', t0, 90);
    await ledger.claimSend({ ...email, occurrenceKey: '2025' }, 'email', t0, 90);

    const sends = await ledger.listOccurrenceSends(occurrence);

    expect(sends).toEqual([{ ...email, channel: 'email', status: 'sending', updatedAt: t0.toISOString(), leaseUntil: seconds(90).toISOString() }]);
  });

  it('expires a send never attempted, or whose lease ran out, and a late attempt then finds it finished', async () => {
    const ledger = await newLedger();
    await ledger.claimSend(email, 'email', t0, 90);

    const underLease = await ledger.expireSend(email, 'email', 'too late', seconds(10));
    const leaseOver = await ledger.expireSend(email, 'email', 'too late', seconds(100));
    const neverAttempted = await ledger.expireSend({ ...email, messageId: 'card' }, 'print', 'too late', seconds(100));
    const late = await ledger.claimSend(email, 'email', seconds(200), 90);

    expect([underLease, leaseOver, neverAttempted]).toEqual([false, true, true]);
    expect(late).toEqual({ outcome: 'finished', status: 'expired' });
    expect((await ledger.listSends('c-1')).find((send) => send.messageId === 'email')).toMatchObject({ status: 'expired', reason: 'too late' });
  });

  it('never expires a finished send', async () => {
    const ledger = await newLedger();
    await ledger.claimSend(email, 'email', t0, 90);
    await ledger.recordSendOutcome(email, { status: 'sent', channel: 'email', providerMessageId: 'ses-1' }, seconds(1));

    expect(await ledger.expireSend(email, 'email', 'too late', seconds(1000))).toBe(false);
    expect((await ledger.listSends('c-1'))[0]).toMatchObject({ status: 'sent', providerMessageId: 'ses-1' });
  });

  it('holds a deferred send until its due instant, then lets it be claimed again', async () => {
    const ledger = await newLedger();
    const dueAt = seconds(3600).toISOString();
    await ledger.claimSend(email, 'email', t0, 90);
    await ledger.recordSendOutcome(email, { status: 'deferred', channel: 'email', reason: 'quiet-hours', dueAt }, seconds(1));

    const history = await ledger.listSends('c-1');
    const early = await ledger.claimSend(email, 'email', seconds(3599), 90);
    const due = await ledger.claimSend(email, 'email', seconds(3600), 90);

    expect(history).toEqual([{ ...email, channel: 'email', status: 'deferred', reason: 'quiet-hours', dueAt, updatedAt: seconds(1).toISOString() }]);
    expect(early).toEqual({ outcome: 'deferred', dueAt });
    expect(due).toEqual({ outcome: 'claimed' });
    expect((await ledger.listSends('c-1'))[0]).not.toHaveProperty('dueAt');
  });

  it('never expires a deferred send before its due instant', async () => {
    const ledger = await newLedger();
    await ledger.recordSendOutcome(email, { status: 'deferred', channel: 'email', reason: 'quiet-hours', dueAt: seconds(3600).toISOString() }, t0);

    const beforeDue = await ledger.expireSend(email, 'email', 'too late', seconds(3599));
    const afterDue = await ledger.expireSend(email, 'email', 'too late', seconds(3601));

    expect([beforeDue, afterDue]).toEqual([false, true]);
  });

  it('keeps a frequency-capped send final, with its reason', async () => {
    const ledger = await newLedger();
    await ledger.claimSend(email, 'email', t0, 90);
    await ledger.recordSendOutcome(email, { status: 'frequency-capped', channel: 'email', reason: '2 promotional messages in 7 days' }, seconds(1));

    expect(await ledger.claimSend(email, 'email', seconds(1000), 90)).toEqual({ outcome: 'finished', status: 'frequency-capped' });
    expect((await ledger.listSends('c-1'))[0]).toMatchObject({ status: 'frequency-capped', reason: '2 promotional messages in 7 days' });
  });

  it('writes the frequency-cap counter only on the version read, so one of two racing writers loses', async () => {
    const ledger = await newLedger();
    const birthday = { journeyId: 'birthday', occurrenceKey: '2026', date: '2026-03-14' };
    const festival = { journeyId: 'spring-festival', occurrenceKey: '2026-02-17', date: '2026-03-14' };

    const empty = await ledger.readContacts('c-1');
    const first = await ledger.saveContacts('c-1', { contacts: [birthday], settled: [] }, 0, t0);
    const racer = await ledger.saveContacts('c-1', { contacts: [festival], settled: [] }, 0, t0);
    const read = await ledger.readContacts('c-1');
    const next = await ledger.saveContacts('c-1', { contacts: [birthday, festival], settled: [] }, read.version, t0);

    expect(empty).toEqual({ contacts: [], settled: [], version: 0 });
    expect([first, racer, next]).toEqual([true, false, true]);
    expect(read).toEqual({ contacts: [birthday], settled: [], version: 1 });
    expect(await ledger.readContacts('c-1')).toEqual({ contacts: [birthday, festival], settled: [], version: 2 });
  });

  it("settles an occurrence once: gives its cap slot back, marks it settled, keeps the other contacts, and moves the version on", async () => {
    const ledger = await newLedger();
    const birthday = { journeyId: 'birthday', occurrenceKey: '2026', date: '2026-03-14' };
    const festival = { journeyId: 'spring-festival', occurrenceKey: '2026-02-17', date: '2026-03-14' };
    const ref = { customerId: 'c-1', journeyId: 'birthday', occurrenceKey: '2026' };
    await ledger.saveContacts('c-1', { contacts: [festival, birthday], settled: [] }, 0, t0);

    const first = await ledger.settleOccurrence(ref, '2026-03-14', seconds(1));
    const again = await ledger.settleOccurrence(ref, '2026-03-14', seconds(2));
    // A dispatch that read the counter before the settling must not write over it.
    const stale = await ledger.saveContacts('c-1', { contacts: [festival, birthday, birthday], settled: [] }, 1, seconds(3));

    expect([first, again, stale]).toEqual([true, false, false]);
    expect(await ledger.readContacts('c-1')).toEqual({ contacts: [festival], settled: [birthday], version: 2 });
  });

  it('settles an occurrence that took no slot (skipped by a policy) with one write, and a customer without a counter gets one', async () => {
    const ledger = await newLedger();
    const festival = { journeyId: 'spring-festival', occurrenceKey: '2026-02-17', date: '2026-03-13' };
    await ledger.saveContacts('c-1', { contacts: [festival], settled: [] }, 0, t0);

    const skipped = await ledger.settleOccurrence({ customerId: 'c-1', journeyId: 'birthday', occurrenceKey: '2026' }, '2026-03-14', seconds(1));
    const again = await ledger.settleOccurrence({ customerId: 'c-1', journeyId: 'birthday', occurrenceKey: '2026' }, '2026-03-14', seconds(2));
    const newcomer = await ledger.settleOccurrence({ customerId: 'c-2', journeyId: 'birthday', occurrenceKey: '2026' }, '2026-03-14', seconds(2));

    expect([skipped, again, newcomer]).toEqual([false, false, false]);
    expect(await ledger.readContacts('c-1')).toEqual({ contacts: [festival], settled: [{ journeyId: 'birthday', occurrenceKey: '2026', date: '2026-03-14' }], version: 2 });
    expect(await ledger.readContacts('c-2')).toEqual({ contacts: [], settled: [{ journeyId: 'birthday', occurrenceKey: '2026', date: '2026-03-14' }], version: 1 });
  });

  it('lets one of a settling and a racing contact write through on the version read, and the other sees it', async () => {
    const ledger = await newLedger();
    const festival = { journeyId: 'spring-festival', occurrenceKey: '2026-02-17', date: '2026-03-14' };
    const read = await ledger.readContacts('c-1');

    await ledger.settleOccurrence({ customerId: 'c-1', journeyId: 'birthday', occurrenceKey: '2026' }, '2026-03-14', seconds(1));
    const racer = await ledger.saveContacts('c-1', { contacts: [festival], settled: [] }, read.version, seconds(1));

    expect(racer).toBe(false);
    expect((await ledger.readContacts('c-1')).settled).toEqual([{ journeyId: 'birthday', occurrenceKey: '2026', date: '2026-03-14' }]);
  });

  it('releases the lease of a send whose holder is known dead', async () => {
    const ledger = await newLedger();
    await ledger.claimSend(email, 'email', t0, 90);

    await ledger.releaseSend(email);

    expect(await ledger.claimSend(email, 'email', seconds(1), 90)).toEqual({ outcome: 'claimed' });
  });
}

describe('ledger contract: in memory', () => {
  ledgerContract(async () => createMemoryLedger());
});

describe('ledger contract: in memory, finished occurrences turned into final rows (simulate)', () => {
  ledgerContract(async () => createMemoryLedger({ finalRows: true }));
});

describe('ledger contract: DynamoDB on dynalite', () => {
  const { engine, freshTable } = localEngineForContract('ledger-contract');

  ledgerContract(async () => createDynamoLedger(engine().dynamo, await freshTable()));
});
