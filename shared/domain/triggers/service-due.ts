import * as z from 'zod';
import { addDays, dateOfEpochDay, epochDay, type IsoDate } from '../dates';
import type { VehicleFacts } from '../customer-facts';
import { lastVisitWith, WorkTag } from '../service-history';
import { FuelType } from '../vehicle/vehicle';
import { dayReaching, estimateOn, type MileageModel } from '../vehicle/mileage';
import { dayAfterMonths } from './date-offsets';
import { sendAt } from './fields';
import { earliestOccurrence } from './per-vehicle';
import type { Occurrence, TriggerKind } from './kind';
import { mileageOf } from './vehicle-mileage';

/**
 * One service type: the visit work tag that does it (and so restarts its count) and its
 * interval, whichever of the distance and the time comes first.
 */
export const ServiceInterval = z
  .strictObject({
    /** The tag a visit's `work` carries when this service was done, e.g. `oil-service`. */
    work: WorkTag,
    /** Kilometres after the last such service (or delivery) at which it is due. */
    km: z.number().int().positive().max(1_000_000).optional(),
    /** Months after the last such service (or delivery) at which it is due. */
    months: z.number().int().positive().max(240).optional(),
    /**
     * Cars of these fuels never need it (`[ev]` for an oil service). A car whose fuel is not
     * known is reminded: most have an engine, and a missed oil service costs more than a reminder.
     */
    exceptFuel: z.array(FuelType).min(1).optional(),
  })
  .refine((service) => service.km !== undefined || service.months !== undefined, { message: 'give km, months or both: an interval needs a distance or a time' });
export type ServiceInterval = z.infer<typeof ServiceInterval>;

/** The catalogue's defaults, most work first: it names a visit when several services fall due together. */
export const DEFAULT_SERVICES: ServiceInterval[] = [
  { work: 'key-parts-inspection', km: 40_000 },
  { work: 'regular-service', km: 20_000, months: 24 },
  { work: 'oil-service', km: 15_000, months: 12, exceptFuel: ['ev'] },
];

/**
 * A service falling due by time or by estimated mileage, whichever first, per service type,
 * `daysBefore` ahead so there is time to book.
 */
export const ServiceDueTrigger = z
  .strictObject({
    type: z.literal('service-due'),
    sendAt,
    /** Service types and their intervals; listed first is named first when several fall due on one day. */
    services: z.array(ServiceInterval).min(1).default(DEFAULT_SERVICES),
    /** Days before the due date the reminder goes out (0: on the day). */
    daysBefore: z.number().int().min(0).max(90).default(0),
  })
  .superRefine((trigger, ctx) => {
    const seen = new Set<string>();
    trigger.services.forEach((service, index) => {
      if (seen.has(service.work)) ctx.addIssue({ code: 'custom', path: ['services', index, 'work'], message: `service "${service.work}" is listed twice` });
      seen.add(service.work);
    });
  });
export type ServiceDueTrigger = z.infer<typeof ServiceDueTrigger>;

/** When one service type of one car falls due, counted from its baseline. */
export interface ServiceDue {
  work: string;
  /** The last visit that did this work on or before the date asked about, else the delivery. */
  baseline: IsoDate;
  dueDate: IsoDate;
  reason: 'time' | 'mileage';
}

/**
 * When a service falls due for a car, counted from the last visit on or before `asOf` that did
 * it, else from delivery (km from 0, or from the visit's reading, or the estimate on its day);
 * undefined when it never does (a distance-only interval with no mileage estimate).
 */
export function serviceDue(service: ServiceInterval, vehicle: VehicleFacts, mileage: MileageModel | undefined, asOf: IsoDate): ServiceDue | undefined {
  const due = serviceDueDay(service, vehicle, mileage, asOf);
  return due && { work: service.work, baseline: due.baseline, dueDate: dateOfEpochDay(due.day), reason: due.reason };
}

/** {@link serviceDue} with the due date as an epoch day, so the planner can test it against a date building no text. */
function serviceDueDay(service: ServiceInterval, vehicle: VehicleFacts, mileage: MileageModel | undefined, asOf: IsoDate): { baseline: IsoDate; day: number; reason: ServiceDue['reason'] } | undefined {
  const last = lastVisitWith(vehicle.visits, service.work, asOf);
  const baseline = last?.on ?? vehicle.deliveredOn;
  const byTime = service.months === undefined ? undefined : dayAfterMonths(baseline, service.months);
  let byMileage: number | undefined;
  if (service.km !== undefined && mileage) {
    const startKm = last === undefined ? 0 : (last.odometerKm ?? estimateOn(mileage, last.on));
    const reached = dayReaching(mileage, startKm + service.km);
    // A reading before the visit already past the threshold contradicts the visit: count from the visit.
    if (reached !== undefined) byMileage = Math.max(reached, epochDay(baseline));
  }
  if (byMileage !== undefined && (byTime === undefined || byMileage < byTime)) return { baseline, day: byMileage, reason: 'mileage' };
  if (byTime !== undefined) return { baseline, day: byTime, reason: 'time' };
  return undefined;
}

/**
 * The car's reminders on or after `onOrAfter`, one per date: services of one car due on the same
 * day are one reminder (one visit does them), named after the first listed.
 */
