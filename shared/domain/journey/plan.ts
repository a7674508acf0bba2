import { canContact, type Channel } from '../customer';
import { addDays, localMomentIn, type IsoDate, type LocalMoment } from '../dates';
import type { CustomerFacts, Occurrence, OccurrenceFacts } from '../triggers/kind';
import { occurrencesOnInPlan } from '../triggers/registry';
import { activeJourneys, type ActiveJourney } from './active-journeys';
import type { Audience, Journey, JourneyCategory } from './schema';
import { ledgerUnitKey } from './steps';

/** A message of a due occurrence, with whether the customer can be reached on its channel. */
export interface DueMessage {
  messageId: string;
  channel: Channel;
  template: string;
  contactable: boolean;
}

/**
 * The steps of one occurrence of a journey for one customer that are due now (e.g. the email and
 * SMS of Ann's 2026 birthday, or its card three days ahead): the unit the ledger claims once.
 */
export interface DueOccurrence {
  journeyId: string;
  customerId: string;
  /**
   * Identifies the unit within the journey: the occurrence's key (the year, for a yearly trigger),
   * plus the step ids for steps on another day (see {@link ledgerUnitKey}).
   */
  occurrenceKey: string;
  /** The customer's local date the occurrence belongs to (the birthday, even for a card sent ahead). */
  occurrenceDate: IsoDate;
  /** The local date these steps go out, when it is not the occurrence's date. */
  sendDate?: IsoDate;
  /** The journey's category and priority (absent on occurrences the ledger kept from before them). */
  category?: JourneyCategory;
  /** Lower goes first. */
  priority?: number;
  /** What the trigger adds to the message context (e.g. the years of ownership); may be empty. */
  facts?: OccurrenceFacts;
  /** UTC instant after which its messages must not go out (see `DispatchMessage.validUntil`). */
  validUntil?: string;
  messages: DueMessage[];
}

export interface PlanInput {
  journeys: Journey[];
  /**
   * Customers possibly due (from an index), with what the triggers read of them. `lateDate`: an
   * entry found under a date already past for the customer (a recompute's catch-up), planned on
   * that date with every send time past: late rather than never. `dueJourneys`: the journeys
   * due on the entry's date (the due index files them with it, see `nextDue`); only those are
   * evaluated for the candidate, the others having nothing going out on that date. Without it,
   * every journey is.
   */
  candidates: readonly (CustomerFacts & { lateDate?: IsoDate; dueJourneys?: readonly string[] })[];
  now: Date;
  /**
   * Restricts planning to occurrences on this local date, for a run "for a date" (the local
   * runtime's `--date`, or a replay). Without it, each customer's current local date is used.
   */
  onDate?: IsoDate;
}

const minutesPerDay = 24 * 60;

/**
 * Decides which journey occurrences are due at `now`. Pure: the caller supplies candidates
 * (customers possibly due, from an index) and records the result; running it twice at the same
 * instant gives the same plan, and the occurrence ledger makes acting on it idempotent.
 * Each trigger kind decides its own dates (shared/domain/triggers/); this loop knows none.
 *
 * @example
 * planDueJourneys({ journeys, candidates: [{ customer, vehicles }], now: new Date('2026-03-14T01:00:00Z') })
 * // -> [{ journeyId: 'birthday', customerId: 'c-0001', occurrenceKey: '2026', ... }]
 */
export function planDueJourneys({ journeys, candidates, now, onDate }: PlanInput): DueOccurrence[] {
  const active = activeJourneys(journeys);
  // Per plan, made when a journey is first planned: the kinds' answers shared by customers (a
  // festival's date) hold for one plan only.
  const occurrencesOnOf: ((facts: CustomerFacts, date: IsoDate) => Occurrence[])[] = [];
  const due: DueOccurrence[] = [];
  const localMomentOf = localMomentsAt(now);
  const activeOf = journeysListed(active);
  const occurrenceDateOf = shiftedDates();
  // Indexed loops, not `for...of`: each iteration of an array iterator that V8 does not optimise
  // away is an object, and this runs for every candidate of every tick (and again for the day's
  // contenders).
  for (let at = 0; at < candidates.length; at += 1) {
    const facts = candidates[at]!;
    const { customer } = facts;
    const current = localMomentOf(customer.timeZone);
    if (onDate !== undefined && current.date !== onDate) continue;
    const local = facts.lateDate !== undefined && facts.lateDate < current.date ? { date: facts.lateDate, minuteOfDay: minutesPerDay } : current;
    const listed = facts.dueJourneys ? activeOf(facts.dueJourneys) : active;
    for (let which = 0; which < listed.length; which += 1) {
      const { journey, groups, sendAtMinute, index } = listed[which]!;
      if (local.minuteOfDay < sendAtMinute || !matchesAudience(journey.audience, facts)) continue;
      const occurrencesOn = (occurrencesOnOf[index] ??= occurrencesOnInPlan(journey.trigger));
      for (let groupAt = 0; groupAt < groups.length; groupAt += 1) {
        const group = groups[groupAt]!;
        // Steps `offsetDays` from the occurrence go out today for an occurrence that many days away.
        const occurrenceDate = occurrenceDateOf(local.date, group.offsetDays);
        const occurrences = occurrencesOn(facts, occurrenceDate);
        for (let found = 0; found < occurrences.length; found += 1) {
          const occurrence = occurrences[found]!;
          const messages = group.steps.map((step, index) => {
            const { channel, fallback } = group.channels[index]!;
            // A step with a fallback is queued when either channel can reach the customer; dispatch
            // decides which, on consent as it is then.
            return { messageId: step.id, channel, template: step.template, contactable: canContact(customer, channel) || (fallback !== undefined && canContact(customer, fallback)) };
          });
          const unit: DueOccurrence = {
            journeyId: journey.id,
            customerId: customer.id,
            occurrenceKey: ledgerUnitKey(occurrence.key, group),
            occurrenceDate: occurrence.date,
            category: journey.category,
            priority: journey.priority,
            messages,
          };
          // Set only when there is one, not spread in: this runs for every occurrence of every tick.
          if (group.offsetDays !== 0) unit.sendDate = local.date;
          if (hasAny(occurrence.facts)) unit.facts = occurrence.facts;
          due.push(unit);
        }
      }
    }
  }
  return due;
}

