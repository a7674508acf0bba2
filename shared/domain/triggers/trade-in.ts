import * as z from 'zod';
import type { IsoDate } from '../dates';
import type { VehicleFacts } from '../customer-facts';
import { dateReaching, estimateOn } from '../vehicle/mileage';
import { addMonthsAndDays } from './date-offsets';
import { sendAt } from './fields';
import { perVehicle } from './per-vehicle';
import type { Occurrence, TriggerKind } from './kind';
import { mileageOf } from './vehicle-mileage';

/** A trade-in invitation once a car is both old enough and driven far enough. */
export const TradeInTrigger = z.strictObject({
  type: z.literal('trade-in'),
  sendAt,
  /** Whole years of ownership, counted from delivery. */
  years: z.number().int().min(1).max(30).default(3),
  /** Estimated odometer reading. */
  km: z.number().int().positive().max(1_000_000).default(50_000),
});
export type TradeInTrigger = z.infer<typeof TradeInTrigger>;

/** Whole years the car has been owned on a date (an anniversary on 29 February counts on the 28th). */
function yearsOwnedOn(deliveredOn: IsoDate, date: IsoDate): number {
  let years = Number(date.slice(0, 4)) - Number(deliveredOn.slice(0, 4));
  if (addMonthsAndDays(deliveredOn, years * 12, 0) > date) years -= 1;
  return years;
}

function occurrenceOf(trigger: TradeInTrigger, vehicle: VehicleFacts, onOrAfter: IsoDate): Occurrence | undefined {
  // Both halves must hold, so without a mileage estimate (fewer than two readings) there is none:
  // an invitation to trade in a car that may have done 10,000 km reads as not knowing the owner.
  const mileage = mileageOf(vehicle);
  if (!mileage) return undefined;
  const byKm = dateReaching(mileage, trigger.km);
  if (byKm === undefined) return undefined;
  const byAge = addMonthsAndDays(vehicle.deliveredOn, trigger.years * 12, 0);
  const date = byAge > byKm ? byAge : byKm;
  // Passed: the car qualified before; the invitation is for the day it does.
  if (date < onOrAfter) return undefined;
  return {
    date,
    key: vehicle.vin,
    facts: { brand: vehicle.brand, model: vehicle.model, deliveredOn: vehicle.deliveredOn, yearsOwned: yearsOwnedOn(vehicle.deliveredOn, date), estimatedKm: Math.round(estimateOn(mileage, date)) },
  };
}

/**
 * Owned at least `years` and estimated at `km` or more: due on the later of the two days, once
 * per car (the key is the VIN). No estimated value: the engine has no honest source for one.
 */
export const tradeInKind: TriggerKind<TradeInTrigger> = {
  type: 'trade-in',
  schema: TradeInTrigger,
  fixedDates: true,
  ...perVehicle(occurrenceOf),
  sampleFacts: { brand: 'Sample', model: 'Tourer', deliveredOn: '2023-03-14', yearsOwned: 3, estimatedKm: 52_400 },
  sampleCases(_trigger, full) {
    const base = { ...full, occurrence: { ...full.occurrence, ...tradeInKind.sampleFacts } };
    return [
      { label: 'an owner with a known birth date', context: base },
      { label: 'an owner without a birth date', context: { ...base, age: null } },
    ];
  },
};
