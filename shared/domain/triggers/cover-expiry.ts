import * as z from 'zod';
import { assertNever } from '../assert-never';
import { addDays, type IsoDate } from '../dates';
import type { VehicleFacts } from '../customer-facts';
import { dateReaching } from '../vehicle/mileage';
import type { LimitedCover } from '../vehicle/vehicle';
import { sendAt } from './fields';
import { perVehicle } from './per-vehicle';
import type { Occurrence, OccurrenceFacts, SampleCase, TriggerKind } from './kind';
import { mileageOf } from './vehicle-mileage';

/** The covers a car can have, as the vehicle records them. */
export const CoverName = z.enum(['maintenance-plan', 'extended-warranty', 'warranty', 'roadside-assistance']);
export type CoverName = z.infer<typeof CoverName>;

/** A reminder some days before one kind of a car's cover ends. */
export const CoverExpiryTrigger = z.strictObject({
  type: z.literal('cover-expiry'),
  sendAt,
  cover: CoverName,
  /** Days before the end the reminder goes out (0: on the last day). */
  daysBefore: z.number().int().min(0).max(365).default(30),
});
export type CoverExpiryTrigger = z.infer<typeof CoverExpiryTrigger>;

/** A cover as the kind reads it: a last day, and a distance for those that end at one. */
function coverOf(vehicle: VehicleFacts, cover: CoverName): LimitedCover | undefined {
  switch (cover) {
    case 'maintenance-plan':
      return vehicle.maintenancePlan;
    case 'extended-warranty':
      return vehicle.extendedWarranty;
    case 'warranty':
      return vehicle.warrantyEndsOn === undefined ? undefined : { endsOn: vehicle.warrantyEndsOn };
    case 'roadside-assistance':
      return vehicle.roadsideAssistanceEndsOn === undefined ? undefined : { endsOn: vehicle.roadsideAssistanceEndsOn };
    default:
      return assertNever(cover);
  }
}

function occurrenceOf(trigger: CoverExpiryTrigger, vehicle: VehicleFacts, onOrAfter: IsoDate): Occurrence | undefined {
  const cover = coverOf(vehicle, trigger.cover);
  if (!cover) return undefined;
  let endDate = cover.endsOn;
  let endsBy: 'date' | 'mileage' = 'date';
  const mileage = cover.endsAtKm === undefined ? undefined : mileageOf(vehicle);
  if (mileage && cover.endsAtKm !== undefined) {
    // Whichever first: the day the estimate reaches the distance, when that is before the date.
    const byKm = dateReaching(mileage, cover.endsAtKm);
    if (byKm !== undefined && byKm < endDate) [endDate, endsBy] = [byKm, 'mileage'];
  }
  const date = addDays(endDate, -trigger.daysBefore);
  if (date < onOrAfter) return undefined;
  return {
    date,
    // The cover as sold, not the estimated end, is in the key: a new reading that moves the
    // estimate keeps the occurrence (sent once), and a renewed cover is a new one.
    key: `${vehicle.vin}#${cover.endsOn}${cover.endsAtKm === undefined ? '' : `@${cover.endsAtKm}`}`,
    facts: {
      brand: vehicle.brand,
      model: vehicle.model,
      cover: trigger.cover,
      endDate,
      endsBy,
      ...(cover.endsAtKm !== undefined ? { endKm: cover.endsAtKm } : {}),
    },
  };
}

/**
 * A maintenance plan, an extended warranty, the warranty or roadside assistance ending, once per
 * car and cover end. A cover with a distance ends on its date or when the estimated odometer
 * reaches the distance, whichever first (the date alone without an estimate).
 */
export const coverExpiryKind: TriggerKind<CoverExpiryTrigger> = {
  type: 'cover-expiry',
  schema: CoverExpiryTrigger,
  fixedDates: true,
  ...perVehicle(occurrenceOf),
  sampleFacts: { brand: 'Sample', model: 'Tourer', cover: 'extended-warranty', endDate: '2026-04-13', endsBy: 'date', endKm: 100_000 },
  sampleCases(trigger, full) {
    const facts: OccurrenceFacts = { ...coverExpiryKind.sampleFacts, cover: trigger.cover };
    const { endKm: _endKm, ...dateOnly } = facts;
    const cases: SampleCase[] = [{ label: `a ${trigger.cover} ending on its date`, context: { ...full, occurrence: { ...full.occurrence, ...dateOnly } } }];
    // Only plans and extended warranties have a distance.
    if (trigger.cover === 'maintenance-plan' || trigger.cover === 'extended-warranty') {
      cases.push(
        { label: `a ${trigger.cover} ending at its distance`, context: { ...full, occurrence: { ...full.occurrence, ...facts, endsBy: 'mileage' } } },
        { label: `a ${trigger.cover} with a distance, for an owner without a known age`, context: { ...full, age: null, occurrence: { ...full.occurrence, ...facts } } },
      );
    }
    return cases;
  },
};
