import { PutCommand } from '../../shared/adapters/dynamodb/document-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dueEntryKey, dueIndexKey } from '../../shared/adapters/dynamodb/keys';
import { logger, metrics, pseudonym } from '../../shared/logging';
import { drainQueue, evaluateDate } from '../../local/run-day';
import { aCustomerContext } from '../helpers/factories';
import { putCustomers, startTestEngine, storedEmails } from '../helpers/local-engine';

describe('a corrupt stored due entry on the local stack', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;

  beforeAll(async () => {
    engine = await startTestEngine();
    const good = ['a', 'b', 'c'].map((name) => aCustomerContext({ id: `good-${name}`, email: `${name}@example.com`, birthDate: '1985-03-14' }));
    await putCustomers(engine, good, { from: '2026-03-14' });
    // A due entry written behind the schema's back, as an old writer or a hand edit would.
    const { customer } = aCustomerContext({ id: 'broken', birthDate: '1985-03-14' });
    await engine.dynamo.send(
      new PutCommand({
        TableName: engine.tableName,
        Item: { ...dueEntryKey('broken'), ...dueIndexKey('2026-03-14', 'broken'), dueDate: '2026-03-14', customer: { ...customer, email: 'broken-at-example', timeZone: 'Mars/Olympus_Mons' }, vehicles: [] },
      }),
    );
  });

  afterAll(async () => {
    await engine?.cleanUp();
  });

  it('is skipped and counted on every run while everyone else on that date is greeted', async () => {
    const addMetric = vi.spyOn(metrics, 'addMetric');
    // Silenced: the logger was built before the engine set its level (this file imported it first).
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);

    const summaries = await evaluateDate(engine.handlers.evaluate, '2026-03-14');
    const drained = await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);

    expect(summaries.every((summary) => summary.skippedRecords === 1)).toBe(true);
    expect(drained.failed).toBe(0);
    const recipients = (await storedEmails(engine)).flatMap((email) => email.destination.to).sort();
    expect(recipients).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);

    const skippedMetrics = addMetric.mock.calls.filter(([name]) => name === 'SkippedBadRecords');
    expect(skippedMetrics).toHaveLength(summaries.length);
    expect(skippedMetrics.every(([, , value]) => value === 1)).toBe(true);
    const logged = JSON.stringify(warn.mock.calls);
    expect(logged).toContain(pseudonym('broken'));
    expect(logged).toContain('timeZone');
    expect(logged).not.toContain('"broken"');
    expect(logged).not.toContain('broken-at-example');
  });
});
