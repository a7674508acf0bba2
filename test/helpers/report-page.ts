/** Reading a simulation report open in the browser: what its charts drew. */
import type { Page } from 'playwright-core';
import type { SimulatedSend } from '../../shared/domain/simulated-send';

export interface DrawnChart {
  id: string;
  /** Canvas pixels not transparent: more than a few means bars were drawn, not only an empty frame. */
  painted: number;
  /** Per dataset of the Chart.js chart on the canvas (none if no chart): its label and the sum of its values. */
  datasets: { label: string; total: number }[] | undefined;
}

export async function drawnCharts(page: Page): Promise<DrawnChart[]> {
  return page.evaluate(() => {
    type ChartLike = { data: { datasets: { label: string; data: number[] }[] } };
    const chartGlobal = (window as unknown as { Chart: { getChart(canvas: HTMLCanvasElement): ChartLike | undefined } }).Chart;
    return [...document.querySelectorAll('canvas')].map((canvas) => {
      const chart = chartGlobal.getChart(canvas);
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let index = 3; index < pixels.length; index += 4) if (pixels[index]! > 0) painted += 1;
      return { id: canvas.id, painted, datasets: chart?.data.datasets.map((dataset) => ({ label: dataset.label, total: dataset.data.reduce((sum, value) => sum + value, 0) })) };
    });
  });
}

/** Messages sent (outcome `sent`) by journey or by channel, as the charts should add up. */
export function sentBy(sends: readonly SimulatedSend[], key: 'journeyId' | 'channel'): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const send of sends) if (send.outcome === 'sent') counts[send[key]] = (counts[send[key]] ?? 0) + 1;
  return counts;
}

/** A chart's datasets with anything in them, label to total. */
export const nonZeroTotals = (chart: DrawnChart | undefined): Record<string, number> =>
  Object.fromEntries((chart?.datasets ?? []).filter((dataset) => dataset.total > 0).map((dataset) => [dataset.label, dataset.total]));
