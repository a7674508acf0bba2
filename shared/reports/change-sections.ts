/** The section "What the change does": the current simulation against its baseline. */
import type { SimulatedSend } from '../domain/simulated-send';
import type { BaselineDiff, SendChange } from './baseline-diff';
import { chartSectionHtml } from './chart-section';
import { escapeHtml } from './escape-html';
import { htmlTable } from './html-table';
import { encodeCustomerRows } from './customer-rows';
import { lookupSectionHtml, rowsByCustomer } from './lookup-section';
import type { ChartSpec, LookupSpec } from './page/page-data';

/** Customers listed by name in the page; the lookup finds every other one. */
const listedCustomers = 200;

const outcomeText = (send: SimulatedSend) => (send.outcome === 'sent' ? `sent on ${send.localDate}` : `${send.outcome}${send.reason ? `: ${send.reason}` : ''}`);

/** What happened to a changed send under the other configuration, in words. */
export function changeDetail({ change, counterpart }: SendChange): string {
  if (change === 'added') return counterpart ? `before: ${outcomeText(counterpart)}` : 'new';
  return counterpart ? `now: ${outcomeText(counterpart)}` : 'no longer planned';
}

function perDaySection(diff: BaselineDiff, days: string[]): { html: string; spec: ChartSpec } {
  const spec: ChartSpec = {
    canvasId: 'changes-per-day',
    labels: days,
    datasets: [
      { label: 'added', data: diff.perDay.added, color: '#0072b2' },
      { label: 'removed', data: diff.perDay.removed, color: '#d55e00' },
    ],
    stacked: false,
    xTitle: 'Day (customer local date)',
    yTitle: 'Messages',
  };
  const rows = days.map((day, index) => [day, diff.perDay.added[index]!, diff.perDay.removed[index]!] as const).filter(([, added, removed]) => added + removed > 0);
  const table = htmlTable('Messages added and removed per day (days without change left out)', [{ heading: 'Day' }, { heading: 'Added', numeric: true }, { heading: 'Removed', numeric: true }], rows);
  const summary = `Messages added and removed per day: ${rows.length.toLocaleString('en-US')} days change.`;
  return { html: chartSectionHtml({ heading: 'Messages added and removed per day', spec, summary, table }), spec };
}

function affectedList(diff: BaselineDiff, inputId: string): string {
  const shown = diff.affectedCustomers.slice(0, listedCustomers);
  const more = diff.affectedCustomers.length - shown.length;
  const items = shown
    .map(
      (customer) =>
        `<li><button type="button" data-lookup="${inputId}" data-customer="${escapeHtml(customer.customerId)}">${escapeHtml(customer.customerId)}</button> +${customer.added} / −${customer.removed}</li>`,
    )
    .join('\n');
  const moreNote = more > 0 ? `<p>And ${more.toLocaleString('en-US')} more: type their id below.</p>` : '';
  return shown.length ? `<h3 id="affected-heading">Customers affected, most changed first</h3><ul class="affected" aria-labelledby="affected-heading">\n${items}\n</ul>${moreNote}` : '';
}

/** The section, and what the page's script needs for it. */
export function changeSections(diff: BaselineDiff, days: string[]): { html: string; charts: ChartSpec[]; lookups: LookupSpec[] } {
  const added = diff.changes.filter((change) => change.change === 'added').length;
  const removed = diff.changes.length - added;
  const perDay = perDaySection(diff, days);
  const byJourney = htmlTable('Messages added and removed per journey', [{ heading: 'Journey' }, { heading: 'Added', numeric: true }, { heading: 'Removed', numeric: true }], diff.byJourney.map((row) => [row.journeyId, row.added, row.removed]));
  const byChannel = htmlTable('Messages added and removed per channel', [{ heading: 'Channel' }, { heading: 'Added', numeric: true }, { heading: 'Removed', numeric: true }], diff.byChannel.map((row) => [row.channel, row.added, row.removed]));
  const lookup = lookupSectionHtml(
    {
      id: 'change',
      heading: 'Customers affected',
      intro: `${diff.affectedCustomers.length.toLocaleString('en-US')} customers get other messages than under the baseline. Type a customer id, or choose one in the list, to see their changed sends.`,
      noun: 'changed sends',
      cellColumns: ['Change', 'Other configuration'],
    },
    encodeCustomerRows(
      rowsByCustomer(diff.changes.map((change) => ({ ...change.send, cells: [change.change, changeDetail(change)] }))),
      (row) => row.cells,
    ),
    affectedList(diff, 'change-id'),
  );
  const html = `<section aria-labelledby="change-heading">
<h2 id="change-heading">What the change does</h2>
<p>Compared with the baseline (the same customers under the other journeys): <strong id="added-total">${added.toLocaleString('en-US')}</strong> messages added, <strong id="removed-total">${removed.toLocaleString('en-US')}</strong> removed, for ${diff.affectedCustomers.length.toLocaleString('en-US')} customers. A message sent on another day counts as one removed and one added.</p>
${diff.changes.length ? `${byJourney}\n${byChannel}` : '<p>The change sends the same messages on the same days.</p>'}
</section>
${perDay.html}
${lookup.html}`;
  return { html, charts: [perDay.spec], lookups: [lookup.spec] };
}
