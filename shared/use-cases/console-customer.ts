import type { Channel, ConsentRecord, Customer } from '../domain/customer';
import { customerFacts } from '../domain/customer-facts';
import type { IsoDate } from '../domain/dates';
import { instantOfLocal } from '../domain/local-instant';
import type { AppliedVersions } from '../domain/events/state';
import { dueEntriesFor, type DueEntry } from '../domain/journey/due-dates';
import type { Journey } from '../domain/journey/schema';
import type { Dealer } from '../domain/customer';
import { tenantReaches, type Tenant } from '../domain/tenant';
import type { CustomerEventStore, DealerLookup } from '../ports/events';
import type { SendRecord } from '../ports/ledger';
import type { MessageHistory } from '../ports/message-history';
import type { OccurrenceHistory, OccurrenceRecord } from '../ports/occurrence-history';

/**
 * One line of a customer's timeline. Every `at` is a UTC instant on one axis: when it happened or
 * is due (an occurrence at its send time on its local day, a message at its occurrence's instant
 * or the later instant it was deferred to), never when a record was written; a replayed past
 * day's messages sit with their day, not at the replay's clock. A visit or complaint knows only
 * its local date: `dateOnly`, at that date's start in the customer's zone.
 */
export type TimelineEntry =
  | { kind: 'event'; at: string; part: string; subject?: string }
  | { kind: 'visit'; at: string; dateOnly: true; work: string[] }
  | { kind: 'complaint'; at: string; dateOnly: true; reference: string; closedOn?: IsoDate }
  | { kind: 'message'; at: string; send: SendRecord }
  | { kind: 'occurrence'; at: string; occurrence: OccurrenceRecord }
  /** A planned message never queued: the customer could not be reached on its channel when it was claimed. */
  | { kind: 'not-queued'; at: string; journeyId: string; occurrenceKey: string; messageId: string; channel: Channel; reason: 'no-consent' | 'no-address' };

/** What the console's Customer page shows of one customer. */
export interface CustomerStory {
  customer: Pick<Customer, 'id' | 'dealerId' | 'firstName' | 'lastName' | 'locale' | 'timeZone' | 'stage' | 'birthDate'>;
  dealer: Pick<Dealer, 'id' | 'name'> | undefined;
  consent: Partial<Record<string, ConsentRecord>>;
  timeline: TimelineEntry[];
  /** Each journey's next local date with something to send, soonest first (what the due index files). */
  due: DueEntry[];
}

const startOfDay = '00:00';
const unitOf = (ref: { journeyId: string; occurrenceKey: string }) => `${ref.journeyId}#${ref.occurrenceKey}`;

/** At one instant, what follows from what comes above it: messages over their occurrence, the occurrence over the events that led to it. */
const rankAtSameInstant: Record<TimelineEntry['kind'], number> = { message: 0, 'not-queued': 0, occurrence: 1, event: 2, visit: 3, complaint: 3 };

/** Newest first by instant (compared as instants, whatever their offset's spelling), then by rank. */
export const newestFirst = (a: TimelineEntry, b: TimelineEntry): number => Date.parse(b.at) - Date.parse(a.at) || rankAtSameInstant[a.kind] - rankAtSameInstant[b.kind];

/** A version is `<occurredAt in UTC>#<eventId>`: the instant is the part before the last `#`. */
const occurredAtOf = (version: string) => version.slice(0, version.lastIndexOf('#'));

function eventEntries(versions: AppliedVersions): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const add = (part: string, version: string | undefined, subject?: string) => {
    if (version) entries.push({ kind: 'event', at: occurredAtOf(version), part, ...(subject ? { subject } : {}) });
  };
  add('profile', versions.profile);
  for (const [channel, version] of Object.entries(versions.consent)) add('consent', version, channel);
  for (const [vin, version] of Object.entries(versions.vehicles)) add('vehicle', version, vin);
  for (const [reference, version] of Object.entries(versions.complaintsOpened)) add('complaint-opened', version, reference);
  for (const [reference, version] of Object.entries(versions.complaintsClosed)) add('complaint-closed', version, reference);
  for (const [order, { version }] of Object.entries(versions.visits)) add('repair-order', version, order);
  for (const [id, appointment] of Object.entries(versions.appointments)) add('appointment', appointment.version, id);
  for (const [id, { version }] of Object.entries(versions.surveys)) add('survey', version, id);
  for (const [id, { version }] of Object.entries(versions.referrals)) add('referral', version, id);
  return entries;
}

