import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryLedger } from '../../shared/adapters/memory/ledger';
import type { Channel } from '../../shared/domain/customer';
import type { DueOccurrence } from '../../shared/domain/journey/plan';
import type { OccurrenceRef, SendClaim, SendRef, SendStatus } from '../../shared/ports/ledger';

/**
 * The ledger's rules written plainly, every row in a map by its whole key: what the in-memory
 * ledger (kept by customer, each customer's occurrences on a short list) must answer alike.
 */
function plainLedger() {
  const occurrences = new Map<string, { ref: OccurrenceRef; date: string; status: string }>();
  const sends = new Map<string, { status: SendStatus; leaseUntil?: number; dueAt?: number }>();
  const idOf = (ref: OccurrenceRef) => JSON.stringify([ref.customerId, ref.journeyId, ref.occurrenceKey]);
  const sendIdOf = (ref: SendRef) => JSON.stringify([idOf(ref), ref.messageId]);
  const claimable = (send: { status: SendStatus; leaseUntil?: number; dueAt?: number } | undefined, now: number) =>
    !send || (send.status === 'sending' && send.leaseUntil! < now) || (send.status === 'deferred' && send.dueAt! <= now);
  const move = (ref: OccurrenceRef, status: string) => {
    const stored = occurrences.get(idOf(ref));
    if (stored && (stored.status === 'claimed' || stored.status === 'queued')) stored.status = status;
  };
  return {
    claimOccurrence(occurrence: DueOccurrence) {
      const stored = occurrences.get(idOf(occurrence));
      if (!stored) occurrences.set(idOf(occurrence), { ref: occurrence, date: occurrence.occurrenceDate, status: 'claimed' });
      return !stored ? 'new' : stored.status === 'claimed' ? 'resume' : 'done';
    },
    move,
    claimSend(ref: SendRef, now: number, leaseSeconds: number): SendClaim {
      const send = sends.get(sendIdOf(ref));
      if (claimable(send, now)) {
        sends.set(sendIdOf(ref), { status: 'sending', leaseUntil: now + leaseSeconds * 1000 });
        return { outcome: 'claimed' };
      }
      if (send!.status === 'sending') return { outcome: 'in-progress' };
      if (send!.status === 'deferred') return { outcome: 'deferred', dueAt: new Date(send!.dueAt!).toISOString() };
      return { outcome: 'finished', status: send!.status as Exclude<SendStatus, 'sending' | 'deferred'> };
    },
    record(ref: SendRef, status: Exclude<SendStatus, 'sending'>, dueAt?: number) {
      sends.set(sendIdOf(ref), status === 'deferred' ? { status, dueAt: dueAt! } : { status });
    },
    expireSend(ref: SendRef, now: number) {
      if (!claimable(sends.get(sendIdOf(ref)), now)) return false;
      sends.set(sendIdOf(ref), { status: 'expired' });
      return true;
    },
    releaseSend(ref: SendRef) {
      const send = sends.get(sendIdOf(ref));
      if (send?.status === 'sending') send.leaseUntil = 0;
    },
    statusOf: (ref: SendRef) => sends.get(sendIdOf(ref))?.status,
    openOn: (date: string) => [...occurrences.values()].filter((stored) => stored.date === date && (stored.status === 'claimed' || stored.status === 'queued')).map((stored) => idOf(stored.ref)),
    claimOrder: () => [...occurrences.values()].map((stored) => idOf(stored.ref)),
    idOf,
  };
}

const customers = ['c-1', 'c-2', 'c-1#x'];
const journeys = ['birthday', 'winter-check'];
const keys = ['2026', 'x#c-1', '2027'];
const messageIds = ['email', 'sms'];
const dates = ['2026-03-14', '2026-03-15'];
const channelOf = (messageId: string): Channel => (messageId === 'email' ? 'email' : 'sms');

const ref = fc.record({ customerId: fc.constantFrom(...customers), journeyId: fc.constantFrom(...journeys), occurrenceKey: fc.constantFrom(...keys) });
const sendRef = fc.record({ customerId: fc.constantFrom(...customers), journeyId: fc.constantFrom(...journeys), occurrenceKey: fc.constantFrom(...keys), messageId: fc.constantFrom(...messageIds) });
const operation = fc.oneof(
  fc.record({ kind: fc.constant('claim' as const), ref, date: fc.constantFrom(...dates) }),
  fc.record({ kind: fc.constantFrom('queued' as const, 'redriven' as const, 'closed' as const, 'expired' as const), ref }),
  fc.record({ kind: fc.constant('claim-send' as const), send: sendRef, lease: fc.constantFrom(0, 60, 600) }),
  fc.record({ kind: fc.constant('outcome' as const), send: sendRef, status: fc.constantFrom('sent' as const, 'skipped' as const, 'deferred' as const, 'failed' as const), dueInMinutes: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ kind: fc.constant('expire-send' as const), send: sendRef }),
  fc.record({ kind: fc.constant('release' as const), send: sendRef }),
  fc.record({ kind: fc.constant('later' as const), minutes: fc.integer({ min: 1, max: 20 }) }),
);

