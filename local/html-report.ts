/**
 * A one-page HTML report of a run: sends per journey and channel as a bar chart (inline SVG, no
 * scripts or network), with skipped and failed messages beside them.
 */
import type { Channel } from '../shared/domain/customer';
import type { SendRow } from './send-report';
import { escapeHtml } from './html';

const channels: Channel[] = ['email', 'sms', 'print'];
const colours: Record<string, string> = { sent: '#2f7d4f', skipped: '#c79a2b', failed: '#b23b3b' };

export interface ReportInput {
  date: string;
  sends: SendRow[];
  dueOccurrences: number;
  alreadyHandled: number;
  skippedNoConsent: Record<string, Partial<Record<Channel, number>>>;
}

export function renderHtmlReport({ date, sends, dueOccurrences, alreadyHandled, skippedNoConsent }: ReportInput): string {
  const journeys = [...new Set([...sends.map((row) => row.journeyId), ...Object.keys(skippedNoConsent)])].sort();
  const bars: { label: string; status: string; value: number }[] = [];
  for (const journey of journeys) {
    for (const channel of channels) {
      for (const status of ['sent', 'skipped', 'failed']) {
        const value = sends.filter((row) => row.journeyId === journey && row.channel === channel && row.status === status).length;
        bars.push({ label: `${journey} · ${channel}`, status, value });
      }
      const noConsent = skippedNoConsent[journey]?.[channel] ?? 0;
      bars.push({ label: `${journey} · ${channel}`, status: 'no consent', value: noConsent });
    }
  }
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const rowHeight = 22;
  const width = 720;
  const labelWidth = 220;
  const svgRows = bars
    .map((bar, index) => {
      const y = index * rowHeight;
      const barWidth = Math.round(((width - labelWidth - 60) * bar.value) / max);
      const colour = colours[bar.status] ?? '#8a8a8a';
      return `<text x="0" y="${y + 15}" font-size="12">${escapeHtml(`${bar.label} (${bar.status})`)}</text>
<rect x="${labelWidth}" y="${y + 3}" width="${barWidth}" height="${rowHeight - 6}" fill="${colour}"><title>${bar.value}</title></rect>
<text x="${labelWidth + barWidth + 6}" y="${y + 15}" font-size="12">${bar.value}</text>`;
    })
    .join('\n');
  const failures = sends.filter((row) => row.status !== 'sent');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sends for ${escapeHtml(date)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left}</style>
</head><body>
<h1>Sends for ${escapeHtml(date)}</h1>
<p>${dueOccurrences} journey occurrences were due; ${alreadyHandled} had already been handled by an earlier run and sent nothing again.
${sends.filter((row) => row.status === 'sent').length} messages were sent in this run.</p>
<h2>Messages per journey and channel</h2>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${Math.max(rowHeight, bars.length * rowHeight)}" role="img" aria-label="Messages per journey and channel">
${svgRows}
</svg>
<h2>Not sent</h2>
${
  failures.length === 0
    ? '<p>Every claimed message was sent.</p>'
    : `<table><tr><th>journey</th><th>channel</th><th>status</th><th>reason</th></tr>${failures
        .map((row) => `<tr><td>${escapeHtml(row.journeyId)}</td><td>${row.channel}</td><td>${row.status}</td><td>${escapeHtml(row.reason ?? '')}</td></tr>`)
        .join('')}</table>`
}
</body></html>
`;
}
