import { describe, expect, it } from 'vitest';
import { createDynamoCustomerPhoneLookup, createDynamoSuppressionList } from '../../shared/adapters/dynamodb/suppression-list';
import { createDynamoSendingPauses } from '../../shared/adapters/dynamodb/sending-pauses';
import { createDynamoCustomerDirectory } from '../../shared/adapters/dynamodb/customer-directory';
import { createDynamoCustomerStore } from '../../shared/adapters/dynamodb/customer-store';
import { createMemorySuppressionList } from '../../shared/adapters/memory/suppression-list';
import { createMemorySendingPauses } from '../../shared/adapters/memory/sending-pauses';
import type { Suppression } from '../../shared/domain/suppression';
import type { SendingPause } from '../../shared/domain/sending-pause';
import type { SuppressionList } from '../../shared/ports/suppression';
import type { SendingPauses } from '../../shared/ports/sending-pause';
import { localEngineForContract } from '../helpers/contracts';
import { putCustomers } from '../helpers/local-engine';
import { aCustomerContext } from '../helpers/factories';

const stop = (overrides: Partial<Suppression> = {}): Suppression => ({
  customerId: 'c-0001',
  channel: 'sms',
  scope: 'all',
  reason: 'sms-opt-out',
  source: 'sms-inbound',
  at: '2026-03-14T09:00:00.000Z',
  ...overrides,
});
const emailPause: SendingPause = { channel: 'email', category: 'promotional', reason: 'ses-bounce-rate', source: 'alarm:BounceRate', at: '2026-03-14T09:00:00.000Z' };

function suppressionListContract(newList: () => Promise<SuppressionList>) {
  it('lists what was suppressed for the customer only', async () => {
    const list = await newList();
    const unsubscribe = stop({ channel: 'email', scope: 'promotional', reason: 'unsubscribe', source: 'one-click' });

    await list.suppress(stop());
    await list.suppress(unsubscribe);
    await list.suppress(stop({ customerId: 'c-0002' }));

    const entries = await list.listForCustomer('c-0001');
    expect(entries.sort((a, b) => a.channel.localeCompare(b.channel))).toEqual([unsubscribe, stop()]);
  });

  it('keeps one entry per channel, scope and reason: a second STOP replaces the first', async () => {
    const list = await newList();

    await list.suppress(stop());
    await list.suppress(stop({ at: '2026-03-16T09:00:00.000Z' }));

    expect(await list.listForCustomer('c-0001')).toEqual([stop({ at: '2026-03-16T09:00:00.000Z' })]);
  });

  it('lifts the entries of one reason on one channel, once, and a later STOP applies again', async () => {
    const list = await newList();
    const bounce = stop({ channel: 'email', reason: 'hard-bounce', address: 'ann@example.com', source: 'ses-feedback' });
    await list.suppress(stop());
    await list.suppress(bounce);

    const lifted = await list.lift('c-0001', 'sms', 'sms-opt-out', '2026-03-15T09:00:00.000Z', 'sms-inbound');
    const again = await list.lift('c-0001', 'sms', 'sms-opt-out', '2026-03-15T10:00:00.000Z', 'sms-inbound');
    const afterStart = await list.listForCustomer('c-0001');
    await list.suppress(stop({ at: '2026-03-16T09:00:00.000Z' }));
    const afterSecondStop = await list.listForCustomer('c-0001');

    expect([lifted, again]).toEqual([1, 0]);
    expect(afterStart.find((entry) => entry.channel === 'sms')?.liftedAt).toBe('2026-03-15T09:00:00.000Z');
    expect(afterStart.find((entry) => entry.channel === 'email')).toEqual(bounce);
    expect(afterSecondStop.find((entry) => entry.channel === 'sms')).toEqual(stop({ at: '2026-03-16T09:00:00.000Z' }));
  });

  it('keeps a STOP said after the START that arrives later: the keywords\' own times decide', async () => {
    const list = await newList();
    await list.suppress(stop({ at: '2026-03-15T10:00:00.000Z' }));

    const lifted = await list.lift('c-0001', 'sms', 'sms-opt-out', '2026-03-15T09:00:00.000Z', 'sms-inbound');

    expect(lifted).toBe(0);
    expect(await list.listForCustomer('c-0001')).toEqual([stop({ at: '2026-03-15T10:00:00.000Z' })]);
  });

  it('does not apply a STOP that arrives after the START said later, whether or not it had stopped before', async () => {
    const list = await newList();
    await list.suppress(stop({ customerId: 'c-0002', at: '2026-03-14T09:00:00.000Z' }));
    await list.lift('c-0002', 'sms', 'sms-opt-out', '2026-03-15T10:00:00.000Z', 'sms-inbound');
    await list.lift('c-0001', 'sms', 'sms-opt-out', '2026-03-15T10:00:00.000Z', 'sms-inbound');

    await list.suppress(stop({ customerId: 'c-0002', at: '2026-03-15T09:00:00.000Z' }));
    await list.suppress(stop({ at: '2026-03-15T09:00:00.000Z' }));

    expect((await list.listForCustomer('c-0002')).map((entry) => entry.liftedAt)).toEqual(['2026-03-15T10:00:00.000Z']);
    expect(await list.listForCustomer('c-0001')).toEqual([stop({ at: '2026-03-15T10:00:00.000Z', liftedAt: '2026-03-15T10:00:00.000Z' })]);
  });
}