function occurrencesFrom(trigger: ServiceDueTrigger, vehicle: VehicleFacts, onOrAfter: IsoDate): Occurrence[] {
  const mileage = mileageOf(vehicle);
  const byDate = new Map<IsoDate, ServiceDue[]>();
  for (const service of trigger.services) {
    if (vehicle.fuel !== undefined && service.exceptFuel?.includes(vehicle.fuel)) continue;
    const due = serviceDue(service, vehicle, mileage, onOrAfter);
    if (!due) continue;
    const date = addDays(due.dueDate, -trigger.daysBefore);
    if (date < onOrAfter) continue; // passed: a reminder is for a service still ahead
    byDate.set(date, [...(byDate.get(date) ?? []), due]);
  }
  return [...byDate].map(([date, dues]) => reminder(vehicle, mileage, date, dues as [ServiceDue, ...ServiceDue[]]));
}

/**
 * The car's reminder on `date`, if one goes out that day: {@link occurrencesFrom} on that date,
 * kept to that date, with no date built for a service due another day (the planner asks this for
 * every candidate of every tick).
 */
function occurrenceOn(trigger: ServiceDueTrigger, vehicle: VehicleFacts, date: IsoDate, dueDay: number): Occurrence | undefined {
  const mileage = mileageOf(vehicle);
  let dues: ServiceDue[] | undefined;
  for (const service of trigger.services) {
    if (vehicle.fuel !== undefined && service.exceptFuel?.includes(vehicle.fuel)) continue;
    const due = serviceDueDay(service, vehicle, mileage, date);
    if (due?.day === dueDay) (dues ??= []).push({ work: service.work, baseline: due.baseline, dueDate: dateOfEpochDay(dueDay), reason: due.reason });
  }
  return dues && reminder(vehicle, mileage, date, dues as [ServiceDue, ...ServiceDue[]]);
}

/** One reminder of a car's services due together. */
function reminder(vehicle: VehicleFacts, mileage: MileageModel | undefined, date: IsoDate, dues: [ServiceDue, ...ServiceDue[]]): Occurrence {
  const [first] = dues;
  // The baseline, not the due date, is in the key: a new reading that moves the estimate keeps
  // the occurrence (sent once), and a new service starts the next one.
  const key = `${vehicle.vin}#${dues.map((due) => `${due.work}@${due.baseline}`).join('&')}`;
  const estimate = mileage && estimateOn(mileage, date);
  return {
    date,
    key,
    facts: {
      brand: vehicle.brand,
      model: vehicle.model,
      service: first.work,
      dueReason: first.reason,
      dueDate: first.dueDate,
      ...(estimate !== undefined ? { estimatedKm: Math.round(estimate) } : {}),
    },
  };
}

const earliest = (occurrences: Occurrence[]): Occurrence | undefined => earliestOccurrence(occurrences);

/**
 * Service reminders, per car and service type; "once" is per car, service type and baseline
 * (the visit that last did it), so after the service the next interval is a new occurrence.
 * Condition-based service flags from the car are not read.
 */
export const serviceDueKind: TriggerKind<ServiceDueTrigger> = {
  type: 'service-due',
  schema: ServiceDueTrigger,
  // A service counts from the last visit that did it on or before the day asked from: asked from
  // the customer's last visit on, that is the same visit, and the reminders' dates are fixed.
  fixedDates: true,
  fixedDatesFrom: (_trigger, { visits }) => visits.at(-1)?.on,
  nextOccurrence(trigger, { vehicles }, onOrAfter) {
    return earliest(vehicles.flatMap((vehicle) => occurrencesFrom(trigger, vehicle, onOrAfter)));
  },
  // The dates of `occurrencesFrom`, in day numbers, with no reminder built: the due dates work a
  // customer's service reminders out again at every move before their last visit.
  nextOccurrenceDay(trigger, { vehicles }, onOrAfter) {
    const from = epochDay(onOrAfter);
    let soonest: number | undefined;
    for (const vehicle of vehicles) {
      const mileage = mileageOf(vehicle);
      for (const service of trigger.services) {
        if (vehicle.fuel !== undefined && service.exceptFuel?.includes(vehicle.fuel)) continue;
        const due = serviceDueDay(service, vehicle, mileage, onOrAfter);
        if (due === undefined) continue;
        const day = due.day - trigger.daysBefore;
        if (day >= from && (soonest === undefined || day < soonest)) soonest = day;
      }
    }
    return soonest;
  },
  occurrencesOn(trigger, { vehicles }, date) {
    // The reminder goes out `daysBefore` ahead: on `date` for the services due that many days on.
    const dueDay = epochDay(date) + trigger.daysBefore;
    const occurrences: Occurrence[] = [];
    for (const vehicle of vehicles) {
      const occurrence = occurrenceOn(trigger, vehicle, date, dueDay);
      if (occurrence) occurrences.push(occurrence);
    }
    return occurrences;
  },
  sampleFacts: { brand: 'Sample', model: 'Tourer', service: 'oil-service', dueReason: 'mileage', dueDate: '2026-03-28', estimatedKm: 14_620 },
  sampleCases(trigger, full) {
    const facts = serviceDueKind.sampleFacts;
    const { estimatedKm: _estimatedKm, ...withoutEstimate } = facts;
    // One case per listed service type, so a template naming the types renders for each; only a
    // type with a time interval can fall due without a mileage estimate.
    return trigger.services.flatMap((service) => [
      { label: `a car due its ${service.work} by mileage`, context: { ...full, occurrence: { ...full.occurrence, ...facts, service: service.work } } },
      ...(service.months === undefined
        ? []
        : [
            {
              label: `a car due its ${service.work} by time, without a mileage estimate or a known age`,
              context: { ...full, age: null, occurrence: { ...full.occurrence, ...withoutEstimate, service: service.work, dueReason: 'time' } },
            },
          ]),
    ]);
  },
};
