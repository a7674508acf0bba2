/**
 * The after-sales half of the demo data: fuel, odometer histories, cover end dates, service
 * visits, complaints, loyalty, region and interests. Drawn from its own seeded generator, so the
 * profiles of `demo-data.ts` (birthdays, consent, names) are exactly what they were before it.
 *
 * Two layers:
 * - every customer gets a plausible history (a visit about once a year, some who stopped coming,
 *   a few complaints), so any date shows some journeys;
 * - {@link scenarios} plant, on 2026-03-14 ({@link demoDate}), one customer per dealer in each
 *   situation a catalogue journey waits for (see `../shared/docs/journey-catalogue.md`), so
 *   `npm start -- --once --date 2026-03-14` shows them all on one day.
 */
import type { CustomerRecord, Dealer, LoyaltyTier, Vehicle } from '../shared/domain/customer';
import type { FuelType } from '../shared/domain/vehicle/vehicle';
import type { RegionCode } from '../shared/domain/calendar/regions';
import type { Complaint, ServiceVisit } from '../shared/domain/service-history';
import { addDays, formatIsoDate, isLeapYear, parseIsoDate, type IsoDate } from '../shared/domain/dates';
import { epochDay } from '../shared/domain/calendar/epoch-day';
import { seededRandom } from './seeded-random';

/** The day the planted scenarios fall due. */
export const demoDate: IsoDate = '2026-03-14';
// History ends the day before: nothing has happened yet on the demo date itself.
const lastHistoryDay = addDays(demoDate, -1);

const regionOfDealer: Record<string, RegionCode> = { 'dealer-sh': 'CN-SH', 'dealer-syd': 'AU-NSW', 'dealer-la': 'US-CA', 'dealer-akl': 'NZ-AUK' };
const interestTags = ['golf', 'family', 'road-trips', 'motorsport', 'sailing', 'technology', 'wellness', 'skiing'];

/** Same month and day `years` later; 29 February becomes 28 February in other years. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const target = year + years;
  return formatIsoDate(target, month, month === 2 && day === 29 && !isLeapYear(target) ? 28 : day);
}

/** Same day `months` later, or the month's last day when it has no such day. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const [targetYear, targetMonth] = [Math.floor(index / 12), (index % 12) + 1];
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return formatIsoDate(targetYear, targetMonth, Math.min(day, lastDay));
}

const daysBetween = (from: IsoDate, to: IsoDate): number => epochDay(to) - epochDay(from);

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

const electricModels: ReadonlySet<string> = new Set(['i4', 'iX', 'iX3']);

function fuelOf(model: string, random: () => number): FuelType {
  const roll = random();
  if (electricModels.has(model)) return 'ev';
  if (['X5', '7 Series'].includes(model)) return roll < 0.35 ? 'phev' : 'petrol';
  if (['3 Series', '5 Series'].includes(model)) return roll < 0.2 ? 'hybrid' : roll < 0.45 ? 'diesel' : 'petrol';
  return roll < 0.3 ? 'diesel' : 'petrol';
}

function tierOf(points: number): LoyaltyTier {
  if (points >= 20_000) return 'exclusive';
  if (points >= 8_000) return 'gold';
  if (points >= 2_000) return 'silver';
  return 'standard';
}

/** What a visit does at the n-th yearly service: oil (or the battery for an EV) every year, the regular service every second. */
function yearlyWork(n: number, fuel: FuelType | undefined, km: number, keyPartsDone: boolean): string[] {
  const work = [fuel === 'ev' ? 'battery-check' : 'oil-service'];
  if (n % 2 === 0) work.push('regular-service');
  if (km >= 40_000 && !keyPartsDone) work.push('key-parts-inspection');
  return work;
}

