import type { CustomerFacts, VehicleFacts } from '../customer-facts';
import type { IsoDate } from '../dates';
import type { Occurrence, TriggerKind } from './kind';

/** The earliest of some occurrences; on a tie the lower key, so the answer is stable. */
export function earliestOccurrence(occurrences: Iterable<Occurrence | undefined>): Occurrence | undefined {
  let next: Occurrence | undefined;
  for (const occurrence of occurrences) {
    if (occurrence && (!next || occurrence.date < next.date || (occurrence.date === next.date && occurrence.key < next.key))) next = occurrence;
  }
  return next;
}

/**
 * `nextOccurrence` and `occurrencesOn` of a kind with at most one occurrence per car on or after a
 * date (a trade-in, a cover ending): the earliest over the customer's cars, and every car due on
 * the day (two cars may be).
 */
export function perVehicle<T extends { type: string; sendAt: string }>(
  occurrenceOf: (trigger: T, vehicle: VehicleFacts, onOrAfter: IsoDate) => Occurrence | undefined,
): Pick<TriggerKind<T>, 'nextOccurrence' | 'occurrencesOn'> {
  return {
    nextOccurrence: (trigger: T, { vehicles }: CustomerFacts, onOrAfter: IsoDate) => earliestOccurrence(vehicles.map((vehicle) => occurrenceOf(trigger, vehicle, onOrAfter))),
    occurrencesOn: (trigger: T, { vehicles }: CustomerFacts, date: IsoDate) =>
      vehicles.map((vehicle) => occurrenceOf(trigger, vehicle, date)).filter((occurrence): occurrence is Occurrence => occurrence?.date === date),
  };
}
