import type { Channel } from '../domain/customer';
import type { IsoDate } from '../domain/dates';
import type { DueMessage, DueOccurrence } from '../domain/journey/plan';
import type { OccurrenceFacts } from '../domain/triggers/kind';
import type { JourneyCategory } from '../domain/journey/schema';
import type { ContactHistory, ContactLists } from '../domain/policies/frequency-cap';

/**
 * `new`: this run owns the occurrence. `resume`: an earlier run claimed it but did not confirm
 * its messages were queued (it stopped midway), so queue them again; sends are deduplicated.
 * `done`: already handled.
 */
export type OccurrenceClaim = 'new' | 'resume' | 'done';

/**
 * `claimed` (messages not confirmed queued) and `queued` are open: the reconciler looks at them.
 * `closed`: every send finished. `expired`: given up at the deadline, with a reason.
 */
export const OccurrenceStatus = ['claimed', 'queued', 'closed', 'expired'] as const;
export type OccurrenceStatus = (typeof OccurrenceStatus)[number];

/** Identifies one occurrence: one customer, one journey, one occurrence key (e.g. the year). */
export interface OccurrenceRef {
  customerId: string;
  journeyId: string;
  occurrenceKey: string;
}

export interface SendRef extends OccurrenceRef {
  messageId: string;
}

/**
 * `expired`: the reconciler gave up on the send at its occurrence's deadline, or it came past its
 * message's `validUntil` (with a reason); like
 * the other outcomes it is final, so a late copy of its message sends nothing.
 * `deferred` (not final): a policy (quiet hours) put it off until `dueAt`; it is held in the
 * message schedule and may be claimed again from then on.
 * `frequency-capped` (final): a frequency cap left no room for it; the journey goes on.
 */
export const SendStatus = ['sending', 'sent', 'skipped', 'failed', 'expired', 'deferred', 'frequency-capped'] as const;
export type SendStatus = (typeof SendStatus)[number];
export type FinishedSendStatus = Exclude<SendStatus, 'sending' | 'deferred'>;
export const isFinishedSendStatus = (status: SendStatus): status is FinishedSendStatus => status !== 'sending' && status !== 'deferred';

/**
 * `claimed`: this attempt may send. Otherwise the send is finished, held by a live attempt, or
 * deferred until an instant not yet reached.
 */
export type SendClaim =
  | { outcome: 'claimed' }
  | { outcome: 'finished'; status: FinishedSendStatus }
  | { outcome: 'in-progress' }
  | { outcome: 'deferred'; dueAt: string };

export interface SendOutcome {
  status: Exclude<SendStatus, 'sending'>;
  channel: Channel;
  providerMessageId?: string;
  location?: string;
  reason?: string;
  /** With `deferred`: the UTC instant (ISO-8601) from which it may be sent. */
  dueAt?: string;
}

/**
 * What the provider reported after it accepted a send (SES events): delivered, bounced (a
 * permanent bounce; a transient one is `soft-bounced`) or complained. Kept beside the status,
 * which stays `sent`: the engine did send it.
 */
export const SendDeliveryStatus = ['delivered', 'soft-bounced', 'bounced', 'complained'] as const;
export type SendDeliveryStatus = (typeof SendDeliveryStatus)[number];
export interface SendDelivery {
  status: SendDeliveryStatus;
  at: string;
  /** The provider's classification (`Permanent/General`, `abuse`); never an address. */
  detail?: string;
}

/** Records provider feedback on sends (the SES feedback function). */
export interface SendFeedback {
  /**
   * Records the delivery report on the send unless a weightier one is there (a complaint is not
   * overwritten by a late delivery). Returns false when there is no such send or it was kept.
   */
  recordDelivery(send: SendRef, delivery: SendDelivery): Promise<boolean>;
}

export interface SendRecord extends SendRef {
  channel: Channel;
  status: SendStatus;
  updatedAt: string;
  /** While `sending`: until when the attempt that claimed it holds it. */
  leaseUntil?: string;
  /** While `deferred`: from when it may be sent. */
  dueAt?: string;
  providerMessageId?: string;
  location?: string;
  reason?: string;
  /** The provider's report after sending, where one came (email). */
  delivery?: SendDelivery;
}

