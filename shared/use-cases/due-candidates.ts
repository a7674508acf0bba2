import { addDays, type IsoDate } from '../domain/dates';
import { dueLaterOn, listedDueLaterOn, nextDue, type NextDue } from '../domain/journey/due-dates';
import { localMomentsAt } from '../domain/journey/plan';
import type { Journey } from '../domain/journey/schema';
import type { CustomerFacts } from '../domain/customer-facts';
import type { SkippedRecord } from '../ports/customers';
import type { DueIndex } from '../ports/due-index';
import { forEachConcurrently } from './concurrently';

export interface Candidates {
  /**
   * Each with the date it is filed under, and (outside a run for one date) the same as `lateDate`:
   * an entry found under a date already past for the customer (a catch-up, a missed tick) is
   * planned on that date, late rather than never.
   */
  candidates: (CustomerFacts & { dueDate: IsoDate; dueJourneys?: string[]; lateDate?: IsoDate })[];
  skipped: SkippedRecord[];
  /** The past dates read because a recompute may have filed customers under them (empty without a catch-up). */
  catchUpDates: IsoDate[];
}

/**
 * The customers due on these local dates, from the due index (with their cars, visits and
 * complaints). With `catchUpFrom` (a recompute files from the day it started, so some entries
 * may sit under dates already past), also those filed from that date up to the day before the
 * earliest of `localDates`: they are planned late, on their due date, rather than never. With
 * `dueBy` (the run's instant), the index may leave out entries with nothing to send by then.
 */
export async function readCandidates(
  localDates: readonly IsoDate[],
  dueIndex: DueIndex,
  { catchUpFrom, forOneDate, dueBy }: { catchUpFrom?: IsoDate | undefined; forOneDate: boolean; dueBy?: Date },
): Promise<Candidates> {
  const earliest = [...localDates].sort()[0]!;
  const catchUpDates: IsoDate[] = [];
  for (let date = catchUpFrom; date !== undefined && date < earliest; date = addDays(date, 1)) catchUpDates.push(date);
  const read = await dueIndex.readDue([...catchUpDates, ...localDates], dueBy ? { dueBy } : undefined);
  return {
    // A run for one date (a replay) plans that date only, never another one late.
    candidates: forOneDate ? read.due : read.due.map((facts) => ({ ...facts, lateDate: facts.dueDate })),
    skipped: read.skipped,
    catchUpDates,
  };
}

/**
 * Moves each candidate read from the due index on to their next due date once nothing of their
 * due date is left for a later tick: every journey due that day has passed its send time and its
 * occurrences are queued. Later ticks then read them no more, so a handled occurrence costs no
 * further reads or writes. An entry left behind a date (a run that did not happen, a catch-up)
 * was planned late by this run and moves on from the customer's current date. A run for one
 * date moves only the customers whose own date it is. Returns how many entries moved.
 */
export async function advanceDueEntries(
  candidates: Candidates['candidates'],
  journeys: readonly Journey[],
  now: Date,
  { dueIndex, unfinished, onDate }: { dueIndex: DueIndex; unfinished: ReadonlySet<string>; onDate?: IsoDate | undefined },
): Promise<number> {
  const moves: { customerId: string; from: IsoDate; next: NextDue | undefined; movedOn: IsoDate }[] = [];
  // The candidates of a tick are of a few zones: each zone's local time is worked out once.
  const localMomentOf = localMomentsAt(now);
  // An indexed loop: every candidate of every tick passes here (see `planDueJourneys`).
  for (let at = 0; at < candidates.length; at += 1) {
    const facts = candidates[at]!;
    const { dueDate } = facts;
    if (unfinished.has(facts.customer.id)) continue;
    const local = localMomentOf(facts.customer.timeZone);
    // A run for one date planned nobody whose own date is another: their entry waits for the run that does.
    if (onDate !== undefined && local.date !== onDate) continue;
    if (local.date < dueDate) continue;
    if (local.date === dueDate && dueLaterOnEntry(facts, journeys, local.minuteOfDay)) continue;
    const from = local.date === dueDate ? addDays(dueDate, 1) : local.date;
    moves.push({ customerId: facts.customer.id, from: dueDate, next: nextDue(facts, journeys, from), movedOn: local.date });
  }
  // One conditional write per customer, as many at a time as claims: a busy date moves thousands.
  await forEachConcurrently(moves, advanceConcurrency, ({ customerId, from, next, movedOn }) => dueIndex.advance(customerId, from, next?.dueDate, next?.journeyIds, movedOn));
  return moves.length;
}

/** Whether a journey still sends to the customer later on the entry's date: from the journeys it lists, or (an entry filed before entries listed them) worked out. */
function dueLaterOnEntry(entry: Candidates['candidates'][number], journeys: readonly Journey[], minuteOfDay: number): boolean {
  return entry.dueJourneys ? listedDueLaterOn(entry.dueJourneys, journeys, minuteOfDay) : dueLaterOn(entry, journeys, entry.dueDate, minuteOfDay);
}

/** Due-index entries moved on at once by a run (each one conditional write). */
export const advanceConcurrency = 16;
