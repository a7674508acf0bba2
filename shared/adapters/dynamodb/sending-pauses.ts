import { ConditionalCheckFailedException, UpdateCommand, type DynamoDBDocumentClient } from './document-client';
import { SendingPause } from '../../domain/sending-pause';
import type { SendingPauses } from '../../ports/sending-pause';
import { attr, itemType, sendingPauseKey, sendingPauseSortKeyPrefix } from './keys';
import { queryAll } from './query-all';

/**
 * Pause switches in the engine table (`META/PAUSE#<channel>#<category>`). Resuming sets `active`
 * false instead of deleting: no function needs DeleteItem, and the item keeps who last paused.
 */
export function createDynamoSendingPauses(client: DynamoDBDocumentClient, tableName: string): SendingPauses {
  const switchWrite = async (input: ConstructorParameters<typeof UpdateCommand>[0]): Promise<boolean> => {
    try {
      await client.send(new UpdateCommand(input));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  };

  return {
    async activePauses() {
      const items = await queryAll(client, {
        TableName: tableName,
        ConsistentRead: true,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        FilterExpression: 'active = :on',
        ExpressionAttributeNames: { '#pk': attr.pk, '#sk': attr.sk },
        ExpressionAttributeValues: { ':pk': 'META', ':prefix': sendingPauseSortKeyPrefix, ':on': true },
      });
      // A switch that does not parse is a pause someone wrote by hand: honour what can be read
      // of it would be guessing, so it is left out and the dispatcher sends as if it were off.
      return items.flatMap((item) => {
        const parsed = SendingPause.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      });
    },

    pause: (entry) =>
      switchWrite({
        TableName: tableName,
        Key: sendingPauseKey(entry.channel, entry.category),
        ConditionExpression: 'attribute_not_exists(#pk) OR active = :off',
        UpdateExpression: 'SET #type = :type, active = :on, channel = :channel, category = :category, reason = :reason, #source = :source, #at = :at',
        ExpressionAttributeNames: { '#pk': attr.pk, '#type': 'type', '#source': 'source', '#at': 'at' },
        ExpressionAttributeValues: {
          ':type': itemType.sendingPause,
          ':on': true,
          ':off': false,
          ':channel': entry.channel,
          ':category': entry.category,
          ':reason': entry.reason,
          ':source': entry.source,
          ':at': entry.at,
        },
      }),

    resume: (channel, category) =>
      switchWrite({
        TableName: tableName,
        Key: sendingPauseKey(channel, category),
        ConditionExpression: 'active = :on',
        UpdateExpression: 'SET active = :off',
        ExpressionAttributeValues: { ':on': true, ':off': false },
      }),
  };
}
