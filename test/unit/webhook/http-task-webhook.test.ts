import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpTaskWebhook, WebhookSecretMissingError } from '../../../shared/adapters/webhook/http-task-webhook';
import { verifyWebhookSignature } from '../../../shared/adapters/webhook/signature';
import { PermanentDeliveryError, TransientDeliveryError } from '../../../shared/domain/errors';
import type { WebhookSecrets } from '../../../shared/ports/tasks';
import { aTask } from '../../helpers/tasks';

const secret = 'whsec_sydney_0123456789abcdef0123456789ab';
const now = new Date('2026-03-14T09:00:00.000Z');
const secrets: WebhookSecrets = { secretsFor: async (dealerId) => (dealerId === 'dealer-sydney' ? [secret] : []) };

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A dealer's CRM on loopback: records each request and answers as the test says. */
describe('the CRM task webhook over HTTP', () => {
  let server: Server;
  let url: string;
  let received: Received[];
  let answer: (response: ServerResponse) => void;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        answer(response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/tasks`;
  });

  beforeEach(() => {
    received = [];
    answer = (response) => response.writeHead(204).end();
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const webhook = (timeoutMs = 2_000) => createHttpTaskWebhook({ secrets, timeoutMs, clock: () => now });

  it('posts the task as JSON with a signature the CRM verifies with its secret', async () => {
    const task = aTask();

    const result = await webhook().deliverTask({ url, task });

    expect(result).toEqual({ deliveryId: task.id });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request!.body)).toEqual({ type: 'task.created', id: task.id, createdAt: task.createdAt, task });
    expect(verifyWebhookSignature(request!.headers['dealer-journeys-signature'] as string, request!.body, [secret], now)).toEqual({
      valid: true,
      timestamp: now.getTime() / 1000,
    });
  });

  it('throws a retryable error on a 5xx, 429 or 408 answer', async () => {
    for (const status of [500, 503, 429, 408]) {
      answer = (response) => response.writeHead(status).end('busy');

      await expect(webhook().deliverTask({ url, task: aTask() })).rejects.toBeInstanceOf(TransientDeliveryError);
    }
  });

  it('records a 4xx answer as the CRM refusing the task, never retried', async () => {
    answer = (response) => response.writeHead(422).end('{"error":"unknown customer"}');

    const failure = await webhook().deliverTask({ url, task: aTask() }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(PermanentDeliveryError);
    expect(failure).not.toBeInstanceOf(TransientDeliveryError);
    expect((failure as Error).message).toBe('crm-webhook-rejected: HTTP 422');
  });

  it('does not follow a redirect with the signed body', async () => {
    answer = (response) => response.writeHead(307, { location: 'https://elsewhere.example/steal' }).end();

    await expect(webhook().deliverTask({ url, task: aTask() })).rejects.toBeInstanceOf(PermanentDeliveryError);
    expect(received).toHaveLength(1);
  });

  it('gives up on a CRM that does not answer within the timeout, as retryable', async () => {
    answer = () => undefined; // accepts the request, never answers
    const started = Date.now();

    await expect(webhook(200).deliverTask({ url, task: aTask() })).rejects.toBeInstanceOf(TransientDeliveryError);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('treats a refused connection as retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    await expect(webhook().deliverTask({ url: `http://127.0.0.1:${port}/`, task: aTask() })).rejects.toBeInstanceOf(TransientDeliveryError);
  });

  it('posts nothing and asks to retry later when the dealer has no signing secret yet', async () => {
    const failure = await webhook().deliverTask({ url, task: aTask({ dealerId: 'dealer-without-secret' }) }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(WebhookSecretMissingError);
    expect(received).toHaveLength(0);
  });
});
