/**
 * The dispatch policies: every send passes a chain of small pure rules (`chain.ts`), each
 * answering send, defer until an instant, or skip with a reason that the message history shows.
 */
import type { Channel, Customer, Dealer } from '../customer';
import type { JourneyCategory } from '../journey/schema';
import type { Complaint } from '../service-history';
import type { SendingPause } from '../sending-pause';
import type { Suppression } from '../suppression';
import type { ContactHistory, DayContender, FrequencyCap } from './frequency-cap';
import type { QuietHoursSettings } from './quiet-hours';

/**
 * A policy's answer. `skip` ends the send with a final status (`skipped`, `frequency-capped` for
 * a cap, `expired` past the message's `validUntil`) and a reason; `defer` holds it until `until`
 * (never dropped, unless that is past the message's `validUntil`: see `decide`).
 */
export type Verdict =
  | { decision: 'send' }
  | { decision: 'defer'; until: Date; reason: string }
  | { decision: 'skip'; status: 'skipped' | 'frequency-capped' | 'expired'; reason: string };

/** The message as the policies see it: what is sent, of which journey, for what purpose. */
export interface PolicyMessage {
  journeyId: string;
  occurrenceKey: string;
  channel: Channel;
  /** Absent on messages queued before journeys had one: treated as promotional (the strict case). */
  category?: JourneyCategory;
  priority?: number;
  /** UTC instant (ISO-8601) after which it must not go out at all (an appointment reminder: the appointment's start). */
  validUntil?: string;
}

/** The settings policies read, per journey where a journey may override them. */
export interface PolicySettings {
  quietHours: QuietHoursSettings;
  caps: readonly FrequencyCap[];
}

/** Everything a policy may read: a snapshot taken at dispatch, and `now`. Policies read no clock. */
export interface PolicyInput {
  message: PolicyMessage;
  /** The profile as read at dispatch: consent withdrawn since planning wins. */
  customer: Pick<Customer, 'consent' | 'email' | 'phone' | 'postalAddress' | 'dealerId'> & { timeZone?: string };
  dealer: Pick<Dealer, 'timeZone'>;
  complaints: readonly Complaint[];
  /** The customer's suppression list entries (bounce, complaint, unsubscribe, SMS opt-out). */
  suppressions: readonly Suppression[];
  /** The pause switches in force (promotional email after a reputation alarm). */
  pauses: readonly SendingPause[];
  /** The promotional contacts the customer had (the cap counter). */
  contacts: ContactHistory;
  /** Promotional occurrences of the customer's local day, for the cap's priority order. */
  dayContenders: readonly DayContender[];
  settings: PolicySettings;
  now: Date;
}

export type Policy = (input: PolicyInput) => Verdict;

export const send: Verdict = { decision: 'send' };

/** The category a policy assumes: a message from before categories is held to the promotional rules. */
export const categoryOf = (message: PolicyMessage): JourneyCategory => message.category ?? 'promotional';

/** The customer's zone, else the dealer's: never a guess such as UTC (that would be sending blind). */
export const zoneOf = (input: Pick<PolicyInput, 'customer' | 'dealer'>): string => input.customer.timeZone ?? input.dealer.timeZone;
