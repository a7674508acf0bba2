import { createServer } from 'node:net';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../local/demo-data';
import { ageTurningIn } from '../../shared/domain/journey/birthday';
import { inspectPdf } from '../helpers/inspect-pdf';
import { freePort, runScript } from '../helpers/processes';

const runStart = (args: string[]) => runScript('local/start.ts', args);

describe('npm start -- --once --date 2026-03-14', () => {
  let dataDir: string;
  let portArgs: string[];

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
    expect(code).toBe(0);
    expect(stdout).toMatch(/birthday\s+email\s+[1-9]/);
    expect(stdout).toContain('SMS outbox');
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
    const smsLines = (await readFile(join(dataDir, 'sms-outbox.jsonl'), 'utf8')).trim().split('\n');
    expect(smsLines.length).toBeGreaterThan(0);

    const cards = await readdir(join(dataDir, 'print', '2026-03-14', 'birthday'));
    expect(cards.length).toBeGreaterThan(0);
    const demo = generateDemoData();
    for (const card of cards) {
      const customerId = card.replace(/-card\.pdf$/, '');
      const customer = demo.customers.find((entry) => entry.customer.id === customerId)!.customer;
      const { candles } = await inspectPdf(new Uint8Array(await readFile(join(dataDir, 'print', '2026-03-14', 'birthday', card))));
      expect(candles).toBe(ageTurningIn(customer.birthDate!, '2026-03-14'));
    }
  });

  it('sends nothing new on a second run of the same date, and says so', async () => {
    const outboxBefore = await readFile(join(dataDir, 'sms-outbox.jsonl'), 'utf8');

    const { code, stdout } = await runStart(['--once', '--date', '2026-03-14', '--data-dir', dataDir, ...portArgs]);

    expect(code).toBe(0);
    expect(stdout).toContain('Nothing new to send');
    expect(stdout).toMatch(/0 handled in this run/);
    expect(stdout).toMatch(/Event API keys\s+created on the first start/);
    expect(await readFile(join(dataDir, 'sms-outbox.jsonl'), 'utf8')).toBe(outboxBefore);
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
