import * as z from 'zod';
import { CalendarDateString } from '../dates';
import { OdometerReading } from './mileage';

/** What moves the car: decides, among others, who is offered an EV battery check. */
export const FuelType = z.enum(['petrol', 'diesel', 'hybrid', 'phev', 'ev']);
export type FuelType = z.infer<typeof FuelType>;

/** Fuel types with a high-voltage battery that is charged from the grid. */
export const pluggedFuelTypes: ReadonlySet<FuelType> = new Set(['phev', 'ev']);

/** A vehicle identification number (ISO 3779: 17 characters, never I, O or Q). */
export const Vin = z.string().regex(/^[A-HJ-NPR-Z0-9]{17}$/, 'expected a 17-character VIN');

/**
 * Cover that ends on a date or at a distance, whichever comes first (an extended warranty of
 * 24 months or 100,000 km, a prepaid plan of 5 years or 60,000 km).
 */
export const LimitedCover = z
  .strictObject({
    endsOn: CalendarDateString.meta({ description: 'Last day covered.' }),
    endsAtKm: z.number().finite().positive().optional().meta({ description: 'Odometer reading at which the cover ends, when it ends first.' }),
  })
  .meta({ description: 'Cover that ends on a date or at a distance, whichever comes first.' });
export type LimitedCover = z.infer<typeof LimitedCover>;

/**
 * A customer's car, with what the after-sales journeys read: its fuel, its odometer history and
 * when each kind of cover ends. Every fact beyond the first four is optional: an absent one means
 * "not known", never "none".
 */
export const Vehicle = z.object({
  vin: Vin,
  brand: z.string().min(1),
  model: z.string().min(1),
  deliveredOn: CalendarDateString.meta({ description: 'Delivery to this customer: the start of ownership.' }),
  fuel: FuelType.optional(),
  odometerReadings: z
    .array(OdometerReading)
    .max(500)
    .optional()
    .meta({ description: 'Odometer readings not taken at a service visit (from the car, told by the owner); a visit with odometerKm adds its own.' }),
  warrantyEndsOn: CalendarDateString.optional().meta({ description: "Last day of the manufacturer's warranty." }),
  extendedWarranty: LimitedCover.optional(),
  maintenancePlan: LimitedCover.optional().meta({ description: 'Prepaid maintenance plan.' }),
  roadsideAssistanceEndsOn: CalendarDateString.optional().meta({ description: 'Last day of free roadside assistance.' }),
});
export type Vehicle = z.infer<typeof Vehicle>;
