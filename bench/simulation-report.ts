/**
 * How big and how quick the simulation report is for a large simulation: a made-up year of
 * `customers` × `sendsPerCustomer` sends over the shipped journeys' ids (the report only counts
 * and encodes, so made-up sends weigh like real ones), the time to build the HTML, its size, and
 * in Chromium the time until the charts are drawn and until the first customer lookup answers.
 *
 * Section 8 of `npm run bench` (100,000 customers × 20 sends); alone:
 *   npx tsx bench/simulation-report.ts [--customers 100000] [--sends-per-customer 20]
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { addDays } from '../shared/domain/dates';
import type { SimulatedSend } from '../shared/domain/simulated-send';
import { simulationReportHtml } from '../shared/reports/simulation-report';
import { launchBrowser } from '../test/helpers/browser';
import { seededRandom } from '../local/seeded-random';
import { formatTable, mib, ms, type Table } from './format';

const journeyIds = readdirSync(fileURLToPath(new URL('../journeys', import.meta.url)))
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => name.replace(/\.yaml$/, ''));
const channels = ['email', 'sms', 'print', 'task'] as const;
const heldBack: Pick<SimulatedSend, 'outcome' | 'reason'>[] = [
  { outcome: 'skipped', reason: 'no consent' },
  { outcome: 'skipped', reason: 'suppressed: hard bounce' },
  { outcome: 'frequency-capped', reason: 'promotional cap: 2 in 7 days' },
  { outcome: 'deferred', reason: 'quiet hours' },
  { outcome: 'failed', reason: 'template error' },
];
const times = ['09:00', '09:30', '10:00', '10:30', '11:00', '14:00'];

export function syntheticYear(customers: number, sendsPerCustomer: number, from = '2026-01-01'): SimulatedSend[] {
  // Seeded, so every run measures the same sends.
  const random = seededRandom(15);
  const sends: SimulatedSend[] = [];
  for (let number = 0; number < customers; number += 1) {
    const customerId = `customer-${String(number).padStart(6, '0')}`;
    for (let index = 0; index < sendsPerCustomer; index += 1) {
      const journeyId = journeyIds[Math.floor(random() * journeyIds.length)]!;
      const channel = channels[Math.floor(random() * (random() < 0.9 ? 3 : 4))]!;
      const localDate = addDays(from, Math.floor(random() * 365));
      const roll = random();
      const outcome = roll < 0.85 ? { outcome: 'sent' as const } : heldBack[Math.floor(((roll - 0.85) / 0.15) * heldBack.length)]!;
      sends.push({
        customerId,
        dealerId: `dealer-${number % 4}`,
        journeyId,
        messageId: channel,
        channel,
        category: 'promotional',
        occurrence: `${localDate.slice(0, 4)}:${index}`,
        localDate,
        localTime: times[Math.floor(random() * times.length)]!,
        utc: `${localDate}T01:00:00.000Z`,
        ...outcome,
      });
    }
  }
  return sends;
}

export interface SimulationReportFigures {
  customers: number;
  sends: number;
  bytes: number;
  buildMs: number;
  drawnMs: number;
  lookupMs: number;
}

export async function benchSimulationReport(customers: number, sendsPerCustomer: number): Promise<SimulationReportFigures> {
  const sends = syntheticYear(customers, sendsPerCustomer);
  const started = performance.now();
  const html = simulationReportHtml({ sends, from: '2026-01-01', to: '2026-12-31', generatedAt: new Date() });
  const buildMs = performance.now() - started;
  const directory = mkdtempSync(join(tmpdir(), 'report-bench-'));
  const file = join(directory, 'report.html');
  writeFileSync(file, html);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const opened = performance.now();
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => document.querySelectorAll('canvas').length > 0 && [...document.querySelectorAll('canvas')].every((canvas) => (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): unknown } }).Chart.getChart(canvas)));
    const drawnMs = performance.now() - opened;
    const lookupStarted = performance.now();
    const lastCustomer = sends.at(-1)!.customerId;
    await page.fill('#customer-id', lastCustomer);
    await page.waitForSelector('#customer-result caption');
    const lookupMs = performance.now() - lookupStarted;
    return { customers, sends: sends.length, bytes: Buffer.byteLength(html), buildMs, drawnMs, lookupMs };
  } finally {
    await browser.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

export function simulationReportTable(figures: SimulationReportFigures): Table {
  return {
    title: `Simulation report: ${figures.customers.toLocaleString('en-US')} customers, ${figures.sends.toLocaleString('en-US')} sends`,
    headers: ['file', 'build in Node', 'open until charts drawn', 'first lookup'],
    rows: [[mib(figures.bytes), ms(figures.buildMs), ms(figures.drawnMs), ms(figures.lookupMs)]],
    note: 'Chromium headless on this machine; the first lookup unpacks every customer\'s rows (later ones are immediate).',
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { customers: { type: 'string', default: '100000' }, 'sends-per-customer': { type: 'string', default: '20' } }, strict: true });
  console.log(formatTable(simulationReportTable(await benchSimulationReport(Number(values.customers), Number(values['sends-per-customer'])))));
}
