import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../local/demo-data';
import { ticksCoveringDate } from '../../local/run-day';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import { planDueJourneys } from '../../shared/domain/journey/plan';
import { copyShippedJourneys, freePort } from '../helpers/processes';
import { customerFacts } from '../../shared/domain/customer-facts';

const date = '2026-03-14';

// The birthday journey alone: what is under test is recovery after a kill, on every channel
// (email, SMS, card), not which journeys fire; and its candidates are found the same way whether
// or not the other shipped journeys are evaluated through the due index.
const journeysDir = join(tmpdir(), `dealer-journeys-kill-config-${process.pid}`);
const birthdayOnlyJourneys = () => copyShippedJourneys(journeysDir, ['birthday']);

type KillPoint = { after: 'evaluation' } | { after: 'sms'; line: number };

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** When the test sent SIGKILL (epoch ms). */
  killedAt?: number;
}

/** `npm start -- --once --date` as a user runs it; with a kill point, SIGKILLed when the point is reached. */
async function runStart(dataDir: string, killAt?: KillPoint): Promise<Run> {
  const ports = ['--dynamodb-port', '--sqs-port', '--ses-port', '--api-port'];
  const portArgs = (await Promise.all(ports.map(async (option) => [option, String(await freePort())]))).flat();
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', '--once', '--date', date, '--journeys', journeysDir, '--data-dir', dataDir, ...portArgs], {
    env: { ...process.env, CI: 'true' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const outbox = join(dataDir, 'sms-outbox.jsonl');
  let killedAt: number | undefined;
  const watcher = setInterval(() => {
    if (!killAt || child.exitCode !== null) return;
    const reached =
      killAt.after === 'evaluation'
        ? /Evaluating .*\b(\d+)\/\1 \(100%\)/.test(stderr)
        : existsSync(outbox) && linesOfSync(outbox) >= killAt.line;
    if (reached && killedAt === undefined) {
      killedAt = Date.now();
      child.kill('SIGKILL');
    }
  }, 2);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearInterval(watcher);
      resolve({ code, signal, stdout: stdout + stderr, ...(killedAt !== undefined ? { killedAt } : {}) });
    }),
  );
}

// Read synchronously in the watcher: one look per interval, no overlapping reads.
function linesOfSync(file: string): number {
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '').length;
}

async function jsonLines(file: string): Promise<Record<string, unknown>[]> {
  if (!existsSync(file)) return [];
  return (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** What is due on the date for the demo customers, by the journeys' own plan: one per contactable message. */
async function expectedMessages() {
  const { journeys } = await loadJourneyConfig(journeysDir);
  const demo = generateDemoData();
  const countries = new Map(demo.dealers.map((dealer) => [dealer.id, dealer.address.country]));
  const candidates = demo.customers.map((record) => customerFacts(record, countries.get(record.customer.dealerId)));
  const due = new Map<string, { customerId: string; channel: string }>();
  for (const now of ticksCoveringDate(date)) {
    for (const occurrence of planDueJourneys({ journeys, candidates, now, onDate: date })) {
      for (const message of occurrence.messages.filter((entry) => entry.contactable)) {
        due.set(`${occurrence.customerId}#${message.messageId}`, { customerId: occurrence.customerId, channel: message.channel });
      }
    }
  }
  const customersOn = (channel: string) => [...due.values()].filter((message) => message.channel === channel).map((message) => message.customerId).sort();
  const customers = new Map(candidates.map(({ customer }) => [customer.id, customer]));
  return {
    emailTo: customersOn('email').map((id) => customers.get(id)!.email!).sort(),
    smsCount: customersOn('sms').length,
    cards: customersOn('print').map((id) => `${id}-card.pdf`).sort(),
  };
}

describe('kill -9 during a local run, then the same command again', () => {
  let expected: Awaited<ReturnType<typeof expectedMessages>>;
  const dataDirs: string[] = [];

  beforeAll(async () => {
    await birthdayOnlyJourneys();
    expected = await expectedMessages();
  });

  afterAll(async () => {
    await Promise.all([...dataDirs, journeysDir].map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('has something due on every channel (else the test proves nothing)', () => {
    expect(expected.emailTo.length).toBeGreaterThan(0);
    expect(expected.smsCount).toBeGreaterThan(1);
    expect(expected.cards.length).toBeGreaterThan(0);
  });

  const killPoints: [string, () => KillPoint][] = [
    ['right after evaluation', () => ({ after: 'evaluation' })],
    ['after the first SMS line', () => ({ after: 'sms', line: 1 })],
    ['after the last SMS line', () => ({ after: 'sms', line: expected.smsCount })],
  ];

  it.each(killPoints)('loses no due message and sends again only what was in flight, when killed %s', async (_name, killPoint) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'dealer-journeys-kill-'));
    dataDirs.push(dataDir);

    const killed = await runStart(dataDir, killPoint());
    const rerun = await runStart(dataDir);

    expect(killed.signal).toBe('SIGKILL');
    expect(rerun.code, rerun.stdout).toBe(0);
    expect(rerun.stdout).not.toContain('left for retry');
    const texts = (await jsonLines(join(dataDir, 'sms-outbox.jsonl'))).map((text) => ({ to: String(text.to), at: Date.parse(String(text.at)) }));
    const emails = (await jsonLines(join(dataDir, 'ses', 'emails.jsonl'))).map((email) => ({
      to: (email as { destination: { to: string[] } }).destination.to.join(','),
      at: Number(email.at) * 1000, // the local SES server keeps whole seconds
    }));
    expect(new Set(texts.map((text) => text.to)).size).toBe(expected.smsCount);
    expect([...new Set(emails.map((email) => email.to))].sort()).toEqual(expected.emailTo);
    // The one window left (docs/data-model.md): a message the provider accepted just before the
    // kill, whose `sent` was not yet recorded, is sent again after its lease is released. Any
    // second copy must be of such a message: its first copy written moments before the kill.
    for (const sent of [texts, emails]) {
      const resent = sent.filter((message, index) => sent.findIndex((other) => other.to === message.to) !== index);
      for (const copy of resent) {
        const first = sent.find((message) => message.to === copy.to)!;
        expect(first.at, 'a message sent twice that was not in flight at the kill').toBeGreaterThanOrEqual(killed.killedAt! - 3_000);
      }
    }
    const emlFiles = (await readdir(join(dataDir, 'ses'))).filter((name) => name.endsWith('.eml'));
    expect(emlFiles).toHaveLength(emails.length);
    expect((await readdir(join(dataDir, 'print', date, 'birthday'))).sort()).toEqual(expected.cards);
  });
});
