import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../local/demo-data';
import { scanAll } from '../../shared/adapters/dynamodb/scan-all';
import { completeOccurrenceItem, completeSendItem } from '../../shared/adapters/dynamodb/ledger-stored-form';
import { firstScenarioCustomer } from '../../local/demo-after-sales';
import { recomputeForDate } from '../../local/recompute';
import { replayDate } from '../../local/run-day';
import { seedDemoData } from '../../local/seed';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import { composeSimulation } from '../../shared/compose/simulation';
import { datesOfPeriod } from '../../shared/domain/dates';
import { startTestEngine } from '../helpers/local-engine';

/** What must agree between the two, send by send. */
type Row = [customer: string, journey: string, occurrence: string, message: string, channel: string, outcome: string, localDate: string];

const period = { from: '2026-03-01', to: '2026-03-31' } as const;

// The customers the demo data plants in every after-sales situation (due around 2026-03-14, one
// per dealer and scenario), plus a few more: many journeys fire in March, in four time zones.
const demo = generateDemoData();
const customers = demo.customers.slice(firstScenarioCustomer - 8, firstScenarioCustomer + 56);

/**
 * The local stack's ledger read back as rows: each message of each occurrence, with its send's
 * outcome. Items are completed as the adapter reads them (ids from the sort key, a message's
 * channel from its step name where the item leaves them out).
 */
async function ledgerRows(engine: Awaited<ReturnType<typeof startTestEngine>>): Promise<Row[]> {
  const items = await scanAll(engine.dynamo, { TableName: engine.tableName });
  const sends = new Map(items.filter((item) => String(item.SK).startsWith('SEND#')).map(completeSendItem).map((item) => [`${String(item.PK)}#${String(item.SK).slice('SEND#'.length)}`, item]));
  return items
    .filter((item) => String(item.SK).startsWith('OCC#'))
    .map(completeOccurrenceItem)
    .flatMap((occurrence) =>
      (occurrence.messages as { messageId: string; channel: string; contactable: boolean }[]).map((message): Row => {
        const send = sends.get(`${String(occurrence.PK)}#${String(occurrence.journeyId)}#${String(occurrence.occurrenceKey)}#${message.messageId}`);
        const outcome = !message.contactable ? 'skipped' : String(send?.status ?? 'never dispatched');
        return [
          String(occurrence.PK).slice('CUST#'.length),
          String(occurrence.journeyId),
          String(occurrence.occurrenceKey),
          message.messageId,
          String(send?.channel ?? message.channel),
          outcome,
          String(occurrence.sendDate ?? occurrence.occurrenceDate),
        ];
      }),
    );
}

describe('simulate sends what the local engine sends, customer by customer', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;

  beforeAll(async () => {
    engine = await startTestEngine();
  });

  afterAll(async () => {
    await engine?.cleanUp();
  });

  it(`over ${period.from} to ${period.to}: npm start day by day on the local servers, and simulate in memory`, { timeout: 180_000 }, async () => {
    const config = await loadJourneyConfig(process.env.JOURNEYS_DIR!);
    // The local stack, as `npm start -- --once --date D` for each date: seeded, filed from D, replayed.
    await seedDemoData(engine.dynamo, engine.tableName, { ...demo, customers });
    for (const date of datesOfPeriod(period.from, period.to)) {
      await recomputeForDate(engine.dynamo, engine.tableName, { journeys: config.journeys, date }, () => undefined);
      await replayDate(engine, date);
    }
    const local = await ledgerRows(engine);

    const simulation = composeSimulation(config);
    await simulation.customers.store.saveBrands(demo.brands);
    await simulation.customers.store.saveDealers(demo.dealers);
    await simulation.customers.store.saveCustomers(customers);
    await simulation.run(period);
    const simulated = [...simulation.sends()].map((send): Row => [send.customerId, send.journeyId, send.occurrence, send.messageId, send.channel, send.outcome, send.localDate]);

    const sorted = (rows: Row[]) => rows.map((row) => row.join(' | ')).sort();
    expect(new Set(local.map(([, journey]) => journey)).size).toBeGreaterThanOrEqual(10);
    expect(local.filter((row) => row[5] === 'sent').length).toBeGreaterThan(50);
    expect(sorted(simulated)).toEqual(sorted(local));
  });
});
