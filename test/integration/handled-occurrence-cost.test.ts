import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRequests } from '../../bench/request-counter';
import { lambdaContext, scheduledEvent } from '../../local/lambda-events';
import { aCustomerContext } from '../helpers/factories';
import { putCustomers, startTestEngine } from '../helpers/local-engine';

const writes = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems'].map((operation) => `DynamoDB ${operation}`);

/** What the hourly schedule costs in DynamoDB once a customer's occurrence of the day is handled. */
describe('a handled occurrence on later hourly ticks (dynalite, requests counted)', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;

  beforeAll(async () => {
    engine = await startTestEngine({ journeys: ['birthday'] });
    // London is on UTC in March: her birthday greeting goes out at the 09:00 tick.
    await putCustomers(engine, [aCustomerContext({ id: 'ann', birthDate: '1980-03-14', timeZone: 'Europe/London' })], { from: '2026-03-13' });
  });
  afterAll(async () => {
    await engine?.cleanUp();
  });

  it('costs no DynamoDB write but the run record of each tick, and no claim, on the ticks after the one that handled it', async () => {
    const tick = (clock: string, date = '2026-03-14') => engine.handlers.evaluate(scheduledEvent(new Date(`${date}T${clock}:00Z`)), lambdaContext('evaluate-schedule'));
    // The table's first tick recomputes the due index (nothing was recorded of it), a day ahead,
    // so its catch-up has ended (one write of its state) by the time she is handled.
    await tick('06:00', '2026-03-13');
    const handled = await tick('09:00');
    const counter = countRequests(engine.stack.ports);
    const later = [];
    try {
      for (const clock of ['10:00', '11:00', '12:00', '18:00', '23:00']) {
        counter.setPhase(clock);
        later.push(await tick(clock));
      }
    } finally {
      counter.stop();
    }

    expect(handled).toMatchObject({ started: 1, dueEntriesAdvanced: 1 });
    expect(later.map((summary) => [summary.candidates, summary.due, summary.alreadyHandled])).toEqual(Array.from({ length: 5 }, () => [0, 0, 0]));
    const perTick = [...counter.counts().values()];
    expect(perTick).toHaveLength(5);
    for (const counts of perTick) {
      // The one Put is the tick's run record (the console's Health page), written whatever the tick found.
      expect(writes.map((operation) => counts.get(operation) ?? 0)).toEqual([1, 0, 0, 0, 0]);
      // One read of the due index's state, then one Query per shard of each current date.
      expect(counts.get('DynamoDB GetItem')).toBe(1);
    }
  });
});
