/**
 * The marketer console in a real headless Chromium against the in-process engine with the demo
 * data after a run of 2026-03-14: each page loads, the journey graph and the charts are drawn, a
 * demo customer's timeline shows a sent birthday message and a skipped one with its reason. The
 * same tests make the README's screenshots (docs/screenshots/), on a pinned clock so the pages
 * come out the same each run and a file is rewritten only when a page really changed.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateDemoData } from '../../local/demo-data';
import { drainQueue, evaluateDate } from '../../local/run-day';
import { seedDemoData } from '../../local/seed';
import { computeLocalCalendars } from '../../local/console-server';
import { launchBrowser } from '../helpers/browser';
import { canvasIsDrawn, saveScreenshot, startTestConsole } from '../helpers/console';
import { aCustomerContext } from '../helpers/factories';
import { putCustomers, refileFrom, startTestEngine } from '../helpers/local-engine';

/**
 * A customer of a demo dealer born on 14 March who gave consent to email only: on 2026-03-14
 * their birthday email goes out and the SMS is skipped for want of consent (the demo data's
 * birthdays of that day have SMS consent, so this one is seeded beside them).
 */
const greeted = { customerId: 'console-greeted', reason: 'no-consent' };
const greetedCustomer = () => {
  const dealer = generateDemoData().dealers[0]!;
  const context = aCustomerContext({ id: greeted.customerId, dealerId: dealer.id, timeZone: dealer.timeZone, birthDate: '1980-03-14', consent: { email: { granted: true, source: 'showroom-form', at: '2025-06-01T10:00:00+08:00' } } });
  return { ...context, dealer };
};

const screenshot = (page: Page, name: string, fullPage = true) => saveScreenshot(page, `docs/screenshots/${name}.png`, fullPage);

/**
 * The instant the whole test runs at: the day after the replayed 14 March, everywhere. `Date` is
 * frozen there (timers run on): every instant the engine and the console record or show (sends,
 * runs, "counts as of", the calendar's today) is the same on each run.
 */
const pinnedNow = new Date('2026-03-15T12:00:00Z');

