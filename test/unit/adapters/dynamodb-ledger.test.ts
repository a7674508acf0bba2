import { beforeEach, describe, expect, it } from 'vitest';
import { ConditionalCheckFailedException, GetCommand, ProvisionedThroughputExceededException, PutCommand, QueryCommand, UpdateCommand } from '../../../shared/adapters/dynamodb/document-client';
import { fakeDocumentClient } from '../../helpers/fake-document-client';
import { createDynamoLedger } from '../../../shared/adapters/dynamodb/ledger';
import { occurrenceKey, sendKey } from '../../../shared/adapters/dynamodb/keys';
import type { DueOccurrence } from '../../../shared/domain/journey/plan';
import type { SendRef } from '../../../shared/ports/ledger';

const tableName = 'engine-table';
const now = new Date('2026-03-14T09:00:00.000Z');

const dynamo = fakeDocumentClient();
const documentClient = dynamo.client;

function anOccurrence(overrides: Partial<DueOccurrence> = {}): DueOccurrence {
  return {
    journeyId: 'birthday',
    customerId: 'c-0001',
    occurrenceKey: '2026',
    occurrenceDate: '2026-03-14',
    messages: [
      { messageId: 'greeting-email', channel: 'email', template: 'birthday-email', contactable: true },
      { messageId: 'greeting-sms', channel: 'sms', template: 'birthday-sms', contactable: false },
    ],
    ...overrides,
  };
}

const aSendRef = (): SendRef => ({ customerId: 'c-0001', journeyId: 'birthday', occurrenceKey: '2026', messageId: 'greeting-email' });

const conditionFailed = () => new ConditionalCheckFailedException();

beforeEach(() => {
  dynamo.reset();
});

describe('DynamoDB ledger: claimOccurrence', () => {
  it('claims a new occurrence with a put that only succeeds when the item does not exist', async () => {
    dynamo.on(PutCommand).resolves({});
    const ledger = createDynamoLedger(documentClient, tableName);

    const claim = await ledger.claimOccurrence(anOccurrence(), now);

    expect(claim).toBe('new');
    const [put] = dynamo.commandCalls(PutCommand);
    expect(put!.args[0].input).toMatchObject({
      TableName: tableName,
      Item: { ...occurrenceKey('c-0001', 'birthday', '2026'), status: 'claimed', lastQueuedAt: now.toISOString(), occurrenceDate: '2026-03-14' },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': 'PK' },
    });
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(0);
  });

  it('stores neither the ids its key holds, nor the claim instant twice, nor a template its step name gives', async () => {
    dynamo.on(PutCommand).resolves({});
    const ledger = createDynamoLedger(documentClient, tableName);
    const occurrence = anOccurrence({
      messages: [
        { messageId: 'email', channel: 'email', template: 'birthday-email', contactable: true },
        { messageId: 'greeting-sms', channel: 'sms', template: 'birthday-sms', contactable: false },
      ],
    });

    await ledger.claimOccurrence(occurrence, now);

    const item = dynamo.commandCalls(PutCommand)[0]!.args[0].input.Item!;
    expect(Object.keys(item)).not.toEqual(expect.arrayContaining(['journeyId']));
    expect(item).not.toHaveProperty('occurrenceKey');
    expect(item).not.toHaveProperty('claimedAt');
    expect(item.messages).toEqual([
      { messageId: 'email', contactable: true },
      { messageId: 'greeting-sms', channel: 'sms', template: 'birthday-sms', contactable: false },
    ]);
  });

  it('reports the occurrence as done when it already exists with its messages queued', async () => {
    dynamo.on(PutCommand).rejects(conditionFailed());
    dynamo.on(GetCommand).resolves({ Item: { ...occurrenceKey('c-0001', 'birthday', '2026'), status: 'queued' } });
    const ledger = createDynamoLedger(documentClient, tableName);

    const claim = await ledger.claimOccurrence(anOccurrence(), now);

    expect(claim).toBe('done');
    const [get] = dynamo.commandCalls(GetCommand);
    expect(get!.args[0].input).toEqual({ TableName: tableName, Key: occurrenceKey('c-0001', 'birthday', '2026'), ConsistentRead: true });
  });

  it('resumes an occurrence an earlier run claimed but never marked queued', async () => {
    dynamo.on(PutCommand).rejects(conditionFailed());
    dynamo.on(GetCommand).resolves({ Item: { ...occurrenceKey('c-0001', 'birthday', '2026'), status: 'claimed' } });
    const ledger = createDynamoLedger(documentClient, tableName);

    const claim = await ledger.claimOccurrence(anOccurrence(), now);

    expect(claim).toBe('resume');
  });

  it('propagates errors other than a failed condition without reading the item', async () => {
    const throttled = new ProvisionedThroughputExceededException('slow down');
    dynamo.on(PutCommand).rejects(throttled);
    const ledger = createDynamoLedger(documentClient, tableName);

    await expect(ledger.claimOccurrence(anOccurrence(), now)).rejects.toBe(throttled);
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(0);
  });
});

