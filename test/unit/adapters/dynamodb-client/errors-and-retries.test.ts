import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ConditionalCheckFailedException,
  DynamoDBDocumentClient,
  DynamoDBServiceError,
  GetCommand,
  ProvisionedThroughputExceededException,
  PutCommand,
} from '../../../../shared/adapters/dynamodb/document-client';
import { sdkMaxAttempts, sdkRequestTimeoutMs } from '../../../../shared/compose/timeouts';
import { isTransportFailure } from '../../../../shared/adapters/transport-errors';
import { captureServer } from '../../../helpers/capture-server';

let server: Awaited<ReturnType<typeof captureServer>>;
let client: DynamoDBDocumentClient;

beforeAll(async () => {
  server = await captureServer();
  client = new DynamoDBDocumentClient({ endpoint: server.url, region: 'eu-west-1', credentials: () => Promise.resolve({ accessKeyId: 'local', secretAccessKey: 'local' }) });
});

afterAll(() => server.close());

beforeEach(() => {
  server.requests.length = 0;
  server.replies.length = 0;
  server.hang = false;
});

const put = () => client.send(new PutCommand({ TableName: 'engine', Item: { PK: 'CUST#1', SK: 'OCC#1' }, ConditionExpression: 'attribute_not_exists(PK)' }));
const error = (type: string, message: Record<string, string>, status = 400) => ({ status, body: { __type: `com.amazonaws.dynamodb.v20120810#${type}`, ...message } });

describe('DynamoDB client: errors', () => {
  it('turns a failed condition into a ConditionalCheckFailedException the adapters catch with instanceof', async () => {
    server.replies.push(error('ConditionalCheckFailedException', { message: 'The conditional request failed' }));

    const failure = await put().catch((caught: unknown) => caught);

    expect(failure).toBeInstanceOf(ConditionalCheckFailedException);
    expect(failure).toBeInstanceOf(DynamoDBServiceError);
    expect(failure).toMatchObject({ name: 'ConditionalCheckFailedException', message: 'The conditional request failed', statusCode: 400 });
  });

  it('names any other error by its service type and keeps its message, whichever case the service spells it in', async () => {
    server.replies.push(error('ValidationException', { Message: 'One or more parameter values were invalid' }));

    const failure = await put().catch((caught: unknown) => caught);

    expect(failure).toBeInstanceOf(DynamoDBServiceError);
    expect(failure).not.toBeInstanceOf(ConditionalCheckFailedException);
    expect(failure).toMatchObject({ name: 'ValidationException', message: 'One or more parameter values were invalid' });
  });
});

describe('DynamoDB client: retries', () => {
  it('tries a throttled call again and returns what the last attempt got', async () => {
    server.replies.push(error('ProvisionedThroughputExceededException', { message: 'slow down' }), error('ThrottlingException', { message: 'slow down' }), { status: 200, body: { Item: { PK: { S: 'CUST#1' } } } });

    const { Item } = await client.send(new GetCommand({ TableName: 'engine', Key: { PK: 'CUST#1', SK: 'PROFILE' } }));

    expect(Item).toEqual({ PK: 'CUST#1' });
    expect(server.requests).toHaveLength(3);
    // Each attempt is signed afresh, and sends the same body.
    expect(new Set(server.requests.map((request) => request.body)).size).toBe(1);
  });

  it('tries again after a 5xx from the service', async () => {
    server.replies.push(error('InternalServerError', { message: 'oops' }, 500));

    await put();

    expect(server.requests).toHaveLength(2);
  });

  it('gives up after the configured attempts with the service error, for the adapters own retry loops', async () => {
    for (let attempt = 0; attempt < sdkMaxAttempts; attempt++) server.replies.push(error('ProvisionedThroughputExceededException', { message: 'slow down' }));

    await expect(put()).rejects.toBeInstanceOf(ProvisionedThroughputExceededException);
    expect(server.requests).toHaveLength(sdkMaxAttempts);
  });

  it('does not try a failed condition again: the answer would not change', async () => {
    server.replies.push(error('ConditionalCheckFailedException', { message: 'The conditional request failed' }));

    await expect(put()).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    expect(server.requests).toHaveLength(1);
  });

  it('does not try a validation error again', async () => {
    server.replies.push(error('ValidationException', { message: 'bad' }));

    await expect(put()).rejects.toMatchObject({ name: 'ValidationException' });
    expect(server.requests).toHaveLength(1);
  });
});

describe('DynamoDB client: timeouts', () => {
  it('gives up on a server that never answers with a TimeoutError, after the request timeout of each attempt', async () => {
    server.hang = true;
    const started = Date.now();

    const failure = await put().catch((caught: unknown) => caught);

    const elapsed = Date.now() - started;
    expect(failure).toMatchObject({ name: 'TimeoutError' });
    expect(isTransportFailure(failure)).toBe(true);
    expect(server.requests).toHaveLength(sdkMaxAttempts);
    expect(elapsed).toBeGreaterThanOrEqual(sdkMaxAttempts * sdkRequestTimeoutMs - 50);
    // Backoff between the attempts stays well under a second (shared/compose/timeouts.ts).
    expect(elapsed).toBeLessThan(sdkMaxAttempts * sdkRequestTimeoutMs + 1_500);
  }, 20_000);
});
