/**
 * The benchmark's HTML report: every table of the console output, plus the throughput figures as
 * inline-SVG bar charts (one chart per unit, each with its own scale). No scripts, no network.
 */
import { tableCells, type Table } from './format';
import { escapeHtml } from '../local/html';

export interface Bar {
  /** Bars sharing a unit share a chart and a scale. */
  unit: string;
  label: string;
  value: number;
}

export interface BenchReport {
  title: string;
  generatedAt: Date;
  machine: Table;
  sections: { heading: string; tables: Table[] }[];
  bars: Bar[];
}

const palette = ['#2f6f9f', '#2f7d4f', '#c79a2b', '#b0414f', '#6b4fa0', '#3b8c8c'];

function formatValue(value: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: value < 10 ? 2 : value < 1000 ? 1 : 0 }).format(value);
}

function barChart(unit: string, bars: Bar[], colour: string): string {
  const rowHeight = 26;
  const width = 760;
  const labelWidth = 300;
  const valueRoom = 120;
  const max = Math.max(...bars.map((bar) => bar.value), Number.MIN_VALUE);
  const rows = bars
    .map((bar, index) => {
      const y = index * rowHeight;
      const barWidth = Math.max(1, Math.round(((width - labelWidth - valueRoom) * bar.value) / max));
      return `<text x="${labelWidth - 8}" y="${y + 17}" font-size="12" text-anchor="end">${escapeHtml(bar.label)}</text>
<rect x="${labelWidth}" y="${y + 4}" width="${barWidth}" height="${rowHeight - 8}" rx="2" fill="${colour}"><title>${escapeHtml(`${bar.label}: ${formatValue(bar.value)}`)}</title></rect>
<text x="${labelWidth + barWidth + 6}" y="${y + 17}" font-size="12">${formatValue(bar.value)}</text>`;
    })
    .join('\n');
  return `<figure><figcaption>${escapeHtml(unit)}</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${bars.length * rowHeight}" role="img" aria-label="${escapeHtml(unit)}">
${rows}
</svg></figure>`;
}

function htmlTable(table: Table): string {
  const numeric = /^[-+]?[\d,.]+( ?[A-Za-z/%]+)?$/;
  const cells = tableCells(table);
  return `<h3>${escapeHtml(table.title)}</h3>
<table><thead><tr>${table.headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('')}</tr></thead>
<tbody>${cells
    .map((row) => `<tr>${row.map((cell) => `<td${numeric.test(cell) ? ' class="n"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('\n')}</tbody></table>
${table.note ? `<p class="note">${escapeHtml(table.note).replace(/\n/g, '<br>')}</p>` : ''}`;
}

export function renderBenchReport(report: BenchReport): string {
  const units = [...new Set(report.bars.map((bar) => bar.unit))];
  const charts = units.map((unit, index) => barChart(unit, report.bars.filter((bar) => bar.unit === unit), palette[index % palette.length]!)).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(report.title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:70rem}
table{border-collapse:collapse;margin-bottom:.4rem}td,th{padding:3px 10px;border-bottom:1px solid #ddd;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f4f4f4}
figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.3rem}.note{color:#666;font-size:.9em;margin-top:0}
</style>
</head><body>
<h1>${escapeHtml(report.title)}</h1>
<p>Generated ${escapeHtml(report.generatedAt.toISOString())}.</p>
${htmlTable(report.machine)}
<h2>Throughput</h2>
${charts}
${report.sections.map((section) => `<h2>${escapeHtml(section.heading)}</h2>\n${section.tables.map(htmlTable).join('\n')}`).join('\n')}
</body></html>
`;
}
