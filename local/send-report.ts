/**
 * Reads what the dispatcher recorded in the ledger since a run began: the summary of `npm start`
 * comes from DynamoDB state, not from counters kept beside it.
 */
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { attr, customerIdFromPartition, itemType } from '../shared/adapters/dynamodb/keys';
import type { Channel } from '../shared/domain/customer';
import type { SendStatus } from '../shared/ports/ledger';

export interface SendRow {
  journeyId: string;
  channel: Channel;
  status: SendStatus;
  reason?: string;
  location?: string;
  customerId: string;
}

export async function sendsRecordedSince(client: DynamoDBDocumentClient, tableName: string, since: Date): Promise<SendRow[]> {
  const rows: SendRow[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#type = :send AND updatedAt >= :since',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':send': itemType.send, ':since': since.toISOString() },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      rows.push({
        journeyId: String(item.journeyId),
        channel: item.channel as Channel,
        status: item.status as SendStatus,
        ...(item.reason ? { reason: String(item.reason) } : {}),
        ...(item.location ? { location: String(item.location) } : {}),
        customerId: customerIdFromPartition(String(item[attr.pk])),
      });
    }
    startKey = page.LastEvaluatedKey as Record<string, unknown> | undefined;
  } while (startKey);
  return rows;
}
