import { addDays, type IsoDate } from '../domain/dates';

/**
 * The days a report's charts span: the simulated period, stretched to take in any send dated
 * outside it (a card mailed three days ahead of a birthday on the period's first day).
 */
export function reportDays(from: IsoDate, to: IsoDate, ...sendLists: readonly Iterable<{ localDate: IsoDate }>[]): IsoDate[] {
  let first = from;
  let last = to;
  for (const sends of sendLists) {
    for (const send of sends) {
      if (send.localDate < first) first = send.localDate;
      if (send.localDate > last) last = send.localDate;
    }
  }
  const days: IsoDate[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

/** Position of each day in `days`, for counting into per-day arrays without searching. */
export const dayIndexes = (days: readonly IsoDate[]): Map<IsoDate, number> => new Map(days.map((day, index) => [day, index]));
