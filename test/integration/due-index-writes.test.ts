import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../local/demo-data';
import { evaluateDate } from '../../local/run-day';
import { seedDemoData } from '../../local/seed';
import { recomputeForDate } from '../../local/recompute';
import { writeImportSample } from '../../scripts/import-sample';
import { createDynamoDueIndex } from '../../shared/adapters/dynamodb/due-index';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import type { Journey } from '../../shared/domain/journey/schema';
import { importFile } from '../../shared/import/import-file';
import { aCustomerContext } from '../helpers/factories';
import { freshEngineTable, putCustomers, startTestEngine } from '../helpers/local-engine';

/** Every path that writes customers files them in the due index, and the evaluation reads it. */
describe('due entries filed where customers are written', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let folder: string;
  let journeys: readonly Journey[];

  beforeAll(async () => {
    engine = await startTestEngine({ journeys: ['birthday'] });
    folder = await mkdtemp(join(tmpdir(), 'dealer-journeys-due-'));
    ({ journeys } = await loadJourneyConfig(process.env.JOURNEYS_DIR!));
  });

  afterAll(async () => {
    await engine?.cleanUp();
    await rm(folder, { recursive: true, force: true });
  });

  const dueOn = async (tableName: string, date: string) =>
    (await createDynamoDueIndex(engine.dynamo, tableName).readDue([date])).due.map((facts) => facts.customer.id);

  it('the import files each customer it saves', async () => {
    const tableName = await freshEngineTable(engine, 'due-import');
    const path = join(folder, 'sample.jsonl');
    await writeImportSample(path, 20, '03-14');

    await importFile(path, { client: engine.dynamo, tableName, now: new Date('2026-03-01T12:00:00Z'), journeys });

    // Their first due date is the birthday card's, mailed three days ahead.
    expect((await dueOn(tableName, '2026-03-11')).length).toBe(20);
  });

  it('the local start files the seeded customers from the date run', async () => {
    const tableName = await freshEngineTable(engine, 'due-seed');
    await seedDemoData(engine.dynamo, tableName, generateDemoData());

    await recomputeForDate(engine.dynamo, tableName, { journeys, date: '2026-03-14' }, () => undefined);

    const due = await createDynamoDueIndex(engine.dynamo, tableName).readDue(['2026-03-14']);
    expect(due.due.length).toBeGreaterThan(0);
    expect(due.skipped).toEqual([]);
  });

  it('the test helper files the customers it writes', async () => {
    // From the 12th: past the day this year's card went out, so the birthday itself is next.
    await putCustomers(engine, [aCustomerContext({ id: 'helper', birthDate: '1980-03-14' })], { from: '2026-03-12' });

    expect(await dueOn(engine.tableName, '2026-03-14')).toEqual(['helper']);
  });

  it('the scheduled evaluation reads the due index and moves a handled customer on to their next date', async () => {
    const summaries = await evaluateDate(engine.handlers.evaluate, '2026-03-14');

    expect(summaries.reduce((sum, summary) => sum + summary.started, 0)).toBe(1);
    expect(await dueOn(engine.tableName, '2026-03-14')).toEqual([]);
    // Next: the 2027 card, three days before the birthday.
    expect(await dueOn(engine.tableName, '2027-03-11')).toEqual(['helper']);
  });
});
