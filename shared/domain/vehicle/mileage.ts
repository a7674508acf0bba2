import * as z from 'zod';
import { CalendarDateString, type IsoDate } from '../dates';
import { dateOfEpochDay, epochDay } from '../calendar/epoch-day';

/** An odometer reading taken on a date (at a service visit, from the car, or told by the owner). */
export const OdometerReading = z.strictObject({
  on: CalendarDateString,
  km: z.number().finite().nonnegative(),
});
export type OdometerReading = z.infer<typeof OdometerReading>;

/**
 * How a vehicle's odometer grows, fitted from its readings by {@link fitMileage}: fit once per
 * vehicle (when its readings change), then ask {@link estimateOn} and {@link dateReaching} as
 * often as needed.
 */
export interface MileageModel {
  /** Kilometres a day, never negative. */
  readonly kmPerDay: number;
  /** The readings trusted, ascending: epoch days and kilometres, same length, at least two distinct days. */
  readonly days: readonly number[];
  readonly kms: readonly number[];
}

// Only the latest readings count: they show how the car is driven now, and they bound the
// pairwise work (12 readings: 66 slopes) for vehicles with decades of service history.
const MAX_READINGS = 12;
// Above ~180,000 km a year no car is driven: a line that steep comes from a typo.
const MAX_KM_PER_DAY = 500;
// A reading counts as off the line beyond this distance from it: 25% of the fitted value, but
// never less than 1,500 km, as early readings are small and a month's driving varies that much.
const RELATIVE_TOLERANCE = 0.25;
const ABSOLUTE_TOLERANCE_KM = 1_500;
// A typical private car (~15,000 km a year). Used only to choose when the readings cannot tell:
// of three readings one must go (they contradict each other) and any two form a perfect line.
const TYPICAL_KM_PER_DAY = 40;
// A threshold the estimate reaches only after a century is never reached.
const HORIZON_DAYS = 36_525;

const slopes = new Float64Array((MAX_READINGS * (MAX_READINGS - 1)) / 2);
const offsets = new Float64Array(MAX_READINGS);

/**
 * Fits the odometer's growth to a vehicle's readings with a robust line: the Theil-Sen slope
 * (median of the slopes between every two readings), anchored on the latest trusted reading.
 *
 * One bad reading (a typo ten times too high or low, a reading lower than an earlier one) is
 * left out: the readings are fitted as a whole and with each one left out in turn, and the fit
 * kept is the one where the readings it keeps lie closest to its line, leaving a reading out
 * costing as much as one reading at the edge of the tolerance. Readings whose kilometres go down
 * are never fitted together, so growth is never negative.
 *
 * Returns `undefined`, so time alone decides, with fewer than two readings on different days,
 * or when no reading can be left out to make the rest consistent (two or more bad readings).
 *
 * @example
 * const model = fitMileage([{ on: '2025-01-01', km: 5_000 }, { on: '2025-03-02', km: 8_000 }]); // 50 km a day
 * estimateOn(model!, '2025-04-01'); // 9,500
 */
export function fitMileage(readings: readonly OdometerReading[]): MileageModel | undefined {
  const sorted = readings
    .map((reading) => {
      if (!Number.isFinite(reading.km) || reading.km < 0) throw new RangeError(`Not an odometer reading: ${reading.km} km`);
      return { day: epochDay(reading.on), km: reading.km };
    })
    .sort((a, b) => a.day - b.day || a.km - b.km)
    .slice(-MAX_READINGS);
  const days = sorted.map((reading) => reading.day);
  const kms = sorted.map((reading) => reading.km);

  const whole = fitLeavingOut(days, kms, -1);
  // Leaving a reading out costs 1, so no subset can beat a whole fit scoring 1 or less.
  if (whole && whole.score <= 1) return model(days, kms, -1, whole.slope);

  let best = whole ? { leftOut: -1, ...whole } : undefined;
  if (days.length >= 3) {
    for (let leftOut = 0; leftOut < days.length; leftOut++) {
      const fit = fitLeavingOut(days, kms, leftOut);
      if (fit && (!best || isBetter(fit, best))) best = { leftOut, ...fit };
    }
  }
  return best && model(days, kms, best.leftOut, best.slope);
}

/**
 * The estimated odometer on a date: the line through the latest trusted reading, and never less
 * than a trusted reading taken on or before the date (an odometer does not run back). Never
 * negative, and never decreasing as the date moves on.
 */
export function estimateOn(model: MileageModel, date: IsoDate): number {
  const day = epochDay(date);
  const last = model.days.length - 1;
  let estimate = model.kms[last]! + model.kmPerDay * (day - model.days[last]!);
  for (let i = last; i >= 0; i--) {
    if (model.days[i]! <= day) {
      estimate = Math.max(estimate, model.kms[i]!);
      break;
    }
  }
  return Math.max(0, estimate);
}

/**
 * The first date on which {@link estimateOn} reaches `thresholdKm` (possibly in the past, when a
 * reading or the line already passed it); `undefined` when it never does (no growth, or not
 * within a century).
 */
export function dateReaching(model: MileageModel, thresholdKm: number): IsoDate | undefined {
  const day = dayReaching(model, thresholdKm);
  return day === undefined ? undefined : dateOfEpochDay(day);
}

