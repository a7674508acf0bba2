import type { CustomerFacts } from '../customer-facts';
import { endOfLocalDay, localMomentIn, type IsoDate } from '../dates';
import { planDueJourneys } from '../journey/plan';
import type { Journey } from '../journey/schema';
import type { DayContender, DayContenders } from './frequency-cap';

/** A customer's local day of an instant: its date and its last instant (when every send time has passed). */
interface LocalDay {
  date: IsoDate;
  end: Date;
}

function localDayOf(now: Date, timeZone: string): LocalDay {
  return { date: localMomentIn(now, timeZone).date, end: endOfLocalDay(now, timeZone) };
}

/** Planned on their current date: never a late one (the planner's `lateDate`). */
type PlanningFacts = CustomerFacts & { dueJourneys?: readonly string[] | undefined; lateDate?: undefined };

/**
 * The promotional occurrences due on each customer's local day (all of one zone, so of one day),
 * whatever their send time, by customer id: planned as the evaluation plans (the same function,
 * at the day's last instant), counting only occurrences with a message the customer can be
 * reached by. Facts with `dueJourneys` (a due-index entry of that very date) are planned with
 * those journeys only, as the evaluation plans them.
 */
function contendersByCustomer(promotional: Journey[], customers: readonly PlanningFacts[], day: LocalDay): Map<string, DayContender[]> {
  const byCustomer = new Map<string, DayContender[]>(customers.map((facts) => [facts.customer.id, []]));
  if (promotional.length === 0) return byCustomer;
  for (const occurrence of planDueJourneys({ journeys: promotional, candidates: customers, now: day.end, onDate: day.date })) {
    if (!occurrence.messages.some((message) => message.contactable)) continue;
    byCustomer.get(occurrence.customerId)!.push({ journeyId: occurrence.journeyId, occurrenceKey: occurrence.occurrenceKey, priority: occurrence.priority ?? 100 });
  }
  return byCustomer;
}

/**
 * The promotional journeys of a list, the same array for the same list: the planner works out
 * its active journeys once per array, and the evaluation asks for the contenders at every tick.
 */
function promotionalOf(journeys: readonly Journey[]): Journey[] {
  let promotional = promotionalByList.get(journeys);
  if (promotional === undefined) promotionalByList.set(journeys, (promotional = journeys.filter((journey) => journey.category === 'promotional')));
  return promotional;
}

// A loaded journey list is never changed in place.
const promotionalByList = new WeakMap<readonly Journey[], Journey[]>();

/**
 * The promotional occurrences due on the customer's local day of `now`, whatever their send time:
 * what the frequency cap ranks by priority, so a journey sent at 10:00 can keep the last slot from
 * a lower-priority one sent at 09:00 (see `contendersByCustomer`).
 */
export function dayContendersOf(journeys: readonly Journey[], facts: PlanningFacts, now: Date): DayContender[] {
  return contendersByCustomer(promotionalOf(journeys), [facts], localDayOf(now, facts.customer.timeZone)).get(facts.customer.id)!;
}

const noneCarried = (): DayContenders | undefined => undefined;

/**
 * For the evaluation: the day contenders to carry on the messages of each promotional occurrence
 * it queues, planned for the customers of those occurrences at once, one plan per time zone (a
 * plan per customer would prepare every journey's steps again each time). A candidate filed
 * under the customer's current date is planned with the journeys its entry lists; one found under
 * another date (a catch-up) with every journey, as its messages are judged on the current date.
 */
export function carriedDayContenders(
  journeys: readonly Journey[],
  candidates: readonly (CustomerFacts & { dueDate: IsoDate; dueJourneys?: readonly string[]; lateDate?: IsoDate })[],
  due: readonly { customerId: string; category?: string | undefined }[],
  now: Date,
): (occurrence: { customerId: string; category?: string | undefined }) => DayContenders | undefined {
  const promoted = new Set<string>();
  for (const occurrence of due) if (occurrence.category === 'promotional') promoted.add(occurrence.customerId);
  // Most ticks queue no promotion: the candidates (every customer filed under the date) are not walked for none.
  if (promoted.size === 0) return noneCarried;
  const byZone = new Map<string, { day: LocalDay; customers: PlanningFacts[] }>();
  // An indexed loop: every candidate of the tick passes here (see `planDueJourneys`).
  for (let at = 0; at < candidates.length; at += 1) {
    const facts = candidates[at]!;
    if (!promoted.has(facts.customer.id)) continue;
    const zone = facts.customer.timeZone;
    let group = byZone.get(zone);
    if (group === undefined) byZone.set(zone, (group = { day: localDayOf(now, zone), customers: [] }));
    // Planned on the current date: a catch-up's late date is not the day the cap counts. The
    // planner reads a field set to undefined as one left out, and a copy with two fields set is
    // cheaper than one without them; an entry of that very date with no late date (every one of
    // a run for a date) is planned as it is, with no copy.
    const { dueJourneys, dueDate, lateDate } = facts;
    if (lateDate === undefined && (dueJourneys === undefined || dueDate === group.day.date)) group.customers.push(facts as PlanningFacts);
    else group.customers.push({ ...facts, lateDate: undefined, dueJourneys: dueJourneys && dueDate === group.day.date ? dueJourneys : undefined });
  }
  const carried = new Map<string, DayContenders>();
  const promotional = promotionalOf(journeys);
  for (const { day, customers } of byZone.values()) {
    for (const [customerId, contenders] of contendersByCustomer(promotional, customers, day)) carried.set(customerId, { date: day.date, contenders });
  }
  return ({ customerId, category }) => (category === 'promotional' ? carried.get(customerId) : undefined);
}
