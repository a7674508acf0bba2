/**
 * A one-page HTML report of a date, from the ledger: everything recorded for the date's journey
 * occurrences by any run, per journey and channel as a bar chart (inline SVG, no scripts or
 * network), with this run's share of each bar marked, and the messages not sent beside it.
 */
import { Channel, ConsentChannel } from '../shared/domain/customer';
import { describeSentAhead, sentAhead, type DayLedger } from './send-report';
import { escapeHtml } from './html';

// The customer channels always have bars; tasks only for a journey that made some.
const channelsOf = (journey: string, ledger: DayLedger): Channel[] =>
  Channel.options.filter((channel) => ConsentChannel.safeParse(channel).success || ledger.sends.some((row) => row.journeyId === journey && row.channel === channel));
const colours: Record<string, string> = {
  sent: '#2f7d4f',
  skipped: '#c79a2b',
  'frequency-capped': '#8e5ea2',
  deferred: '#3c8d9e',
  failed: '#b23b3b',
  sending: '#4a6fa5',
  'no consent': '#8a8a8a',
};

export interface DayReportInput {
  ledger: DayLedger;
  /** The channel of a journey's message, from the journey config (for messages never sent). */
  channelOf: (journeyId: string, messageId: string) => Channel | undefined;
}

interface Bar {
  label: string;
  status: string;
  total: number;
  thisRun: number;
}

function barsOf({ ledger, channelOf }: DayReportInput): Bar[] {
  const noConsent = ledger.skippedNoConsent.map((skipped) => ({ journeyId: skipped.journeyId, channel: channelOf(skipped.journeyId, skipped.messageId) }));
  const journeys = [...new Set([...ledger.sends.map((row) => row.journeyId), ...noConsent.map((row) => row.journeyId)])].sort();
  // `sending` is shown only where something is still in flight: normally nothing is.
  // So are the policies' statuses: capped and deferred sends show only where the day had some.
  const shownIfAny = (['frequency-capped', 'deferred', 'sending'] as const).filter((status) => ledger.sends.some((row) => row.status === status));
  const statuses = ['sent', 'skipped', 'failed', ...shownIfAny];
  const bars: Bar[] = [];
  for (const journey of journeys) {
    for (const channel of channelsOf(journey, ledger)) {
      const label = `${journey} · ${channel}`;
      for (const status of statuses) {
        const rows = ledger.sends.filter((row) => row.journeyId === journey && row.channel === channel && row.status === status);
        bars.push({ label, status, total: rows.length, thisRun: rows.filter((row) => row.inThisRun).length });
      }
      // Consent is decided when the occurrence is queued: no per-run share to mark.
      const total = noConsent.filter((row) => row.journeyId === journey && row.channel === channel).length;
      bars.push({ label, status: 'no consent', total, thisRun: 0 });
    }
  }
  return bars;
}

function chart(bars: Bar[]): string {
  const max = Math.max(1, ...bars.map((bar) => bar.total));
  const rowHeight = 22;
  const width = 760;
  const labelWidth = 220;
  const scale = (value: number) => Math.round(((width - labelWidth - 140) * value) / max);
  const rows = bars
    .map((bar, index) => {
      const y = index * rowHeight;
      const colour = colours[bar.status] ?? '#8a8a8a';
      const earlier = scale(bar.total - bar.thisRun);
      const current = scale(bar.total) - earlier;
      const note = bar.thisRun > 0 ? ` (${bar.thisRun} in this run)` : '';
      return `<text x="0" y="${y + 15}" font-size="12">${escapeHtml(`${bar.label} (${bar.status})`)}</text>
<rect x="${labelWidth}" y="${y + 3}" width="${earlier}" height="${rowHeight - 6}" fill="${colour}"><title>${bar.total - bar.thisRun} in earlier runs</title></rect>
<rect class="this-run" x="${labelWidth + earlier}" y="${y + 3}" width="${current}" height="${rowHeight - 6}" fill="url(#this-run)" stroke="${colour}"><title>${bar.thisRun} in this run</title></rect>
<text x="${labelWidth + earlier + current + 6}" y="${y + 15}" font-size="12">${bar.total}${note}</text>`;
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${Math.max(rowHeight, bars.length * rowHeight)}" role="img" aria-label="Messages per journey and channel">
<defs><pattern id="this-run" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="3" height="6" fill="#333" fill-opacity="0.55"/></pattern></defs>
${rows}
</svg>`;
}

/** Steps mailed ahead go out on this date for a later occurrence: said, so the counts add up. */
function aheadSection(ledger: DayLedger): string {
  const groups = sentAhead(ledger);
  if (groups.length === 0) return '';
  const items = groups.map((group) => `<li class="sent-ahead">${escapeHtml(describeSentAhead(group))}</li>`).join('');
  return `<h2>Sent ahead</h2>
<p>Sent on ${escapeHtml(ledger.date)} for occurrences on a later date, so they arrive on the day:</p>
<ul id="sent-ahead">${items}</ul>`;
}

export function renderDayReport(input: DayReportInput): string {
  const { ledger } = input;
  const sent = ledger.sends.filter((row) => row.status === 'sent');
  const sentThisRun = sent.filter((row) => row.inThisRun).length;
  const notSent = ledger.sends.filter((row) => row.status !== 'sent');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sends for ${escapeHtml(ledger.date)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left}</style>
</head><body>
<h1>Sends for ${escapeHtml(ledger.date)}</h1>
<p id="summary">From the ledger, every run of this date: ${ledger.occurrences} journey occurrences going out on it.
<span id="sent">${sent.length}</span> messages sent for the date, <span id="sent-this-run">${sentThisRun}</span> of them in this run.</p>
${ledger.unreadable > 0 ? `<p id="unreadable"><strong>${ledger.unreadable} ledger items could not be read</strong> (they do not match the item schema) and are not counted.</p>` : ''}
${aheadSection(ledger)}
<h2>Messages per journey and channel</h2>
<p>Hatched: this run's share of each bar.</p>
${chart(barsOf(input))}
<h2>Not sent</h2>
${
  notSent.length === 0
    ? '<p>Every claimed message was sent.</p>'
    : `<table><tr><th>journey</th><th>channel</th><th>status</th><th>reason</th><th>run</th></tr>${notSent
        .map(
          (row) =>
            `<tr><td>${escapeHtml(row.journeyId)}</td><td>${row.channel}</td><td>${row.status}</td><td>${escapeHtml(row.reason ?? '')}</td><td>${row.inThisRun ? 'this run' : 'earlier'}</td></tr>`,
        )
        .join('')}</table>`
}
</body></html>
`;
}
