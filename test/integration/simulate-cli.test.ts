import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedSend } from '../../shared/domain/simulated-send';
import { runScript } from '../helpers/processes';

const runSimulate = (args: string[]) => runScript('scripts/simulate.ts', args);

async function sendsIn(file: string): Promise<SimulatedSend[]> {
  const text = await readFile(file, 'utf8');
  return text.split('\n').filter((line) => line !== '').map((line) => SimulatedSend.parse(JSON.parse(line)));
}

describe('npm run simulate', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dealer-journeys-simulate-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('simulates the demo data npm start seeds when no customers are given, writing schema-valid sends.jsonl on many journeys', async () => {
    const out = join(dir, 'demo');

    const result = await runSimulate(['--from', '2026-03-10', '--to', '2026-03-20', '--out', out]);
    const sends = await sendsIn(join(out, 'sends.jsonl'));

    expect(result.stderr).toContain('Simulating journeys (dates)');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Simulated 1200 customers from 2026-03-10 to 2026-03-20/);
    expect(new Set(sends.map((send) => send.journeyId)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(sends.map((send) => send.localDate.slice(0, 7)))).toEqual(new Set(['2026-03']));
  });

  it('reports bad customer lines with line, field and reason, and simulates the rest', async () => {
    const file = join(dir, 'customers.jsonl');
    const good = await readFile('examples/customers.jsonl', 'utf8');
    const badDate = '{"customer": {"id": "bad-1", "dealerId": "example-sydney", "firstName": "Al", "lastName": "Bad", "locale": "en", "timeZone": "Australia/Sydney", "birthDate": "1980-02-30", "consent": {}}}';
    const unknownDealer = '{"customer": {"id": "bad-2", "dealerId": "nobody", "firstName": "Bo", "lastName": "Bad", "locale": "en", "timeZone": "Australia/Sydney", "consent": {}}}';
    await writeFile(file, `${good.trimEnd()}\n${badDate}\nnot json\n${unknownDealer}\n`);
    const lines = good.trimEnd().split('\n').length;
    const out = join(dir, 'bad-lines');

    const result = await runSimulate(['--customers', file, '--from', '2026-03-01', '--to', '2026-03-31', '--out', out]);
    const sends = await sendsIn(join(out, 'sends.jsonl'));

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Rejected:  3 lines');
    expect(result.stderr).toContain(`line ${lines + 1}: customer.birthDate:`);
    expect(result.stderr).toMatch(new RegExp(`line ${lines + 2}: .*JSON`, 'i'));
    expect(result.stderr).toContain(`line ${lines + 3}: customer.dealerId: unknown dealer`);
    expect(sends.some((send) => send.customerId === 'ex-001' && send.journeyId === 'birthday' && send.outcome === 'sent')).toBe(true);
    expect(sends.some((send) => send.customerId.startsWith('bad-'))).toBe(false);
  });

  it('simulates the same customers under a baseline folder: an offset changed in a copy of the YAML moves the card, no code changed', async () => {
    const journeys = join(dir, 'journeys');
    await cp('journeys', journeys, { recursive: true });
    const yaml = await readFile(join(journeys, 'birthday.yaml'), 'utf8');
    await writeFile(join(journeys, 'birthday.yaml'), yaml.replace('offsetDays: -3', 'offsetDays: -7'));
    const out = join(dir, 'baseline');

    const result = await runSimulate(['--customers', 'examples/customers.jsonl', '--from', '2026-03-01', '--to', '2026-03-31', '--journeys', journeys, '--baseline', 'journeys', '--out', out]);
    const card = (sends: SimulatedSend[]) => sends.find((send) => send.customerId === 'ex-001' && send.messageId === 'card');

    expect(result.code).toBe(0);
    expect(card(await sendsIn(join(out, 'sends.jsonl')))?.localDate).toBe('2026-03-07');
    expect(card(await sendsIn(join(out, 'baseline-sends.jsonl')))?.localDate).toBe('2026-03-11');
  });

  it('exits 2 with the usage when the period is missing or backwards', async () => {
    const missing = await runSimulate(['--from', '2026-03-01']);
    const backwards = await runSimulate(['--from', '2026-03-31', '--to', '2026-03-01']);

    expect([missing.code, backwards.code]).toEqual([2, 2]);
    expect(missing.stderr).toContain('Usage: npm run simulate');
  });
});
