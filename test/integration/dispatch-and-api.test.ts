import { createServer } from 'node:net';
import { request } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { UpdateCommand } from '../../shared/adapters/dynamodb/document-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerKey } from '../../shared/adapters/dynamodb/keys';
import type { DispatchMessage } from '../../shared/domain/dispatch-message';
import { drainQueue } from '../../local/run-day';
import { startApiServer } from '../../local/api-server';
import { httpApiEvent, lambdaContext, sqsEvent } from '../../local/lambda-events';
import { PortInUseError, startLocalStack } from '../../local/servers';
import { aCustomerContext } from '../helpers/factories';
import { putCustomers, startTestEngine, storedEmails } from '../helpers/local-engine';
import { aKey, invokeApi } from '../helpers/event-api';

const message = (overrides: Partial<DispatchMessage> = {}): DispatchMessage => ({
  version: 1,
  journeyId: 'birthday',
  occurrenceKey: '2026',
  occurrenceDate: '2026-03-14',
  customerId: 'ann',
  messageId: 'email',
  channel: 'email',
  template: 'birthday-email',
  ...overrides,
});

describe('dispatch and the HTTP API on the local stack', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let key: string;

  beforeAll(async () => {
    engine = await startTestEngine();
    key = await aKey(engine, { kind: 'dealer', dealerId: 'dealer-sh' });
    await putCustomers(engine, [
      aCustomerContext({ id: 'ann', email: 'ann@example.com' }),
      aCustomerContext({ id: 'bob', email: 'bob@example.com', phone: '+447911123457' }),
      aCustomerContext({ id: 'bad-phone', phone: '+44123' }),
    ], { from: '2026-03-14' });
  });

  afterAll(async () => {
    await engine?.cleanUp();
  });

  it('reports only the malformed record of a batch as failed and sends the rest', async () => {
    const event = sqsEvent(
      [
        { MessageId: 'good', ReceiptHandle: 'r1', Body: JSON.stringify(message()) },
        { MessageId: 'broken', ReceiptHandle: 'r2', Body: '{"version":1,"journeyId":' },
      ],
      'arn:aws:sqs:us-east-1:000000000000:dispatch',
    );

    const response = await engine.handlers.dispatch(event, lambdaContext('dispatch-messages'));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'broken' }]);
    expect((await storedEmails(engine)).filter((email) => email.destination.to.includes('ann@example.com'))).toHaveLength(1);
  });

  it('sends a redelivered message only once', async () => {
    const body = JSON.stringify(message({ customerId: 'bob' }));
    const sendOnce = () => engine.sqs.send(new SendMessageBatchCommand({ QueueUrl: engine.queueUrl, Entries: [{ Id: 'm', MessageBody: body }] }));

    await sendOnce();
    const first = await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);
    await sendOnce();
    const redelivered = await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);

    expect(first).toMatchObject({ delivered: 1, failed: 0 });
    expect(redelivered).toMatchObject({ delivered: 1, failed: 0 });
    expect((await storedEmails(engine)).filter((email) => email.destination.to.includes('bob@example.com'))).toHaveLength(1);
  });

  it('holds back a concurrent duplicate for a later retry instead of sending it twice', async () => {
    const body = JSON.stringify(message({ customerId: 'bob', occurrenceKey: '2027', occurrenceDate: '2027-03-14' }));
    const event = sqsEvent(
      [
        { MessageId: 'one', ReceiptHandle: 'r1', Body: body },
        { MessageId: 'two', ReceiptHandle: 'r2', Body: body },
      ],
      'arn:aws:sqs:us-east-1:000000000000:dispatch',
    );

    const response = await engine.handlers.dispatch(event, lambdaContext('dispatch-messages'));

    expect(response.batchItemFailures).toHaveLength(1);
    const toBob = (await storedEmails(engine)).filter((email) => email.destination.to.includes('bob@example.com'));
    expect(toBob).toHaveLength(2); // one for 2026 (previous test), one for 2027
  });

  it('skips a message when consent was withdrawn after it was queued', async () => {
    await engine.dynamo.send(
      new UpdateCommand({
        TableName: engine.tableName,
        Key: customerKey('bob'),
        UpdateExpression: 'SET consent.sms = :withdrawn',
        ExpressionAttributeValues: { ':withdrawn': { granted: false, source: 'sms-stop-reply', at: '2026-03-14T00:00:00Z' } },
      }),
    );
    const event = sqsEvent(
      [{ MessageId: 'sms', ReceiptHandle: 'r', Body: JSON.stringify(message({ customerId: 'bob', messageId: 'sms', channel: 'sms', template: 'birthday-sms' })) }],
      'arn:aws:sqs:us-east-1:000000000000:dispatch',
    );

    const response = await engine.handlers.dispatch(event, lambdaContext('dispatch-messages'));

    expect(response.batchItemFailures).toEqual([]);
    const outbox = existsSync(engine.paths.smsOutbox) ? await readFile(engine.paths.smsOutbox, 'utf8') : '';
    expect(outbox).not.toContain('+447911123457');
  });

  it('records an invalid phone number as a failed send instead of retrying it', async () => {
    // Planned at 10:00 London time, inside the SMS window whatever hour the suite runs at (the local
    // engine judges quiet hours at `plannedAt`), so the phone check is reached.
    const planned = { plannedAt: '2026-03-14T10:00:00.000Z' };
    const event = sqsEvent(
      [{ MessageId: 'sms', ReceiptHandle: 'r', Body: JSON.stringify(message({ customerId: 'bad-phone', messageId: 'sms', channel: 'sms', template: 'birthday-sms', ...planned })) }],
      'arn:aws:sqs:us-east-1:000000000000:dispatch',
    );

    const response = await engine.handlers.dispatch(event, lambdaContext('dispatch-messages'));
    const api = await invokeApi(engine, key, 'GET', '/v1/customers/bad-phone/messages');

    expect(response.batchItemFailures).toEqual([]);
    expect(api).toMatchObject({ statusCode: 200 });
    expect(api.body.messages).toEqual([
      expect.objectContaining({ journeyId: 'birthday', channel: 'sms', status: 'failed', reason: 'phone number is not a valid mobile number' }),
    ]);
  });

  it('answers a malformed customer id with a problem+json 400 naming the field', async () => {
    const result = await invokeApi(engine, key, 'GET', '/v1/customers/not%20valid!/messages');

    expect(result.statusCode).toBe(400);
    expect(result.contentType).toBe('application/problem+json');
    expect(result.body.errors).toEqual([{ field: 'path.customerId', message: expect.any(String) }]);
  });

  it('answers a malformed percent-escape in the path with 400, not 500', async () => {
    const result = await invokeApi(engine, key, 'GET', '/v1/customers/%E0/messages');

    expect(result.statusCode).toBe(400);
  });

  it('answers an unknown route with 404 and the health check with 200', async () => {
    const call = (path: string) =>
      engine.handlers.api(httpApiEvent({ method: 'GET', path, headers: {}, sourceIp: '127.0.0.1' }), lambdaContext('engine-api')) as Promise<{ statusCode: number }>;

    expect((await call('/nowhere')).statusCode).toBe(404);
    expect((await call('/health')).statusCode).toBe(200);
  });

  it('serves hostile paths through the real API handler as 4xx problems and keeps answering /health', async () => {
    const { server, url } = await startApiServer(engine.handlers.api, 0);
    const { port } = new URL(url);
    // http.request sends the path as given; fetch would normalise it.
    const get = (path: string) =>
      new Promise<{ status: number; type: string | undefined }>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path, method: 'GET' }, (response) => {
          response.resume();
          response.on('end', () => resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'] }));
        })
          .on('error', reject)
          .end();
      });

    try {
      for (const path of ['//', '///', '/\\', '//a:99999']) {
        const response = await get(path);
        expect(response.status, path).toBeGreaterThanOrEqual(400);
        expect(response.status, path).toBeLessThan(500);
        expect(response.type, path).toBe('application/problem+json');
      }
      expect((await get('/health')).status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('names the port and the option to change it when a port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const taken = (blocker.address() as { port: number }).port;

    try {
      await expect(startLocalStack({ ports: { dynamodb: 0, sqs: 0, ses: taken } })).rejects.toThrow(
        new PortInUseError('SES (aws-ses-v2-local)', taken, '--ses-port'),
      );
      await expect(startLocalStack({ ports: { dynamodb: taken, sqs: 0, ses: 0 } })).rejects.toThrow(/--dynamodb-port/);
    } finally {
      blocker.close();
    }
  });
});
