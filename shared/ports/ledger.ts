import type { Channel } from '../domain/customer';
import type { DueOccurrence } from '../domain/journey/plan';

/**
 * `new`: this run owns the occurrence. `resume`: an earlier run claimed it but did not confirm
 * its messages were queued (it stopped midway), so queue them again; sends are deduplicated.
 * `done`: already handled.
 */
export type OccurrenceClaim = 'new' | 'resume' | 'done';

export interface SendRef {
  customerId: string;
  journeyId: string;
  occurrenceKey: string;
  messageId: string;
}

export const SendStatus = ['sending', 'sent', 'skipped', 'failed'] as const;
export type SendStatus = (typeof SendStatus)[number];

/** `claimed`: this attempt may send. Otherwise the send is finished, or held by a live attempt. */
export type SendClaim =
  | { outcome: 'claimed' }
  | { outcome: 'finished'; status: Exclude<SendStatus, 'sending'> }
  | { outcome: 'in-progress' };

export interface SendOutcome {
  status: Exclude<SendStatus, 'sending'>;
  channel: Channel;
  providerMessageId?: string;
  location?: string;
  reason?: string;
}

export interface SendRecord extends SendRef {
  channel: Channel;
  status: SendStatus;
  updatedAt: string;
  providerMessageId?: string;
  location?: string;
  reason?: string;
}

/** The exactly-once ledger: conditional writes in DynamoDB, no transactions needed. */
export interface Ledger {
  claimOccurrence(occurrence: DueOccurrence, now: Date): Promise<OccurrenceClaim>;
  /** Records that the contactable messages were queued, and which were left out for lack of consent. */
  markOccurrenceQueued(occurrence: DueOccurrence, now: Date): Promise<void>;
  claimSend(send: SendRef, channel: Channel, now: Date, leaseSeconds: number): Promise<SendClaim>;
  recordSendOutcome(send: SendRef, outcome: SendOutcome, now: Date): Promise<void>;
  listSends(customerId: string): Promise<SendRecord[]>;
}
