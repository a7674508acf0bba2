import { BatchWriteCommand, ScanCommand } from '../../shared/adapters/dynamodb/document-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoCustomerErasure } from '../../shared/adapters/dynamodb/customer-erasure';
import { dealerItem } from '../../shared/adapters/dynamodb/customer-items';
import type { DealerEvent } from '../../shared/domain/events/event';
import { applyQueuedEvents, erasedCustomerReason, type ApplyQueuedEventsDeps } from '../../shared/use-cases/apply-queued-events';
import { eraseCustomer } from '../../shared/use-cases/erase-customer';
import { anEvent } from '../helpers/events';
import { aReachableCustomer } from '../helpers/event-journeys';
import { aDealer } from '../helpers/factories';
import { startTestEngine } from '../helpers/local-engine';
import { localEventConsumerDeps } from '../helpers/event-api';

// Mid-morning in Shanghai: no quiet-hours deferral in the way.
const now = new Date('2026-11-27T02:30:00Z');
const tenant = { kind: 'dealer', dealerId: 'dealer-sh' } as const;

describe('an erasure that lands while an event is being applied (DynamoDB on the local servers)', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let deps: ApplyQueuedEventsDeps;

  beforeAll(async () => {
    engine = await startTestEngine();
    await engine.dynamo.send(new BatchWriteCommand({ RequestItems: { [engine.tableName]: [{ PutRequest: { Item: dealerItem(aDealer()) } }] } }));
    deps = await localEventConsumerDeps(engine);
  });

  afterAll(async () => {
    await engine?.cleanUp();
  });

  const erase = (customerId: string) =>
    eraseCustomer(customerId, tenant, now, { dealers: deps.dealers, erasure: createDynamoCustomerErasure(engine.dynamo, engine.tableName), schedule: deps.eventJourneys!.schedule });

  async function itemsUnder(customerId: string): Promise<string[]> {
    const { Items = [] } = await engine.dynamo.send(new ScanCommand({ TableName: engine.tableName, ProjectionExpression: 'PK, SK' }));
    return Items.filter((item) => item.PK === `CUST#${customerId}`).map((item) => String(item.SK)).sort();
  }

  /** Applies the events with the customer erased at one point of the apply, once. */
  async function applyErasingAt(point: 'save' | 'file' | 'hold', customerId: string, events: DealerEvent[]) {
    let erased = false;
    const eraseAt = async (here: typeof point) => {
      if (here !== point || erased) return;
      erased = true;
      expect(await erase(customerId)).toMatchObject({ outcome: 'erased' });
    };
    const racing: ApplyQueuedEventsDeps = {
      ...deps,
      store: { ...deps.store, save: async (id, state) => (await eraseAt('save'), deps.store.save(id, state)) },
      dueDates: { ...deps.dueDates, dueIndex: { ...deps.dueDates.dueIndex, fileCustomers: async (...args) => (await deps.dueDates.dueIndex.fileCustomers(...args), eraseAt('file')) } },
      eventJourneys: { ...deps.eventJourneys!, schedule: { ...deps.eventJourneys!.schedule, hold: async (...args) => (await deps.eventJourneys!.schedule.hold(...args), eraseAt('hold')) } },
    };
    const outcome = await applyQueuedEvents(events.map((event) => ({ tenant, event })), now, racing);
    expect(erased).toBe(true);
    return outcome;
  }

  it.each(['save', 'file', 'hold'] as const)('leaves only the tombstone when the erasure lands at the %s step of an apply', async (point) => {
    const customerId = `race-${point}`;
    await applyQueuedEvents([{ tenant, event: aReachableCustomer(customerId) }], now, deps);
    expect(await itemsUnder(customerId)).toContain('PROFILE');

    const booked = anEvent('appointment.booked', `ap-${point}`, new Date(now.getTime() - 60_000).toISOString(), {
      customerId,
      appointmentId: `AP-${point}`,
      startsAt: '2026-11-30T02:00:00Z',
      dealerId: 'dealer-sh',
    });
    const { results, failed } = await applyErasingAt(point, customerId, [booked]);

    expect([...failed.values()]).toEqual([]);
    expect([...results.values()]).toEqual([{ result: 'ignored', reason: erasedCustomerReason }]);
    expect(await itemsUnder(customerId)).toEqual(['ERASED']);
  });
});
