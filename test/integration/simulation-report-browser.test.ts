import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulationReportHtml } from '../../shared/reports/simulation-report';
import { launchBrowser } from '../helpers/browser';
import { drawnCharts, nonZeroTotals, sentBy } from '../helpers/report-page';
import { aSimulatedSend, simulatedPeriod } from '../helpers/simulated-sends';

const hostileId = '</script><img src=x onerror="window.pwned=1">';

describe('the simulation report in a browser', () => {
  let browser: Browser;
  let page: Page;
  let directory: string;
  const requests: string[] = [];
  const from = '2026-01-01';
  const to = '2026-12-31';
  const hostileSend = aSimulatedSend({ customerId: hostileId, journeyId: hostileId, reason: hostileId, outcome: 'skipped', localDate: '2026-05-05' });
  const sends = [...simulatedPeriod(300, from, 365), hostileSend];
  // The baseline lacks c-2's card (the change added it) and sent c-3 a birthday email a day later.
  const baseline = sends
    .filter((send) => !(send.customerId === 'c-2' && send.channel === 'print'))
    .map((send) => (send.customerId === 'c-3' && send.journeyId === 'birthday' && send.channel === 'email' ? { ...send, localDate: '2026-12-30' } : send));
  let fileUrl: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'simulation-report-'));
    const file = join(directory, 'report.html');
    writeFileSync(file, simulationReportHtml({ sends, baseline, from, to, journeys: [{ id: 'birthday', name: 'Birthday greeting' }], generatedAt: new Date('2026-01-01T00:00:00Z') }));
    fileUrl = pathToFileURL(file).href;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(fileUrl);
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('draws the per-day charts by journey and by channel, their bars adding up to the messages sent', async () => {
    const charts = await drawnCharts(page);

    const byJourney = charts.find((chart) => chart.id === 'sent-by-journey');
    const byChannel = charts.find((chart) => chart.id === 'sent-by-channel');
    expect(nonZeroTotals(byJourney)).toEqual(sentBy(sends, 'journeyId'));
    expect(nonZeroTotals(byChannel)).toEqual(sentBy(sends, 'channel'));
    expect(byJourney?.painted).toBeGreaterThan(1000);
    expect(byChannel?.painted).toBeGreaterThan(1000);
  });

  it("shows a customer's year after their id is typed", async () => {
    const expected = sends.filter((send) => send.customerId === 'c-8');

    await page.fill('#customer-id', 'c-8');
    const caption = page.locator('#customer-result caption');
    await expect.poll(() => caption.textContent()).toBe(`${expected.length} sends for customer c-8`);
    const rows = await page.locator('#customer-result tbody tr').allTextContents();

    expect(rows).toHaveLength(expected.length);
    for (const send of expected) expect(rows.some((row) => row.includes(send.localDate) && row.includes(send.journeyId) && row.includes(send.outcome))).toBe(true);
  });

  it('looks up an example customer when it is chosen', async () => {
    const example = page.locator('.examples button').first();
    const customerId = (await example.textContent())!;

    await example.click();

    await expect.poll(() => page.locator('#customer-result caption').textContent()).toBe(`${sends.filter((send) => send.customerId === customerId).length} sends for customer ${customerId}`);
    expect(await page.inputValue('#customer-id')).toBe(customerId);
  });

  it('lists an added and a removed send in "What the change does"', async () => {
    await page.click('button[data-customer="c-3"]');
    const rows = page.locator('#change-result tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const texts = await rows.allTextContents();

    expect(await page.textContent('#added-total')).toBe('2');
    expect(await page.textContent('#removed-total')).toBe('1');
    expect(texts.find((row) => row.includes('added'))).toContain('before: sent on 2026-12-30');
    expect(texts.find((row) => row.includes('removed'))).toContain('2026-12-30');
    expect(await page.locator('.affected button').allTextContents()).toEqual(['c-3', 'c-2']);
  });

  it('shows hostile ids as text and runs none of them', async () => {
    await page.fill('#customer-id', hostileId);
    await expect.poll(() => page.locator('#customer-result caption').textContent()).toBe(`1 sends for customer ${hostileId}`);

    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('#customer-result tbody').textContent()).toContain(hostileId);
  });

  it('asks the network for nothing but the file itself', () => {
    expect(requests).toEqual([fileUrl]);
  });
});
