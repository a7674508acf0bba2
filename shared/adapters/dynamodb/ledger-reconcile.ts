/**
 * The ledger operations of the reconciler: find open occurrences by date on the sparse GSI1 entry,
 * read their sends, and move occurrences and sends to their final states with conditional writes.
 */
import { ConditionalCheckFailedException, UpdateCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from './document-client';
import type { Ledger, OccurrenceRef, OpenOccurrence } from '../../ports/ledger';
import { queryAll } from './query-all';
import { attr, itemType, occurrenceKey, occurrenceSendsPrefix, openOccurrenceIndex, openOccurrencePartition, openOccurrenceShards, customerKey, sendKey } from './keys';
import { parseOpenOccurrence, parseSendItem } from './ledger-items';
import { sendIdsSetClause } from './ledger-stored-form';

export const isConditionFailure = (error: unknown): boolean => error instanceof ConditionalCheckFailedException;

export interface LedgerContext {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** The TTL attribute's value for an item written at `now`. */
  expiresAt(now: Date): number;
}

/** A lease end in the past for any clock: releasing a lease makes the send claimable at once. */
const releasedLease = new Date(0).toISOString();

type ReconcileOperations = Pick<
  Ledger,
  'listOpenOccurrences' | 'listOccurrenceSends' | 'markOccurrenceRedriven' | 'closeOccurrence' | 'expireOccurrence' | 'expireSend' | 'releaseSend'
>;

export function createReconcileOperations({ client, tableName, expiresAt }: LedgerContext): ReconcileOperations {
  /** Runs a conditional update; `false` when the condition failed (someone moved the item on). */
  const updateIf = async (input: Omit<UpdateCommandInput, 'TableName'>): Promise<boolean> => {
    try {
      await client.send(new UpdateCommand({ TableName: tableName, ...input }));
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return false;
    }
  };

  /** Leaves the open set: a closed or expired occurrence is final, and drops its index entry. */
  const finishOccurrence = (occurrence: OccurrenceRef, status: 'closed' | 'expired', now: Date, reason?: string) =>
    updateIf({
      Key: occurrenceKey(occurrence.customerId, occurrence.journeyId, occurrence.occurrenceKey),
      UpdateExpression: `SET #status = :final, finishedAt = :now, #expiresAt = :expiresAt${reason ? ', reason = :reason' : ''} REMOVE #gsi1pk, #gsi1sk`,
      ConditionExpression: '#status IN (:claimed, :queued)',
      ExpressionAttributeNames: { '#status': 'status', '#expiresAt': attr.expiresAt, '#gsi1pk': attr.gsi1pk, '#gsi1sk': attr.gsi1sk },
      ExpressionAttributeValues: {
        ':final': status,
        ':now': now.toISOString(),
        ':expiresAt': expiresAt(now),
        ':claimed': 'claimed',
        ':queued': 'queued',
        ...(reason ? { ':reason': reason } : {}),
      },
    });

  return {
    async listOpenOccurrences(occurrenceDate) {
      const occurrences: OpenOccurrence[] = [];
      let unreadable = 0;
      for (let shard = 0; shard < openOccurrenceShards; shard += 1) {
        const items = await queryAll(client, {
          TableName: tableName,
          IndexName: openOccurrenceIndex,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': attr.gsi1pk },
          ExpressionAttributeValues: { ':pk': openOccurrencePartition(occurrenceDate, shard) },
        });
        for (const item of items) {
          const parsed = parseOpenOccurrence(item);
          if (parsed === 'unreadable') unreadable += 1;
          else if (parsed !== 'closed') occurrences.push(parsed);
        }
      }
      return { occurrences, unreadable };
    },

    async listOccurrenceSends(occurrence) {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': attr.pk, '#sk': attr.sk },
        ExpressionAttributeValues: {
          ':pk': customerKey(occurrence.customerId).PK,
          ':prefix': occurrenceSendsPrefix(occurrence.journeyId, occurrence.occurrenceKey),
        },
        // Decisions to re-send are taken on these: read what the dispatcher last wrote.
        ConsistentRead: true,
      });
      return items.map(parseSendItem);
    },

    async markOccurrenceRedriven(occurrence, now) {
      await updateIf({
        Key: occurrenceKey(occurrence.customerId, occurrence.journeyId, occurrence.occurrenceKey),
        UpdateExpression: 'SET #status = :queued, lastQueuedAt = :now ADD redrives :one',
        ConditionExpression: '#status IN (:claimed, :queued)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':queued': 'queued', ':claimed': 'claimed', ':now': now.toISOString(), ':one': 1 },
      });
    },

    async closeOccurrence(occurrence, now) {
      await finishOccurrence(occurrence, 'closed', now);
    },

    async expireOccurrence(occurrence, reason, now) {
      await finishOccurrence(occurrence, 'expired', now, reason);
    },

    async expireSend(send, channel, reason, now) {
      const key = sendKey(send.customerId, send.journeyId, send.occurrenceKey, send.messageId);
      const ids = sendIdsSetClause(key, send);
      return updateIf({
        Key: key,
        UpdateExpression: `SET #type = :type, #status = :expired, reason = :reason, updatedAt = :now, channel = :channel${ids.assignments}, #expiresAt = :expiresAt REMOVE leaseUntil, dueAt`,
        // Never over a finished send, nor under an attempt that may be talking to the provider
        // now, nor a deferral before its due instant.
        ConditionExpression: 'attribute_not_exists(#pk) OR (#status = :sending AND leaseUntil < :now) OR (#status = :deferred AND dueAt <= :now)',
        ExpressionAttributeNames: { '#pk': attr.pk, '#status': 'status', '#type': 'type', '#expiresAt': attr.expiresAt },
        ExpressionAttributeValues: {
          ':type': itemType.send,
          ':expired': 'expired',
          ':sending': 'sending',
          ':deferred': 'deferred',
          ':reason': reason,
          ':now': now.toISOString(),
          ':channel': channel,
          ...ids.values,
          ':expiresAt': expiresAt(now),
        },
      });
    },

    async releaseSend(send) {
      await updateIf({
        Key: sendKey(send.customerId, send.journeyId, send.occurrenceKey, send.messageId),
        UpdateExpression: 'SET leaseUntil = :released',
        ConditionExpression: '#status = :sending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sending': 'sending', ':released': releasedLease },
      });
    },
  };
}
