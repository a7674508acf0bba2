import type { VehicleFacts } from '../customer-facts';
import { fitMileage, type MileageModel } from '../vehicle/mileage';

// The planner asks every vehicle kind about the same car on every tick, and a fit sorts and
// pairs up to twelve readings: fit each vehicle's readings once. Keyed by the facts object, which
// is built afresh whenever the customer is read, so a new reading is never answered from an old fit.
const fits = new WeakMap<VehicleFacts, MileageModel | null>();

/**
 * How the vehicle's odometer grows (see {@link fitMileage}); undefined with fewer than two
 * readings on different days or readings that cannot be one car's: then time alone decides.
 */
export function mileageOf(vehicle: VehicleFacts): MileageModel | undefined {
  let fit = fits.get(vehicle);
  if (fit === undefined) {
    fit = fitMileage(vehicle.odometerReadings) ?? null;
    fits.set(vehicle, fit);
  }
  return fit ?? undefined;
}