function hasAny(facts: OccurrenceFacts): boolean {
  for (const _key in facts) return true;
  return false;
}

/**
 * `date` moved back `offsetDays`, computed once per plan for each date and offset: a plan meets
 * at most three local dates (and the late ones of a catch-up) and a few offsets.
 */
function shiftedDates(): (date: IsoDate, offsetDays: number) => IsoDate {
  const byDate = new Map<IsoDate, Map<number, IsoDate>>();
  return (date, offsetDays) => {
    if (offsetDays === 0) return date;
    let byOffset = byDate.get(date);
    if (byOffset === undefined) byDate.set(date, (byOffset = new Map()));
    let shifted = byOffset.get(offsetDays);
    if (shifted === undefined) byOffset.set(offsetDays, (shifted = addDays(date, -offsetDays)));
    return shifted;
  };
}

/**
 * The active journeys a list of journey ids names, in the active journeys' order (so a plan lists
 * occurrences in the same order whether or not its candidates name their journeys), computed once
 * per distinct list of ids and kept with the active journeys (a loaded list is never changed):
 * the ticks' candidates share a few dozen lists, most of them of one journey.
 */
function journeysListed(active: readonly ActiveJourney[]): (ids: readonly string[]) => readonly ActiveJourney[] {
  let byList = listedByActive.get(active);
  if (byList === undefined) listedByActive.set(active, (byList = new Map()));
  const listedOf = byList;
  return (ids) => {
    // One id is its own key: no string is built for the commonest list.
    const key = ids.length === 1 ? ids[0]! : ids.join('\n');
    let listed = listedOf.get(key);
    if (listed === undefined) {
      listed = active.filter(({ journey }) => ids.includes(journey.id));
      // Lists are the journeys due together on one date: a few hundred at most, but never unbounded.
      if (listedOf.size >= listsKept) listedOf.clear();
      listedOf.set(key, listed);
    }
    return listed;
  };
}

const listsKept = 10_000;
const listedByActive = new WeakMap<readonly ActiveJourney[], Map<string, readonly ActiveJourney[]>>();

/**
 * The local moment of `now` per time zone, computed once per zone: a plan meets thousands of
 * customers in a few dozen zones.
 */
export function localMomentsAt(now: Date): (timeZone: string) => LocalMoment {
  const byZone = new Map<string, LocalMoment>();
  return (timeZone) => {
    let local = byZone.get(timeZone);
    if (local === undefined) {
      local = localMomentIn(now, timeZone);
      byZone.set(timeZone, local);
    }
    return local;
  };
}

/** What {@link matchesAudience} reads of a customer. */
export type AudienceFacts = Pick<CustomerFacts, 'customer' | 'loyalty' | 'region' | 'interests' | 'vehicles'>;

/** Whether a customer is in a journey's audience: every filter the journey lists must match. */
export function matchesAudience(audience: Audience, facts: AudienceFacts): boolean {
  const { customer } = facts;
  if (audience.stages && !audience.stages.includes(customer.stage)) return false;
  if (audience.dealers && !audience.dealers.includes(customer.dealerId)) return false;
  if (audience.locales && !audience.locales.includes(customer.locale)) return false;
  if (audience.loyaltyTiers && (facts.loyalty === undefined || !audience.loyaltyTiers.includes(facts.loyalty.tier))) return false;
  if (audience.regions && !inRegions(audience.regions, facts.region)) return false;
  if (audience.interests && !audience.interests.some((interest) => facts.interests.includes(interest))) return false;
  if (audience.brands && !anyCar(audience.brands, facts.vehicles, (vehicle) => vehicle.brand)) return false;
  if (audience.models && !anyCar(audience.models, facts.vehicles, (vehicle) => vehicle.model)) return false;
  return true;
}

// A country listed takes in its subdivisions ("AU" reaches "AU-NSW"); a subdivision listed
// reaches only itself, not the country or its other subdivisions.
function inRegions(regions: readonly string[], region: string | undefined): boolean {
  if (region === undefined) return false;
  return regions.some((listed) => listed === region || (listed.length === 2 && region.startsWith(`${listed}-`)));
}

// Dealer systems spell brands and models in their own case ("BMW", "Bmw"): compare without it.
function anyCar(names: readonly string[], vehicles: AudienceFacts['vehicles'], nameOf: (vehicle: AudienceFacts['vehicles'][number]) => string): boolean {
  const wanted = names.map((name) => name.toLowerCase());
  return vehicles.some((vehicle) => wanted.includes(nameOf(vehicle).trim().toLowerCase()));
}
