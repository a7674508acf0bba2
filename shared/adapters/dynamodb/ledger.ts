import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from './document-client';
import type { Channel } from '../../domain/customer';
import type { DueOccurrence } from '../../domain/journey/plan';
import { isFinishedSendStatus, SendStatus, type Ledger, type OccurrenceClaim, type SendClaim, type SendRef } from '../../ports/ledger';
import { queryAll } from './query-all';
import { attr, contactsKey, customerKey, itemType, occurrenceKey, openOccurrenceIndexKey, sendKey, sendSortKeyPrefix } from './keys';
import { parseContactsItem, parseSendItem } from './ledger-items';
import { occurrenceIdsToStore, sendIdsSetClause, storedMessages } from './ledger-stored-form';
import { createReconcileOperations, isConditionFailure, type LedgerContext } from './ledger-reconcile';
import { hasContact, noContacts, withSettled, type ContactHistory, type ContactLists } from '../../domain/policies/frequency-cap';
import { TransientDeliveryError } from '../../domain/errors';

/** Rounds of reading and writing the cap counter to settle an occurrence before giving up for a retry. */
const contactSettleRounds = 5;

const isSendStatus = (value: unknown): value is SendStatus => (SendStatus as readonly unknown[]).includes(value);

export interface DynamoLedgerOptions {
  /** Days a ledger item is kept before DynamoDB TTL may delete it (`LEDGER_RETENTION_DAYS`). */
  retentionDays?: number;
}

/** Default retention: a yearly occurrence must outlive its year, or it would be sent again. */
export const defaultLedgerRetentionDays = 400;

/**
 * The exactly-once ledger on DynamoDB conditional writes (no transactions: the local stack has
 * none, and each step is idempotent on its own). Occurrence and send items carry the table's TTL
 * attribute, `retentionDays` after their last write.
 */