/** {@link dateReaching} as an epoch day: the planner compares it with a date's, building no text. */
export function dayReaching(model: MileageModel, thresholdKm: number): number | undefined {
  if (!(thresholdKm > 0) || !Number.isFinite(thresholdKm)) throw new RangeError(`Expected a positive threshold, got ${thresholdKm} km`);
  let first: number | undefined;
  const reached = model.kms.findIndex((km) => km >= thresholdKm);
  if (reached >= 0) first = model.days[reached];

  if (model.kmPerDay > 0) {
    const lastDay = model.days.at(-1)!;
    const lastKm = model.kms.at(-1)!;
    let day = lastDay + Math.ceil((thresholdKm - lastKm) / model.kmPerDay);
    // The division rounds; settle on the exact first day the line reaches the threshold.
    while (kmOnLine(model, lastDay, lastKm, day - 1) >= thresholdKm) day--;
    while (kmOnLine(model, lastDay, lastKm, day) < thresholdKm) day++;
    if (day - lastDay <= HORIZON_DAYS && (first === undefined || day < first)) first = day;
  }
  return first;
}

/**
 * The fitted line's kilometres on a day, through the last trusted reading. A function of the
 * module, not a closure per call: the planner asks {@link dayReaching} for every car at every tick.
 */
function kmOnLine(model: MileageModel, lastDay: number, lastKm: number, day: number): number {
  return lastKm + model.kmPerDay * (day - lastDay);
}

/**
 * The estimated odometer of a vehicle on a date, from its readings; `undefined` without a fit
 * (see {@link fitMileage}).
 *
 * @example estimateMileage([{ on: '2025-01-01', km: 0 }, { on: '2025-01-11', km: 500 }], '2025-01-21') // 1,000
 */
export function estimateMileage(readings: readonly OdometerReading[], date: IsoDate): number | undefined {
  const fitted = fitMileage(readings);
  return fitted && estimateOn(fitted, date);
}

/**
 * The first date the estimated odometer reaches `thresholdKm` (the due date of a service or a
 * trade-in by mileage); `undefined` without a fit or when it never does.
 *
 * @example dateMileageReaches([{ on: '2025-01-01', km: 0 }, { on: '2025-01-11', km: 500 }], 1_000) // '2025-01-21'
 */
export function dateMileageReaches(readings: readonly OdometerReading[], thresholdKm: number): IsoDate | undefined {
  const fitted = fitMileage(readings);
  return fitted && dateReaching(fitted, thresholdKm);
}

interface Fit {
  slope: number;
  score: number;
}

/** Theil-Sen fit of the readings but `leftOut` (-1: none), or `undefined` when they cannot be one car's. */
function fitLeavingOut(days: readonly number[], kms: readonly number[], leftOut: number): Fit | undefined {
  const n = days.length;
  let previous = -1;
  for (let i = 0; i < n; i++) {
    if (i === leftOut) continue;
    if (previous >= 0 && kms[i]! < kms[previous]!) return undefined;
    previous = i;
  }

  let slopeCount = 0;
  for (let i = 0; i < n; i++) {
    if (i === leftOut) continue;
    for (let j = i + 1; j < n; j++) {
      // Two readings of one day give no slope (and sorting put the higher one last).
      if (j === leftOut || days[j] === days[i]) continue;
      slopes[slopeCount++] = (kms[j]! - kms[i]!) / (days[j]! - days[i]!);
    }
  }
  if (slopeCount === 0) return undefined;
  const slope = medianOf(slopes, slopeCount);
  if (slope > MAX_KM_PER_DAY) return undefined;

  let offsetCount = 0;
  for (let i = 0; i < n; i++) if (i !== leftOut) offsets[offsetCount++] = kms[i]! - slope * days[i]!;
  const intercept = medianOf(offsets, offsetCount);

  let misfit = leftOut >= 0 ? 1 : 0;
  for (let i = 0; i < n; i++) {
    if (i === leftOut) continue;
    const fitted = intercept + slope * days[i]!;
    misfit += Math.abs(kms[i]! - fitted) / Math.max(ABSOLUTE_TOLERANCE_KM, RELATIVE_TOLERANCE * fitted);
  }
  return { slope, score: misfit };
}

function isBetter(candidate: Fit, best: Fit): boolean {
  // Equal within rounding: the readings cannot tell, so the more typical speed wins.
  if (Math.abs(candidate.score - best.score) > 1e-9) return candidate.score < best.score;
  return distanceFromTypical(candidate.slope) < distanceFromTypical(best.slope);
}

function distanceFromTypical(kmPerDay: number): number {
  return Math.abs(Math.log(Math.max(kmPerDay, 0.1) / TYPICAL_KM_PER_DAY));
}

function medianOf(values: Float64Array, count: number): number {
  const sorted = values.subarray(0, count).sort();
  const middle = count >> 1;
  return count % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function model(days: number[], kms: number[], leftOut: number, kmPerDay: number): MileageModel {
  if (leftOut < 0) return { kmPerDay, days, kms };
  return { kmPerDay, days: days.filter((_, i) => i !== leftOut), kms: kms.filter((_, i) => i !== leftOut) };
}