describe('DynamoDB ledger: markOccurrenceQueued', () => {
  it('marks the occurrence queued at now, without listing again which messages its claim holds as contactable', async () => {
    dynamo.on(UpdateCommand).resolves({});
    const ledger = createDynamoLedger(documentClient, tableName);

    await ledger.markOccurrenceQueued(anOccurrence(), now);

    const [update] = dynamo.commandCalls(UpdateCommand);
    expect(update!.args[0].input.Key).toEqual(occurrenceKey('c-0001', 'birthday', '2026'));
    expect(update!.args[0].input.UpdateExpression).toBe('SET #status = :queued, lastQueuedAt = :now');
    expect(update!.args[0].input.ExpressionAttributeValues).toEqual({ ':queued': 'queued', ':claimed': 'claimed', ':now': now.toISOString() });
  });
});

describe('DynamoDB ledger: claimSend', () => {
  it('claims a send and takes a lease that ends lease seconds after now', async () => {
    dynamo.on(UpdateCommand).resolves({});
    const ledger = createDynamoLedger(documentClient, tableName);

    const claim = await ledger.claimSend(aSendRef(), 'email', now, 300);

    expect(claim).toEqual({ outcome: 'claimed' });
    const input = dynamo.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.Key).toEqual(sendKey('c-0001', 'birthday', '2026', 'greeting-email'));
    expect(input.ExpressionAttributeValues).toMatchObject({
      ':sending': 'sending',
      ':leaseUntil': '2026-03-14T09:05:00.000Z',
      ':now': now.toISOString(),
      ':channel': 'email',
    });
  });

  it('writes no journey, occurrence or message id its key holds', async () => {
    dynamo.on(UpdateCommand).resolves({});
    const ledger = createDynamoLedger(documentClient, tableName);

    await ledger.claimSend(aSendRef(), 'email', now, 300);

    const input = dynamo.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.UpdateExpression).not.toMatch(/journeyId|occurrenceKey|messageId/);
    expect(Object.values(input.ExpressionAttributeValues ?? {})).not.toContain('greeting-email');
  });

  it('allows taking over an existing send only while it is sending and its lease has expired, or deferred and due', async () => {
    dynamo.on(UpdateCommand).resolves({});
    const ledger = createDynamoLedger(documentClient, tableName);

    await ledger.claimSend(aSendRef(), 'email', now, 300);

    const input = dynamo.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.ConditionExpression).toBe('attribute_not_exists(#pk) OR (#status = :sending AND leaseUntil < :now) OR (#status = :deferred AND dueAt <= :now)');
    expect(input.ExpressionAttributeNames).toMatchObject({ '#pk': 'PK', '#status': 'status' });
    // The lease compares as ISO strings: both sides must be in the same fixed-width UTC format.
    expect(input.ExpressionAttributeValues?.[':now']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(input.ExpressionAttributeValues?.[':leaseUntil']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it.each(['sent', 'skipped', 'failed'] as const)('reports a send already %s as finished with that status', async (status) => {
    dynamo.on(UpdateCommand).rejects(conditionFailed());
    dynamo.on(GetCommand).resolves({ Item: { ...sendKey('c-0001', 'birthday', '2026', 'greeting-email'), status } });
    const ledger = createDynamoLedger(documentClient, tableName);

    const claim = await ledger.claimSend(aSendRef(), 'email', now, 300);

    expect(claim).toEqual({ outcome: 'finished', status });
  });

  it('reports a send held by a live lease as in progress', async () => {
    dynamo.on(UpdateCommand).rejects(conditionFailed());
    dynamo.on(GetCommand).resolves({
      Item: { ...sendKey('c-0001', 'birthday', '2026', 'greeting-email'), status: 'sending', leaseUntil: '2026-03-14T09:03:00.000Z' },
    });
    const ledger = createDynamoLedger(documentClient, tableName);

    const claim = await ledger.claimSend(aSendRef(), 'email', now, 300);

    expect(claim).toEqual({ outcome: 'in-progress' });
    expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input).toMatchObject({ ConsistentRead: true });
  });

  it('propagates errors other than a failed condition', async () => {
    const throttled = new ProvisionedThroughputExceededException('slow down');
    dynamo.on(UpdateCommand).rejects(throttled);
    const ledger = createDynamoLedger(documentClient, tableName);

    await expect(ledger.claimSend(aSendRef(), 'email', now, 300)).rejects.toBe(throttled);
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(0);
  });
});