/**
 * An occurrence whose sends are not all finished, with what is needed to send its messages again.
 * Listed under the day its steps go out (`sendDate ?? occurrenceDate`).
 */
export interface OpenOccurrence extends OccurrenceRef {
  occurrenceDate: IsoDate;
  status: Extract<OccurrenceStatus, 'claimed' | 'queued'>;
  messages: DueMessage[];
  /** Kept from the claim, to queue the messages again as they were. */
  facts?: OccurrenceFacts;
  sendDate?: IsoDate;
  category?: JourneyCategory;
  priority?: number;
  /** Kept from the claim: a message re-driven past it ends `expired`. */
  validUntil?: string;
  /** When its messages were last put on the queue (or, if never, when it was claimed). */
  lastQueuedAt: string;
}

/** The exactly-once ledger: conditional writes in DynamoDB, no transactions needed. */
export interface Ledger {
  /** Claims the occurrence and files it as open (with its messages) until the reconciler closes it. */
  claimOccurrence(occurrence: DueOccurrence, now: Date): Promise<OccurrenceClaim>;
  /** Records that the contactable messages were queued, and which were left out for lack of consent. */
  markOccurrenceQueued(occurrence: DueOccurrence, now: Date): Promise<void>;
  /** Claims a send that is absent, `sending` with its lease run out, or `deferred` with `dueAt` reached. */
  claimSend(send: SendRef, channel: Channel, now: Date, leaseSeconds: number): Promise<SendClaim>;
  recordSendOutcome(send: SendRef, outcome: SendOutcome, now: Date): Promise<void>;
  listSends(customerId: string): Promise<SendRecord[]>;

  /** The customer's frequency-cap counter (promotional contacts), with its version; `version: 0` when none. */
  readContacts(customerId: string): Promise<ContactHistory>;
  /**
   * Replaces the counter only if its version is still `expectedVersion` (0: none yet), so two
   * dispatches of one customer cannot both take the last slot. Returns whether it was written.
   */
  saveContacts(customerId: string, lists: ContactLists, expectedVersion: number, now: Date): Promise<boolean>;
  /**
   * Settles a promotional occurrence that ended without reaching the customer on their local
   * date `today` (`withSettled`): its contact, if it took one, leaves the counter and it is
   * marked settled, in one write conditional on the version read (read again on a conflict). So
   * a promotion that failed at the provider does not count against the customer's next, and one
   * that ended (failed, skipped, expired, capped) no longer ranks ahead of the day's others.
   * Returns whether a slot was given back: settling twice gives back one contact.
   */
  settleOccurrence(occurrence: OccurrenceRef, today: IsoDate, now: Date): Promise<boolean>;

  /**
   * Open occurrences of one (customer-local) date; `unreadable` counts stored items that did not
   * parse (skipped, so one bad item cannot stop the others).
   */
  listOpenOccurrences(occurrenceDate: IsoDate): Promise<{ occurrences: OpenOccurrence[]; unreadable: number }>;
  /** The sends recorded for one occurrence (a message without a send item was never attempted). */
  listOccurrenceSends(occurrence: OccurrenceRef): Promise<SendRecord[]>;
  /** Records that some of the occurrence's messages were put on the queue again. */
  markOccurrenceRedriven(occurrence: OccurrenceRef, now: Date): Promise<void>;
  /** Every send finished: the occurrence leaves the open set. */
  closeOccurrence(occurrence: OccurrenceRef, now: Date): Promise<void>;
  /** Gives up on the occurrence at its deadline; its unfinished sends were expired first. */
  expireOccurrence(occurrence: OccurrenceRef, reason: string, now: Date): Promise<void>;
  /**
   * Marks a send `expired` unless an attempt finished it, holds a live lease on it, or it is
   * deferred to an instant not yet reached. Returns whether it was expired.
   */
  expireSend(send: SendRef, channel: Channel, reason: string, now: Date): Promise<boolean>;
  /** Ends the lease of a send still `sending`, when its holder is known dead. */
  releaseSend(send: SendRef): Promise<void>;
}
