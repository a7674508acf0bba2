import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runPreview } from '../../scripts/preview/run-preview';
import { generateDemoData } from '../../local/demo-data';
import { aCustomer } from '../helpers/factories';
import { inspectPdf } from '../helpers/inspect-pdf';
import { shippedJourneysDir } from '../helpers/shipped-journeys';

const sydneyDealer = { id: 'example-sydney', name: 'Harbour City Motors', timeZone: 'Australia/Sydney', phone: '+61 2 5550 0100', email: 'service@harbour-city-motors.example', address: { lines: ['12 George Street'], postcode: '2000', city: 'Sydney', country: 'AU' } };
const olivia = aCustomer({ id: 'ex-001', dealerId: 'example-sydney', firstName: 'Olivia', lastName: 'Smith', timeZone: 'Australia/Sydney', birthDate: '1962-03-17', phone: '+61412345678' });
const car = { vin: 'WBA11AA010CH00001', brand: 'BMW', model: 'X3', deliveredOn: '2024-01-01', fuel: 'petrol' };
const oilServiced = { on: '2025-03-14', dealerId: 'example-sydney', vin: car.vin, work: ['oil-service', 'regular-service'] };

let dir: string;
let out: (name: string) => string;
let output: { log: string[]; error: string[] };

/** Writes a customer file in the import format: a dealer line, then the customer line. */
async function customerFile(name: string, customer: object, extra: object = {}): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `${JSON.stringify({ dealer: sydneyDealer })}\n${JSON.stringify({ customer, ...extra })}\n`);
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'preview-cli-'));
  out = (name) => join(dir, name);
});
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs the command in this process, keeping what it prints to read in the test. */
async function preview(...args: string[]): Promise<number> {
  output = { log: [], error: [] };
  vi.spyOn(console, 'log').mockImplementation((text: unknown) => void output.log.push(String(text)));
  vi.spyOn(console, 'error').mockImplementation((text: unknown) => void output.error.push(String(text)));
  return runPreview(args);
}

