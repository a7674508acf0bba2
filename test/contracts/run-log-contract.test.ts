import { GetCommand, PutCommand } from '../../shared/adapters/dynamodb/document-client';
import { describe, expect, it } from 'vitest';
import { createDynamoRunLog } from '../../shared/adapters/dynamodb/run-log';
import { runKey } from '../../shared/adapters/dynamodb/keys';
import { createMemoryRunLog } from '../../shared/adapters/memory/run-log';
import type { RunRecord } from '../../shared/domain/run-record';
import type { RunLog } from '../../shared/ports/run-log';
import { localEngineForContract } from '../helpers/contracts';

const aRun = (runId: string, startedAt: string, overrides: Partial<RunRecord> = {}): RunRecord => ({
  runId,
  kind: 'evaluation',
  scheduledFor: startedAt,
  startedAt,
  finishedAt: startedAt,
  outcome: 'succeeded',
  counts: { candidates: 3, started: 1 },
  ...overrides,
});

/** The rules every run log keeps: run against the in-memory one and the DynamoDB one on dynalite. */
function runLogContract(newLog: () => Promise<RunLog>) {
  it('reads back the runs started in the window, across days, oldest first, with their counts and errors', async () => {
    const log = await newLog();
    const runs = [
      aRun('before', '2026-11-24T23:59:59.999Z'),
      aRun('first', '2026-11-25T00:00:00.000Z', { kind: 'release', counts: { released: 2 } }),
      aRun('failed', '2026-11-26T10:00:00.000Z', { kind: 'reconcile', outcome: 'failed', counts: {}, error: 'TimeoutError' }),
      aRun('last', '2026-11-27T10:00:00.000Z'),
      aRun('after', '2026-11-27T10:00:00.001Z'),
    ];
    for (const run of runs.toReversed()) await log.record(run);

    const read = await log.runsBetween(new Date('2026-11-25T00:00:00Z'), new Date('2026-11-27T10:00:00Z'));

    expect(read).toEqual({ runs: [runs[1], runs[2], runs[3]], unreadable: 0 });
  });

  it('keeps two runs of one kind started in the same millisecond apart', async () => {
    const log = await newLog();
    await log.record(aRun('one', '2026-11-27T10:00:00.000Z'));
    await log.record(aRun('two', '2026-11-27T10:00:00.000Z'));

    const read = await log.runsBetween(new Date('2026-11-27T00:00:00Z'), new Date('2026-11-27T11:00:00Z'));

    expect(read.runs.map((run) => run.runId).sort()).toEqual(['one', 'two']);
  });
}

describe('run log contract: in memory', () => {
  runLogContract(async () => createMemoryRunLog());
});

describe('run log contract: DynamoDB on dynalite', () => {
  const { engine, freshTable } = localEngineForContract('run-log-contract');

  runLogContract(async () => createDynamoRunLog(engine().dynamo, await freshTable()));

  it('counts and skips a stored run that does not parse, and gives each run a TTL of 35 days', async () => {
    const tableName = await freshTable();
    const log = createDynamoRunLog(engine().dynamo, tableName);
    await log.record(aRun('good', '2026-11-27T10:00:00.000Z'));
    await engine().dynamo.send(new PutCommand({ TableName: tableName, Item: { ...runKey('2026-11-27T09:00:00.000Z', 'evaluation', 'bad'), kind: 'cron' } }));

    const read = await log.runsBetween(new Date('2026-11-27T00:00:00Z'), new Date('2026-11-27T11:00:00Z'));

    expect(read.runs.map((run) => run.runId)).toEqual(['good']);
    expect(read.unreadable).toBe(1);
    const { Item } = await engine().dynamo.send(new GetCommand({ TableName: tableName, Key: runKey('2026-11-27T10:00:00.000Z', 'evaluation', 'good') }));
    expect(Item!.expiresAt).toBe(Date.parse('2026-11-27T10:00:00.000Z') / 1000 + 35 * 24 * 3600);
  });
});