/** A car's cover as sold: three years of warranty and roadside assistance, some with a prepaid plan. */
function withCover(vehicle: Vehicle, random: () => number): Vehicle {
  const covered: Vehicle = {
    ...vehicle,
    fuel: fuelOf(vehicle.model, random),
    warrantyEndsOn: addYears(vehicle.deliveredOn, 3),
    roadsideAssistanceEndsOn: addYears(vehicle.deliveredOn, 3),
  };
  if (random() < 0.3) covered.maintenancePlan = { endsOn: addYears(vehicle.deliveredOn, 5), endsAtKm: 100_000 };
  if (covered.warrantyEndsOn! < lastHistoryDay && random() < 0.25) {
    covered.extendedWarranty = { endsOn: addYears(covered.warrantyEndsOn!, 2), endsAtKm: 100_000 };
  }
  return covered;
}

/** A plausible service history for every car of a customer, visits at their dealer about once a year. */
function naturalHistory(record: CustomerRecord, random: () => number): CustomerRecord {
  const { customer } = record;
  const visits: ServiceVisit[] = [];
  const vehicles = record.vehicles.map((sold) => {
    const vehicle = withCover(sold, random);
    const kmPerDay = 15 + random() * 55;
    // About one owner in seven stops coming after a while: the dormant ones.
    const stopsAfter = random() < 0.15 ? 1 + Math.floor(random() * 4) : Infinity;
    let keyPartsDone = false;
    let day = addDays(vehicle.deliveredOn, 300 + Math.floor(random() * 120));
    for (let n = 1; day <= lastHistoryDay && n <= stopsAfter; n += 1) {
      const odometerKm = Math.round(kmPerDay * daysBetween(vehicle.deliveredOn, day) * (0.985 + random() * 0.03));
      const work = yearlyWork(n, vehicle.fuel, odometerKm, keyPartsDone);
      keyPartsDone ||= work.includes('key-parts-inspection');
      visits.push({ on: day, dealerId: customer.dealerId, vin: vehicle.vin, odometerKm, work });
      day = addDays(day, 330 + Math.floor(random() * 70));
    }
    // Four cars in ten report their odometer now and then (connected-car data).
    if (random() < 0.4 && vehicle.deliveredOn < addDays(lastHistoryDay, -90)) {
      const on = addDays(lastHistoryDay, -Math.floor(random() * 60));
      vehicle.odometerReadings = [{ on, km: Math.round(kmPerDay * daysBetween(vehicle.deliveredOn, on)) }];
    }
    return vehicle;
  });
  visits.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));

  const complaints: Complaint[] = [];
  if (visits.length > 0 && random() < 0.04) {
    const openedOn = addDays(pick(random, visits).on, 2);
    const closedOn = addDays(openedOn, 10 + Math.floor(random() * 30));
    complaints.push({ reference: `CR-${customer.id}`, openedOn, ...(random() < 0.75 && closedOn <= lastHistoryDay ? { closedOn } : {}) });
  }

  const region = regionOfDealer[customer.dealerId];
  const interests = [...new Set(Array.from({ length: Math.floor(random() * 3) }, () => pick(random, interestTags)))];
  const points = visits.length * 1_200 + Math.floor(random() * 3_000);
  return {
    customer: {
      ...customer,
      ...(region ? { region } : {}),
      ...(customer.stage === 'prospect' ? {} : { loyalty: { points, tier: tierOf(points) } }),
      ...(interests.length > 0 ? { interests } : {}),
    },
    vehicles,
    visits,
    complaints,
  };
}

/**
 * Odometer readings every `everyDays` from delivery to the last history day, on the exact line
 * `kmPerDay` from `kmAtDelivery`: the estimate crosses a threshold on a day one can compute.
 */
function readingsOnLine(deliveredOn: IsoDate, kmPerDay: number, everyDays: number, kmAtDelivery = 0): { on: IsoDate; km: number }[] {
  const readings = [];
  for (let on = deliveredOn; on <= lastHistoryDay; on = addDays(on, everyDays)) readings.push({ on, km: kmAtDelivery + kmPerDay * daysBetween(deliveredOn, on) });
  return readings;
}

