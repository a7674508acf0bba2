import type { Channel } from '../../domain/customer';
import type { Ledger, OccurrenceRef, OccurrenceStatus, OpenOccurrence, SendOutcome, SendRecord, SendRef, SendStatus } from '../../ports/ledger';
import type { DueMessage } from '../../domain/journey/plan';
import type { OccurrenceFacts } from '../../domain/triggers/kind';
import type { JourneyCategory } from '../../domain/journey/schema';
import { noContacts, type ContactHistory } from '../../domain/policies/frequency-cap';

export interface StoredOccurrence extends OccurrenceRef {
  occurrenceDate: string;
  status: OccurrenceStatus;
  messages: DueMessage[];
  facts?: OccurrenceFacts;
  sendDate?: string;
  category?: JourneyCategory;
  priority?: number;
  lastQueuedAt: string;
  reason?: string;
}

export interface StoredSend extends SendRef {
  channel: Channel;
  status: SendStatus;
  updatedAt: string;
  /** Epoch milliseconds, while `sending`. */
  leaseUntil?: number;
  /** While `deferred`. */
  dueAt?: string;
  outcome?: SendOutcome;
  reason?: string;
}

const occurrenceId = (ref: OccurrenceRef) => `${ref.customerId}#${ref.journeyId}#${ref.occurrenceKey}`;
const sendId = (ref: SendRef) => `${occurrenceId(ref)}#${ref.messageId}`;
const isOpen = (status: OccurrenceStatus) => status === 'claimed' || status === 'queued';

function toRecord(send: StoredSend): SendRecord {
  const { leaseUntil, dueAt, outcome, reason, ...record } = send;
  return {
    ...record,
    ...(send.status === 'sending' && leaseUntil !== undefined ? { leaseUntil: new Date(leaseUntil).toISOString() } : {}),
    ...(send.status === 'deferred' && dueAt !== undefined ? { dueAt } : {}),
    ...(outcome?.providerMessageId ? { providerMessageId: outcome.providerMessageId } : {}),
    ...(outcome?.location ? { location: outcome.location } : {}),
    ...(reason ? { reason } : {}),
  };
}

/**
 * The ledger in memory, with the same rules as the DynamoDB one (the contract tests run both): for
 * unit tests and properties, never for real sends.
 */
