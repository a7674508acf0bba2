import type { Channel } from '../../domain/customer';
import type { Ledger, OccurrenceRef, OccurrenceStatus, OpenOccurrence, SendOutcome, SendRecord, SendRef, SendStatus } from '../../ports/ledger';
import type { DueMessage } from '../../domain/journey/plan';
import type { OccurrenceFacts } from '../../domain/triggers/kind';
import type { JourneyCategory } from '../../domain/journey/schema';
import { hasContact, noContacts, withSettled, type Contact, type ContactHistory } from '../../domain/policies/frequency-cap';
import { frozenCopy } from './frozen-copy';

export interface StoredOccurrence extends OccurrenceRef {
  occurrenceDate: string;
  status: OccurrenceStatus;
  messages: DueMessage[];
  facts?: OccurrenceFacts;
  sendDate?: string;
  category?: JourneyCategory;
  priority?: number;
  validUntil?: string;
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

/** What a finished occurrence keeps of a send (see `finalRows`): the fields its outcome is read from. */
type FinalSend = Pick<StoredSend, 'messageId' | 'channel' | 'status' | 'updatedAt' | 'reason'>;

/**
 * A closed or expired occurrence with `finalRows`: its key, what `simulate` reads of it, and its
 * sends beside it (by messageId) instead of in the ledger's send map.
 */
type FinalOccurrence = Pick<StoredOccurrence, 'customerId' | 'journeyId' | 'occurrenceKey' | 'occurrenceDate' | 'status' | 'messages' | 'lastQueuedAt' | 'category'> & {
  /** A short list rather than a map: an occurrence has a few sends, and a map costs more than they do. */
  finalSends: readonly FinalSend[] | undefined;
};

// Each call builds an occurrence's id once and a send's id from it: a built key is hashed again each time.
const occurrenceId = (ref: OccurrenceRef) => `${ref.customerId}#${ref.journeyId}#${ref.occurrenceKey}`;
const sendIdIn = (occurrence: string, messageId: string) => `${occurrence}#${messageId}`;
const sendId = (ref: SendRef) => sendIdIn(occurrenceId(ref), ref.messageId);
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
 * unit tests and properties, never for real sends. A contact history is read and saved as a copy,
 * as a table item is, and so are the open occurrences; `copies: false` (simulate, whose dispatch
 * only reads a history and saves a new list, and whose reconciler only reads occurrences) keeps
 * each saved list frozen and hands out what is stored: a copy per promotional send and per open
 * occurrence each day was a twentieth of a simulated year.
 *
 * `finalRows: true` (simulate) turns an occurrence into a compact final row when it closes or
 * expires (all its sends finished by then): its facts, ranking and provider outcomes dropped, its
 * sends moved beside it without their own keys. A year at 100,000 customers is millions of sends
 * that nothing but the period's final report reads again; each kept whole was ~650 bytes. A later
 * write to one of its sends goes to the send map, which is read first, as before.
 */
export function createMemoryLedger({ copies = true, finalRows = false }: { copies?: boolean; finalRows?: boolean } = {}): Ledger & {
  occurrences: Map<string, StoredOccurrence>;
  sends: Map<string, StoredSend>;
  contacts: Map<string, ContactHistory>;
  /** The send as stored (no copy), for readers of the whole ledger such as `simulate`. */
  storedSend(send: SendRef): StoredSend | undefined;
} {
  const occurrences = new Map<string, StoredOccurrence>();
  const sends = new Map<string, StoredSend>();
  const contacts = new Map<string, ContactHistory>();
  const storedContacts = (list: readonly Contact[]): readonly Contact[] => (copies ? structuredClone([...list]) : Object.freeze(list.map((contact) => Object.freeze({ ...contact }))));
  // Indexes, as the table's keys and GSI1 serve these reads: a read costs what it finds, not the ledger.
  // An occurrence has a few sends: a short list of their ids is smaller than a set.
  const sendsOfOccurrence = new Map<string, string[]>();
  // A year of a hundred thousand customers is millions of occurrences whose messages are a few
  // dozen distinct lists (a journey's steps, each reachable or not): each distinct list is kept
  // once, frozen, and shared; a reader gets a copy, as a read from the table gives.
  const messageLists = new Map<string, readonly DueMessage[]>();
  const strings = new Map<string, string>();
  const storedMessages = (messages: readonly DueMessage[]): DueMessage[] => {
    const key = messages.map((message) => `${message.messageId}\n${message.channel}\n${message.template}\n${message.contactable}`).join('\n\n');
    let kept = messageLists.get(key);
    if (kept === undefined) messageLists.set(key, (kept = frozenCopy(messages, strings)));
    return kept as DueMessage[];
  };
  // Writes of one instant (a tick's claims and sends) share its text rather than each making one.
  let lastInstant = { time: Number.NaN, text: '' };
  const textOf = (now: Date) => {
    if (now.getTime() !== lastInstant.time) lastInstant = { time: now.getTime(), text: now.toISOString() };
    return lastInstant.text;
  };
  const openOnDate = new Map<string, Set<string>>();
  const openDateOf = (stored: StoredOccurrence) => stored.sendDate ?? stored.occurrenceDate;
  const putSend = (send: StoredSend, occurrence = occurrenceId(send), id = sendIdIn(occurrence, send.messageId)) => {
    sends.set(id, send);
    const ids = sendsOfOccurrence.get(occurrence);
    if (!ids) sendsOfOccurrence.set(occurrence, [id]);
    else if (!ids.includes(id)) ids.push(id);
  };
  const moveOpen = (ref: OccurrenceRef, change: Partial<StoredOccurrence>) => {
    const id = occurrenceId(ref);
    const stored = occurrences.get(id);
    if (!stored || !isOpen(stored.status)) return;
    Object.assign(stored, change);
    if (isOpen(stored.status)) return;
    openOnDate.get(openDateOf(stored))?.delete(id);
    if (finalRows) occurrences.set(id, finalRowOf(id, stored));
  };
  const finalRowOf = (id: string, stored: StoredOccurrence): StoredOccurrence => {
    const ids = sendsOfOccurrence.get(id);
    sendsOfOccurrence.delete(id);
    const finalSends = ids?.map((sendKey): FinalSend => {
      const { messageId, channel, status, updatedAt, reason } = sends.get(sendKey)!;
      sends.delete(sendKey);
      return reason === undefined ? { messageId, channel, status, updatedAt } : { messageId, channel, status, updatedAt, reason };
    });
    const { customerId, journeyId, occurrenceKey, occurrenceDate, status, messages, lastQueuedAt, category } = stored;
    const row: FinalOccurrence = { customerId, journeyId, occurrenceKey, occurrenceDate, status, messages, lastQueuedAt, ...(category ? { category } : {}), finalSends };
    return row;
  };
  /** A finished occurrence's sends kept beside it, except those written again since (in the send map). */
  const finalSendsOf = (stored: StoredOccurrence, id = occurrenceId(stored)): StoredSend[] => {
    const { customerId, journeyId, occurrenceKey } = stored;
    return ((stored as Partial<FinalOccurrence>).finalSends ?? [])
      .filter((final) => !sends.has(sendIdIn(id, final.messageId)))
      .map((final) => ({ customerId, journeyId, occurrenceKey, ...final }));
  };
  /** The send as stored: in the send map, or (`finalRows`) beside its finished occurrence. */
  const findSend = (ref: SendRef, occurrence = occurrenceId(ref), id = sendIdIn(occurrence, ref.messageId)): StoredSend | undefined => {
    const stored = sends.get(id);
    if (stored || !finalRows) return stored;
    const final = (occurrences.get(occurrence) as Partial<FinalOccurrence> | undefined)?.finalSends?.find((send) => send.messageId === ref.messageId);
    if (!final) return undefined;
    const { customerId, journeyId, occurrenceKey } = ref;
    return { customerId, journeyId, occurrenceKey, ...final };
  };
  const claimable = (send: StoredSend | undefined, now: Date) =>
    !send || (send.status === 'sending' && (send.leaseUntil ?? 0) < now.getTime()) || (send.status === 'deferred' && Date.parse(send.dueAt!) <= now.getTime());

  return {
    occurrences,
    sends,
    contacts,
    storedSend: (send) => findSend(send),
    async claimOccurrence(occurrence, now) {
      const id = occurrenceId(occurrence);
      const existing = occurrences.get(id);
      if (!existing) {
        const { customerId, journeyId, occurrenceKey, occurrenceDate, messages, facts, sendDate, category, priority, validUntil } = occurrence;
        occurrences.set(id, {
          customerId, journeyId, occurrenceKey, occurrenceDate, messages: storedMessages(messages), status: 'claimed', lastQueuedAt: textOf(now),
          ...(facts ? { facts: { ...facts } } : {}),
          ...(sendDate ? { sendDate } : {}),
          ...(category ? { category, priority } : {}),
          ...(validUntil ? { validUntil } : {}),
        });
        const date = sendDate ?? occurrenceDate;
        let open = openOnDate.get(date);
        if (!open) openOnDate.set(date, (open = new Set()));
        open.add(id);
        return 'new';
      }
      return existing.status === 'claimed' ? 'resume' : 'done';
    },
    async markOccurrenceQueued(occurrence, now) {
      moveOpen(occurrence, { status: 'queued', lastQueuedAt: textOf(now) });
    },
    async claimSend(send, channel, now, leaseSeconds) {
      const occurrence = occurrenceId(send);
      const id = sendIdIn(occurrence, send.messageId);
      const existing = findSend(send, occurrence, id);
      if (claimable(existing, now)) {
        const { customerId, journeyId, occurrenceKey, messageId } = send;
        putSend(
          { customerId, journeyId, occurrenceKey, messageId, channel, status: 'sending', updatedAt: textOf(now), leaseUntil: now.getTime() + leaseSeconds * 1000 },
          occurrence,
          id,
        );
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
        customerId, journeyId, occurrenceKey, messageId, channel: outcome.channel, status: outcome.status, updatedAt: textOf(now), outcome,
        ...(outcome.reason ? { reason: outcome.reason } : {}),
        ...(outcome.status === 'deferred' ? { dueAt: outcome.dueAt } : {}),
      });
    },
    async listSends(customerId) {
      const finished = [...occurrences.values()].filter((stored) => stored.customerId === customerId).flatMap((stored) => finalSendsOf(stored));
      return [...sends.values()].filter((send) => send.customerId === customerId).concat(finished).map(toRecord);
    },
    async readContacts(customerId) {
      const history = contacts.get(customerId) ?? noContacts;
      return copies ? structuredClone(history) : history;
    },
    async saveContacts(customerId, lists, expectedVersion) {
      if ((contacts.get(customerId)?.version ?? 0) !== expectedVersion) return false;
      contacts.set(customerId, Object.freeze({ contacts: storedContacts(lists.contacts), settled: storedContacts(lists.settled), version: expectedVersion + 1 }));
      return true;
    },
    async settleOccurrence(occurrence, today) {
      // One map write between awaits: nothing else writes the counter meanwhile.
      const history = contacts.get(occurrence.customerId) ?? noContacts;
      const next = withSettled(history, occurrence, today);
      if (!next) return false;
      contacts.set(occurrence.customerId, Object.freeze({ contacts: storedContacts(next.contacts), settled: storedContacts(next.settled), version: history.version + 1 }));
      return hasContact(history.contacts, occurrence);
    },
    async listOpenOccurrences(occurrenceDate) {
      const open = [...(openOnDate.get(occurrenceDate) ?? [])].map((id) => occurrences.get(id)!);
      return {
        // Without copies the reconciler reads the stored messages and facts (it never changes them).
        occurrences: open.map(({ reason: _reason, ...stored }): OpenOccurrence => ({ ...(copies ? structuredClone(stored) : stored), status: stored.status as 'claimed' | 'queued' })),
        unreadable: 0,
      };
    },
    async listOccurrenceSends(occurrence) {
      const id = occurrenceId(occurrence);
      const stored = occurrences.get(id);
      const kept = [...(sendsOfOccurrence.get(id) ?? [])].map((key) => sends.get(key)!);
      return kept.concat(stored ? finalSendsOf(stored, id) : []).map(toRecord);
    },
    async markOccurrenceRedriven(occurrence, now) {
      moveOpen(occurrence, { status: 'queued', lastQueuedAt: textOf(now) });
    },
    async closeOccurrence(occurrence) {
      moveOpen(occurrence, { status: 'closed' });
    },
    async expireOccurrence(occurrence, reason) {
      moveOpen(occurrence, { status: 'expired', reason });
    },
    async expireSend(send, channel, reason, now) {
      if (!claimable(findSend(send), now)) return false;
      const { customerId, journeyId, occurrenceKey, messageId } = send;
      putSend({ customerId, journeyId, occurrenceKey, messageId, channel, status: 'expired', updatedAt: textOf(now), reason });
      return true;
    },
    async releaseSend(send) {
      // A finished occurrence's sends are never `sending`: the send map holds every one that is.
      const existing = sends.get(sendId(send));
      if (existing?.status === 'sending') existing.leaseUntil = 0;
    },
  };
}
