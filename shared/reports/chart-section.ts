import { escapeHtml } from './escape-html';
import type { ChartSpec } from './page/page-data';

/** Fixed colours for the channels, told apart by people with the common colour-vision deficiencies. */
export const channelColours: Record<string, string> = { email: '#0072b2', sms: '#e69f00', print: '#009e73', task: '#cc79a7' };

const journeyPalette = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000', '#999999', '#882255', '#44aa99', '#117733'];

/** A colour per series: the palette first, then hues spread by the golden angle. */
export const seriesColour = (index: number): string => journeyPalette[index] ?? `hsl(${Math.round((index * 137.508) % 360)} 60% 42%)`;

export interface ChartSection {
  heading: string;
  spec: ChartSpec;
  /** What the chart shows in words, read beside it and by screen readers. */
  summary: string;
  /** The chart's numbers as a table (its text alternative). */
  table: string;
}

/** A chart's section: heading, summary, the canvas the page's script draws in, and its numbers as a table. */
export function chartSectionHtml({ heading, spec, summary, table }: ChartSection): string {
  const id = escapeHtml(spec.canvasId);
  return `<section aria-labelledby="${id}-heading">
<h2 id="${id}-heading">${escapeHtml(heading)}</h2>
<p id="${id}-summary">${escapeHtml(summary)}</p>
<div class="chart"><canvas id="${id}" role="img" aria-label="${escapeHtml(heading)}" aria-describedby="${id}-summary">${escapeHtml(summary)}</canvas></div>
<details><summary>${escapeHtml(heading)}: the numbers</summary>${table}</details>
</section>`;
}