export function createMemoryLedger(): Ledger & {
  occurrences: Map<string, StoredOccurrence>;
  sends: Map<string, StoredSend>;
  contacts: Map<string, ContactHistory>;
  /** The send as stored (no copy), for readers of the whole ledger such as `simulate`. */
  storedSend(send: SendRef): StoredSend | undefined;
} {
  const occurrences = new Map<string, StoredOccurrence>();
  const sends = new Map<string, StoredSend>();
  const contacts = new Map<string, ContactHistory>();
  // Indexes, as the table's keys and GSI1 serve these reads: a read costs what it finds, not the ledger.
  const sendsOfOccurrence = new Map<string, Set<string>>();
  const openOnDate = new Map<string, Set<string>>();
  const openDateOf = (stored: StoredOccurrence) => stored.sendDate ?? stored.occurrenceDate;
  const putSend = (send: StoredSend) => {
    const id = sendId(send);
    sends.set(id, send);
    const occurrence = occurrenceId(send);
    let ids = sendsOfOccurrence.get(occurrence);
    if (!ids) sendsOfOccurrence.set(occurrence, (ids = new Set()));
    ids.add(id);
  };
  const moveOpen = (ref: OccurrenceRef, change: Partial<StoredOccurrence>) => {
    const id = occurrenceId(ref);
    const stored = occurrences.get(id);
    if (!stored || !isOpen(stored.status)) return;
    Object.assign(stored, change);
    if (!isOpen(stored.status)) openOnDate.get(openDateOf(stored))?.delete(id);
  };
  const claimable = (send: StoredSend | undefined, now: Date) =>
    !send || (send.status === 'sending' && (send.leaseUntil ?? 0) < now.getTime()) || (send.status === 'deferred' && Date.parse(send.dueAt!) <= now.getTime());

  return {
    occurrences,
    sends,
    contacts,
    storedSend: (send) => sends.get(sendId(send)),
    async claimOccurrence(occurrence, now) {
      const existing = occurrences.get(occurrenceId(occurrence));
      if (!existing) {
        const { customerId, journeyId, occurrenceKey, occurrenceDate, messages, facts, sendDate, category, priority } = occurrence;
        occurrences.set(occurrenceId(occurrence), {
          customerId, journeyId, occurrenceKey, occurrenceDate, messages: structuredClone(messages), status: 'claimed', lastQueuedAt: now.toISOString(),
          ...(facts ? { facts: { ...facts } } : {}),
          ...(sendDate ? { sendDate } : {}),
          ...(category ? { category, priority } : {}),
        });
        const date = sendDate ?? occurrenceDate;
        let open = openOnDate.get(date);
        if (!open) openOnDate.set(date, (open = new Set()));
        open.add(occurrenceId(occurrence));
        return 'new';
      }
      return existing.status === 'claimed' ? 'resume' : 'done';
    },
    async markOccurrenceQueued(occurrence, now) {
      moveOpen(occurrence, { status: 'queued', lastQueuedAt: now.toISOString() });
    },
    async claimSend(send, channel, now, leaseSeconds) {
      const existing = sends.get(sendId(send));
      if (claimable(existing, now)) {
        const { customerId, journeyId, occurrenceKey, messageId } = send;
        putSend({
          customerId, journeyId, occurrenceKey, messageId, channel, status: 'sending', updatedAt: now.toISOString(), leaseUntil: now.getTime() + leaseSeconds * 1000,
        });
        return { outcome: 'claimed' };
      }
      const { status } = existing!;
      if (status === 'sending') return { outcome: 'in-progress' };
      if (status === 'deferred') return { outcome: 'deferred', dueAt: existing!.dueAt! };
      return { outcome: 'finished', status };
    },
    async recordSendOutcome(send, outcome, now) {
      const { customerId, journeyId, occurrenceKey, messageId } = send;
      putSend({
        customerId, journeyId, occurrenceKey, messageId, channel: outcome.channel, status: outcome.status, updatedAt: now.toISOString(), outcome,
        ...(outcome.reason ? { reason: outcome.reason } : {}),
        ...(outcome.status === 'deferred' ? { dueAt: outcome.dueAt } : {}),
      });
    },
    async listSends(customerId) {
      return [...sends.values()].filter((send) => send.customerId === customerId).map(toRecord);
    },
    async readContacts(customerId) {
      return structuredClone(contacts.get(customerId) ?? noContacts);
    },
    async saveContacts(customerId, list, expectedVersion) {
      if ((contacts.get(customerId)?.version ?? 0) !== expectedVersion) return false;
      contacts.set(customerId, { contacts: structuredClone([...list]), version: expectedVersion + 1 });
      return true;
    },
    async listOpenOccurrences(occurrenceDate) {
      const open = [...(openOnDate.get(occurrenceDate) ?? [])].map((id) => occurrences.get(id)!);
      return {
        occurrences: open.map(({ reason: _reason, ...stored }): OpenOccurrence => ({ ...structuredClone(stored), status: stored.status as 'claimed' | 'queued' })),
        unreadable: 0,
      };
    },
    async listOccurrenceSends(occurrence) {
      return [...(sendsOfOccurrence.get(occurrenceId(occurrence)) ?? [])].map((id) => toRecord(sends.get(id)!));
    },
    async markOccurrenceRedriven(occurrence, now) {
      moveOpen(occurrence, { status: 'queued', lastQueuedAt: now.toISOString() });
    },
    async closeOccurrence(occurrence) {
      moveOpen(occurrence, { status: 'closed' });
    },
    async expireOccurrence(occurrence, reason) {
      moveOpen(occurrence, { status: 'expired', reason });
    },
    async expireSend(send, channel, reason, now) {
      if (!claimable(sends.get(sendId(send)), now)) return false;
      const { customerId, journeyId, occurrenceKey, messageId } = send;
      putSend({ customerId, journeyId, occurrenceKey, messageId, channel, status: 'expired', updatedAt: now.toISOString(), reason });
      return true;
    },
    async releaseSend(send) {
      const existing = sends.get(sendId(send));
      if (existing?.status === 'sending') existing.leaseUntil = 0;
    },
  };
}
