import type { IsoDate } from '../dates';
import type { CustomerFacts } from './kind';

/**
 * The days from which "no visit for N months/days" is counted: each visit's day, oldest first and
 * each once. A customer who has never been to the workshop is counted from the delivery of their
 * latest car (a new owner who never comes back is as dormant as one who stopped coming); with
 * neither there is nothing to count from, and the customer is never dormant.
 */
export function visitAnchors({ visits, vehicles }: Pick<CustomerFacts, 'visits' | 'vehicles'>): IsoDate[] {
  if (visits.length > 0) {
    // `customerFacts` sorts visits oldest first; two visits on one day are one anchor.
    const days: IsoDate[] = [];
    for (const visit of visits) if (days[days.length - 1] !== visit.on) days.push(visit.on);
    return days;
  }
  let latestDelivery: IsoDate | undefined;
  for (const vehicle of vehicles) if (latestDelivery === undefined || vehicle.deliveredOn > latestDelivery) latestDelivery = vehicle.deliveredOn;
  return latestDelivery === undefined ? [] : [latestDelivery];
}

/** The latest anchor on or before `date`, undefined when none (see {@link visitAnchors}). */
export function lastAnchorOn(anchors: readonly IsoDate[], date: IsoDate): IsoDate | undefined {
  let last: IsoDate | undefined;
  for (const anchor of anchors) {
    if (anchor > date) break;
    last = anchor;
  }
  return last;
}
