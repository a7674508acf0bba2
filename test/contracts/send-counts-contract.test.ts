import { GetCommand, PutCommand } from '../../shared/adapters/dynamodb/document-client';
import { describe, expect, it } from 'vitest';
import { createDynamoSendCounts } from '../../shared/adapters/dynamodb/send-counts';
import { sendCountKey } from '../../shared/adapters/dynamodb/keys';
import { createMemorySendCounts } from '../../shared/adapters/memory/send-counts';
import type { OutcomeCount, SendCounter, SendCounts } from '../../shared/ports/send-counts';
import { localEngineForContract } from '../helpers/contracts';

const anOutcome = (overrides: Partial<OutcomeCount> = {}): OutcomeCount => ({
  dealerId: 'dealer-sh',
  day: '2026-11-27',
  journeyId: 'birthday',
  stepId: 'email',
  channel: 'email',
  outcome: 'sent',
  ...overrides,
});

/** The rules every counter store keeps: run against the in-memory one and the DynamoDB one on dynalite. */
function sendCountsContract(newCounts: () => Promise<SendCounter & SendCounts>) {
  it('adds one per outcome and reads the sums back per dealer, day, journey, step, channel and outcome', async () => {
    const counts = await newCounts();
    await counts.add(anOutcome());
    await counts.add(anOutcome());
    await counts.add(anOutcome({ outcome: 'bounced' }));
    await counts.add(anOutcome({ stepId: 'sms', channel: 'sms', outcome: 'skipped' }));

    const { rows, unreadable } = await counts.countsOf(['dealer-sh'], '2026-11-27', '2026-11-27');

    expect(unreadable).toBe(0);
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        { ...anOutcome(), count: 2 },
        { ...anOutcome({ outcome: 'bounced' }), count: 1 },
        { ...anOutcome({ stepId: 'sms', channel: 'sms', outcome: 'skipped' }), count: 1 },
      ]),
    );
  });

  it('reads only the dealers and the days asked for, across months and years', async () => {
    const counts = await newCounts();
    for (const day of ['2026-11-30', '2026-12-01', '2026-12-31', '2027-01-01', '2027-01-02']) await counts.add(anOutcome({ day }));
    await counts.add(anOutcome({ dealerId: 'dealer-bj', day: '2026-12-31' }));

    const { rows } = await counts.countsOf(['dealer-sh'], '2026-12-01', '2027-01-01');
    const both = await counts.countsOf(['dealer-sh', 'dealer-bj'], '2026-12-31', '2026-12-31');

    expect(rows.map((row) => row.day).sort()).toEqual(['2026-12-01', '2026-12-31', '2027-01-01']);
    expect(both.rows.map((row) => row.dealerId).sort()).toEqual(['dealer-bj', 'dealer-sh']);
  });
}

describe('send counts contract: in memory', () => {
  sendCountsContract(async () => createMemorySendCounts());
});

describe('send counts contract: DynamoDB on dynalite', () => {
  const { engine, freshTable } = localEngineForContract('send-counts-contract');

  sendCountsContract(async () => createDynamoSendCounts(engine().dynamo, await freshTable()));

  it('counts many concurrent adds to one counter exactly (ADD, no read-modify-write)', async () => {
    const tableName = await freshTable();
    const counts = createDynamoSendCounts(engine().dynamo, tableName);

    await Promise.all(Array.from({ length: 25 }, () => counts.add(anOutcome())));

    const { Item } = await engine().dynamo.send(new GetCommand({ TableName: tableName, Key: sendCountKey(anOutcome()) }));
    expect(Item).toMatchObject({ count: 25, expiresAt: expect.any(Number) });
  });

  it('stores in a counter nothing its key says, and reads one written before (with every field) alike', async () => {
    const tableName = await freshTable();
    const counts = createDynamoSendCounts(engine().dynamo, tableName);
    await counts.add(anOutcome());
    const older = anOutcome({ dealerId: 'dealer#old', outcome: 'bounced' });
    await engine().dynamo.send(new PutCommand({ TableName: tableName, Item: { ...sendCountKey(older), type: 'SendCount', ...older, count: 2 } }));
    await counts.add(anOutcome({ dealerId: 'dealer#old', journeyId: 'spring-festival' }));

    const { Item } = await engine().dynamo.send(new GetCommand({ TableName: tableName, Key: sendCountKey(anOutcome()) }));
    const sh = await counts.countsOf(['dealer-sh'], '2026-11-27', '2026-11-27');
    const old = await counts.countsOf(['dealer#old'], '2026-11-27', '2026-11-27');

    expect(Object.keys(Item!).sort()).toEqual(['PK', 'SK', 'count', 'expiresAt', 'type']);
    expect(sh.rows).toEqual([{ ...anOutcome(), count: 1 }]);
    expect(old.rows).toEqual(expect.arrayContaining([{ ...older, count: 2 }, { ...anOutcome({ dealerId: 'dealer#old', journeyId: 'spring-festival' }), count: 1 }]));
    expect(old.rows).toHaveLength(2);
  });

  it('leaves out and counts a counter item that does not parse', async () => {
    const tableName = await freshTable();
    const counts = createDynamoSendCounts(engine().dynamo, tableName);
    await counts.add(anOutcome());
    await engine().dynamo.send(new PutCommand({ TableName: tableName, Item: { ...sendCountKey(anOutcome({ journeyId: 'broken' })), count: 'many' } }));

    const { rows, unreadable } = await counts.countsOf(['dealer-sh'], '2026-11-27', '2026-11-27');

    expect(rows).toEqual([{ ...anOutcome(), count: 1 }]);
    expect(unreadable).toBe(1);
  });
});
