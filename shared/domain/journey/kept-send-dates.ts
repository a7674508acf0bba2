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

/** A customer's kept dates for one active list, asked from one day: looked up once per customer, not per journey. */
export interface KeptDays {
  days: Int32Array;
  /** The day asked from, as a day number. */
  day: number;
}

/**
 * The kept dates of the customer's record for this active list, asked from `today`, or undefined
 * when the record is not frozen (a fresh record from a store may change: nothing is kept).
 */
export function keptDaysOf(list: readonly ActiveJourney[], facts: CustomerFacts, today: IsoDate): KeptDays | undefined {
  const { record, dealerCountry } = facts;
  if (!Object.isFrozen(record)) return undefined;
  let kept = keptByRecord.get(record);
  if (kept === undefined || kept.list !== list || kept.dealerCountry !== dealerCountry) {
    // Worked out from `never`: nothing kept yet.
    kept = { list, dealerCountry, days: new Int32Array(list.length * 2).fill(never) };
    keptByRecord.set(record, kept);
  }
  return { days: kept.days, day: dayOf(today) };
}

/**
 * A journey's soonest send date for a customer from `today`, kept from the last time it was
 * worked out when the journey's dates are fixed (`ActiveJourney.fixedDates`, from
 * `fixedDatesFrom` when given: asked before that, it is worked out and not kept) and `today` lies
 * between the day it was worked out from and the date found: the soonest date on or after any
 * day up to it is then the same. A customer moved on from a date asks again from the day after,
 * and only the journeys due that day, and those whose dates are not fixed, are worked out again.
 * `kept` is {@link keptDaysOf} of the same customer, list and day (undefined: nothing kept).
 */
export function keptSendDate(
  active: ActiveJourney,
  kept: KeptDays | undefined,
  facts: CustomerFacts,
  today: IsoDate,
  workOut: (active: ActiveJourney, facts: CustomerFacts, today: IsoDate) => IsoDate | undefined,
): IsoDate | undefined {
  if (kept === undefined || !active.fixedDates) return workOut(active, facts, today);
  const { days, day } = kept;
  const at = active.index * 2;
  const fixedFrom = active.fixedDatesFrom?.(facts);
  // Each step group asks from its own day, up to the largest offset before `today`: all of them must be fixed.
  if (fixedFrom !== undefined && day - active.maxOffsetDays < epochDay(fixedFrom)) return workOut(active, facts, today);
  const from = days[at]!;
  const soonest = days[at + 1]!;
  if (from <= day && day <= soonest) return soonest === never ? undefined : dateOfDay(soonest);
  const found = workOut(active, facts, today);
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
