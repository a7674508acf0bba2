/**
 * What a simulation's report shows, counted in one pass over its sends: sent messages per day by
 * journey and by channel (the charts), the busiest days, per-journey totals by channel and
 * outcome, and why sends did not go.
 */
import { Channel } from '../domain/customer';
import type { IsoDate } from '../domain/dates';
import { SimulatedOutcome, type SimulatedSend } from '../domain/simulated-send';
import { dayIndexes } from './report-days';

export type OutcomeCounts = Record<SimulatedOutcome, number>;

export interface JourneyChannelTotals {
  journeyId: string;
  channel: Channel;
  counts: OutcomeCounts;
}

export interface BusyDay {
  date: IsoDate;
  sent: number;
  byChannel: Record<Channel, number>;
}

export interface ReasonCount {
  outcome: SimulatedOutcome;
  reason: string;
  count: number;
}

export interface SimulationAggregates {
  days: IsoDate[];
  journeyIds: string[];
  channels: readonly Channel[];
  /** Messages sent (outcome `sent`), `[journey][day]` in the order of `journeyIds` and `days`. */
  sentPerDayByJourney: number[][];
  /** Messages sent, `[channel][day]` in the order of `channels`. */
  sentPerDayByChannel: number[][];
  busiestDays: BusyDay[];
  /** One row per journey and channel that had any send, in journey order. */
  journeyTotals: JourneyChannelTotals[];
  totals: OutcomeCounts;
  /** Sends not sent, by outcome and reason, most frequent first. */
  reasons: ReasonCount[];
  customers: number;
}

export const emptyOutcomeCounts = (): OutcomeCounts =>
  Object.fromEntries(SimulatedOutcome.options.map((outcome) => [outcome, 0])) as OutcomeCounts;

const emptyChannelCounts = (): Record<Channel, number> => Object.fromEntries(Channel.options.map((channel) => [channel, 0])) as Record<Channel, number>;

/** Journeys in the order given (the configuration's), then any other journey that has sends, by id. */
export function orderedJourneyIds(known: readonly string[], ...sendLists: readonly Iterable<SimulatedSend>[]): string[] {
  const seen = new Set(known);
  const others = new Set<string>();
  for (const sends of sendLists) for (const send of sends) if (!seen.has(send.journeyId)) others.add(send.journeyId);
  return [...known, ...[...others].sort()];
}

const noReason = '(no reason given)';

/**
 * Counts `sends` over `days` (see `reportDays`) and `journeyIds` (see `orderedJourneyIds`), which
 * must hold every send's date and journey.
 *
 * @example aggregateSends(sends, reportDays('2026-01-01', '2026-12-31', sends), ['birthday'], 10)
 */
export function aggregateSends(sends: Iterable<SimulatedSend>, days: IsoDate[], journeyIds: readonly string[], busiestDayCount = 10): SimulationAggregates {
  const dayIndex = dayIndexes(days);
  const journeyIndex = new Map(journeyIds.map((id, index) => [id, index]));
  const channels = Channel.options;
  const channelIndex = new Map(channels.map((channel, index) => [channel, index]));
  const outcomes = SimulatedOutcome.options;
  const outcomeIndex = new Map(outcomes.map((outcome, index) => [outcome, index]));
  const sentPerDayByJourney = journeyIds.map(() => new Array<number>(days.length).fill(0));
  const sentPerDayByChannel = channels.map(() => new Array<number>(days.length).fill(0));
  // Counted by index, not by keys built from strings: this loop runs once per send (millions).
  const counts = new Int32Array(journeyIds.length * channels.length * outcomes.length);
  const reasonCounts = new Map<SimulatedOutcome, Map<string, number>>();
  const customers = new Set<string>();

  for (const send of sends) {
    customers.add(send.customerId);
    const journey = journeyIndex.get(send.journeyId);
    if (journey === undefined) throw new RangeError(`A send of journey ${send.journeyId} not among the report's journeys`);
    const channel = channelIndex.get(send.channel)!;
    counts[(journey * channels.length + channel) * outcomes.length + outcomeIndex.get(send.outcome)!]! += 1;
    if (send.outcome === 'sent') {
      const day = dayIndex.get(send.localDate);
      if (day === undefined) throw new RangeError(`A send on ${send.localDate} falls outside the report's days`);
      sentPerDayByJourney[journey]![day]! += 1;
      sentPerDayByChannel[channel]![day]! += 1;
    } else {
      const reason = send.reason ?? noReason;
      let byReason = reasonCounts.get(send.outcome);
      if (!byReason) reasonCounts.set(send.outcome, (byReason = new Map()));
      byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
    }
  }

  const journeyTotals: JourneyChannelTotals[] = [];
  const totals = emptyOutcomeCounts();
  journeyIds.forEach((journeyId, journey) =>
    channels.forEach((channel, channelPosition) => {
      const row = { journeyId, channel, counts: emptyOutcomeCounts() };
      outcomes.forEach((outcome, outcomePosition) => {
        const count = counts[(journey * channels.length + channelPosition) * outcomes.length + outcomePosition]!;
        row.counts[outcome] = count;
        totals[outcome] += count;
      });
      if (Object.values(row.counts).some((count) => count > 0)) journeyTotals.push(row);
    }),
  );
  const reasons = [...reasonCounts].flatMap(([outcome, byReason]) => [...byReason].map(([reason, count]) => ({ outcome, reason, count })));
  return {
    days,
    journeyIds: [...journeyIds],
    channels,
    sentPerDayByJourney,
    sentPerDayByChannel,
    busiestDays: busiestDays(days, sentPerDayByChannel, busiestDayCount),
    journeyTotals,
    totals,
    reasons: reasons.sort((a, b) => b.count - a.count || a.outcome.localeCompare(b.outcome) || a.reason.localeCompare(b.reason)),
    customers: customers.size,
  };
}

/** The days with the most messages sent, most first; the earlier day first on a tie. Days with none are left out. */
function busiestDays(days: readonly IsoDate[], sentPerDayByChannel: readonly number[][], count: number): BusyDay[] {
  const all = days.map((date, day) => {
    const byChannel = emptyChannelCounts();
    Channel.options.forEach((channel, index) => (byChannel[channel] = sentPerDayByChannel[index]![day]!));
    return { date, sent: Object.values(byChannel).reduce((sum, value) => sum + value, 0), byChannel };
  });
  return all
    .filter((day) => day.sent > 0)
    .sort((a, b) => b.sent - a.sent || a.date.localeCompare(b.date))
    .slice(0, count);
}
