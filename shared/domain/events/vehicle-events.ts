import * as z from 'zod';
import { Vehicle } from '../vehicle/vehicle';
import { Vin } from '../vehicle/vehicle';
import { CustomerId } from './fields';

/** `vehicle.delivered` v1: a car handed over to the customer (its readings come as `odometer.reported`). */
export const VehicleDeliveredV1 = z
  .strictObject({
    customerId: CustomerId,
    vehicle: Vehicle.omit({ odometerReadings: true }).strict(),
  })
  .meta({ description: 'A vehicle delivered to the customer.' });
export type VehicleDeliveredV1 = z.infer<typeof VehicleDeliveredV1>;

/** `odometer.reported` v1: a reading taken on the local date of `occurredAt` (from the car or the owner). */
export const OdometerReportedV1 = z
  .strictObject({
    customerId: CustomerId,
    vin: Vin,
    km: z.number().finite().nonnegative(),
  })
  .meta({ description: "An odometer reading of one of the customer's vehicles, on the local date of occurredAt." });
export type OdometerReportedV1 = z.infer<typeof OdometerReportedV1>;
