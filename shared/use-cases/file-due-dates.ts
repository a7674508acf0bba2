import type { IsoDate } from '../domain/dates';
import { dueDatesFingerprint, nextDue } from '../domain/journey/due-dates';
import type { Journey } from '../domain/journey/schema';
import type { CustomerFacts } from '../domain/customer-facts';
import type { DueIndex } from '../ports/due-index';

/**
 * Files customers in the due index under their next due date (and the journeys due on it) with these journeys, or takes them
 * out when no journey will be due for them: the write path for whatever writes customers (the
 * import after saving, later the event API), with `today` the latest local date current anywhere.
 * Returns how many were filed under a date.
 */
export async function fileDueDates(records: readonly CustomerFacts[], journeys: readonly Journey[], today: IsoDate, dueIndex: DueIndex): Promise<number> {
  const entries = records.map((facts) => {
    const next = nextDue(facts, journeys, today);
    return { facts, dueDate: next?.dueDate, ...(next ? { journeyIds: next.journeyIds } : {}) };
  });
  await dueIndex.fileCustomers(entries, dueDatesFingerprint(journeys));
  return entries.filter((entry) => entry.dueDate !== undefined).length;
}
