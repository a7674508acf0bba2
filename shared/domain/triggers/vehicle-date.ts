import * as z from 'zod';
import { parseIsoDate, type IsoDate } from '../dates';
import { FuelType } from '../customer';
import type { VehicleFacts } from '../customer-facts';
import { addMonthsAndDays, landingOn, monthsBefore, type Landing } from './date-offsets';
import { sendAt } from './fields';
import { earliestOccurrence } from './per-vehicle';
import type { Occurrence, TriggerKind } from './kind';

/**
 * A date counted from a vehicle's delivery: once (welcome pack at +N days, post-delivery call at
 * +15 days, first free check at +3 months) or yearly (the car-age anniversary).
 */
export const VehicleDateTrigger = z.strictObject({
  type: z.literal('vehicle-date'),
  sendAt,
  /** How long after delivery: months first, then days (`{ months: 3 }`, `{ days: 15 }`). */
  after: z
    .strictObject({
      months: z.number().int().min(0).max(600).default(0),
      days: z.number().int().min(0).max(3660).default(0),
    })
    .default({ months: 0, days: 0 }),
  /**
   * `once`: one occurrence per vehicle. `yearly`: one on each anniversary of that date from the
   * first year on (`occurrence.years` says which).
   */
  repeat: z.enum(['once', 'yearly']).default('once'),
  /**
   * Only cars with one of these fuels (`[ev, phev]` for a battery check). A car whose fuel is not
   * known is left out: a battery check offered for a diesel reads as a machine's mistake.
   */
  fuel: z.array(FuelType).min(1).optional(),
});
export type VehicleDateTrigger = z.infer<typeof VehicleDateTrigger>;

function onceFor(trigger: VehicleDateTrigger, vehicle: VehicleFacts, onOrAfter: IsoDate): Occurrence | undefined {
  const date = addMonthsAndDays(vehicle.deliveredOn, trigger.after.months, trigger.after.days);
  if (date < onOrAfter) return undefined;
  return { date, key: vehicle.vin, facts: vehicleFacts(vehicle) };
}

function yearlyFor(trigger: VehicleDateTrigger, vehicle: VehicleFacts, onOrAfter: IsoDate): Occurrence {
  // Start early enough that the offset (months, then days) cannot carry a skipped anniversary
  // past `onOrAfter`: a year for the carry into the next calendar year, plus the offset in years.
  const offsetYears = Math.ceil(trigger.after.months / 12) + Math.ceil(trigger.after.days / 365);
  let years = Math.max(1, parseIsoDate(onOrAfter).year - parseIsoDate(vehicle.deliveredOn).year - 1 - offsetYears);
  for (;; years += 1) {
    const date = addMonthsAndDays(vehicle.deliveredOn, years * 12 + trigger.after.months, trigger.after.days);
    if (date >= onOrAfter) return { date, key: `${vehicle.vin}#${years}`, facts: { ...vehicleFacts(vehicle), years } };
  }
}

// The date taken apart, per trigger: a plan asks for one or a few dates, many times over.
const landings = new WeakMap<VehicleDateTrigger, { date: IsoDate; landing: Landing }>();
function landingFor(trigger: VehicleDateTrigger, date: IsoDate): Landing {
  const cached = landings.get(trigger);
  if (cached?.date === date) return cached.landing;
  const landing = landingOn(date, trigger.after.days);
  landings.set(trigger, { date, landing });
  return landing;
}

function vehicleFacts(vehicle: VehicleFacts) {
  return { brand: vehicle.brand, model: vehicle.model, deliveredOn: vehicle.deliveredOn };
}

function occurrencesFrom(trigger: VehicleDateTrigger, vehicles: readonly VehicleFacts[], onOrAfter: IsoDate): Occurrence[] {
  return vehicles
    .filter((vehicle) => trigger.fuel === undefined || (vehicle.fuel !== undefined && trigger.fuel.includes(vehicle.fuel)))
    .map((vehicle) => (trigger.repeat === 'once' ? onceFor(trigger, vehicle, onOrAfter) : yearlyFor(trigger, vehicle, onOrAfter)))
    .filter((occurrence) => occurrence !== undefined);
}

/**
 * Counted per vehicle: the key holds the VIN, so each car gets its own welcome pack, and two
 * cars delivered together each get theirs on the same day.
 */
export const vehicleDateKind: TriggerKind<VehicleDateTrigger> = {
  type: 'vehicle-date',
  schema: VehicleDateTrigger,
  fixedDates: true,
  nextOccurrence(trigger, { vehicles }, onOrAfter) {
    return earliestOccurrence(occurrencesFrom(trigger, vehicles, onOrAfter));
  },
  occurrencesOn(trigger, { vehicles }, date) {
    // Asked for every candidate on every tick: each car is tested against the date taken apart
    // once, with no date built for a car that is not due.
    const landing = landingFor(trigger, date);
    let occurrences: Occurrence[] | undefined;
    for (const vehicle of vehicles) {
      if (trigger.fuel !== undefined && (vehicle.fuel === undefined || !trigger.fuel.includes(vehicle.fuel))) continue;
      const months = monthsBefore(landing, vehicle.deliveredOn);
      if (months === undefined) continue;
      if (trigger.repeat === 'once') {
        if (months !== trigger.after.months) continue;
        (occurrences ??= []).push({ date, key: vehicle.vin, facts: vehicleFacts(vehicle) });
      } else {
        const years = (months - trigger.after.months) / 12;
        if (!Number.isInteger(years) || years < 1) continue;
        (occurrences ??= []).push({ date, key: `${vehicle.vin}#${years}`, facts: { ...vehicleFacts(vehicle), years } });
      }
    }
    return occurrences ?? [];
  },
  sampleFacts: { brand: 'Sample', model: 'Tourer', deliveredOn: '2023-03-14', years: 3 },
  sampleCases(trigger, full) {
    const { years, ...once } = vehicleDateKind.sampleFacts;
    const facts = trigger.repeat === 'yearly' ? { ...once, years: years! } : once;
    // The delivered car is what selected the customer, so a vehicle is always known; the age is not.
    const base = { ...full, occurrence: { ...full.occurrence, ...facts } };
    return [
      { label: 'a vehicle owner with a known birth date', context: base },
      { label: 'a vehicle owner without a birth date', context: { ...base, age: null } },
    ];
  },
};