describe('DynamoDB ledger: recordSendOutcome', () => {
  it('names location through an expression attribute name because it is a reserved word', async () => {
    dynamo.on(UpdateCommand).resolves({});
    const ledger = createDynamoLedger(documentClient, tableName);

    await ledger.recordSendOutcome(aSendRef(), { status: 'sent', channel: 'print', location: 's3://print/2026-03-14/c-0001.pdf' }, now);

    const input = dynamo.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.UpdateExpression).toContain('#location = :location');
    expect(input.UpdateExpression).not.toMatch(/(^|[\s,])location\s*=/);
    expect(input.ExpressionAttributeNames).toMatchObject({ '#location': 'location', '#status': 'status' });
    expect(input.ExpressionAttributeValues).toMatchObject({ ':location': 's3://print/2026-03-14/c-0001.pdf', ':status': 'sent', ':now': now.toISOString() });
  });

  it('sets only the outcome fields present and releases the lease', async () => {
    dynamo.on(UpdateCommand).resolves({});
    const ledger = createDynamoLedger(documentClient, tableName);

    await ledger.recordSendOutcome(aSendRef(), { status: 'sent', channel: 'email', providerMessageId: 'ses-123' }, now);

    const input = dynamo.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.Key).toEqual(sendKey('c-0001', 'birthday', '2026', 'greeting-email'));
    expect(input.UpdateExpression).toBe('SET #status = :status, updatedAt = :now, #providerMessageId = :providerMessageId REMOVE leaseUntil, dueAt');
    expect(Object.keys(input.ExpressionAttributeValues ?? {}).sort()).toEqual([':now', ':providerMessageId', ':status']);
  });
});