/** A delivery so that `kmPerDay` from zero reaches `thresholdKm` exactly on a date (the demo date by default). */
const deliveredToReach = (thresholdKm: number, kmPerDay: number, on: IsoDate = demoDate): IsoDate => addDays(on, -thresholdKm / kmPerDay);
// The service-due journey reminds 14 days ahead (`daysBefore` in journeys/service-due.yaml).
const serviceDueOn = addDays(demoDate, 14);

/** One planted situation: what it sets on the customer's first car, visits and complaints. */
interface Scenario {
  /** The journeys (catalogue names) it is there for. */
  for: string;
  car: Partial<Vehicle> & { deliveredOn: IsoDate };
  visits?: (car: Vehicle, dealerId: string) => ServiceVisit[];
  complaints?: Complaint[];
}

const D = demoDate;
const visit = (on: IsoDate, work: string[], odometerKm?: number) => (car: Vehicle, dealerId: string): ServiceVisit => ({
  on,
  dealerId,
  vin: car.vin,
  ...(odometerKm !== undefined ? { odometerKm } : {}),
  work,
});
const newCarCover = (deliveredOn: IsoDate): Partial<Vehicle> => ({
  warrantyEndsOn: addYears(deliveredOn, 3),
  roadsideAssistanceEndsOn: addYears(deliveredOn, 3),
  odometerReadings: [{ on: deliveredOn, km: 8 }],
});

