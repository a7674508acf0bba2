import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledJourneysError, lunarDaysUsedBy, readCompiledJourneys } from '../../shared/config/compiled-journeys';
import { compileJourneysFolder, LUNAR_YEARS_AFTER } from '../../shared/config/compile-journeys';
import { readEngineEnv } from '../../shared/config/env';
import { JourneyConfigError, loadJourneyConfig } from '../../shared/config/load-journeys';
import { loadJourneys } from '../../shared/compose/journeys';

const baseEnv = {
  TABLE_NAME: 'engine',
  DISPATCH_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/dispatch',
  EMAIL_FROM: 'greetings@dealer.example',
  SMS_MODE: 'outbox',
  SMS_OUTBOX_PATH: '/tmp/sms.jsonl',
  PRINT_MODE: 'folder',
  PRINT_FOLDER: '/tmp/print',
  TASK_WEBHOOK_MODE: 'outbox',
  TASK_OUTBOX_PATH: '/tmp/tasks.jsonl',
  WEBHOOK_SECRETS_FILE: '/tmp/webhook-secrets.json',
};

describe('compiled journeys', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'compiled-journeys-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('loads from the JSON exactly the journeys and templates the YAML gives', async () => {
    const fromYaml = await loadJourneyConfig('journeys');
    const file = join(folder, 'journeys.json');
    await writeFile(file, JSON.stringify(compileJourneysFolder('journeys', { year: 2026 })));

    const loaded = await loadJourneys(readEngineEnv({ ...baseEnv, JOURNEYS_FILE: file }));

    expect(loaded.journeys).toEqual(fromYaml.journeys);
    expect(loaded.templates).toEqual(fromYaml.templates);
  });

  it('answers festival dates from the table computed at compile time, and refuses a year it does not hold', () => {
    const compiled = compileJourneysFolder('journeys', { year: 2026 });

    const { lunarCalendar } = readCompiledJourneys(JSON.parse(JSON.stringify(compiled)), 'journeys.json');

    expect(lunarCalendar.gregorianDateOf(2027, 1, 1)).toBe('2027-02-06');
    expect(lunarCalendar.gregorianDateOf(2027, 8, 15)).toBe('2027-09-15');
    expect(() => lunarCalendar.gregorianDateOf(2026 + LUNAR_YEARS_AFTER + 1, 8, 15)).toThrow(RangeError);
  });

  it('tabulates a lunar day a journey names in its YAML, wherever the trigger keeps it', () => {
    const journeys = [{ id: 'double-ninth', trigger: { type: 'festival', festival: { kind: 'lunar', month: 9, day: 9 } } }];

    expect(lunarDaysUsedBy(journeys)).toContainEqual({ month: 9, day: 9 });
    expect(lunarDaysUsedBy([])).toEqual([
      { month: 1, day: 1 },
      { month: 5, day: 5 },
      { month: 8, day: 15 },
    ]);
  });

  it('refuses a compiled file of another format, naming the file', () => {
    const compiled = { ...compileJourneysFolder('journeys', { year: 2026 }), format: 2 };

    expect(() => readCompiledJourneys(compiled, '/var/task/journeys/journeys.json')).toThrow(CompiledJourneysError);
    expect(() => readCompiledJourneys(compiled, '/var/task/journeys/journeys.json')).toThrow(/\/var\/task\/journeys\/journeys.json .*format/);
  });

  it('loads its own compiled file without re-parsing every journey, and still refuses another format', async () => {
    const compiled = compileJourneysFolder('journeys', { year: 2026 });
    // A journey the schema would refuse: the full parse catches it, a function's load trusts the compile.
    const tampered = { ...compiled, journeys: [{ ...compiled.journeys[0]!, id: 'Not An Id' }, ...compiled.journeys.slice(1)] };
    const file = join(folder, 'own.json');
    await writeFile(file, JSON.stringify(tampered));
    expect(() => readCompiledJourneys(JSON.parse(JSON.stringify(tampered)), file)).toThrow(CompiledJourneysError);
    expect((await loadJourneys(readEngineEnv({ ...baseEnv, JOURNEYS_FILE: file }))).journeys[0]!.id).toBe('Not An Id');

    const other = join(folder, 'other-format.json');
    await writeFile(other, JSON.stringify({ ...compiled, format: 2 }));
    await expect(loadJourneys(readEngineEnv({ ...baseEnv, JOURNEYS_FILE: other }))).rejects.toThrow(/other-format.json .*format/);
  });

  it('says how to compile when a function finds no compiled file', async () => {
    const load = loadJourneys(readEngineEnv({ ...baseEnv, JOURNEYS_DIR: join(folder, 'nowhere') }));

    await expect(load).rejects.toThrow(CompiledJourneysError);
    await expect(load).rejects.toThrow(/no compiled journeys at .*nowhere\/journeys.json/);
  });

  it('does not compile a folder that fails validation', async () => {
    const bad = join(folder, 'bad');
    await mkdir(join(bad, 'templates'), { recursive: true });
    await writeFile(join(bad, 'birthday.yaml'), 'id: birthday\nname: Birthday\ntrigger: { type: birthday }\nmessages:\n  - { id: sms, channel: sms, template: none }\n');

    expect(() => compileJourneysFolder(bad, { year: 2026 })).toThrow(JourneyConfigError);
  });
});