async function allMessages(history: MessageHistory, customerId: string): Promise<SendRecord[]> {
  const messages: SendRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await history.listMessages({ customerId, limit: 100, ...(cursor ? { cursor } : {}) });
    messages.push(...page.messages);
    cursor = page.nextCursor;
  } while (cursor);
  return messages;
}

/**
 * The customer's story for the console, when the tenant reaches their dealer; undefined
 * otherwise, the same for an unknown customer and another tenant's (as `getCustomer`).
 */
export async function customerStory(
  customerId: string,
  tenant: Tenant,
  journeys: readonly Journey[],
  today: IsoDate,
  deps: { store: CustomerEventStore; dealers: DealerLookup; history: MessageHistory; occurrences: OccurrenceHistory },
): Promise<CustomerStory | undefined> {
  const { record, versions } = await deps.store.load(customerId);
  if (!record) return undefined;
  const dealer = (await deps.dealers.dealers([record.customer.dealerId])).get(record.customer.dealerId);
  if (!tenantReaches(tenant, dealer)) return undefined;
  const [messages, { occurrences }] = await Promise.all([allMessages(deps.history, customerId), deps.occurrences.occurrencesOf(customerId)]);
  const { customer } = record;
  // The occurrence keeps only `contactable`; consent as it is now tells which of the two it was, unless it changed since.
  const whyNotQueued = (channel: Channel) => (channel !== 'task' && customer.consent[channel]?.granted !== true ? 'no-consent' : 'no-address');
  const zone = customer.timeZone;
  const sendAtOf = new Map(journeys.map((journey) => [journey.id, 'sendAt' in journey.trigger && typeof journey.trigger.sendAt === 'string' ? journey.trigger.sendAt : startOfDay]));
  const occurrenceAt = new Map(occurrences.map((occurrence) => [unitOf(occurrence), instantOfLocal(occurrence.sendDate ?? occurrence.occurrenceDate, sendAtOf.get(occurrence.journeyId) ?? startOfDay, zone)]));
  const messageAt = (send: SendRecord): string => {
    const due = occurrenceAt.get(unitOf(send));
    if (send.dueAt && (!due || send.dueAt > due)) return send.dueAt;
    return due ?? send.updatedAt;
  };
  const occurrenceEntries = occurrences.flatMap((occurrence): TimelineEntry[] => {
    const at = occurrenceAt.get(unitOf(occurrence))!;
    return [
      { kind: 'occurrence', at, occurrence },
      ...occurrence.messages
        .filter((message) => !message.contactable)
        .map((message): TimelineEntry => ({ kind: 'not-queued', at, journeyId: occurrence.journeyId, occurrenceKey: occurrence.occurrenceKey, messageId: message.messageId, channel: message.channel, reason: whyNotQueued(message.channel) })),
    ];
  });
  const timeline: TimelineEntry[] = [
    ...eventEntries(versions),
    ...record.visits.map((visit): TimelineEntry => ({ kind: 'visit', at: instantOfLocal(visit.on, startOfDay, zone), dateOnly: true, work: visit.work ?? [] })),
    ...record.complaints.map((complaint): TimelineEntry => ({ kind: 'complaint', at: instantOfLocal(complaint.openedOn, startOfDay, zone), dateOnly: true, reference: complaint.reference, ...(complaint.closedOn ? { closedOn: complaint.closedOn } : {}) })),
    ...occurrenceEntries,
    ...messages.map((send): TimelineEntry => ({ kind: 'message', at: messageAt(send), send })),
  ].sort(newestFirst);
  return {
    customer: {
      id: customer.id,
      dealerId: customer.dealerId,
      firstName: customer.firstName,
      lastName: customer.lastName,
      locale: customer.locale,
      timeZone: customer.timeZone,
      stage: customer.stage,
      ...(customer.birthDate ? { birthDate: customer.birthDate } : {}),
    },
    dealer: dealer ? { id: dealer.id, name: dealer.name } : undefined,
    consent: customer.consent,
    timeline,
    due: dueEntriesFor(customerFacts(record, dealer?.address.country), journeys, today),
  };
}