/** Each scenario is planted in one customer of every dealer (two hemispheres, two locales). */
export const scenarios: readonly Scenario[] = [
  { for: 'welcome pack (delivered 7 days ago)', car: { deliveredOn: addDays(D, -7), fuel: 'petrol', ...newCarCover(addDays(D, -7)) } },
  { for: 'post-delivery call, welcome pack (15 days)', car: { deliveredOn: addDays(D, -15), fuel: 'hybrid', ...newCarCover(addDays(D, -15)) } },
  { for: 'welcome pack (last day, 30 days)', car: { deliveredOn: addDays(D, -30), fuel: 'diesel', ...newCarCover(addDays(D, -30)) } },
  { for: 'first free check (3 months)', car: { deliveredOn: addMonths(D, -3), fuel: 'petrol', ...newCarCover(addMonths(D, -3)) } },
  {
    for: 'car-age anniversary (1 year), EV battery check',
    car: { deliveredOn: addYears(D, -1), model: 'iX', fuel: 'ev', ...newCarCover(addYears(D, -1)) },
    visits: (car, dealer) => [visit(addMonths(D, -6), ['battery-check'], 7_400)(car, dealer)],
  },
  {
    for: 'car-age anniversary (2 years), EV battery check for a plug-in hybrid',
    car: { deliveredOn: addYears(D, -2), model: 'X5 xDrive50e', fuel: 'phev', ...newCarCover(addYears(D, -2)) },
    visits: (car, dealer) => [visit(addYears(D, -1), ['oil-service', 'battery-check'], 13_100)(car, dealer), visit(addMonths(D, -2), ['oil-service'], 23_900)(car, dealer)],
  },
  {
    for: 'car-age anniversary (5 years)',
    car: { deliveredOn: addYears(D, -5), fuel: 'petrol', warrantyEndsOn: addYears(D, -2), roadsideAssistanceEndsOn: addYears(D, -2) },
    visits: (car, dealer) => [
      visit(addYears(D, -4), ['oil-service'], 9_000)(car, dealer),
      visit(addYears(D, -3), ['oil-service', 'regular-service'], 18_000)(car, dealer),
      visit(addYears(D, -2), ['oil-service'], 27_000)(car, dealer),
      visit(addYears(D, -1), ['oil-service', 'regular-service'], 36_000)(car, dealer),
    ],
  },
  {
    for: 'trade-in invitation (3 years today, over 50,000 km), car-age anniversary',
    car: { deliveredOn: addYears(D, -3), fuel: 'diesel', warrantyEndsOn: D, roadsideAssistanceEndsOn: D },
    visits: (car, dealer) => [visit(addYears(D, -2), ['oil-service'], 18_250)(car, dealer), visit(addYears(D, -1), ['oil-service', 'regular-service'], 36_500)(car, dealer)],
  },
  {
    for: 'trade-in invitation by mileage (older car whose estimate reaches 50,000 km today)',
    car: { deliveredOn: deliveredToReach(50_000, 40), fuel: 'petrol', odometerReadings: readingsOnLine(deliveredToReach(50_000, 40), 40, 180) },
  },
  {
    for: 'oil service due by mileage (estimate reaches 15,000 km in 14 days, before 12 months)',
    car: { deliveredOn: deliveredToReach(15_000, 50, serviceDueOn), model: '3 Series', fuel: 'petrol', odometerReadings: readingsOnLine(deliveredToReach(15_000, 50, serviceDueOn), 50, 60) },
  },
  {
    for: 'regular service due by mileage (estimate reaches 20,000 km in 14 days; oil service done at 15,000)',
    car: { deliveredOn: deliveredToReach(20_000, 50, serviceDueOn), fuel: 'hybrid', odometerReadings: readingsOnLine(deliveredToReach(20_000, 50, serviceDueOn), 50, 90) },
    visits: (car, dealer) => [visit(addDays(car.deliveredOn, 300), ['oil-service'], 15_000)(car, dealer)],
  },
  {
    for: 'key-parts inspection by mileage (estimate reaches 40,000 km in 14 days; oil and regular services done)',
    car: { deliveredOn: deliveredToReach(40_000, 50, serviceDueOn), fuel: 'diesel', odometerReadings: readingsOnLine(deliveredToReach(40_000, 50, serviceDueOn), 50, 120) },
    visits: (car, dealer) => [
      visit(addDays(car.deliveredOn, 365), ['oil-service'], 18_250)(car, dealer),
      visit(addDays(car.deliveredOn, 730), ['oil-service', 'regular-service'], 36_500)(car, dealer),
    ],
  },
  {
    for: 'oil service due by time (12 months after the last one in 14 days, low mileage)',
    car: { deliveredOn: '2024-01-20', model: '5 Series', fuel: 'petrol', ...newCarCover('2024-01-20') },
    visits: (car, dealer) => [visit(addYears(serviceDueOn, -1), ['oil-service'], 3_000)(car, dealer)],
  },
  {
    for: 'regular service due by time (24 months since the last regular service in 14 days, an oil service since)',
    car: { deliveredOn: '2022-02-01', fuel: 'petrol', warrantyEndsOn: '2025-02-01' },
    visits: (car, dealer) => [visit(addYears(serviceDueOn, -2), ['oil-service', 'regular-service'], 19_000)(car, dealer), visit(addMonths(D, -11), ['oil-service'], 26_500)(car, dealer)],
  },
  {
    for: 'dormant win-back (last visit 24 months ago)',
    car: { deliveredOn: '2018-05-02', fuel: 'petrol', warrantyEndsOn: '2021-05-02' },
    visits: (car, dealer) => [visit(addYears(D, -4), ['oil-service', 'regular-service'], 61_000)(car, dealer), visit(addYears(D, -3), ['oil-service'], 70_200)(car, dealer), visit(addYears(D, -2), ['oil-service', 'regular-service'], 79_800)(car, dealer)],
  },
  {
    for: 'churn risk (last visit 60 days ago, complaint still open)',
    car: { deliveredOn: '2023-09-09', fuel: 'petrol', ...newCarCover('2023-09-09') },
    visits: (car, dealer) => [visit('2024-09-10', ['oil-service'], 12_000)(car, dealer), visit(addDays(D, -60), ['warranty-repair'], 27_400)(car, dealer)],
    complaints: [{ reference: 'CR-OPEN', openedOn: addDays(D, -58) }],
  },
  {
    for: 'roadside assistance expiry (30 days ahead; the warranty ends the same day)',
    car: { deliveredOn: addYears(addDays(D, 30), -3), fuel: 'petrol', ...newCarCover(addYears(addDays(D, 30), -3)) },
    visits: (car, dealer) => [visit(addYears(addDays(D, 30), -2), ['oil-service'], 15_500)(car, dealer), visit(addYears(addDays(D, 30), -1), ['oil-service', 'regular-service'], 31_000)(car, dealer)],
  },
  {
    for: 'warranty expiry (60 days ahead, time for an extended warranty; roadside assistance ends the same day)',
    car: { deliveredOn: addYears(addDays(D, 60), -3), fuel: 'hybrid', ...newCarCover(addYears(addDays(D, 60), -3)) },
    visits: (car, dealer) => [visit(addYears(addDays(D, 60), -1), ['oil-service', 'regular-service'], 28_000)(car, dealer)],
  },
  {
    for: 'maintenance plan expiry (ends in 30 days)',
    car: { deliveredOn: addYears(addDays(D, 30), -5), fuel: 'petrol', warrantyEndsOn: addYears(addDays(D, 30), -2), maintenancePlan: { endsOn: addDays(D, 30), endsAtKm: 100_000 } },
    visits: (car, dealer) => [visit(addMonths(D, -8), ['oil-service', 'regular-service'], 71_000)(car, dealer)],
  },
  {
    for: 'extended warranty expiry (60 days ahead), and a maintenance plan ending in 45 days (reminded in 15)',
    car: {
      deliveredOn: addYears(addDays(D, 60), -5),
      fuel: 'diesel',
      warrantyEndsOn: addYears(addDays(D, 60), -2),
      extendedWarranty: { endsOn: addDays(D, 60), endsAtKm: 100_000 },
      maintenancePlan: { endsOn: addDays(D, 45), endsAtKm: 100_000 },
    },
    visits: (car, dealer) => [visit(addMonths(D, -5), ['oil-service'], 82_000)(car, dealer)],
  },
];

