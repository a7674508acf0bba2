import { dateOfEpochDay, epochDay, type IsoDate } from '../dates';
import type { CustomerFacts } from '../triggers/kind';
import type { ActiveJourney } from './active-journeys';

/** Kept as the send date when there is none: nothing on or after the day asked from, so nothing after a later day either. */
const never = 0x7fffffff;

/**
 * Per customer record the facts are built from, when it is frozen (the simulation stores its
 * customers deeply frozen, so they cannot change; the due index files new facts objects of the
 * same record at each move): for each journey of the active list, the day its soonest send date
 * was last worked out from and that date, as two day numbers in the list's order (a few hundred
 * bytes a customer, where dates as text would be kilobytes).
 */
const keptByRecord = new WeakMap<CustomerFacts['record'], { list: readonly ActiveJourney[]; dealerCountry: string | undefined; days: Int32Array }>();

/**
 * A journey's soonest send date for a customer from `today`, kept from the last time it was
 * worked out when the journey's dates are fixed (`ActiveJourney.fixedDates`, from
 * `fixedDatesFrom` when given: asked before that, it is worked out and not kept) and `today` lies
 * between the day it was worked out from and the date found: the soonest date on or after any
 * day up to it is then the same. A customer moved on from a date asks again from the day after,
 * and only the journeys due that day, and those whose dates are not fixed, are worked out again.
 */
export function keptSendDate(
  active: ActiveJourney,
  list: readonly ActiveJourney[],
  facts: CustomerFacts,
  today: IsoDate,
  workOut: () => IsoDate | undefined,
): IsoDate | undefined {
  const { record, dealerCountry } = facts;
  if (!active.fixedDates || !Object.isFrozen(record)) return workOut();
  let kept = keptByRecord.get(record);
  if (kept === undefined || kept.list !== list || kept.dealerCountry !== dealerCountry) {
    // Worked out from `never`: nothing kept yet.
    kept = { list, dealerCountry, days: new Int32Array(list.length * 2).fill(never) };
    keptByRecord.set(record, kept);
  }
  const { days } = kept;
  const at = active.index * 2;
  const day = dayOf(today);
  const fixedFrom = active.fixedDatesFrom?.(facts);
  // Each step group asks from its own day, up to the largest offset before `today`: all of them must be fixed.
  if (fixedFrom !== undefined && day - active.maxOffsetDays < epochDay(fixedFrom)) return workOut();
  const from = days[at]!;
  const soonest = days[at + 1]!;
  if (from <= day && day <= soonest) return soonest === never ? undefined : dateOfDay(soonest);
  const found = workOut();
  days[at] = day;
  days[at + 1] = found === undefined ? never : epochDay(found);
  return found;
}

// A customer's journeys are asked from one date after another: its day number is worked out once.
let lastDate: IsoDate | undefined;
let lastDay = 0;

function dayOf(date: IsoDate): number {
  if (date !== lastDate) [lastDate, lastDay] = [date, epochDay(date)];
  return lastDay;
}

// Kept dates come back as text once per day number, not once per customer.
const datesOfDays = new Map<number, IsoDate>();
const datesOfDaysLimit = 100_000;

function dateOfDay(day: number): IsoDate {
  let date = datesOfDays.get(day);
  if (date === undefined) {
    if (datesOfDays.size >= datesOfDaysLimit) datesOfDays.clear();
    datesOfDays.set(day, (date = dateOfEpochDay(day)));
  }
  return date;
}
