import { dateOfEpochDay, epochDay, type IsoDate } from '../dates';
import type { CustomerFacts } from '../triggers/kind';
import type { ActiveJourney } from './active-journeys';

/**
 * Per customer record the facts are built from, when it is frozen (the simulation stores its
 * customers deeply frozen, so they cannot change; the due index files new facts objects of the
 * same record at each move): for each journey of the active list, the day its soonest send date
 * was last worked out from and that date, as two day numbers in the list's order (a few hundred
 * bytes a customer, where dates as text would be kilobytes).
 */
const keptByRecord = new WeakMap<CustomerFacts['record'], { list: readonly ActiveJourney[]; dealerCountry: string | undefined; days: Int32Array; fixedFrom: Float64Array }>();

/** A customer's kept dates for one active list, asked from one day: looked up once per customer, not per journey. */
export interface KeptDays {
  days: Int32Array;
  /** Per journey of the list, the day its dates are fixed from for the customer (NaN: not looked up yet). */
  fixedFrom: Float64Array;
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
    // Worked out from `noSendDay`: nothing kept yet (no day asked from lies after it).
    kept = { list, dealerCountry, days: new Int32Array(list.length * 2).fill(noSendDay), fixedFrom: new Float64Array(list.length).fill(Number.NaN) };
    keptByRecord.set(record, kept);
  }
  return { days: kept.days, fixedFrom: kept.fixedFrom, day: dayOf(today) };
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
  workOut: (active: ActiveJourney, facts: CustomerFacts, today: IsoDate) => number,
): IsoDate | undefined {
  const day = keptSendDay(active, kept, facts, today, workOut);
  return day === noSendDay ? undefined : dateOfEpochDay(day);
}

/** What {@link keptSendDay} gives when no step of the journey ever goes out to the customer. */
export const noSendDay = 0x7fffffff;

/**
 * {@link keptSendDate} as a day number ({@link noSendDay} for none): a caller that only compares
 * the journeys' dates (the soonest of them, `nextDue`) turns one of them into text, not each.
 */
export function keptSendDay(
  active: ActiveJourney,
  kept: KeptDays | undefined,
  facts: CustomerFacts,
  today: IsoDate,
  workOut: (active: ActiveJourney, facts: CustomerFacts, today: IsoDate) => number,
): number {
  if (kept === undefined || !active.fixedDates) return workOut(active, facts, today);
  const { days, day } = kept;
  const at = active.index * 2;
  // Each step group asks from its own day, up to the largest offset before `today`: all of them must be fixed.
  if (active.fixedDatesFrom !== undefined && day - active.maxOffsetDays < fixedFromDay(active, kept, facts)) return workOut(active, facts, today);
  const from = days[at]!;
  const soonest = days[at + 1]!;
  if (from <= day && day <= soonest) return soonest;
  const found = workOut(active, facts, today);
  days[at] = day;
  days[at + 1] = found;
  return found;
}

/**
 * The day from which the journey's dates are fixed for the customer (`fixedDatesFrom`), as a day
 * number (-Infinity when from any day), kept with the record's dates: a frozen record's visits
 * never change, and the due index asks at every move.
 */
function fixedFromDay(active: ActiveJourney, kept: KeptDays, facts: CustomerFacts): number {
  let day = kept.fixedFrom[active.index]!;
  if (Number.isNaN(day)) {
    const from = active.fixedDatesFrom!(facts);
    kept.fixedFrom[active.index] = day = from === undefined ? Number.NEGATIVE_INFINITY : epochDay(from);
  }
  return day;
}

// A customer's journeys are asked from one date after another: its day number is worked out once.
let lastDate: IsoDate | undefined;
let lastDay = 0;

function dayOf(date: IsoDate): number {
  if (date !== lastDate) [lastDate, lastDay] = [date, epochDay(date)];
  return lastDay;
}
