import { addDays, localMomentIn, minutesOfClock, type IsoDate } from '../domain/dates';
import { dueEntriesFor, nextDueDate } from '../domain/journey/due-dates';
import type { Journey } from '../domain/journey/schema';
import { occurrenceDatesFor } from '../domain/journey/steps';
import { customerFacts, type CustomerFacts } from '../domain/customer-facts';
import { candidateMonthDaysFor } from '../domain/triggers/registry';
import type { CustomerDirectory, SkippedRecord } from '../ports/customers';
import type { DueIndex } from '../ports/due-index';

export interface Candidates {
  candidates: (CustomerFacts & { dueDate?: IsoDate })[];
  skipped: SkippedRecord[];
}

/**
 * The customers possibly due on these local dates: from the due index where there is one (only
 * customers due, with their cars), and from the birthday month-day index (profiles only, for the
 * kinds it serves). The birthday read stays, beside the due index, for customers written before
 * their writers filed due entries, until the recompute has filed every customer; a customer read
 * from both counts once, as the due index has them (with their cars and due date).
 */
export async function readCandidates(
  journeys: readonly Journey[],
  localDates: readonly IsoDate[],
  { customers, dueIndex }: { customers: CustomerDirectory; dueIndex?: DueIndex },
): Promise<Candidates> {
  const [due, birthdays] = await Promise.all([
    dueIndex ? dueIndex.readDue(localDates) : undefined,
    readBirthdayCandidates(journeys, localDates, customers),
  ]);
  if (!due) return birthdays;
  const filed = new Set(due.due.map((facts) => facts.customer.id));
  const reported = new Set(due.skipped.map((skipped) => skipped.record));
  return {
    candidates: [...due.due, ...birthdays.candidates.filter((facts) => !filed.has(facts.customer.id))],
    skipped: [...due.skipped, ...birthdays.skipped.filter((skipped) => !reported.has(skipped.record))],
  };
}

async function readBirthdayCandidates(journeys: readonly Journey[], localDates: readonly IsoDate[], customers: CustomerDirectory): Promise<Candidates> {
  const monthDays = candidateMonthDaysFor(
    journeys.filter((journey) => journey.enabled).map((journey) => ({ trigger: journey.trigger, occurrenceDates: occurrenceDatesFor(journey.steps, localDates) })),
  );
  if (monthDays.length === 0) return { candidates: [], skipped: [] };
  // Birth dates are judged against the latest date evaluated: a customer born today in Auckland exists.
  const read = await customers.findByBirthdayMonthDays(monthDays, [...localDates].sort().at(-1)!);
  return { candidates: read.customers.map((customer) => customerFacts({ customer, vehicles: [], visits: [], complaints: [] })), skipped: read.skipped };
}

/**
 * Moves each candidate read from the due index on to their next due date once nothing of their
 * due date is left for a later tick: every journey due that day has passed its send time and its
 * occurrences are queued. Later ticks then read them no more, so a handled occurrence costs no
 * further reads or writes. An entry left behind a date (a run that did not happen) moves on from
 * the customer's current date. Returns how many entries moved.
 */
export async function advanceDueEntries(
  candidates: Candidates['candidates'],
  journeys: readonly Journey[],
  now: Date,
  { dueIndex, unfinished }: { dueIndex: DueIndex; unfinished: ReadonlySet<string> },
): Promise<number> {
  const sendAtMinute = new Map(journeys.map((journey) => [journey.id, minutesOfClock(journey.trigger.sendAt)]));
  let advanced = 0;
  for (const facts of candidates) {
    const { dueDate } = facts;
    if (dueDate === undefined || unfinished.has(facts.customer.id)) continue;
    const local = localMomentIn(now, facts.customer.timeZone);
    if (local.date < dueDate) continue;
    if (local.date === dueDate) {
      const waiting = dueEntriesFor(facts, journeys, dueDate).some(
        (entry) => entry.dueDate === dueDate && local.minuteOfDay < (sendAtMinute.get(entry.journeyId) ?? 0),
      );
      if (waiting) continue;
    }
    const from = local.date === dueDate ? addDays(dueDate, 1) : local.date;
    await dueIndex.advance(facts.customer.id, dueDate, nextDueDate(facts, journeys, from));
    advanced += 1;
  }
  return advanced;
}
