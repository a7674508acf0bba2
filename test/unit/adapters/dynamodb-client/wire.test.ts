import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand as SdkBatchGetCommand,
  BatchWriteCommand as SdkBatchWriteCommand,
  DynamoDBDocumentClient as SdkDocumentClient,
  GetCommand as SdkGetCommand,
  PutCommand as SdkPutCommand,
  QueryCommand as SdkQueryCommand,
  UpdateCommand as SdkUpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '../../../../shared/adapters/dynamodb/document-client';
import { captureServer, type CapturedRequest } from '../../../helpers/capture-server';
import { instantOfAmzDate, smithySign } from './smithy-signer';

const region = 'eu-west-1';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN' };

let server: Awaited<ReturnType<typeof captureServer>>;
let ours: DynamoDBDocumentClient;
let sdk: SdkDocumentClient;

beforeAll(async () => {
  server = await captureServer();
  ours = new DynamoDBDocumentClient({ endpoint: server.url, region, credentials: () => Promise.resolve(credentials), maxAttempts: 1 });
  sdk = SdkDocumentClient.from(new DynamoDBClient({ endpoint: server.url, region, credentials, maxAttempts: 1 }), { marshallOptions: { removeUndefinedValues: true } });
});

afterAll(() => server.close());

beforeEach(() => {
  server.requests.length = 0;
  server.replies.length = 0;
});

const header = (request: CapturedRequest, name: string) => String(request.headers[name]);

/**
 * Verifies a captured request's signature the way AWS does: signs its signed headers and body
 * again, with the secret and the request's own date, using the AWS SDK's signer.
 */
async function resignedAuthorization(request: CapturedRequest): Promise<string> {
  const signedNames = /SignedHeaders=([^,]+)/.exec(header(request, 'authorization'))![1]!.split(';');
  // The signer adds these itself, from the date, the credentials and the body.
  const added = new Set(['x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256']);
  const headers = Object.fromEntries(signedNames.filter((name) => !added.has(name)).map((name) => [name, header(request, name)]));
  const signed = await smithySign(
    { method: request.method, hostname: '127.0.0.1', port: server.port, path: request.path, headers, body: request.body },
    { credentials, region, service: 'dynamodb', at: instantOfAmzDate(header(request, 'x-amz-date')) },
  );
  return signed.authorization!;
}

const anUpdate = {
  TableName: 'engine',
  Key: { PK: 'CUST#c-0001', SK: 'SEND#birthday#2026#email' },
  UpdateExpression: 'SET #status = :sent, attempts = attempts + :one, tags = :tags',
  ConditionExpression: '#status = :claimed',
  ExpressionAttributeNames: { '#status': 'status' },
  ExpressionAttributeValues: { ':sent': 'sent', ':claimed': 'claimed', ':one': 1, ':tags': { channel: 'email', locale: 'zh', gone: undefined } },
};

