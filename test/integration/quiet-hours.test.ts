/**
 * Quiet hours on the local servers (dynalite, local SQS, the real handlers): an SMS that falls due
 * at 21:00 in the customer's zone is recorded `deferred` (the API shows until when) and goes out
 * at 09:00 the next morning. Until the held-message store's release is wired, the reconciler
 * re-drives it once due; the replay judges each send at its planned instant.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainQueue, reconcileLocally } from '../../local/run-day';
import { lambdaContext, scheduledEvent } from '../../local/lambda-events';
import { aKey, invokeApi } from '../helpers/event-api';
import { aCustomerContext } from '../helpers/factories';
import { putCustomers, startTestEngine } from '../helpers/local-engine';

describe('quiet hours on the local stack', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;

  beforeAll(async () => {
    engine = await startTestEngine();
    // Ann lives in London; her birthday is 14 March.
    await putCustomers(engine, [aCustomerContext({ id: 'ann', email: 'ann@example.com', phone: '+447911123456' })], { from: '2026-03-14' });
  });

  afterAll(async () => {
    await engine?.cleanUp();
  });

  const history = async () => {
    // Ann's dealer's key: the history is tenant-checked.
    const key = await aKey(engine, { kind: 'dealer', dealerId: 'dealer-sh' });
    const response = await invokeApi(engine, key, 'GET', '/v1/customers/ann/messages');
    return (response.body as { messages: { channel: string; status: string; reason?: string; dueAt?: string }[] }).messages;
  };
  const texts = async () => (existsSync(engine.paths.smsOutbox) ? (await readFile(engine.paths.smsOutbox, 'utf8')).trim().split('\n').filter(Boolean) : []);

  it('defers an SMS due at 21:00 local to 09:00 the next morning, and then sends it', async () => {
    // The day's first tick to run is 21:00 in London (the earlier ones were missed): the greeting is due now.
    await engine.handlers.evaluate(scheduledEvent(new Date('2026-03-14T21:00:00Z'), '2026-03-14'), lambdaContext('evaluate-schedule'));
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);

    const evening = await history();
    const textsInTheEvening = await texts();
    // The next morning's reconcile finds the deferred send due and re-drives it.
    const morning = await reconcileLocally(engine.handlers.reconcile, new Date('2026-03-15T09:30:00Z'), true);
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);

    expect(evening).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'email', status: 'sent' }),
        expect.objectContaining({ channel: 'sms', status: 'deferred', reason: 'quiet-hours', dueAt: '2026-03-15T09:00:00.000Z' }),
      ]),
    );
    expect(textsInTheEvening).toEqual([]);
    expect(morning).toMatchObject({ messagesRedriven: 1 });
    expect(await texts()).toHaveLength(1);
    expect((await history()).find((send) => send.channel === 'sms')).toMatchObject({ status: 'sent' });
  });
});