describe('DynamoDB ledger: listSends', () => {
  it('follows LastEvaluatedKey and returns the sends of every page', async () => {
    const lastKey = sendKey('c-0001', 'birthday', '2026', 'greeting-email');
    dynamo
      .on(QueryCommand)
      .resolvesOnce({
        Items: [{ ...lastKey, journeyId: 'birthday', occurrenceKey: '2026', messageId: 'greeting-email', channel: 'email', status: 'sent', updatedAt: '2026-03-14T09:00:01.000Z', providerMessageId: 'ses-1' }],
        LastEvaluatedKey: lastKey,
      })
      .resolvesOnce({
        Items: [
          {
            ...sendKey('c-0001', 'birthday', '2026', 'card'),
            journeyId: 'birthday',
            occurrenceKey: '2026',
            messageId: 'card',
            channel: 'print',
            status: 'failed',
            updatedAt: '2026-03-14T09:00:02.000Z',
            reason: 'no postal address',
          },
        ],
      });
    const ledger = createDynamoLedger(documentClient, tableName);

    const sends = await ledger.listSends('c-0001');

    expect(sends).toEqual([
      { customerId: 'c-0001', journeyId: 'birthday', occurrenceKey: '2026', messageId: 'greeting-email', channel: 'email', status: 'sent', updatedAt: '2026-03-14T09:00:01.000Z', providerMessageId: 'ses-1' },
      { customerId: 'c-0001', journeyId: 'birthday', occurrenceKey: '2026', messageId: 'card', channel: 'print', status: 'failed', updatedAt: '2026-03-14T09:00:02.000Z', reason: 'no postal address' },
    ]);
    const queries = dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(queries).toHaveLength(2);
    expect(queries[0]!.ExclusiveStartKey).toBeUndefined();
    expect(queries[1]!.ExclusiveStartKey).toEqual(lastKey);
    expect(queries[0]!.ExpressionAttributeValues).toEqual({ ':pk': 'CUST#c-0001', ':prefix': 'SEND#' });
  });
});

describe('DynamoDB ledger: retention and the open-occurrence index', () => {
  const inDays = (days: number) => Math.floor(now.getTime() / 1000) + days * 86_400;

  it('writes the TTL attribute on a claimed occurrence, the retention from the options', async () => {
    dynamo.on(PutCommand).resolves({});
    const ledger = createDynamoLedger(documentClient, tableName, { retentionDays: 30 });

    await ledger.claimOccurrence(anOccurrence(), now);

    expect(dynamo.commandCalls(PutCommand)[0]!.args[0].input.Item).toMatchObject({ expiresAt: inDays(30) });
  });

  it('keeps ledger items 400 days by default', async () => {
    dynamo.on(PutCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({});
    const ledger = createDynamoLedger(documentClient, tableName);

    await ledger.claimOccurrence(anOccurrence(), now);
    await ledger.claimSend(aSendRef(), 'email', now, 90);

    expect(dynamo.commandCalls(PutCommand)[0]!.args[0].input.Item).toMatchObject({ expiresAt: inDays(400) });
    const update = dynamo.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(update.UpdateExpression).toContain('#expiresAt = :expiresAt');
    expect(update.ExpressionAttributeNames).toMatchObject({ '#expiresAt': 'expiresAt' });
    expect(update.ExpressionAttributeValues).toMatchObject({ ':expiresAt': inDays(400) });
  });

  it('files a claimed occurrence as open under its date, with the messages needed to send it again', async () => {
    dynamo.on(PutCommand).resolves({});
    const ledger = createDynamoLedger(documentClient, tableName);

    await ledger.claimOccurrence(anOccurrence(), now);

    const item = dynamo.commandCalls(PutCommand)[0]!.args[0].input.Item!;
    expect(item.GSI1PK).toMatch(/^OPEN#2026-03-14#[0-3]$/);
    expect(item.messages).toEqual(anOccurrence().messages);
    expect(item.lastQueuedAt).toBe(now.toISOString());
  });

  it.each(['closed', 'expired'])('reports an occurrence already %s as done', async (status) => {
    dynamo.on(PutCommand).rejects(conditionFailed());
    dynamo.on(GetCommand).resolves({ Item: { ...occurrenceKey('c-0001', 'birthday', '2026'), status } });
    const ledger = createDynamoLedger(documentClient, tableName);

    expect(await ledger.claimOccurrence(anOccurrence(), now)).toBe('done');
  });

  it('reports an expired send as finished, so a late copy of its message sends nothing', async () => {
    dynamo.on(UpdateCommand).rejects(conditionFailed());
    dynamo.on(GetCommand).resolves({ Item: { ...sendKey('c-0001', 'birthday', '2026', 'greeting-email'), status: 'expired' } });
    const ledger = createDynamoLedger(documentClient, tableName);

    expect(await ledger.claimSend(aSendRef(), 'email', now, 90)).toEqual({ outcome: 'finished', status: 'expired' });
  });
});
