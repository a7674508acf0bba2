import type { Channel } from '../../domain/customer';
import type { Ledger, OccurrenceRef, OccurrenceStatus, OpenOccurrence, SendClaim, SendOutcome, SendRecord, SendRef, SendStatus } from '../../ports/ledger';
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

/** A send as {@link createMemoryLedger}'s `storedSend` hands it out: live (a `StoredSend`) or final. */
export type StoredSendFields = FinalSend & Pick<StoredSend, 'dueAt'>;

/**
 * A closed or expired occurrence with `finalRows`: its key, what `simulate` reads of it, and its
 * sends beside it (by messageId) instead of among its live sends.
 */
type FinalOccurrence = Pick<StoredOccurrence, 'customerId' | 'journeyId' | 'occurrenceKey' | 'occurrenceDate' | 'status' | 'messages' | 'lastQueuedAt' | 'category'> & {
  /** A short list rather than a map: an occurrence has a few sends, and a map costs more than they do. */
  finalSends: readonly FinalSend[] | undefined;
};

const isOpen = (status: OccurrenceStatus) => status === 'claimed' || status === 'queued';

/** The send's record as a read from the table gives it; built field by field (a read per reconciled occurrence). */
function toRecord(send: StoredSend): SendRecord {
  const { customerId, journeyId, occurrenceKey, messageId, channel, status, updatedAt, leaseUntil, dueAt, outcome, reason } = send;
  const record: SendRecord = { customerId, journeyId, occurrenceKey, messageId, channel, status, updatedAt };
  if (status === 'sending' && leaseUntil !== undefined) record.leaseUntil = new Date(leaseUntil).toISOString();
  if (status === 'deferred' && dueAt !== undefined) record.dueAt = dueAt;
  if (outcome?.providerMessageId) record.providerMessageId = outcome.providerMessageId;
  if (outcome?.location) record.location = outcome.location;
  if (reason) record.reason = reason;
  return record;
}

/** In an indexed loop: every claim compares its messages with its journey's kept lists. */
function sameMessages(kept: readonly DueMessage[], messages: readonly DueMessage[]): boolean {
  if (kept.length !== messages.length) return false;
  for (let at = 0; at < kept.length; at += 1) {
    const message = kept[at]!;
    const other = messages[at]!;
    if (message.messageId !== other.messageId || message.channel !== other.channel || message.template !== other.template || message.contactable !== other.contactable) return false;
  }
  return true;
}

/** The list of `lists` with the same messages, if any. */
function keptListOf(lists: readonly (readonly DueMessage[])[], messages: readonly DueMessage[]): readonly DueMessage[] | undefined {
  for (let at = 0; at < lists.length; at += 1) if (sameMessages(lists[at]!, messages)) return lists[at];
  return undefined;
}

/** The send of `messageId` on an occurrence's short list of sends. */
const sendOn = <T extends { messageId: string }>(list: readonly T[] | undefined, messageId: string): T | undefined => {
  if (list === undefined) return undefined;
  for (let at = 0; at < list.length; at += 1) if (list[at]!.messageId === messageId) return list[at];
  return undefined;
};

/**
 * One occurrence's place in the ledger: its row (none for sends written for an occurrence never
 * claimed, as a table would take them) and its sends, filed under its customer.
 */
interface Slot extends OccurrenceRef {
  occurrence: StoredOccurrence | undefined;
  /** Its sends as stored; with `finalRows`, once it finished, only those written since. */
  sends: StoredSend[] | undefined;
  /** Its row's place in claim order (`claimed`); -1 while it has none. */
  order: number;
}

/** The occurrences of the ledger as a read-only map by `customerId#journeyId#occurrenceKey`, in the order claimed. */
export interface StoredOccurrences {
  readonly size: number;
  values(): IterableIterator<StoredOccurrence>;
  /** Looked up by a walk over all of them: for tests. */
  get(id: string): StoredOccurrence | undefined;
}

const noneStored: readonly Contact[] = Object.freeze([]);

