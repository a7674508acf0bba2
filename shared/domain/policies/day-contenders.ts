import { DateTime } from 'luxon';
import * as z from 'zod';
import type { CustomerFacts } from '../customer-facts';
import { IsoDateString, localMomentIn, type IsoDate } from '../dates';
import { planDueJourneys } from '../journey/plan';
import type { Journey } from '../journey/schema';
import type { DayContender } from './frequency-cap';

/**
 * The day's promotional contenders of a customer as the evaluation planned them, carried on each
 * promotional dispatch message (`DispatchMessage.dayContenders`), so the dispatch need not plan
 * the customer's day again for every send. `date` is the customer's local date they are for: a
 * message dispatched on another date (held overnight) plans that date's again.
 */
export const DayContenders = z.object({
  date: IsoDateString,
  contenders: z.array(z.object({ journeyId: z.string().min(1), occurrenceKey: z.string().min(1), priority: z.number().int() })),
});
export type DayContenders = z.infer<typeof DayContenders>;

/**
 * The promotional occurrences due on the customer's local day of `now`, whatever their send time:
 * what the frequency cap ranks by priority, so a journey sent at 10:00 can keep the last slot from
 * a lower-priority one sent at 09:00. Planned as the evaluation plans (the same function, at the
 * day's last instant), counting only occurrences with a message the customer can be reached by.
 * Facts with `dueJourneys` (a due-index entry of that very date) are planned with those journeys
 * only, as the evaluation plans them.
 */
export function dayContendersOf(journeys: readonly Journey[], facts: CustomerFacts & { dueJourneys?: readonly string[] }, now: Date): DayContender[] {
  const promotional = journeys.filter((journey) => journey.category === 'promotional');
  if (promotional.length === 0) return [];
  const local = DateTime.fromJSDate(now, { zone: facts.customer.timeZone });
  return planDueJourneys({ journeys: promotional, candidates: [facts], now: local.endOf('day').toJSDate(), onDate: local.toISODate()! })
    .filter((occurrence) => occurrence.messages.some((message) => message.contactable))
    .map((occurrence) => ({ journeyId: occurrence.journeyId, occurrenceKey: occurrence.occurrenceKey, priority: occurrence.priority ?? 100 }));
}

/**
 * For the evaluation: the day contenders to carry on the messages of each occurrence it queues,
 * planned once per customer (several promotions of one customer on one tick share them) and only
 * for promotional occurrences. A candidate filed under the customer's current date is planned with
 * the journeys its entry lists; one found under another date (a catch-up) with every journey, as
 * its messages are judged on the current date.
 */
export function carriedDayContenders(
  journeys: readonly Journey[],
  candidates: readonly (CustomerFacts & { dueDate: IsoDate; dueJourneys?: readonly string[]; lateDate?: IsoDate })[],
  now: Date,
): (occurrence: { customerId: string; category?: string | undefined }) => DayContenders | undefined {
  const factsOf = new Map(candidates.map((facts) => [facts.customer.id, facts]));
  const planned = new Map<string, DayContenders>();
  return ({ customerId, category }) => {
    if (category !== 'promotional') return undefined;
    let carried = planned.get(customerId);
    const facts = factsOf.get(customerId);
    if (carried === undefined && facts !== undefined) {
      const date = localMomentIn(now, facts.customer.timeZone).date;
      // Planned on the current date: a catch-up's late date is not the day the cap counts.
      const { dueJourneys, dueDate: _dueDate, lateDate: _lateDate, ...rest } = facts;
      const planning = dueJourneys && facts.dueDate === date ? { ...rest, dueJourneys } : rest;
      planned.set(customerId, (carried = { date, contenders: dayContendersOf(journeys, planning, now) }));
    }
    return carried;
  };
}
