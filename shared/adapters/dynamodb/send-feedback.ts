import { UpdateCommand, type DynamoDBDocumentClient } from './document-client';
import type { SendDeliveryStatus, SendFeedback } from '../../ports/ledger';
import { isConditionFailure } from './ledger-reconcile';
import { attr, sendKey } from './keys';

// A later report never weakens an earlier one: SES may deliver a Delivery event after the
// Complaint about the same message.
const weight: Record<SendDeliveryStatus, number> = { delivered: 1, 'soft-bounced': 2, bounced: 3, complained: 4 };

/** Provider feedback as the `delivery` attribute of the send item (the status stays `sent`). */
export function createDynamoSendFeedback(client: DynamoDBDocumentClient, tableName: string): SendFeedback {
  return {
    async recordDelivery(send, delivery) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: sendKey(send.customerId, send.journeyId, send.occurrenceKey, send.messageId),
            UpdateExpression: 'SET delivery = :delivery, deliveryWeight = :weight',
            ConditionExpression: 'attribute_exists(#pk) AND (attribute_not_exists(deliveryWeight) OR deliveryWeight < :weight)',
            ExpressionAttributeNames: { '#pk': attr.pk },
            ExpressionAttributeValues: { ':delivery': delivery, ':weight': weight[delivery.status] },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}