function sendingPausesContract(newPauses: () => Promise<SendingPauses>) {
  it('pauses once, lists the pause, and resumes once', async () => {
    const pauses = await newPauses();

    const first = await pauses.pause(emailPause);
    const second = await pauses.pause({ ...emailPause, reason: 'manual' });
    const active = await pauses.activePauses();
    const resumed = [await pauses.resume('email', 'promotional'), await pauses.resume('email', 'promotional')];

    expect([first, second]).toEqual([true, false]);
    expect(active).toEqual([emailPause]);
    expect(resumed).toEqual([true, false]);
    expect(await pauses.activePauses()).toEqual([]);
    expect(await pauses.pause({ ...emailPause, reason: 'manual' })).toBe(true);
  });
}

describe('suppression list contract: in memory', () => {
  suppressionListContract(async () => createMemorySuppressionList());
  sendingPausesContract(async () => createMemorySendingPauses());
});

describe('suppression list contract: DynamoDB on dynalite', () => {
  const { engine, freshTable } = localEngineForContract('suppression-contract', { journeys: ['birthday'] });

  suppressionListContract(async () => createDynamoSuppressionList(engine().dynamo, await freshTable()));
  sendingPausesContract(async () => createDynamoSendingPauses(engine().dynamo, await freshTable()));

  it("returns the customer's entries with the profile in the dispatch's one read, and an import leaves them", async () => {
    const tableName = await freshTable();
    const context = aCustomerContext();
    await createDynamoCustomerStore(engine().dynamo, tableName).saveDealers([context.dealer]);
    await createDynamoSuppressionList(engine().dynamo, tableName).suppress(stop());

    await createDynamoCustomerStore(engine().dynamo, tableName).saveCustomers([context]);
    const read = await createDynamoCustomerDirectory(engine().dynamo, tableName).getCustomerContext('c-0001');

    expect(read?.suppressions).toEqual([stop()]);
    expect(read?.vehicles).toEqual(context.vehicles);
  });

  it('finds every customer with a mobile number, however the number was written', async () => {
    await putCustomers(
      engine(),
      [aCustomerContext({ id: 'mum', phone: '+44 7911 123456' }), aCustomerContext({ id: 'son', phone: '+447911123456' }), aCustomerContext({ id: 'other', phone: '+447911654321' })],
      { from: '2026-03-14' },
    );

    const found = await createDynamoCustomerPhoneLookup(engine().dynamo, engine().tableName).customersWithPhone('+447911123456');

    expect(found.sort()).toEqual(['mum', 'son']);
  });
});