/** A send's claim taken: one answer for all (nothing reads it but its outcome). */
const claimed: SendClaim = Object.freeze({ outcome: 'claimed' });

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
 * write to one of its sends goes to its live sends, which are read first, as before.
 *
 * Kept by journey and customer: each customer's occurrences of a journey on a short list,
 * searched from the newest (a send follows its occurrence's claim closely). No key is built per
 * call, and a read touches one customer's few rows of the journey rather than a map of every
 * occurrence of the period (hashing a new key and a miss in a large table per send were most of
 * this adapter's time in a simulated year).
 */
export function createMemoryLedger({ copies = true, finalRows = false }: { copies?: boolean; finalRows?: boolean } = {}): Ledger & {
  occurrences: StoredOccurrences;
  /** The sends not moved to final rows (with `finalRows`, those of occurrences not finished, or written since), as stored. */
  storedSends(): StoredSend[];
  contacts: Map<string, ContactHistory>;
  /**
   * The send of `messageId` on the occurrence as stored (no copy, and without its keys: a final
   * row's sends keep none), for readers of the whole ledger such as `simulate`, which asks for
   * every send of a period at its end: no key or copy is made per send.
   */
  storedSend(occurrence: OccurrenceRef, messageId: string): StoredSendFields | undefined;
} {
  // By journey (a few dozen, always at hand), then by customer: a customer's occurrences of one
  // journey are a few a year.
  const byJourney = new Map<string, Map<string, Slot[]>>();
  // The rows in claim order, each replaced by its final row in place (what `simulate` reads).
  const rows: StoredOccurrence[] = [];
  const contacts = new Map<string, ContactHistory>();
  // Without copies, a contact already frozen (one read from the stored list, kept by the new one) is kept as it is.
  // In a loop, an empty list shared: every promotional send saves one.
  const storedContacts = (list: readonly Contact[]): readonly Contact[] => {
    if (copies) return structuredClone([...list]);
    if (list.length === 0) return noneStored;
    const stored: Contact[] = [];
    for (let at = 0; at < list.length; at += 1) {
      const contact = list[at]!;
      stored.push(Object.isFrozen(contact) ? contact : Object.freeze({ ...contact }));
    }
    return Object.freeze(stored);
  };
  // The last slot found, handed out again while the same occurrence is asked for: a send's claim,
  // its settling and its outcome, an occurrence's claim and its queuing come in a row.
  let lastSlot: Slot | undefined;
  const isSlotOf = (slot: Slot, ref: OccurrenceRef) => slot.journeyId === ref.journeyId && slot.occurrenceKey === ref.occurrenceKey && slot.customerId === ref.customerId;
  const slotIn = (slots: readonly Slot[] | undefined, occurrenceKey: string): Slot | undefined => {
    if (slots === undefined) return undefined;
    for (let at = slots.length - 1; at >= 0; at -= 1) if (slots[at]!.occurrenceKey === occurrenceKey) return (lastSlot = slots[at]!);
    return undefined;
  };
  const slotOf = (ref: OccurrenceRef): Slot | undefined => {
    if (lastSlot !== undefined && isSlotOf(lastSlot, ref)) return lastSlot;
    return slotIn(byJourney.get(ref.journeyId)?.get(ref.customerId), ref.occurrenceKey);
  };
  const slotFor = (ref: OccurrenceRef): Slot => {
    if (lastSlot !== undefined && isSlotOf(lastSlot, ref)) return lastSlot;
    const { customerId, journeyId, occurrenceKey } = ref;
    let customers = byJourney.get(journeyId);
    if (customers === undefined) byJourney.set(journeyId, (customers = new Map()));
    const slots = customers.get(customerId);
    const found = slotIn(slots, occurrenceKey);
    if (found !== undefined) return found;
    const slot: Slot = { customerId, journeyId, occurrenceKey, occurrence: undefined, sends: undefined, order: -1 };
    if (slots === undefined) customers.set(customerId, [slot]);
    else slots.push(slot);
    return (lastSlot = slot);
  };
  const slotsOf = function* (customerId: string): Generator<Slot> {
    for (const customers of byJourney.values()) yield* customers.get(customerId) ?? [];
  };
  const allSlots = function* (): Generator<Slot> {
    for (const customers of byJourney.values()) for (const slots of customers.values()) yield* slots;
  };
  // A year of a hundred thousand customers is millions of occurrences whose messages are a few
  // dozen distinct lists (a journey's steps, each reachable or not): each distinct list is kept
  // once, frozen, and shared; a reader gets a copy, as a read from the table gives.
  // Found among the journey's lists field by field, with no key built per claim: a journey has a
  // few (its steps' subsets, each contactable or not, as its YAML allows), however many customers.
  const messageLists = new Map<string, (readonly DueMessage[])[]>();
  const strings = new Map<string, string>();
  const storedMessages = (journeyId: string, messages: readonly DueMessage[]): DueMessage[] => {
    let lists = messageLists.get(journeyId);
    if (!lists) messageLists.set(journeyId, (lists = []));
    let kept = keptListOf(lists, messages);
    if (kept === undefined) lists.push((kept = frozenCopy(messages, strings)));
    return kept as DueMessage[];
  };
  // Writes of one instant (a tick's claims and sends) share its text rather than each making one.
  let lastInstant = { time: Number.NaN, text: '' };
  const textOf = (now: Date) => {
    if (now.getTime() !== lastInstant.time) lastInstant = { time: now.getTime(), text: now.toISOString() };
    return lastInstant.text;
  };
  const openOnDate = new Map<string, Set<Slot>>();
  const openDateOf = (stored: StoredOccurrence) => stored.sendDate ?? stored.occurrenceDate;
  /** Stores the send, in place of the one of its message if there is one (its place in the list kept). */
  const putSend = (send: StoredSend, slot = slotFor(send)) => {
    const list = slot.sends;
    if (list === undefined) {
      slot.sends = [send];
      return;
    }
    const at = list.findIndex((kept) => kept.messageId === send.messageId);
    if (at < 0) list.push(send);
    else list[at] = send;
  };
  /** An open occurrence to `status` (from `lastQueuedAt`, with `reason`); a finished one is left as it is. */
  const moveOpen = (ref: OccurrenceRef, status: OccurrenceStatus, lastQueuedAt?: string, reason?: string) => {
    const slot = slotOf(ref);
    const stored = slot?.occurrence;
    if (!stored || !isOpen(stored.status)) return;
    stored.status = status;
    if (lastQueuedAt !== undefined) stored.lastQueuedAt = lastQueuedAt;
    if (reason !== undefined) stored.reason = reason;
    if (isOpen(status)) return;
    openOnDate.get(openDateOf(stored))?.delete(slot!);
    if (finalRows) rows[slot!.order] = slot!.occurrence = finalRowOf(slot!, stored);
  };
  const finalRowOf = (slot: Slot, stored: StoredOccurrence): StoredOccurrence => {
    const list = slot.sends;
    slot.sends = undefined;
    // In a loop, and the row in one of two literals rather than with a spread: every occurrence closes once.
    let finalSends: FinalSend[] | undefined;
    if (list !== undefined) {
      finalSends = [];
      for (let at = 0; at < list.length; at += 1) {
        const { messageId, channel, status, updatedAt, reason } = list[at]!;
        finalSends.push(reason === undefined ? { messageId, channel, status, updatedAt } : { messageId, channel, status, updatedAt, reason });
      }
    }
    const { customerId, journeyId, occurrenceKey, occurrenceDate, status, messages, lastQueuedAt, category } = stored;
    const row: FinalOccurrence = category
      ? { customerId, journeyId, occurrenceKey, occurrenceDate, status, messages, lastQueuedAt, category, finalSends }
      : { customerId, journeyId, occurrenceKey, occurrenceDate, status, messages, lastQueuedAt, finalSends };
    return row;
  };
  /** A finished occurrence's sends kept beside it, except those written again since (its live sends). */
  const finalSendsOf = (slot: Slot): StoredSend[] => {
    const finals = (slot.occurrence as Partial<FinalOccurrence> | undefined)?.finalSends;
    if (finals === undefined) return [];
    const { customerId, journeyId, occurrenceKey } = slot;
    return finals.filter((final) => sendOn(slot.sends, final.messageId) === undefined).map((final) => ({ customerId, journeyId, occurrenceKey, ...final }));
  };
  /** The send as stored: among its occurrence's live sends, or (`finalRows`) beside its finished occurrence. */
  const findSend = (ref: SendRef, slot: Slot | undefined): StoredSend | undefined => {
    if (slot === undefined) return undefined;
    const stored = sendOn(slot.sends, ref.messageId);
    if (stored || !finalRows) return stored;
    const final = sendOn((slot.occurrence as Partial<FinalOccurrence> | undefined)?.finalSends, ref.messageId);
    if (!final) return undefined;
    const { customerId, journeyId, occurrenceKey } = ref;
    return { customerId, journeyId, occurrenceKey, ...final };
  };
  const claimable = (send: StoredSend | undefined, now: Date) =>
    !send || (send.status === 'sending' && (send.leaseUntil ?? 0) < now.getTime()) || (send.status === 'deferred' && Date.parse(send.dueAt!) <= now.getTime());
  const idOf = ({ customerId, journeyId, occurrenceKey }: OccurrenceRef) => `${customerId}#${journeyId}#${occurrenceKey}`;

  return {
    occurrences: {
      get size() {
        return rows.length;
      },
      values: () => rows.values(),
      get: (id) => rows.find((row) => idOf(row) === id),
    },
    storedSends: () => [...allSlots()].flatMap((slot) => slot.sends ?? []),
    contacts,
    storedSend: (occurrence, messageId) => {
      const slot = slotOf(occurrence);
      if (slot === undefined) return undefined;
      return sendOn(slot.sends, messageId) ?? (finalRows ? sendOn((slot.occurrence as Partial<FinalOccurrence> | undefined)?.finalSends, messageId) : undefined);
    },
    async claimOccurrence(occurrence, now) {
      const slot = slotFor(occurrence);
      const existing = slot.occurrence;
      if (!existing) {
        const { customerId, journeyId, occurrenceKey, occurrenceDate, messages, facts, sendDate, category, priority, validUntil } = occurrence;
        // Field by field, what is absent left out (spreads of small objects cost more than the row).
        const stored: StoredOccurrence = { customerId, journeyId, occurrenceKey, occurrenceDate, messages: storedMessages(journeyId, messages), status: 'claimed', lastQueuedAt: textOf(now) };
        if (facts) stored.facts = { ...facts };
        if (sendDate) stored.sendDate = sendDate;
        if (category) {
          stored.category = category;
          stored.priority = priority;
        }
        if (validUntil) stored.validUntil = validUntil;
        slot.occurrence = stored;
        slot.order = rows.push(stored) - 1;
        const date = sendDate ?? occurrenceDate;
        let open = openOnDate.get(date);
        if (!open) openOnDate.set(date, (open = new Set()));
        open.add(slot);
        return 'new';
      }
      return existing.status === 'claimed' ? 'resume' : 'done';
    },
    async markOccurrenceQueued(occurrence, now) {
      moveOpen(occurrence, 'queued', textOf(now));
    },
    async claimSend(send, channel, now, leaseSeconds) {
      const slot = slotOf(send);
      const existing = findSend(send, slot);
      if (claimable(existing, now)) {
        const { customerId, journeyId, occurrenceKey, messageId } = send;
        putSend({ customerId, journeyId, occurrenceKey, messageId, channel, status: 'sending', updatedAt: textOf(now), leaseUntil: now.getTime() + leaseSeconds * 1000 }, slot);
        return claimed;
      }
      const { status } = existing!;
      if (status === 'sending') return { outcome: 'in-progress' };
      if (status === 'deferred') return { outcome: 'deferred', dueAt: existing!.dueAt! };
      return { outcome: 'finished', status };
    },
    async recordSendOutcome(send, outcome, now) {
      const { customerId, journeyId, occurrenceKey, messageId } = send;
      const stored: StoredSend = { customerId, journeyId, occurrenceKey, messageId, channel: outcome.channel, status: outcome.status, updatedAt: textOf(now), outcome };
      if (outcome.reason) stored.reason = outcome.reason;
      if (outcome.status === 'deferred') stored.dueAt = outcome.dueAt;
      putSend(stored);
    },
    async listSends(customerId) {
      const slots = [...slotsOf(customerId)];
      const live = slots.flatMap((slot) => slot.sends ?? []);
      return live.concat(slots.flatMap(finalSendsOf)).map(toRecord);
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
      const listed: OpenOccurrence[] = [];
      for (const slot of openOnDate.get(occurrenceDate) ?? []) {
        // An open occurrence has no reason (only expiring one gives it one). Without copies the
        // reconciler reads the stored messages and facts (it never changes them).
        // A new object even without copies: the stored one's status changes in place as it settles.
        const stored = slot.occurrence!;
        listed.push({ ...(copies ? structuredClone(stored) : stored), status: stored.status as OpenOccurrence['status'] });
      }
      return { occurrences: listed, unreadable: 0 };
    },
    async listOccurrenceSends(occurrence) {
      const slot = slotOf(occurrence);
      if (slot === undefined) return [];
      const records = (slot.sends ?? []).map(toRecord);
      if ((slot.occurrence as Partial<FinalOccurrence> | undefined)?.finalSends !== undefined) records.push(...finalSendsOf(slot).map(toRecord));
      return records;
    },
    async markOccurrenceRedriven(occurrence, now) {
      moveOpen(occurrence, 'queued', textOf(now));
    },
    async closeOccurrence(occurrence) {
      moveOpen(occurrence, 'closed');
    },
    async expireOccurrence(occurrence, reason) {
      moveOpen(occurrence, 'expired', undefined, reason);
    },
    async expireSend(send, channel, reason, now) {
      const slot = slotOf(send);
      if (!claimable(findSend(send, slot), now)) return false;
      const { customerId, journeyId, occurrenceKey, messageId } = send;
      putSend({ customerId, journeyId, occurrenceKey, messageId, channel, status: 'expired', updatedAt: textOf(now), reason }, slot);
      return true;
    },
    async releaseSend(send) {
      // A finished occurrence's sends are never `sending`: the live sends hold every one that is.
      const existing = sendOn(slotOf(send)?.sends, send.messageId);
      if (existing?.status === 'sending') existing.leaseUntil = 0;
    },
  };
}