describe('in-memory ledger (kept by customer) against the rules written plainly', () => {
  it('answers every claim, write and read alike, with and without copies and final rows (property: random operations on colliding keys)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 40 }), fc.boolean(), fc.boolean(), async (operations, copies, finalRows) => {
        const ledger = createMemoryLedger({ copies, finalRows });
        const plain = plainLedger();
        let now = Date.parse('2026-03-14T09:00:00.000Z');
        for (const operation of operations) {
          const at = new Date(now);
          switch (operation.kind) {
            case 'claim': {
              const occurrence: DueOccurrence = {
                ...operation.ref,
                occurrenceDate: operation.date,
                messages: messageIds.map((messageId) => ({ messageId, channel: channelOf(messageId), template: `${operation.ref.journeyId}-${messageId}`, contactable: true })),
              };
              expect(await ledger.claimOccurrence(occurrence, at)).toBe(plain.claimOccurrence(occurrence));
              break;
            }
            case 'queued':
            case 'redriven':
            case 'closed':
            case 'expired': {
              if (operation.kind === 'queued') await ledger.markOccurrenceQueued({ ...operation.ref, occurrenceDate: dates[0]!, messages: [] }, at);
              if (operation.kind === 'redriven') await ledger.markOccurrenceRedriven(operation.ref, at);
              if (operation.kind === 'closed') await ledger.closeOccurrence(operation.ref, at);
              if (operation.kind === 'expired') await ledger.expireOccurrence(operation.ref, 'given up', at);
              plain.move(operation.ref, operation.kind === 'redriven' ? 'queued' : operation.kind);
              break;
            }
            case 'claim-send':
              expect(await ledger.claimSend(operation.send, channelOf(operation.send.messageId), at, operation.lease)).toEqual(plain.claimSend(operation.send, now, operation.lease));
              break;
            case 'outcome': {
              const dueAt = now + operation.dueInMinutes * 60_000;
              const outcome = operation.status === 'deferred' ? { status: operation.status, channel: channelOf(operation.send.messageId), reason: 'quiet-hours', dueAt: new Date(dueAt).toISOString() } : { status: operation.status, channel: channelOf(operation.send.messageId) };
              await ledger.recordSendOutcome(operation.send, outcome, at);
              plain.record(operation.send, operation.status, dueAt);
              break;
            }
            case 'expire-send':
              expect(await ledger.expireSend(operation.send, channelOf(operation.send.messageId), 'given up', at)).toBe(plain.expireSend(operation.send, now));
              break;
            case 'release':
              await ledger.releaseSend(operation.send);
              plain.releaseSend(operation.send);
              break;
            case 'later':
              now += operation.minutes * 60_000;
              break;
          }
        }
        for (const customerId of customers) {
          for (const journeyId of journeys) {
            for (const occurrenceKey of keys) {
              const occurrence = { customerId, journeyId, occurrenceKey };
              const listed = await ledger.listOccurrenceSends(occurrence);
              const expected = messageIds.filter((messageId) => plain.statusOf({ ...occurrence, messageId }) !== undefined).map((messageId) => ({ messageId, status: plain.statusOf({ ...occurrence, messageId }) }));
              expect(listed.map(({ messageId, status }) => ({ messageId, status })).sort((a, b) => a.messageId.localeCompare(b.messageId))).toEqual(expected);
              for (const messageId of messageIds) expect(ledger.storedSend(occurrence, messageId)?.status).toBe(plain.statusOf({ ...occurrence, messageId }));
            }
          }
          const sends = await ledger.listSends(customerId);
          expect(sends.every((send) => send.customerId === customerId)).toBe(true);
          const written = journeys.flatMap((journeyId) => keys.flatMap((occurrenceKey) => messageIds.map((messageId) => plain.statusOf({ customerId, journeyId, occurrenceKey, messageId }))));
          expect(sends.length).toBe(written.filter((status) => status !== undefined).length);
        }
        for (const date of dates) {
          const open = (await ledger.listOpenOccurrences(date)).occurrences.map((occurrence) => plain.idOf(occurrence));
          expect(open.sort()).toEqual(plain.openOn(date).sort());
        }
        expect([...ledger.occurrences.values()].map((occurrence) => plain.idOf(occurrence))).toEqual(plain.claimOrder());
        expect(ledger.occurrences.size).toBe(plain.claimOrder().length);
      }),
      { numRuns: 300, examples: [[[{ kind: 'claim', ref: { customerId: 'c-1', journeyId: 'birthday', occurrenceKey: 'x#c-1' }, date: '2026-03-14' }, { kind: 'claim-send', send: { customerId: 'c-1#x', journeyId: 'birthday', occurrenceKey: '2026', messageId: 'email' }, lease: 60 }], true, true]] },
    );
  });

  it('finds an occurrence by its key, as the map of occurrences did', async () => {
    const ledger = createMemoryLedger();
    const occurrence: DueOccurrence = { customerId: 'c-1', journeyId: 'birthday', occurrenceKey: '2026', occurrenceDate: '2026-03-14', messages: [] };
    await ledger.claimOccurrence(occurrence, new Date('2026-03-14T09:00:00Z'));

    expect(ledger.occurrences.get('c-1#birthday#2026')).toMatchObject({ customerId: 'c-1', status: 'claimed' });
    expect(ledger.occurrences.get('c-1#birthday#2027')).toBeUndefined();
  });
});