describe('the console in a browser', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let consoleServer: Awaited<ReturnType<typeof startTestConsole>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: pinnedNow });
    engine = await startTestEngine();
    await seedDemoData(engine.dynamo, engine.tableName, generateDemoData());
    await putCustomers(engine, [greetedCustomer()], { from: '2026-03-14' });
    await refileFrom(engine, '2026-03-14');
    await evaluateDate(engine.handlers.evaluate, '2026-03-14');
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);
    // The calendar job, as `npm start` runs it after a run: the Calendar page and the previews read what it wrote.
    await computeLocalCalendars(engine.handlers.calendar);
    consoleServer = await startTestConsole(engine);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
    // Pin the picker to the brand of the Shanghai dealer for a stable view.
    await page.addInitScript(() => localStorage.setItem('console.language', 'en'));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await consoleServer?.close();
    await engine?.cleanUp();
    vi.useRealTimers();
  });

  it('lists every journey with its trigger, channels and counts', async () => {
    await page.goto(`${consoleServer.url}#/journeys`);
    await page.getByRole('heading', { level: 1, name: 'Journeys' }).waitFor();
    const birthday = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Birthday greeting' }) });
    await birthday.waitFor();
    expect(await page.locator('tbody tr').count()).toBeGreaterThanOrEqual(20);
    expect(await birthday.textContent()).toContain('birthday');
    expect(await birthday.textContent()).toMatch(/email, sms, print/);
    // The brand sees the run's birthday emails among its sends of the last 30 days.
    const sent = Number(await birthday.locator('td').nth(5).textContent());
    expect(sent).toBeGreaterThan(0);
    await screenshot(page, 'journeys');
  });

  it("draws a journey's steps as a laid-out graph, trigger before steps before channels", async () => {
    await page.goto(`${consoleServer.url}#/journeys/birthday`);
    await page.locator('.react-flow__node').first().waitFor();
    await page.locator('.react-flow__edge').first().waitFor();
    const boxes = async (selector: string) => Promise.all((await page.locator(selector).all()).map(async (node) => (await node.boundingBox())!));
    const [trigger] = await boxes('.react-flow__node.node-trigger');
    const steps = await boxes('.react-flow__node.node-step');
    const channels = await boxes('.react-flow__node.node-channel');
    expect(steps).toHaveLength(3);
    expect(channels.length).toBe(3);
    expect(await page.locator('.react-flow__edge').count()).toBe(6);
    // dagre's ranks, left to right; within a rank no two nodes overlap.
    for (const step of steps) expect(step.x).toBeGreaterThan(trigger!.x + trigger!.width - 1);
    for (const channel of channels) expect(channel.x).toBeGreaterThan(Math.max(...steps.map((step) => step.x + step.width)) - 1);
    const ys = steps.map((step) => step.y).sort((a, b) => a - b);
    for (let index = 1; index < ys.length; index += 1) expect(ys[index]! - ys[index - 1]!).toBeGreaterThanOrEqual(steps[0]!.height);
    await expect(page.locator('.react-flow__edge-text').filter({ hasText: '3 days before' }).count()).resolves.toBe(1);
    // Each template previewed per locale for a sample customer: the email in a sandboxed frame.
    await page.locator('article.preview').first().waitFor();
    const locales = await page.locator('article.preview h3 span[lang]').allTextContents();
    expect(new Set(locales)).toEqual(new Set(['en', 'zh-CN']));
    expect(await page.locator('article.preview iframe[sandbox]').count()).toBeGreaterThanOrEqual(2);
    await expect(page.frameLocator('article.preview iframe').first().locator('body').textContent()).resolves.toMatch(/birthday/i);
    await screenshot(page, 'journey');
  });

  it("shows a demo customer's sent birthday message and a skipped one with its reason", async () => {
    await page.goto(`${consoleServer.url}#/customers`);
    await page.getByLabel('Viewing as').selectOption(`dealer:${greetedCustomer().dealer.id}`);
    await page.getByLabel('Customer id').fill(greeted.customerId);
    await page.getByLabel('Customer id').press('Enter');
    const timeline = page.locator('ol.timeline');
    await timeline.waitFor();
    await expect(timeline.locator('li').filter({ hasText: /birthday .*email/ }).filter({ hasText: 'sent' }).count()).resolves.toBeGreaterThan(0);
    await expect(timeline.locator('li').filter({ hasText: 'birthday' }).filter({ hasText: `skipped: ${greeted.reason}` }).count()).resolves.toBeGreaterThan(0);
    await expect(page.getByRole('heading', { name: 'Consent per channel' }).count()).resolves.toBe(1);
    await screenshot(page, 'customer');
  });

  it('draws the health charts, and a brand user pauses and resumes promotional email', async () => {
    await page.goto(`${consoleServer.url}#/health`);
    await page.getByLabel('Viewing as').selectOption(`brand:${greetedCustomer().dealer.brandId}`);
    const canvas = page.locator('canvas');
    await canvas.first().waitFor();
    await page.waitForFunction(() => {
      const element = document.querySelector('canvas');
      return element !== null && element.width > 0;
    });
    expect(await canvasIsDrawn(page, 'canvas')).toBe(true);
    await expect(page.getByRole('rowheader', { name: 'dispatch' }).count()).resolves.toBe(1);
    // The replay's evaluation runs, recorded by the handler, in the runs' chart and table.
    expect(await canvasIsDrawn(page, 'canvas[aria-label^="Scheduled runs per day"]')).toBe(true);
    const runRows = page.locator('table.runs tbody tr').filter({ has: page.getByRole('rowheader', { name: 'evaluation' }) });
    expect(await runRows.count()).toBeGreaterThan(10);
    await expect(runRows.filter({ hasText: 'Mar 14, 2026, 5:00 PM' }).first().textContent()).resolves.toMatch(/succeeded.*candidates \d+/);
    await screenshot(page, 'health');
    await page.getByRole('button', { name: 'Pause promotional email' }).click();
    await page.getByText(/^Paused since .* \(manual\)$/).waitFor();
    await page.getByRole('button', { name: 'Resume promotional email' }).click();
    await page.getByText('Sending', { exact: true }).waitFor();
  });

  it("draws the calendar of the next 90 days from the simulation, and a day opens its list", async () => {
    await page.goto(`${consoleServer.url}#/calendar`);
    await page.getByLabel('Viewing as').selectOption(`dealer:${greetedCustomer().dealer.id}`);
    await page.locator('canvas').waitFor({ timeout: 150_000 });
    expect(await canvasIsDrawn(page, 'canvas')).toBe(true);
    const firstDay = page.locator('tbody th a').first();
    const date = await firstDay.textContent();
    await firstDay.click();
    await page.getByRole('heading', { name: `Sends on ${date}` }).waitFor();
    await page.locator('#day-title ~ table tbody tr').first().waitFor();
    expect(await page.locator('#day-title ~ table tbody tr').count()).toBeGreaterThan(0);
    // The page lists 90 days below: the first screen is what it looks like.
    await screenshot(page, 'calendar', false);
    // 1 June (Children's Day) is a busy day: the list shows its first sends and says how many more there are.
    await page.goto(`${consoleServer.url}#/calendar/2026-06-01`);
    await page.getByRole('heading', { name: 'Sends on 2026-06-01' }).waitFor();
    await page.getByText(/^\d+ more sends this day are not listed\.$/).waitFor();
  }, 180_000);

  it('switches to Simplified Chinese, and the keyboard reaches the skip link first', async () => {
    const fresh = await browser.newPage();
    await fresh.goto(`${consoleServer.url}#/journeys`);
    await fresh.getByRole('heading', { level: 1, name: 'Journeys' }).waitFor();
    await fresh.keyboard.press('Tab');
    expect(await fresh.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await fresh.getByLabel('Language').selectOption('zh-CN');
    await fresh.getByRole('heading', { level: 1, name: '旅程' }).waitFor();
    expect(await fresh.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await fresh.close();
  });
});
