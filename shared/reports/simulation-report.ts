/**
 * The report of a simulation (`npm run simulate`'s `report.html`): one HTML file that needs no
 * network to view, with Chart.js and its own script inline. Counts are made here, in Node; the
 * page carries the aggregate series for its charts and every customer's sends in a compact form
 * for the lookup (see `customer-rows.ts`), so 100,000 customers stay a file a browser opens.
 *
 * @example writeFileSync('report.html', simulationReportHtml({ sends, from: '2026-01-01', to: '2026-12-31', generatedAt: new Date() }))
 */
import type { IsoDate } from '../domain/dates';
import type { SimulatedSend } from '../domain/simulated-send';
import { diffWithBaseline } from './baseline-diff';
import { changeSections } from './change-sections';
import { escapeHtml } from './escape-html';
import { reportDataElementId, type ReportPageData } from './page/page-data';
import { chartJsSource, reportPageScript } from './page/page-script';
import { reportDays } from './report-days';
import { aggregateSends, orderedJourneyIds } from './simulation-aggregates';
import { yearSections, type ReportJourney } from './year-sections';

export type { ReportJourney } from './year-sections';

export interface SimulationReportInput {
  /**
   * Read a few times over, one section after another, and not held (but for a baseline's
   * comparison): an array, or a source that reads its file again each time it is iterated.
   */
  sends: Iterable<SimulatedSend>;
  /** The same customers simulated under another configuration: adds "What the change does". */
  baseline?: Iterable<SimulatedSend>;
  from: IsoDate;
  to: IsoDate;
  /** The configured journeys, in the order to show them: names, and journeys that sent nothing. */
  journeys?: readonly ReportJourney[];
  generatedAt: Date;
}

const styles = `
body { font-family: system-ui, sans-serif; color: #1a1a1a; background: #fff; margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; line-height: 1.4; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin-top: 2.5rem; border-bottom: 1px solid #767676; }
.chart { position: relative; height: 22rem; }
table { border-collapse: collapse; margin: 0.75rem 0; font-size: 0.9rem; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.25rem; }
th, td { border: 1px solid #767676; padding: 0.2rem 0.5rem; text-align: left; }
th { background: #f0f0f0; } .num { text-align: right; font-variant-numeric: tabular-nums; }
details { margin: 0.5rem 0; } summary { cursor: pointer; color: #004a80; }
input, button { font: inherit; padding: 0.2rem 0.5rem; }
:focus-visible { outline: 3px solid #004a80; outline-offset: 2px; }
ul.affected { columns: 3 16rem; }
dl.totals { display: grid; grid-template-columns: max-content max-content; gap: 0.1rem 1rem; } dl.totals dd { margin: 0; text-align: right; }
`;

/** Data in a JSON script element: `<` escaped so no value (a hostile journey id) can end the element. */
const jsonScript = (id: string, value: unknown) => `<script type="application/json" id="${id}">${JSON.stringify(value).replace(/</g, '\\u003c')}</script>`;

export function simulationReportHtml(input: SimulationReportInput): string {
  const { sends, baseline, from, to, generatedAt } = input;
  const journeys = new Map((input.journeys ?? []).map((journey) => [journey.id, journey]));
  const days = reportDays(from, to, sends, baseline ?? []);
  const journeyIds = orderedJourneyIds([...journeys.keys()], sends, baseline ?? []);
  const aggregates = aggregateSends(sends, days, journeyIds);
  const year = yearSections(aggregates, sends, journeys);
  const change = baseline ? changeSections(diffWithBaseline(sends, baseline, days, journeyIds), days) : undefined;
  const data: ReportPageData = { charts: [...year.charts, ...(change?.charts ?? [])], lookups: [...year.lookups, ...(change?.lookups ?? [])] };
  const { totals } = aggregates;
  const totalsList = (
    [
      ['Customers with a send or task', aggregates.customers, 'customers'],
      ['Sent', totals.sent, 'sent'],
      ['Skipped', totals.skipped, 'skipped'],
      ['Frequency-capped', totals['frequency-capped'], 'frequency-capped'],
      ['Deferred at the end', totals.deferred, 'deferred'],
      ['Failed', totals.failed, 'failed'],
    ] as const
  )
    .map(([label, count, id]) => `<dt>${label}</dt><dd id="total-${id}">${count.toLocaleString('en-US')}</dd>`)
    .join('');
  const title = `Simulation ${from} to ${to}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${styles}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p>What the journeys would send to these customers from ${escapeHtml(from)} to ${escapeHtml(to)}, each on their own local date. Generated ${escapeHtml(generatedAt.toISOString())}.</p>
<dl class="totals">${totalsList}</dl>
</header>
<main>
${change?.html ?? ''}
${year.html}
</main>
${jsonScript(reportDataElementId, data)}
<script>${chartJsSource()}</script>
<script>${reportPageScript()}</script>
</body>
</html>
`;
}
