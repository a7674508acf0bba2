import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../local/demo-data';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import { composeSimulation } from '../../shared/compose/simulation';
import { SimulatedSend } from '../../shared/domain/simulated-send';
import { simulationReportHtml } from '../../shared/reports/simulation-report';
import { launchBrowser } from '../helpers/browser';
import { runScript, type ScriptResult } from '../helpers/processes';
import { drawnCharts, nonZeroTotals, sentBy } from '../helpers/report-page';
import { shippedJourneysDir } from '../helpers/shipped-journeys';

const readSends = async (file: string) =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => SimulatedSend.parse(JSON.parse(line)));

// Two weeks of the demo data, twice (the baseline): the year takes minutes on this machine.
describe('npm run simulate writes a report.html that a browser opens with its charts drawn', () => {
  let directory: string;
  let result: ScriptResult;
  let sends: SimulatedSend[];
  let baseline: SimulatedSend[];
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  let reportUrl: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'simulate-report-'));
    // The change under review: birthday cards mailed six days ahead instead of three.
    const edited = join(directory, 'journeys');
    await cp('journeys', edited, { recursive: true });
    const birthday = await readFile(join(edited, 'birthday.yaml'), 'utf8');
    await writeFile(join(edited, 'birthday.yaml'), birthday.replace('offsetDays: -3', 'offsetDays: -6'));
    const out = join(directory, 'out');
    result = await runScript('scripts/simulate.ts', ['--from', '2026-03-10', '--to', '2026-03-24', '--journeys', edited, '--baseline', 'journeys', '--out', out]);
    sends = await readSends(join(out, 'sends.jsonl'));
    baseline = await readSends(join(out, 'baseline-sends.jsonl'));
    reportUrl = pathToFileURL(join(out, 'report.html')).href;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(reportUrl);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('draws messages sent per day by journey and by channel, adding up to sends.jsonl', async () => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('report.html');
    const charts = await drawnCharts(page);

    const byJourney = charts.find((chart) => chart.id === 'sent-by-journey');
    const byChannel = charts.find((chart) => chart.id === 'sent-by-channel');
    expect(Object.keys(sentBy(sends, 'journeyId')).length).toBeGreaterThan(5);
    expect(nonZeroTotals(byJourney)).toEqual(sentBy(sends, 'journeyId'));
    expect(nonZeroTotals(byChannel)).toEqual(sentBy(sends, 'channel'));
    expect(byJourney?.painted).toBeGreaterThan(1000);
    expect(byChannel?.painted).toBeGreaterThan(1000);
  });

  it("shows a customer's sends of the period after their id is typed", async () => {
    const customerId = sends.find((send) => send.channel === 'print' && send.outcome === 'sent')!.customerId;
    const theirs = sends.filter((send) => send.customerId === customerId);

    await page.fill('#customer-id', customerId);
    await expect.poll(() => page.locator('#customer-result caption').textContent()).toBe(`${theirs.length} sends for customer ${customerId}`);
    const rows = await page.locator('#customer-result tbody tr').allTextContents();

    for (const send of theirs) expect(rows.some((row) => row.includes(send.localDate) && row.includes(send.journeyId) && row.includes(send.messageId))).toBe(true);
  });

  it('shows the cards moved by the change as one added and one removed send', async () => {
    const cardOn = (list: SimulatedSend[], customerId: string) => list.find((send) => send.customerId === customerId && send.journeyId === 'birthday' && send.messageId === 'card' && send.outcome === 'sent')?.localDate;
    const moved = sends.find((send) => send.messageId === 'card' && cardOn(sends, send.customerId) && cardOn(baseline, send.customerId))!.customerId;

    await page.fill('#change-id', moved);
    const rows = page.locator('#change-result tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const texts = await rows.allTextContents();

    expect(texts.find((row) => row.includes('added'))).toContain(cardOn(sends, moved));
    expect(texts.find((row) => row.includes('removed'))).toContain(cardOn(baseline, moved));
    expect(await page.locator('.affected button').count()).toBeGreaterThan(0);
  });

  it('asks the network for nothing but the file itself', () => {
    expect(requests).toEqual([reportUrl]);
  });
});

// Acceptance 1 over a whole year, on a tenth of the demo customers (all of them take minutes).
describe('the report of a year of demo customers, in a browser', () => {
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
  });

  it('has every month in its charts, drawn and adding up to the simulated sends', async () => {
    const config = await loadJourneyConfig(shippedJourneysDir);
    const demo = generateDemoData();
    const simulation = composeSimulation(config);
    await simulation.customers.store.saveBrands(demo.brands);
    await simulation.customers.store.saveDealers(demo.dealers);
    await simulation.customers.store.saveCustomers(demo.customers.slice(0, 120));
    await simulation.run({ from: '2026-01-01', to: '2026-12-31' });
    const sends = [...simulation.sends()];
    const html = simulationReportHtml({ sends, from: '2026-01-01', to: '2026-12-31', journeys: config.journeys, generatedAt: new Date() });

    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.setContent(html);
    const charts = await drawnCharts(page);
    const byJourney = charts.find((chart) => chart.id === 'sent-by-journey');
    const byChannel = charts.find((chart) => chart.id === 'sent-by-channel');
    const monthsWithBars = await page.evaluate(() => {
      type ChartLike = { data: { labels: string[]; datasets: { data: number[] }[] } };
      const chart = (window as unknown as { Chart: { getChart(id: string): ChartLike } }).Chart.getChart('sent-by-journey');
      return [...new Set(chart.data.labels.filter((_, day) => chart.data.datasets.some((dataset) => dataset.data[day]! > 0)).map((label) => label.slice(0, 7)))];
    });

    expect(nonZeroTotals(byJourney)).toEqual(sentBy(sends, 'journeyId'));
    expect(nonZeroTotals(byChannel)).toEqual(sentBy(sends, 'channel'));
    expect(byJourney?.painted).toBeGreaterThan(1000);
    expect(monthsWithBars).toHaveLength(12);
  }, 240_000);
});
