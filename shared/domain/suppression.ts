import * as z from 'zod';
import { ConsentChannel } from './customer';
import { JourneyCategory } from './journey/category';

/** Why a customer (or one of their addresses) must not get messages on a channel. */
export const SuppressionReason = z.enum(['hard-bounce', 'complaint', 'unsubscribe', 'sms-opt-out', 'erasure']);
export type SuppressionReason = z.infer<typeof SuppressionReason>;

/** Which messages an entry stops: one category (an unsubscribe from promotions) or all of them. */
export const SuppressionScope = z.union([JourneyCategory, z.literal('all')]);
export type SuppressionScope = z.infer<typeof SuppressionScope>;

/**
 * One entry of the suppression list. It is kept apart from consent: an import replaces the
 * profile (consent included) with what the dealer's system says, and must never undo an opt-out
 * the customer gave us directly or a bounce the provider reported.
 */
export const Suppression = z.object({
  customerId: z.string().min(1),
  channel: ConsentChannel,
  scope: SuppressionScope,
  reason: SuppressionReason,
  /**
   * The email address a bounce or complaint came back from: the entry stops mail to that address
   * only, so a customer who gives a new address is reachable again.
   */
  address: z.string().min(1).optional(),
  /** Where it came from (`one-click`, `ses-feedback`, `sms-inbound`, `npm run ...`). */
  source: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  /** Set when the entry no longer applies (START after STOP); kept for the history. */
  liftedAt: z.iso.datetime({ offset: true }).optional(),
});
export type Suppression = z.infer<typeof Suppression>;

/**
 * Whether a word of the customer's said at `at` (a STOP, a START, a click) comes after what the
 * stored entry holds: its lift if lifted, else its start. The customer's latest word stands by its
 * own time, not by when it reached us: a STOP and a START can arrive in either order.
 */
export function saidAfter(at: string, stored: Pick<Suppression, 'at' | 'liftedAt'> | undefined): boolean {
  return stored === undefined || Date.parse(at) >= Date.parse(stored.liftedAt ?? stored.at);
}

/** Normal form of an email address for comparing a bounce with the customer's address. */
export const normalEmail = (address: string): string => address.trim().toLowerCase();
