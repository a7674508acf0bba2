import * as z from 'zod';
import { CalendarDateString, type IsoDate } from './dates';
import { Vin } from './vehicle/vehicle';

/**
 * A kind of work done at a visit, as a tag: `oil-service`, `regular-service`,
 * `key-parts-inspection`, `battery-check`, `winter-check`, `warranty-repair`... Free tags rather
 * than an enum: the service journeys name the tags they count in their YAML, so a new service type
 * needs no code.
 */
export const WorkTag = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lower-case tag such as "oil-service"');
export type WorkTag = z.infer<typeof WorkTag>;

/** A visit to a workshop: when, where, for which car, what the odometer said and what was done. */
// Plain objects, like Customer and Vehicle: stored items carry their keys beside the fields; the
// import format makes them strict.
export const ServiceVisit = z
  .object({
    on: CalendarDateString.meta({ description: 'Day of the visit (the car handed back).' }),
    dealerId: z.string().min(1).meta({ description: 'The dealer whose workshop did the work (need not be the selling dealer).' }),
    vin: Vin.optional().meta({ description: "One of this customer's vehicles; left out for a car no longer theirs." }),
    odometerKm: z.number().finite().nonnegative().optional().meta({ description: 'Odometer at the visit: counts as a reading of the vehicle.' }),
    work: z.array(WorkTag).max(50).optional().meta({ description: 'What was done, as tags such as "oil-service" or "regular-service".' }),
  })
  .meta({ description: 'A service visit.' });
export type ServiceVisit = z.infer<typeof ServiceVisit>;

/** A complaint reference: safe in a sort key and a message (no `#`, no spaces). */
export const ComplaintReference = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,63}$/, 'expected a reference of letters, digits and _ . : / - (at most 64)');

/** A complaint, open until it has a `closedOn`. */
export const Complaint = z
  .object({
    reference: ComplaintReference.meta({ description: "The complaint's reference in the dealer's or the brand's system; unique per customer." }),
    openedOn: CalendarDateString,
    closedOn: CalendarDateString.optional().meta({ description: 'Left out while the complaint is open.' }),
  })
  .meta({ description: 'A complaint, open until closed.' });
export type Complaint = z.infer<typeof Complaint>;

/** Whether a complaint is open on a date: opened by then and not yet closed. */
export function isOpenOn(complaint: Complaint, date: IsoDate): boolean {
  return complaint.openedOn <= date && (complaint.closedOn === undefined || complaint.closedOn > date);
}

/** The day of the latest visit on or before `date`, or undefined when there was none. */
export function lastVisitOn(visits: readonly ServiceVisit[], date: IsoDate): IsoDate | undefined {
  let last: IsoDate | undefined;
  for (const visit of visits) if (visit.on <= date && (last === undefined || visit.on > last)) last = visit.on;
  return last;
}

/**
 * The latest visit on or before `date` that did a kind of work (`oil-service`), for service due
 * "12 months or 10,000 km since the last one"; undefined when it was never done.
 */
export function lastVisitWith(visits: readonly ServiceVisit[], work: WorkTag, date: IsoDate): ServiceVisit | undefined {
  let last: ServiceVisit | undefined;
  for (const visit of visits) {
    if (visit.on <= date && visit.work?.includes(work) && (last === undefined || visit.on > last.on)) last = visit;
  }
  return last;
}
