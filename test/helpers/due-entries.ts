/**
 * Arbitrary due-index entries of the demo customers (`demoCustomerFacts` in `shipped-journeys.ts`), for properties that hold a
 * shortcut planning from an entry equal to planning from the profile with every journey.
 */
import fc from 'fast-check';
import type { CustomerFacts } from '../../shared/domain/customer-facts';
import { addDays } from '../../shared/domain/dates';
import { nextDue, type NextDue } from '../../shared/domain/journey/due-dates';
import type { Journey } from '../../shared/domain/journey/schema';

/** Which demo customer (an index into `demoCustomerFacts()`). */
export const demoCustomerIndex = fc.integer({ min: 0, max: 1_199 });
/** The date an entry is filed from: any day of two years around the demo's. */
export const filedOn = fc.integer({ min: 0, max: 2 * 366 }).map((days) => addDays('2025-09-01', days));
/**
 * From 14 hours before the due date's midnight UTC (its start at UTC+14) to three days after it
 * (planned late, from a catch-up or a missed tick), by quarter hours.
 */
export const quarterHoursFromDueDate = fc.integer({ min: -14 * 4, max: 84 * 4 });

/** The customer's entry filed from `filedFrom`, and the instant `quarterHours` from its date's midnight UTC; undefined when nothing is ever due. */
export function entryAndInstant(facts: CustomerFacts, journeys: readonly Journey[], filedFrom: string, quarterHours: number): { entry: NextDue; now: Date } | undefined {
  const entry = nextDue(facts, journeys, filedFrom);
  if (entry === undefined) return undefined;
  return { entry, now: new Date(Date.parse(`${entry.dueDate}T00:00:00Z`) + quarterHours * 900_000) };
}
