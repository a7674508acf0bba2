import { createServer } from 'node:net';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../local/demo-data';
import { ageTurningIn } from '../../shared/domain/journey/birthday';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import { buildMessageContext } from '../../shared/domain/personalisation';
import { renderMessage } from '../../shared/domain/render';
import { inspectPdf } from '../helpers/inspect-pdf';
import { freePort, runScript } from '../helpers/processes';

const runStart = (args: string[]) => runScript('local/start.ts', args);

describe('npm start -- --once --date 2026-03-14', () => {
  let dataDir: string;
  let portArgs: string[];
  let printBatchLines: string[] = [];
  let printBatchFiles: (readonly [string, Buffer])[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dealer-journeys-start-'));
    portArgs = [
      '--dynamodb-port', String(await freePort()),
      '--sqs-port', String(await freePort()),
      '--ses-port', String(await freePort()),
      '--api-port', String(await freePort()),
    ];
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs the day, prints the summary and leaves an email, an SMS and a card with the right candles', async () => {
    const { code, stdout, stderr } = await runStart(['--once', '--date', '2026-03-14', '--data-dir', dataDir, ...portArgs]);

    expect(stderr).toContain('Seeding demo data');
    // The due index is recomputed before the first tick, with a progress line.
    expect(stderr).toMatch(/Filing customers in the due index from 2026-03-14: 1200\/1200 \(100%\)/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/birthday\s+email\s+[1-9]/);
    const journeysSent = new Set([...stdout.matchAll(/^ {2}(\S+)\s+(?:email|sms|print|task)\s+([1-9]\d*)\s/gm)].map((match) => match[1]));
    expect(journeysSent.size).toBeGreaterThanOrEqual(6);
    expect(stdout).toContain('SMS outbox');
    // One row per channel a journey's steps use, its columns lined up whatever the journey's name.
    expect(stdout).not.toMatch(/^ {2}service-due\s+print\s/m);
    const table = stdout.slice(stdout.indexOf('Messages in this run:')).split('\n').slice(1).filter((line) => /^ {2}\S/.test(line) && /\s(?:email|sms|print|task|channel)\s/.test(line));
    expect(new Set(table.map((line) => line.search(/\s(?:email|sms|print|task|channel)\s/))).size).toBe(1);
    expect(stdout).toMatch(/Event API keys\s+created now/);
    expect(stdout).toMatch(/dealer:dealer-sh\s+djk_[0-9a-f]{16}_\S{43}$/m);
    // Without --verbose the functions log only warnings: the summary is not buried in JSON lines.
    expect(stdout).not.toMatch(/^\{"level":"INFO"/m);
    expect(stdout).not.toMatch(/"CloudWatchMetrics"/);
    const emails = (await readdir(join(dataDir, 'ses'))).filter((name) => name.endsWith('.eml'));
    expect(emails.length).toBeGreaterThan(0);
    const eml = await readFile(join(dataDir, 'ses', emails[0]!), 'utf8');
    expect(eml).toMatch(/^Subject: /m);
    const mailboxPage = await readFile(join(dataDir, 'ses', 'index.html'), 'utf8');
    expect(mailboxPage).toContain(`Local mailbox: ${emails.length} emails`);
    // The welcome pack is sent by the brand: From its customer centre's address, signed by it.
    const saved = (await readFile(join(dataDir, 'ses', 'emails.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { from: string; subject: string; body: { text?: string } });
    const welcomes = saved.filter((email) => /^Welcome to the|欢迎加入/.test(email.subject));
    expect(welcomes.length).toBeGreaterThan(0);
    const brands = new Map(generateDemoData().brands.map((brand) => [brand.email, brand]));
    for (const welcome of welcomes) expect(welcome.body.text).toContain(brands.get(welcome.from)?.name ?? 'a brand sender');
    const smsLines = (await readFile(join(dataDir, 'sms-outbox.jsonl'), 'utf8')).trim().split('\n');
    expect(smsLines.length).toBeGreaterThan(0);

    // The cards printed on the 14th are mailed three days ahead: for birthdays on the 17th.
    const cards = await readdir(join(dataDir, 'print', '2026-03-14', 'birthday'));
    expect(cards.length).toBeGreaterThan(0);
    const demo = generateDemoData();
    for (const card of cards) {
      const customerId = card.replace(/-card\.pdf$/, '');
      const customer = demo.customers.find((entry) => entry.customer.id === customerId)!.customer;
      expect(customer.birthDate!.slice(5)).toBe('03-17');
      const { candles } = await inspectPdf(new Uint8Array(await readFile(join(dataDir, 'print', '2026-03-14', 'birthday', card))));
      expect(candles).toBe(ageTurningIn(customer.birthDate!, '2026-03-17'));
    }
    // The welcome pack's letter, from the brand, lists the contents its template chooses for each customer.
    const { templates } = await loadJourneyConfig('journeys');
    const letterTemplate = templates.get('welcome-pack-letter')!;
    const letters = await readdir(join(dataDir, 'print', '2026-03-14', 'welcome-pack'));
    expect(letters.length).toBeGreaterThan(0);
    for (const letter of letters) {
      const record = demo.customers.find((entry) => entry.customer.id === letter.replace(/-letter\.pdf$/, ''))!;
      const dealer = demo.dealers.find((entry) => entry.id === record.customer.dealerId)!;
      const brand = demo.brands.find((entry) => entry.id === dealer.brandId)!;
      const car = record.vehicles.find((vehicle) => vehicle.deliveredOn === '2026-02-12')!;
      const expected = renderMessage(letterTemplate, buildMessageContext({ ...record, dealer }, '2026-03-14', { brand: car.brand, model: car.model, deliveredOn: car.deliveredOn }, brand));
      const { marked, text } = await inspectPdf(new Uint8Array(await readFile(join(dataDir, 'print', '2026-03-14', 'welcome-pack', letter))));
      expect(marked.PackItem).toBeGreaterThanOrEqual(2);
      expect(expected.channel === 'print' && expected.items?.length).toBe(marked.PackItem);
      expect(text).toContain(brand.name);
    }
    const ahead = `birthday print: ${cards.length} sent for occurrences on 2026-03-17 (3 days ahead)`;
    expect(stdout).toContain('Sent ahead on 2026-03-14, to arrive on the day:');
    expect(stdout).toContain(ahead);
    expect(await readFile(join(dataDir, 'report-2026-03-14.html'), 'utf8')).toContain(ahead);

    // The day's print batches: where each sender's PDF and manifest are, one row and one page per piece.
    expect(stdout).toContain('Print batches for 2026-03-14 (one PDF and manifest per sender, for the print house):');
    const batches = [...stdout.matchAll(/^ {2}((?:dealer|brand)-\S+)\s+(\d+) pieces,\s+(\d+) pages\s+PDF (\S+)\s+manifest (\S+)/gm)];
    // Cards go out from the dealers, welcome letters from the brands' customer centres.
    expect(batches.some((batch) => batch[1]!.startsWith('dealer-'))).toBe(true);
    expect(batches.some((batch) => batch[1]!.startsWith('brand-'))).toBe(true);
    expect(batches.reduce((sum, batch) => sum + Number(batch[2]), 0)).toBe(cards.length + letters.length);
    for (const [, , pieces, pages, pdf, manifest] of batches) {
      const rows = (await readFile(manifest!, 'utf8')).trim().split('\r\n');
      expect(rows.length - 1).toBe(Number(pieces));
      expect((await inspectPdf(new Uint8Array(await readFile(pdf!)))).pages).toBe(Number(pages));
    }
    printBatchLines = batches.map((batch) => batch[0]);
    printBatchFiles = await Promise.all(batches.flatMap((batch) => [batch[4]!, batch[5]!]).map(async (path) => [path, await readFile(path)] as const));
  });

  it('sends nothing new on a second run of the same date, and says so', async () => {
    const outboxBefore = await readFile(join(dataDir, 'sms-outbox.jsonl'), 'utf8');

    const { code, stdout } = await runStart(['--once', '--date', '2026-03-14', '--data-dir', dataDir, ...portArgs]);

    expect(code).toBe(0);
    expect(stdout).toContain('Nothing new to send');
    expect(stdout).toMatch(/0 handled in this run/);
    expect(stdout).toMatch(/Event API keys\s+created on the first start/);
    expect(await readFile(join(dataDir, 'sms-outbox.jsonl'), 'utf8')).toBe(outboxBefore);
    // The batches are closed again to the same files.
    for (const line of printBatchLines) expect(stdout).toContain(line);
    for (const [path, bytes] of printBatchFiles) expect(await readFile(path)).toEqual(bytes);
  });

  it('finds an earlier day\'s occurrences on a run of that day after a later one', async () => {
    const { code, stdout } = await runStart(['--once', '--date', '2026-03-10', '--data-dir', dataDir, ...portArgs]);

    expect(code).toBe(0);
    expect(stdout).toMatch(/Occurrences: [1-9]\d* due, [1-9]\d* handled in this run/);
    expect(stdout).toMatch(/birthday\s+(?:email|sms)\s+[1-9]/);
  });

  it('names a taken port and the option that changes it', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const { code, stderr } = await runStart(['--once', '--data-dir', dataDir, ...portArgs.slice(0, 6), '--api-port', String(taken)]);

      expect(code).toBe(1);
      expect(stderr).toContain(`Port ${taken} (engine API) is already in use`);
      expect(stderr).toContain('--api-port');
    } finally {
      blocker.close();
    }
  });

  it('rejects an impossible date with the option named', async () => {
    const { code, stderr } = await runStart(['--once', '--date', '2026-02-30', '--data-dir', dataDir]);

    expect(code).toBe(2);
    expect(stderr).toContain('--date must be a real calendar date');
  });
});
