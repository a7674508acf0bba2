import { PutCommand } from '../../shared/adapters/dynamodb/document-client';
import { describe, expect, it } from 'vitest';
import { createDynamoCustomerErasure } from '../../shared/adapters/dynamodb/customer-erasure';
import { waitingOccurrenceKey } from '../../shared/adapters/dynamodb/keys';
import { createDynamoWaitingOccurrences } from '../../shared/adapters/dynamodb/waiting-occurrences';
import { createMemoryWaitingOccurrences } from '../../shared/adapters/memory/waiting-occurrences';
import type { WaitingOccurrence, WaitingOccurrences } from '../../shared/ports/waiting-occurrences';
import { localEngineForContract } from '../helpers/contracts';

const now = new Date('2026-03-11T03:00:00Z');

const thanks = (customerId: string, referralId: string, startedBy = 'ann'): WaitingOccurrence => ({
  customerId,
  journeyId: 'referral-thanks',
  occurrence: { key: referralId, at: '2026-03-11T02:00:00.000Z', date: '2026-03-11', facts: { referralId, referralRole: 'referred' }, sendLateUntil: '2026-03-18T02:00:00.000Z' },
  startedBy,
  senders: [{ kind: 'dealer', dealerId: 'dealer-sh' }],
});

const keyOf = (entry: WaitingOccurrence) => ({ customerId: entry.customerId, journeyId: entry.journeyId, occurrenceKey: entry.occurrence.key });

/** The rules every store of waiting occurrences keeps: in memory and DynamoDB on dynalite. */
function waitingOccurrencesContract(newStore: () => Promise<WaitingOccurrences>) {
  it('lists what waits for a customer, replaces the same occurrence, and removes it once (again: nothing)', async () => {
    const store = await newStore();
    await store.wait(thanks('bob', 'RF-1'), now);
    await store.wait({ ...thanks('bob', 'RF-1'), senders: [{ kind: 'brand', brandId: 'bmw-cn' }] }, now);
    await store.wait(thanks('bob', 'RF-2'), now);
    await store.wait(thanks('cat', 'RF-3'), now);

    const bob = await store.listFor('bob');
    await store.remove(keyOf(thanks('bob', 'RF-1')));
    await store.remove(keyOf(thanks('bob', 'RF-1')));

    expect(bob.entries.sort((a, b) => a.occurrence.key.localeCompare(b.occurrence.key))).toEqual([{ ...thanks('bob', 'RF-1'), senders: [{ kind: 'brand', brandId: 'bmw-cn' }] }, thanks('bob', 'RF-2')]);
    expect(bob.unreadable).toBe(0);
    expect((await store.listFor('bob')).entries).toEqual([thanks('bob', 'RF-2')]);
    expect((await store.listFor('nobody')).entries).toEqual([]);
  });
}

describe('waiting occurrences contract: in memory', () => {
  waitingOccurrencesContract(async () => createMemoryWaitingOccurrences());
});

describe('waiting occurrences contract: DynamoDB on dynalite', () => {
  const { engine, freshTable } = localEngineForContract('waiting-occurrences-contract');

  waitingOccurrencesContract(async () => createDynamoWaitingOccurrences(engine().dynamo, await freshTable()));

  it('counts and skips an entry that does not parse', async () => {
    const table = await freshTable();
    const store = createDynamoWaitingOccurrences(engine().dynamo, table);
    await store.wait(thanks('bob', 'RF-1'), now);
    await engine().dynamo.send(new PutCommand({ TableName: table, Item: { ...waitingOccurrenceKey('bob', 'referral-thanks', 'RF-9'), customerId: 'bob' } }));

    const bob = await store.listFor('bob');

    expect(bob.entries).toEqual([thanks('bob', 'RF-1')]);
    expect(bob.unreadable).toBe(1);
  });

  it('is removed by the erasure of either side: the customer it waits for, or the one whose event started it', async () => {
    const table = await freshTable();
    const store = createDynamoWaitingOccurrences(engine().dynamo, table);
    const erasure = createDynamoCustomerErasure(engine().dynamo, table);
    await store.wait(thanks('bob', 'RF-1', 'ann'), now);
    await store.wait(thanks('cat', 'RF-2', 'ann'), now);
    await store.wait(thanks('dan', 'RF-3', 'eve'), now);

    await erasure.removeCustomerItems('ann');
    await erasure.removeCustomerItems('dan');

    expect((await store.listFor('bob')).entries).toEqual([]);
    expect((await store.listFor('cat')).entries).toEqual([]);
    expect((await store.listFor('dan')).entries).toEqual([]);
  });
});