describe('DynamoDB client: the request it sends', () => {
  it('is DynamoDB JSON protocol, signed so that AWS verifies it, and matches what the AWS SDK sends', async () => {
    await ours.send(new UpdateCommand(anUpdate));
    await sdk.send(new SdkUpdateCommand(anUpdate));
    const [mine, theirs] = server.requests as [CapturedRequest, CapturedRequest];

    expect(mine.method).toBe('POST');
    expect(mine.path).toBe('/');
    expect(header(mine, 'x-amz-target')).toBe('DynamoDB_20120810.UpdateItem');
    expect(header(mine, 'content-type')).toBe('application/x-amz-json-1.0');
    // The host with its port, as the request line's authority: a signature over `127.0.0.1` alone would not verify.
    expect(header(mine, 'host')).toBe(`127.0.0.1:${server.port}`);
    expect(header(mine, 'x-amz-date')).toMatch(/^\d{8}T\d{6}Z$/);
    expect(header(mine, 'x-amz-security-token')).toBe(credentials.sessionToken);
    expect(header(mine, 'x-amz-content-sha256')).toBe(createHash('sha256').update(mine.body).digest('hex'));
    expect(header(mine, 'authorization')).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/${region}/dynamodb/aws4_request, SignedHeaders=([a-z0-9-]+;)*host;([a-z0-9-]+;)*x-amz-security-token;x-amz-target, Signature=[0-9a-f]{64}$`));
    expect(header(mine, 'authorization')).toBe(await resignedAuthorization(mine));
    expect(header(mine, 'authorization')).toContain('content-type;');

    expect(header(mine, 'x-amz-target')).toBe(header(theirs, 'x-amz-target'));
    expect(header(mine, 'content-type')).toBe(header(theirs, 'content-type'));
    expect(header(mine, 'host')).toBe(header(theirs, 'host'));
    expect(header(mine, 'x-amz-security-token')).toBe(header(theirs, 'x-amz-security-token'));
    expect(header(theirs, 'x-amz-date')).toMatch(/^\d{8}T\d{6}Z$/);
    expect(JSON.parse(mine.body)).toEqual(JSON.parse(theirs.body));
  });

  it('leaves the session token out when the credentials have none, and still verifies', async () => {
    const { sessionToken: _none, ...longTerm } = credentials;
    const client = new DynamoDBDocumentClient({ endpoint: server.url, region, credentials: () => Promise.resolve(longTerm), maxAttempts: 1 });

    await client.send(new GetCommand({ TableName: 'engine', Key: { PK: 'CUST#c-0001', SK: 'PROFILE' } }));

    const [request] = server.requests as [CapturedRequest];
    expect(request.headers['x-amz-security-token']).toBeUndefined();
    const signed = await smithySign(
      { method: 'POST', hostname: '127.0.0.1', port: server.port, path: '/', headers: { 'content-type': header(request, 'content-type'), 'x-amz-target': header(request, 'x-amz-target'), host: header(request, 'host'), 'content-length': header(request, 'content-length') }, body: request.body },
      { credentials: longTerm, region, service: 'dynamodb', at: instantOfAmzDate(header(request, 'x-amz-date')) },
    );
    expect(header(request, 'authorization')).toBe(signed.authorization);
  });

  it('fails with a clear error, sending nothing, when the environment holds no credentials', async () => {
    const client = new DynamoDBDocumentClient({ endpoint: server.url, region });
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    try {
      await expect(client.send(new GetCommand({ TableName: 'engine', Key: { PK: 'x', SK: 'y' } }))).rejects.toThrow(/no AWS credentials; set AWS_ACCESS_KEY_ID/);
    } finally {
      if (saved.id !== undefined) process.env.AWS_ACCESS_KEY_ID = saved.id;
      if (saved.secret !== undefined) process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    }
    expect(server.requests).toHaveLength(0);
  });
});

// Every kind of value the adapters store: strings (CJK too), integers and decimals, booleans,
// null, lists and maps nested, string sets, and optional fields left undefined.
const scalar = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 0, maxLength: 12 }),
  fc.integer({ min: -1e12, max: 1e12 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
  fc.boolean(),
  fc.constant(null),
);
const attributeName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,8}$/);
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(attributeName, fc.oneof(tie('value'), fc.constant(undefined)), { maxKeys: 4 }),
    fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 }).map((strings) => new Set(strings)),
  ),
}));
const item = fc.dictionary(attributeName, fc.oneof(value, fc.constant(undefined)), { maxKeys: 6 }).map((rest) => ({ ...rest, PK: 'CUST#c-0001', SK: 'PROFILE' }));

describe('DynamoDB client: values', () => {
  it('marshals an item as lib-dynamodb does, and reads it back as lib-dynamodb does', async () => {
    await fc.assert(
      fc.asyncProperty(item, async (anItem) => {
        server.requests.length = 0;
        await ours.send(new PutCommand({ TableName: 'engine', Item: anItem }));
        await sdk.send(new SdkPutCommand({ TableName: 'engine', Item: anItem }));
        const [mine, theirs] = server.requests as [CapturedRequest, CapturedRequest];
        expect(JSON.parse(mine.body)).toEqual(JSON.parse(theirs.body));

        const stored = (JSON.parse(theirs.body) as { Item: unknown }).Item;
        server.replies.push({ status: 200, body: { Item: stored } }, { status: 200, body: { Item: stored } });
        const key = { PK: 'CUST#c-0001', SK: 'PROFILE' };
        const read = await ours.send(new GetCommand({ TableName: 'engine', Key: key }));
        const sdkRead = await sdk.send(new SdkGetCommand({ TableName: 'engine', Key: key }));
        expect(read.Item).toEqual(sdkRead.Item);
      }),
      { numRuns: 60 },
    );
  });
});

describe('DynamoDB client: batches and pages', () => {
  const key = (id: string) => ({ PK: `CUST#${id}`, SK: 'PROFILE' });
  const wireKey = (id: string) => ({ PK: { S: `CUST#${id}` }, SK: { S: 'PROFILE' } });
  const withoutMetadata = <T extends { $metadata?: unknown }>({ $metadata: _metadata, ...rest }: T) => rest;

  /** Sends one command through both clients, each answered with the same wire reply: what each sent, and what each read. */
  async function both<O extends { $metadata?: unknown }>(reply: unknown, send: (client: 'ours' | 'sdk') => Promise<O>) {
    server.requests.length = 0;
    server.replies.push({ status: 200, body: reply }, { status: 200, body: reply });
    const mine = await send('ours');
    const theirs = await send('sdk');
    const [sentMine, sentTheirs] = server.requests as [CapturedRequest, CapturedRequest];
    return { sent: [JSON.parse(sentMine.body) as unknown, JSON.parse(sentTheirs.body) as unknown], read: [withoutMetadata(mine), withoutMetadata(theirs)] };
  }

  it('sends a batch write and reads its unprocessed items back as lib-dynamodb does', async () => {
    const input = { RequestItems: { engine: [{ PutRequest: { Item: { ...key('a'), n: 1, gone: undefined } } }, { DeleteRequest: { Key: key('b') } }] } };
    const reply = { UnprocessedItems: { engine: [{ PutRequest: { Item: { ...wireKey('a'), n: { N: '1' } } } }, { DeleteRequest: { Key: wireKey('b') } }] } };

    const { sent, read } = await both(reply, (client) => (client === 'ours' ? ours.send(new BatchWriteCommand(input)) : sdk.send(new SdkBatchWriteCommand(input))));

    expect(sent[0]).toEqual(sent[1]);
    expect(read[0]).toEqual(read[1]);
    expect(read[0].UnprocessedItems?.engine?.[0]?.PutRequest?.Item).toEqual({ ...key('a'), n: 1 });
  });

  it('sends a batch get and reads its responses and unprocessed keys back as lib-dynamodb does', async () => {
    const input = { RequestItems: { engine: { Keys: [key('a'), key('b')], ConsistentRead: true } } };
    const reply = { Responses: { engine: [{ ...wireKey('a'), tier: { S: 'gold' } }] }, UnprocessedKeys: { engine: { Keys: [wireKey('b')], ConsistentRead: true } } };

    const { sent, read } = await both(reply, (client) => (client === 'ours' ? ours.send(new BatchGetCommand(input)) : sdk.send(new SdkBatchGetCommand(input))));

    expect(sent[0]).toEqual(sent[1]);
    expect(read[0]).toEqual(read[1]);
    expect(read[0].UnprocessedKeys?.engine?.Keys).toEqual([key('b')]);
  });

  it('sends a query with its start key and reads items and the last key back as lib-dynamodb does', async () => {
    const input = { TableName: 'engine', KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': 'CUST#a' }, ExclusiveStartKey: key('a'), Limit: 2 };
    const reply = { Items: [{ ...wireKey('a'), visits: { L: [{ M: { on: { S: '2026-03-14' }, km: { N: '41800' } } }] } }], Count: 1, ScannedCount: 1, LastEvaluatedKey: wireKey('a') };

    const { sent, read } = await both(reply, (client) => (client === 'ours' ? ours.send(new QueryCommand(input)) : sdk.send(new SdkQueryCommand(input))));

    expect(sent[0]).toEqual(sent[1]);
    expect(read[0]).toEqual(read[1]);
    expect(read[0].Items).toEqual([{ ...key('a'), visits: [{ on: '2026-03-14', km: 41800 }] }]);
  });
});
