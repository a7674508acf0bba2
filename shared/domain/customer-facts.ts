/**
 * The facts trigger modules read about a customer: one normalised, read-only view built from a
 * {@link CustomerRecord} (an import line, or the items of a customer's partition). Pure: no clock,
 * so "open" and "last" are asked for a date ({@link openComplaintsOn}, {@link lastVisitOn}).
 */
import { hemisphereOf, RegionCode, type Hemisphere } from './calendar/regions';
import type { Customer, CustomerRecord, Loyalty } from './customer';
import type { IsoDate } from './dates';
import { isOpenOn, lastVisitOn as lastVisitAmong, type Complaint, type ServiceVisit } from './service-history';
import type { OdometerReading } from './vehicle/mileage';
import type { FuelType, LimitedCover, Vehicle } from './vehicle/vehicle';

/** A vehicle as triggers see it: its readings merged with those taken at its service visits. */
export interface VehicleFacts {
  readonly vin: string;
  readonly brand: string;
  readonly model: string;
  readonly deliveredOn: IsoDate;
  /** Undefined when not known. */
  readonly fuel: FuelType | undefined;
  /** The vehicle's own readings and its visits' `odometerKm`, oldest first, exact duplicates once. */
  readonly odometerReadings: readonly OdometerReading[];
  /** Visits for this vehicle (by VIN), oldest first. */
  readonly visits: readonly ServiceVisit[];
  readonly warrantyEndsOn: IsoDate | undefined;
  readonly extendedWarranty: LimitedCover | undefined;
  readonly maintenancePlan: LimitedCover | undefined;
  readonly roadsideAssistanceEndsOn: IsoDate | undefined;
}

/**
 * Everything a trigger module may read about one customer: the one view the planner, the due
 * dates and every trigger kind share.
 */
export interface CustomerFacts {
  /** What the facts were built from: what the due index stores, so a reader can rebuild them. */
  readonly record: CustomerRecord;
  /** ISO country of the customer's selling dealer, when known: the region's last fallback. */
  readonly dealerCountry: string | undefined;
  /** The profile (time zone, birth date, stage, dealer, locale, consent...). */
  readonly customer: Customer;
  /**
   * `customer.region`, else the postal address's country, else the dealer's country (a customer
   * without an address most likely lives where they bought); undefined when none is known.
   */
  readonly region: RegionCode | undefined;
  /** From {@link region}; undefined with it. */
  readonly hemisphere: Hemisphere | undefined;
  readonly loyalty: Loyalty | undefined;
  readonly interests: readonly string[];
  readonly vehicles: readonly VehicleFacts[];
  /** Every service visit, whichever car and dealer, oldest first. */
  readonly visits: readonly ServiceVisit[];
  /** Every complaint, open or closed, oldest first. */
  readonly complaints: readonly Complaint[];
}

/** Builds the facts of one customer; the record is not changed. */
export function customerFacts(record: CustomerRecord, dealerCountry?: string): CustomerFacts {
  const { customer } = record;
  const visits = [...record.visits].sort((a, b) => compare(a.on, b.on));
  const region = regionOf(customer, dealerCountry);
  return {
    record,
    dealerCountry,
    customer,
    region,
    hemisphere: region === undefined ? undefined : hemisphereOf(region),
    loyalty: customer.loyalty,
    interests: customer.interests ?? [],
    vehicles: record.vehicles.map((vehicle) => vehicleFacts(vehicle, visits)),
    visits,
    complaints: [...record.complaints].sort((a, b) => compare(a.openedOn, b.openedOn) || compare(a.reference, b.reference)),
  };
}

/** The day of the customer's latest visit on or before `date`, undefined when none. */
export function lastVisitOn(facts: Pick<CustomerFacts, 'visits'>, date: IsoDate): IsoDate | undefined {
  return lastVisitAmong(facts.visits, date);
}

/** Complaints open on `date` (opened by then, not closed by then). */
export function openComplaintsOn(facts: Pick<CustomerFacts, 'complaints'>, date: IsoDate): Complaint[] {
  return facts.complaints.filter((complaint) => isOpenOn(complaint, date));
}

function vehicleFacts(vehicle: Vehicle, visits: readonly ServiceVisit[]): VehicleFacts {
  const own = visits.filter((visit) => visit.vin === vehicle.vin);
  const readings = [...(vehicle.odometerReadings ?? [])];
  for (const visit of own) if (visit.odometerKm !== undefined) readings.push({ on: visit.on, km: visit.odometerKm });
  readings.sort((a, b) => compare(a.on, b.on) || a.km - b.km);
  return {
    vin: vehicle.vin,
    brand: vehicle.brand,
    model: vehicle.model,
    deliveredOn: vehicle.deliveredOn,
    fuel: vehicle.fuel,
    // A reading told by the car and the same one typed in at the visit count once.
    odometerReadings: readings.filter((reading, i) => i === 0 || reading.on !== readings[i - 1]!.on || reading.km !== readings[i - 1]!.km),
    visits: own,
    warrantyEndsOn: vehicle.warrantyEndsOn,
    extendedWarranty: vehicle.extendedWarranty,
    maintenancePlan: vehicle.maintenancePlan,
    roadsideAssistanceEndsOn: vehicle.roadsideAssistanceEndsOn,
  };
}

function regionOf(customer: Customer, dealerCountry: string | undefined): RegionCode | undefined {
  if (customer.region !== undefined) return customer.region;
  for (const country of [customer.postalAddress?.country?.toUpperCase(), dealerCountry?.toUpperCase()]) {
    if (country !== undefined && RegionCode.safeParse(country).success) return country;
  }
  return undefined;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