describe('npm run preview', () => {
  it('writes the birthday email, SMS and card for a customer from a file, and lists them with the SMS segments', async () => {
    const file = await customerFile('olivia.jsonl', olivia);

    const status = await preview('birthday', '--customer', file, '--date', '2026-03-14', '--out', out('birthday'));

    expect(status).toBe(0);
    expect((await readdir(out('birthday'))).sort()).toEqual(['card.pdf', 'email.html', 'email.txt', 'listing.txt', 'preview.json', 'sms.txt']);
    expect(await readFile(join(out('birthday'), 'sms.txt'), 'utf8')).toBe('Happy 64th birthday, Ms Smith! Best wishes from all of us at Harbour City Motors.\n');
    expect(await readFile(join(out('birthday'), 'email.html'), 'utf8')).toContain('Harbour City Motors');
    expect(await readFile(join(out('birthday'), 'email.txt'), 'utf8')).toMatch(/^Subject: .*Ms Smith/);
    const card = await inspectPdf(new Uint8Array(await readFile(join(out('birthday'), 'card.pdf'))));
    expect(card.drawnCandles).toBe(64);
    const printed = output.log.join('\n');
    expect(printed).toContain('customer ex-001 from');
    expect(printed).toContain('the occurrence on 2026-03-17 (key 2026)');
    expect(printed).toMatch(/sms +sms +2026-03-17 +en +sms\.txt +1 segment \(GSM-7\)/);
    expect(printed).toMatch(/card +print +2026-03-14 .*card\.pdf +birthday-candles, 64 candles/);
    expect(await readFile(join(out('birthday'), 'listing.txt'), 'utf8')).toContain('1 segment (GSM-7)');
    const data = JSON.parse(await readFile(join(out('birthday'), 'preview.json'), 'utf8')) as { stepId: string; content: { segments?: number; pdf?: string } }[];
    expect(data.map(({ stepId, content }) => ({ stepId, segments: content.segments, pdf: content.pdf }))).toEqual([
      { stepId: 'email', segments: undefined, pdf: undefined },
      { stepId: 'sms', segments: 1, pdf: undefined },
      { stepId: 'card', segments: undefined, pdf: 'card.pdf' },
    ]);
  });

  it('writes the service-due SMS and email with the service due, and the SMS segments of a Chinese text', async () => {
    const file = await customerFile('wang.jsonl', { ...olivia, id: 'ex-002', locale: 'zh-CN', firstName: '伟', lastName: '王', salutation: 'mr' }, { vehicles: [car], visits: [oilServiced] });

    const status = await preview('service-due', '--customer', file, '--date', '2026-02-01', '--out', out('service'));

    expect(status).toBe(0);
    expect(await readFile(join(out('service'), 'sms.txt'), 'utf8')).toBe('王先生，您的X3将于2026-03-14到期机油保养，请致电Harbour City Motors +61 2 5550 0100预约。\n');
    expect((await readdir(out('service'))).sort()).toEqual(['email.html', 'email.txt', 'listing.txt', 'preview.json', 'sms.txt']);
    expect(output.log.join('\n')).toMatch(/the occurrence on 2026-02-28 .*service oil-service, dueReason time, dueDate 2026-03-14/);
    expect(output.log.join('\n')).toMatch(/sms +sms +2026-02-28 +zh-CN +sms\.txt +1 segment \(UCS-2\)/);
  });

  it('rejects a bad customer file naming the file, the field and the reason, and writes nothing', async () => {
    const file = await customerFile('bad.jsonl', { ...olivia, birthDate: '1962-02-30' });

    const status = await preview('birthday', '--customer', file, '--out', out('bad'));

    expect(status).toBe(1);
    expect(output.error).toEqual([`${file}:2: customer.birthDate: expected a real calendar date (no such day)`]);
    await expect(readdir(out('bad'))).rejects.toThrow(/ENOENT/);
  });

  it('names the field of a customer whose dealer is neither in the file nor in the demo data', async () => {
    const path = join(dir, 'orphan.json');
    await writeFile(path, JSON.stringify({ customer: { ...olivia, dealerId: 'nowhere' } }, null, 2));

    const status = await preview('birthday', '--customer', path);

    expect(status).toBe(1);
    expect(output.error.join('\n')).toBe(`${path}: customer.dealerId: no dealer "nowhere" in the file or the demo data (add a {"dealer": {...}} line before the customer)`);
  });

  it('answers an unknown journey id with the known ids', async () => {
    const status = await preview('birthdya');

    expect(status).toBe(1);
    expect(output.error.join('\n')).toMatch(/^Unknown journey "birthdya" in journeys\. Known journeys: appointment-reminders, birthday, car-anniversary, .*welcome-pack/);
  });

  it('answers an unknown demo customer id, and a journey that never fires for the customer, with the reason', async () => {
    expect(await preview('birthday', '--customer', 'c-99999')).toBe(1);
    expect(output.error.join('\n')).toMatch(/^No customer "c-99999" in the demo data/);

    const { birthDate: _none, ...noBirthDate } = olivia;
    expect(await preview('birthday', '--customer', await customerFile('no-birthday.jsonl', noBirthDate), '--out', out('none'))).toBe(1);
    expect(output.error.join('\n')).toMatch(/^Nothing to preview: journey "birthday" \(birthday trigger\) never fires for customer ex-001/);
  });

  it('picks a demo customer the journey reaches when no customer is given, and says which', async () => {
    const status = await preview('birthday', '--date', '2026-03-14', '--out', out('sample'));

    expect(status).toBe(0);
    const [, id] = /for demo customer (c-\d+) \(no --customer/.exec(output.log[0]!) ?? [];
    const chosen = generateDemoData().customers.find((record) => record.customer.id === id)!;
    expect(chosen.customer.birthDate?.slice(5)).toBe('03-14');
    expect(chosen.customer.consent).toMatchObject({ email: { granted: true }, sms: { granted: true }, print: { granted: true } });
  });

  it('follows a change of template text and of an offset in the journeys folder, with no code change (acceptance 2)', async () => {
    const journeys = join(dir, 'journeys');
    await cp(shippedJourneysDir, journeys, { recursive: true });
    const file = await customerFile('olivia-edit.jsonl', olivia);
    await preview('birthday', '--customer', file, '--date', '2026-03-14', '--journeys', journeys, '--out', out('before'));
    const before = output.log.join('\n');
    const smsTemplate = join(journeys, 'templates', 'birthday-sms.yaml');
    await writeFile(smsTemplate, (await readFile(smsTemplate, 'utf8')).replace('Best wishes from all of us at', 'Many happy returns from'));
    const birthday = join(journeys, 'birthday.yaml');
    await writeFile(birthday, (await readFile(birthday, 'utf8')).replace('offsetDays: -3', 'offsetDays: -7'));

    const status = await preview('birthday', '--customer', file, '--date', '2026-03-14', '--journeys', journeys, '--out', out('after'));

    expect(status).toBe(0);
    expect(await readFile(join(out('before'), 'sms.txt'), 'utf8')).toBe('Happy 64th birthday, Ms Smith! Best wishes from all of us at Harbour City Motors.\n');
    expect(await readFile(join(out('after'), 'sms.txt'), 'utf8')).toBe('Happy 64th birthday, Ms Smith! Many happy returns from Harbour City Motors.\n');
    expect(before).toMatch(/card +print +2026-03-14 /);
    expect(output.log.join('\n')).toMatch(/card +print +2026-03-10 /);
  });
});