/** Customers (by index) each scenario is planted in: four in a row, one per dealer. */
export const firstScenarioCustomer = 20;

/**
 * Adds after-sales facts to generated customers: a history for each, then the scenarios in the
 * customers from {@link firstScenarioCustomer} on (all of whom consent on every channel). Called
 * on each customer in turn, in their order from index 0 (its random numbers come in that order),
 * so a generator can hand them out one by one.
 */
export function afterSales(dealers: readonly Dealer[], seed: number): (record: CustomerRecord, index: number) => CustomerRecord {
  const random = seededRandom(seed);
  const dealerIds = new Set(dealers.map((dealer) => dealer.id));
  return (record, index) => {
    const withHistory = naturalHistory(record, random);
    const slot = index - firstScenarioCustomer;
    const scenario = slot >= 0 ? scenarios[Math.floor(slot / 4)] : undefined;
    return scenario && dealerIds.has(withHistory.customer.dealerId) ? plant(withHistory, scenario) : withHistory;
  };
}

function plant(record: CustomerRecord, scenario: Scenario): CustomerRecord {
  const [first, ...others] = record.vehicles;
  if (!first) return record;
  // The planted car replaces the first one's facts; its other cars keep theirs but no visits,
  // so "no visit for N days" holds for the customer, not just the car.
  const car: Vehicle = { vin: first.vin, brand: first.brand, model: first.model, ...scenario.car };
  // An electric model stays electric whatever fuel the scenario would give a car of its kind.
  if (scenario.car.model === undefined && electricModels.has(first.model)) car.fuel = 'ev';
  return {
    customer: record.customer,
    vehicles: [car, ...others],
    visits: scenario.visits?.(car, record.customer.dealerId) ?? [],
    complaints: scenario.complaints ? scenario.complaints.map((complaint) => ({ ...complaint, reference: `${complaint.reference}-${record.customer.id}` })) : [],
  };
}
