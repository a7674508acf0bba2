/**
 * What a change of configuration does to the messages customers get: the sends of the current
 * simulation compared with those of a baseline (the same customers under the other journeys).
 *
 * A send is the same in both when its customer, journey, occurrence and message match and it is
 * sent on the same day in both. Anything else is a change: a message sent now but not before (or
 * on another day, or held back before) is `added`; one sent before but not now is `removed`.
 * Sends held back in both (skipped, capped...) reach nobody and are not counted as changes.
 */
import { Channel } from '../domain/customer';
import type { IsoDate } from '../domain/dates';
import type { SimulatedSend } from '../domain/simulated-send';
import { dayIndexes } from './report-days';

export type Change = 'added' | 'removed';

export interface SendChange {
  change: Change;
  /** The send that is new (added) or gone (removed). */
  send: SimulatedSend;
  /**
   * The other simulation's send of the same occurrence and message, if any: for an added send what
   * the baseline did with it (held back, or sent on another day), for a removed one what is done now.
   */
  counterpart?: SimulatedSend;
}

export interface ChangeCounts {
  added: number;
  removed: number;
}

export interface BaselineDiff {
  changes: SendChange[];
  byJourney: ({ journeyId: string } & ChangeCounts)[];
  byChannel: ({ channel: Channel } & ChangeCounts)[];
  /** Per day of `days`: sends added and removed. */
  perDay: { added: number[]; removed: number[] };
  /** Customers with any change, the most changed first, then by id. */
  affectedCustomers: { customerId: string; added: number; removed: number }[];
}

const occurrenceMessageKey = (send: SimulatedSend): string => `${send.customerId}\u0000${send.journeyId}\u0000${send.occurrence}\u0000${send.messageId}`;

function byKey(sends: Iterable<SimulatedSend>): Map<string, SimulatedSend[]> {
  const grouped = new Map<string, SimulatedSend[]>();
  for (const send of sends) {
    const key = occurrenceMessageKey(send);
    const group = grouped.get(key);
    if (group) group.push(send);
    else grouped.set(key, [send]);
  }
  return grouped;
}

/** The sent sends of `mine` with no sent send of the same key and day in `theirs`, each with its counterpart there. */
function unmatchedSent(mine: readonly SimulatedSend[], theirs: readonly SimulatedSend[] | undefined, change: Change): SendChange[] {
  const theirSentDays = (theirs ?? []).filter((send) => send.outcome === 'sent').map((send) => send.localDate);
  const changes: SendChange[] = [];
  for (const send of mine) {
    if (send.outcome !== 'sent') continue;
    const matched = theirSentDays.indexOf(send.localDate);
    if (matched >= 0) {
      // Each of theirs matches one of mine: a message sent twice before and once now is one removed.
      theirSentDays.splice(matched, 1);
      continue;
    }
    const counterpart = theirs?.find((other) => other.outcome !== 'sent' || other.localDate !== send.localDate);
    changes.push(counterpart ? { change, send, counterpart } : { change, send });
  }
  return changes;
}

/**
 * Compares `current` with `baseline` over `days` (which must hold every send's date of both).
 *
 * @example diffWithBaseline(current, baseline, reportDays(from, to, current, baseline), journeyIds)
 */
export function diffWithBaseline(current: Iterable<SimulatedSend>, baseline: Iterable<SimulatedSend>, days: IsoDate[], journeyIds: readonly string[]): BaselineDiff {
  const currentByKey = byKey(current);
  const baselineByKey = byKey(baseline);
  const changes: SendChange[] = [];
  for (const [key, sends] of currentByKey) changes.push(...unmatchedSent(sends, baselineByKey.get(key), 'added'));
  for (const [key, sends] of baselineByKey) changes.push(...unmatchedSent(sends, currentByKey.get(key), 'removed'));

  const dayIndex = dayIndexes(days);
  const perDay = { added: new Array<number>(days.length).fill(0), removed: new Array<number>(days.length).fill(0) };
  const journeys = new Map(journeyIds.map((journeyId) => [journeyId, { journeyId, added: 0, removed: 0 }]));
  const channels = new Map(Channel.options.map((channel) => [channel, { channel, added: 0, removed: 0 }]));
  const customers = new Map<string, { customerId: string; added: number; removed: number }>();
  for (const { change, send } of changes) {
    const day = dayIndex.get(send.localDate);
    if (day === undefined) throw new RangeError(`A send on ${send.localDate} falls outside the report's days`);
    perDay[change][day]! += 1;
    let journey = journeys.get(send.journeyId);
    if (!journey) journeys.set(send.journeyId, (journey = { journeyId: send.journeyId, added: 0, removed: 0 }));
    journey[change] += 1;
    channels.get(send.channel)![change] += 1;
    let customer = customers.get(send.customerId);
    if (!customer) customers.set(send.customerId, (customer = { customerId: send.customerId, added: 0, removed: 0 }));
    customer[change] += 1;
  }

  const changed = (counts: ChangeCounts) => counts.added + counts.removed > 0;
  return {
    changes,
    byJourney: [...journeys.values()].filter(changed),
    byChannel: [...channels.values()].filter(changed),
    perDay,
    affectedCustomers: [...customers.values()].sort((a, b) => b.added + b.removed - (a.added + a.removed) || a.customerId.localeCompare(b.customerId)),
  };
}
