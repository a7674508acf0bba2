/** The sections on what the simulated period sends: charts per day, busiest days, totals, skip reasons. */
import type { SimulatedSend } from '../domain/simulated-send';
import { chartSectionHtml, channelColours, seriesColour } from './chart-section';
import { escapeHtml } from './escape-html';
import { htmlTable } from './html-table';
import { CustomerRowsEncoder } from './customer-rows';
import { lookupSectionHtml } from './lookup-section';
import type { ChartSpec, LookupSpec } from './page/page-data';
import type { SimulationAggregates } from './simulation-aggregates';

export interface ReportJourney {
  id: string;
  name?: string;
  category?: string;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const plural = (count: number, noun: string) => `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;

/** Months (`YYYY-MM`) of the days, in order, and each day's month index. */
function months(days: readonly string[]): { labels: string[]; ofDay: number[] } {
  const labels: string[] = [];
  const ofDay = days.map((day) => {
    const month = day.slice(0, 7);
    if (labels.at(-1) !== month) labels.push(month);
    return labels.length - 1;
  });
  return { labels, ofDay };
}

function busiestSummary(aggregates: SimulationAggregates): string {
  const busiest = aggregates.busiestDays[0];
  return busiest ? ` The busiest day is ${busiest.date} with ${plural(busiest.sent, 'message')}.` : '';
}

function byJourneySection(aggregates: SimulationAggregates): { html: string; spec: ChartSpec } {
  const spec: ChartSpec = {
    canvasId: 'sent-by-journey',
    labels: aggregates.days,
    datasets: aggregates.journeyIds.map((journeyId, index) => ({ label: journeyId, data: aggregates.sentPerDayByJourney[index]!, color: seriesColour(index) })),
    stacked: true,
    xTitle: 'Day (customer local date)',
    yTitle: 'Messages sent',
  };
  const { labels, ofDay } = months(aggregates.days);
  const rows = aggregates.journeyIds.map((journeyId, index) => {
    const perMonth = labels.map(() => 0);
    aggregates.sentPerDayByJourney[index]!.forEach((count, day) => (perMonth[ofDay[day]!]! += count));
    return [journeyId, ...perMonth, sum(perMonth)];
  });
  const table = htmlTable('Messages sent per month by journey', [{ heading: 'Journey' }, ...labels.map((heading) => ({ heading, numeric: true })), { heading: 'Total', numeric: true }], rows);
  const active = aggregates.journeyIds.filter((_, index) => sum(aggregates.sentPerDayByJourney[index]!) > 0).length;
  const summary = `${plural(aggregates.totals.sent, 'message')} sent from ${aggregates.days[0]} to ${aggregates.days.at(-1)} by ${plural(active, 'journey')}, stacked per day by journey.${busiestSummary(aggregates)}`;
  return { html: chartSectionHtml({ heading: 'Messages sent per day by journey', spec, summary, table }), spec };
}

function byChannelSection(aggregates: SimulationAggregates): { html: string; spec: ChartSpec } {
  const spec: ChartSpec = {
    canvasId: 'sent-by-channel',
    labels: aggregates.days,
    datasets: aggregates.channels.map((channel, index) => ({ label: channel, data: aggregates.sentPerDayByChannel[index]!, color: channelColours[channel]! })),
    stacked: true,
    xTitle: 'Day (customer local date)',
    yTitle: 'Messages sent',
  };
  const rows = aggregates.days
    .map((day, index) => [day, ...aggregates.sentPerDayByChannel.map((series) => series[index]!)] as [string, ...number[]])
    .filter(([, ...counts]) => sum(counts) > 0)
    .map((row) => [...row, sum(row.slice(1) as number[])]);
  const table = htmlTable('Messages sent per day by channel (days with none left out)', [{ heading: 'Day' }, ...aggregates.channels.map((heading) => ({ heading, numeric: true })), { heading: 'Total', numeric: true }], rows);
  const perChannel = aggregates.channels.map((channel, index) => `${channel} ${sum(aggregates.sentPerDayByChannel[index]!).toLocaleString('en-US')}`).join(', ');
  const summary = `Messages sent per day, stacked by channel: ${perChannel}.${busiestSummary(aggregates)}`;
  return { html: chartSectionHtml({ heading: 'Messages sent per day by channel', spec, summary, table }), spec };
}

function busiestDaysSection(aggregates: SimulationAggregates): string {
  const rows = aggregates.busiestDays.map((day) => [day.date, day.sent, ...aggregates.channels.map((channel) => day.byChannel[channel])]);
  const table = htmlTable(`The ${plural(aggregates.busiestDays.length, 'day')} with the most messages sent`, [{ heading: 'Day' }, { heading: 'Sent', numeric: true }, ...aggregates.channels.map((heading) => ({ heading, numeric: true }))], rows);
  return `<section aria-labelledby="busiest-heading"><h2 id="busiest-heading">Busiest days</h2>${aggregates.busiestDays.length ? table : '<p>No message is sent in the period.</p>'}</section>`;
}

function journeyTotalsSection(aggregates: SimulationAggregates, journeys: ReadonlyMap<string, ReportJourney>): string {
  const rows = aggregates.journeyTotals.map(({ journeyId, channel, counts }) => [
    journeys.get(journeyId)?.name ?? journeyId,
    journeyId,
    journeys.get(journeyId)?.category ?? '',
    channel,
    counts.sent,
    counts.skipped,
    counts['frequency-capped'],
    counts.deferred,
    counts.failed,
  ]);
  const idle = [...journeys.values()].filter((journey) => !aggregates.journeyTotals.some((row) => row.journeyId === journey.id));
  const idleNote = idle.length ? `<p>No send at all in the period: ${idle.map((journey) => escapeHtml(journey.name ?? journey.id)).join(', ')}.</p>` : '';
  const table = htmlTable(
    'Sends per journey and channel by outcome',
    [{ heading: 'Journey' }, { heading: 'Id' }, { heading: 'Category' }, { heading: 'Channel' }, ...['Sent', 'Skipped', 'Capped', 'Deferred', 'Failed'].map((heading) => ({ heading, numeric: true }))],
    rows,
  );
  return `<section aria-labelledby="totals-heading"><h2 id="totals-heading">Per-journey totals</h2>${table}${idleNote}</section>`;
}

function reasonsSection(aggregates: SimulationAggregates): string {
  const table = htmlTable('Sends not sent, by outcome and reason', [{ heading: 'Outcome' }, { heading: 'Reason' }, { heading: 'Sends', numeric: true }], aggregates.reasons.map((row) => [row.outcome, row.reason, row.count]));
  return `<section aria-labelledby="reasons-heading"><h2 id="reasons-heading">Skips by reason</h2>${aggregates.reasons.length ? table : '<p>Every send was sent.</p>'}</section>`;
}

/** The sections on the current simulation, and what the page's script needs for them. */
export function yearSections(aggregates: SimulationAggregates, sends: Iterable<SimulatedSend>, journeys: ReadonlyMap<string, ReportJourney>): { html: string; charts: ChartSpec[]; lookups: LookupSpec[] } {
  const byJourney = byJourneySection(aggregates);
  const byChannel = byChannelSection(aggregates);
  // Each send kept as four indexes, not held: `sends` may be read from a file of millions.
  const encoder = new CustomerRowsEncoder((send: SimulatedSend) => [send.outcome, send.reason ?? '']);
  for (const send of sends) encoder.add(send.customerId, send);
  const rows = encoder.finish();
  const examples = rows.customers
    .slice(0, 3)
    .map((customerId) => `<button type="button" data-lookup="customer-id" data-customer="${escapeHtml(customerId)}">${escapeHtml(customerId)}</button>`);
  const lookup = lookupSectionHtml(
    {
      id: 'customer',
      heading: "Look up a customer's year",
      intro: `Type a customer id to list every send to them in the period, whatever its outcome (${plural(aggregates.customers, 'customer')} in this simulation).`,
      noun: 'sends',
      cellColumns: ['Outcome', 'Reason'],
    },
    rows,
    examples.length ? `<p class="examples">For example: ${examples.join(' ')}</p>` : '',
  );
  return {
    html: [byJourney.html, byChannel.html, busiestDaysSection(aggregates), journeyTotalsSection(aggregates, journeys), reasonsSection(aggregates), lookup.html].join('\n'),
    charts: [byJourney.spec, byChannel.spec],
    lookups: [lookup.spec],
  };
}
