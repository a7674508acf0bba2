import { ConditionalCheckFailedException, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from './document-client';
import type { EventIntake } from '../../ports/events';
import { subjectOf } from '../../domain/events/event';
import { attr, eventIntakeKey, intakeByCustomerIndexKey, itemType } from './keys';

/** Intake records in the engine table: a conditional put per event, so each (tenant, id) is taken once. */
export function createDynamoEventIntake(client: DynamoDBDocumentClient, tableName: string): EventIntake {
  return {
    async claim(record) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...eventIntakeKey(record.tenant, record.eventId),
              // Filed under the customer it is about, so an erasure finds it.
              ...intakeByCustomerIndexKey(subjectOf(record.event), record.tenant, record.eventId),
              type: itemType.eventIntake,
              ...record,
            },
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': attr.pk },
          }),
        );
        return { claimed: true };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      // dynalite ignores ReturnValuesOnConditionCheckFailure: read the record that won instead.
      const existing = await client.send(new GetCommand({ TableName: tableName, Key: eventIntakeKey(record.tenant, record.eventId), ConsistentRead: true }));
      const item = existing.Item ?? {};
      return { claimed: false, existing: { fingerprint: String(item.fingerprint), status: item.status === 'queued' ? 'queued' : 'received' } };
    },

    async markQueued(tenant, eventIds) {
      await Promise.all(
        eventIds.map((eventId) =>
          client.send(new UpdateCommand({ TableName: tableName, Key: eventIntakeKey(tenant, eventId), UpdateExpression: 'SET #status = :queued', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':queued': 'queued' } })),
        ),
      );
    },
  };
}
