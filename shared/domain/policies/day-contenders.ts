import { DateTime } from 'luxon';
import type { CustomerFacts } from '../customer-facts';
import { planDueJourneys } from '../journey/plan';
import type { Journey } from '../journey/schema';
import type { DayContender } from './frequency-cap';

/**
 * The promotional occurrences due on the customer's local day of `now`, whatever their send time:
 * what the frequency cap ranks by priority, so a journey sent at 10:00 can keep the last slot from
 * a lower-priority one sent at 09:00. Planned as the evaluation plans (the same function, at the
 * day's last instant), counting only occurrences with a message the customer can be reached by.
 */
export function dayContendersOf(journeys: readonly Journey[], facts: CustomerFacts, now: Date): DayContender[] {
  const promotional = journeys.filter((journey) => journey.category === 'promotional');
  if (promotional.length === 0) return [];
  const local = DateTime.fromJSDate(now, { zone: facts.customer.timeZone });
  return planDueJourneys({ journeys: promotional, candidates: [facts], now: local.endOf('day').toJSDate(), onDate: local.toISODate()! })
    .filter((occurrence) => occurrence.messages.some((message) => message.contactable))
    .map((occurrence) => ({ journeyId: occurrence.journeyId, occurrenceKey: occurrence.occurrenceKey, priority: occurrence.priority ?? 100 }));
}
