/** The table `npm start` prints: a run's sends per journey and channel, by status. */
import { Channel } from '../shared/domain/customer';
import type { SendRow } from './send-report';

// The channels of the journey's steps (a zero says "nothing sent"), and any other a send of this run used.
const channelsOf = (journey: string, sends: SendRow[], stepChannels: ReadonlyMap<string, readonly Channel[]>): Channel[] =>
  Channel.options.filter((channel) => stepChannels.get(journey)?.includes(channel) || sends.some((row) => row.journeyId === journey && row.channel === channel));

/**
 * One row per journey and channel; `capped` counts frequency-capped sends, `deferred` those
 * waiting out quiet hours (sent when released, or by a later run's reconcile).
 */
export function summaryTable(
  sends: SendRow[],
  noConsent: Record<string, Partial<Record<Channel, number>>>,
  dueJourneys: string[],
  stepChannels: ReadonlyMap<string, readonly Channel[]>,
): string {
  const journeys = [...new Set([...sends.map((row) => row.journeyId), ...Object.keys(noConsent), ...dueJourneys])].sort();
  const width = Math.max('journey'.length, ...journeys.map((journey) => journey.length));
  const lines = ['Messages in this run:', `  ${'journey'.padEnd(width)} channel   sent  skipped  capped  deferred  failed  no consent`];
  for (const journey of journeys) {
    for (const channel of channelsOf(journey, sends, stepChannels)) {
      const of = (status: string) => sends.filter((row) => row.journeyId === journey && row.channel === channel && row.status === status).length;
      lines.push(
        `  ${journey.padEnd(width)} ${channel.padEnd(8)} ${String(of('sent')).padStart(5)} ${String(of('skipped')).padStart(8)} ${String(of('frequency-capped')).padStart(7)} ${String(of('deferred')).padStart(9)} ${String(of('failed')).padStart(7)} ${String(noConsent[journey]?.[channel] ?? 0).padStart(11)}`,
      );
    }
  }
  return lines.join('\n');
}