export function createDynamoLedger(client: DynamoDBDocumentClient, tableName: string, options: DynamoLedgerOptions = {}): Ledger {
  const retentionSeconds = (options.retentionDays ?? defaultLedgerRetentionDays) * 86_400;
  const context: LedgerContext = {
    client,
    tableName,
    expiresAt: (now: Date) => Math.floor(now.getTime() / 1000) + retentionSeconds,
  };

  async function readContacts(customerId: string): Promise<ContactHistory> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: contactsKey(customerId), ConsistentRead: true }));
    return Item ? parseContactsItem(Item) : noContacts;
  }

  async function saveContacts(customerId: string, { contacts, settled }: ContactLists, expectedVersion: number, now: Date): Promise<boolean> {
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...contactsKey(customerId),
            type: itemType.contacts,
            contacts,
            settled,
            version: expectedVersion + 1,
            updatedAt: now.toISOString(),
            [attr.expiresAt]: context.expiresAt(now),
          },
          ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(#pk)' : 'version = :expected',
          ExpressionAttributeNames: expectedVersion === 0 ? { '#pk': attr.pk } : undefined,
          ExpressionAttributeValues: expectedVersion === 0 ? undefined : { ':expected': expectedVersion },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  return {
    ...createReconcileOperations(context),

    async claimOccurrence(occurrence: DueOccurrence, now: Date): Promise<OccurrenceClaim> {
      const key = occurrenceKey(occurrence.customerId, occurrence.journeyId, occurrence.occurrenceKey);
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...key,
              type: itemType.occurrence,
              ...occurrenceIdsToStore(key, occurrence.journeyId, occurrence.occurrenceKey),
              occurrenceDate: occurrence.occurrenceDate,
              status: 'claimed',
              // The claim's instant until the messages are queued: the reconciler's deadline counts from it.
              lastQueuedAt: now.toISOString(),
              // Enough to rebuild the dispatch messages if the queue loses them.
              messages: storedMessages(occurrence.journeyId, occurrence.messages),
              ...(occurrence.facts ? { facts: occurrence.facts } : {}),
              ...(occurrence.sendDate ? { sendDate: occurrence.sendDate } : {}),
              ...(occurrence.category ? { category: occurrence.category, priority: occurrence.priority } : {}),
              ...(occurrence.validUntil ? { validUntil: occurrence.validUntil } : {}),
              // Filed under the day its steps go out: the reconciler's deadline counts from it.
              ...openOccurrenceIndexKey(occurrence.sendDate ?? occurrence.occurrenceDate, occurrence.customerId, occurrence.journeyId, occurrence.occurrenceKey),
              [attr.expiresAt]: context.expiresAt(now),
            },
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': attr.pk },
          }),
        );
        return 'new';
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      const existing = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
      return existing.Item?.status === 'claimed' ? 'resume' : 'done';
    },

    async markOccurrenceQueued(occurrence, now) {
      // Which messages were queued and which left out for lack of consent is in `messages` already
      // (`contactable`): the item does not list them again.
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: occurrenceKey(occurrence.customerId, occurrence.journeyId, occurrence.occurrenceKey),
            UpdateExpression: 'SET #status = :queued, lastQueuedAt = :now',
            // A reconciler may have closed or expired it meanwhile: that is final, keep it.
            ConditionExpression: '#status IN (:claimed, :queued)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':queued': 'queued',
              ':claimed': 'claimed',
              ':now': now.toISOString(),
            },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },

    async claimSend(send: SendRef, channel: Channel, now: Date, leaseSeconds: number): Promise<SendClaim> {
      const key = sendKey(send.customerId, send.journeyId, send.occurrenceKey, send.messageId);
      const ids = sendIdsSetClause(key, send);
      try {
        // A send can be taken over only when its holder's lease has run out (the holder died
        // before recording an outcome), or when it was deferred and its due instant has come; a
        // live holder, a deferral not yet due or a finished send keeps it.
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key,
            UpdateExpression: `SET #type = :type, #status = :sending, leaseUntil = :leaseUntil, updatedAt = :now, channel = :channel${ids.assignments}, attempts = if_not_exists(attempts, :zero) + :one, #expiresAt = :expiresAt REMOVE dueAt`,
            ConditionExpression: 'attribute_not_exists(#pk) OR (#status = :sending AND leaseUntil < :now) OR (#status = :deferred AND dueAt <= :now)',
            ExpressionAttributeNames: { '#pk': attr.pk, '#status': 'status', '#type': 'type', '#expiresAt': attr.expiresAt },
            ExpressionAttributeValues: {
              ':expiresAt': context.expiresAt(now),
              ':type': itemType.send,
              ':sending': 'sending',
              ':deferred': 'deferred',
              ':leaseUntil': new Date(now.getTime() + leaseSeconds * 1000).toISOString(),
              ':now': now.toISOString(),
              ':channel': channel,
              ...ids.values,
              ':zero': 0,
              ':one': 1,
            },
          }),
        );
        return { outcome: 'claimed' };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      const existing = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
      const status: unknown = existing.Item?.status;
      const dueAt: unknown = existing.Item?.dueAt;
      if (status === 'deferred' && typeof dueAt === 'string') return { outcome: 'deferred', dueAt };
      if (isSendStatus(status) && isFinishedSendStatus(status)) return { outcome: 'finished', status };
      return { outcome: 'in-progress' };
    },

    async recordSendOutcome(send, outcome, now) {
      const values: Record<string, unknown> = { ':status': outcome.status, ':now': now.toISOString() };
      const names: Record<string, string> = { '#status': 'status' };
      const sets = ['#status = :status', 'updatedAt = :now'];
      // Named through placeholders: `location` is a DynamoDB reserved word.
      for (const field of ['providerMessageId', 'location', 'reason', 'dueAt'] as const) {
        if (outcome[field] !== undefined) {
          sets.push(`#${field} = :${field}`);
          names[`#${field}`] = field;
          values[`:${field}`] = outcome[field];
        }
      }
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: sendKey(send.customerId, send.journeyId, send.occurrenceKey, send.messageId),
          UpdateExpression: `SET ${sets.join(', ')} REMOVE leaseUntil${outcome.dueAt === undefined ? ', dueAt' : ''}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    },

    async listSends(customerId) {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': attr.pk, '#sk': attr.sk },
        ExpressionAttributeValues: { ':pk': customerKey(customerId).PK, ':prefix': sendSortKeyPrefix },
      });
      return items.map(parseSendItem);
    },

    readContacts,
    saveContacts,

    async settleOccurrence(occurrence, today, now) {
      // Another dispatch of the customer may write the counter meanwhile: read again and retry.
      for (let round = 1; round <= contactSettleRounds; round += 1) {
        const history = await readContacts(occurrence.customerId);
        const next = withSettled(history, occurrence, today);
        if (!next) return false;
        if (await saveContacts(occurrence.customerId, next, history.version, now)) return hasContact(history.contacts, occurrence);
      }
      throw new TransientDeliveryError('the frequency-cap counter kept changing while an occurrence was settled; retry');
    },
  };
}
