import type { DynamoDBDocumentClient } from './document-client';
import type { BrandDealers } from '../../ports/tasks';
import { attr, brandDealersIndexPartition, openOccurrenceIndex } from './keys';
import { queryAll } from './query-all';

/** A brand's dealers from their GSI1 entries (`BRAND-DEALERS#<brandId>`), keys only. */
export function createDynamoBrandDealers(client: DynamoDBDocumentClient, tableName: string): BrandDealers {
  return {
    async dealerIdsOf(brandId) {
      const items = await queryAll(client, {
        TableName: tableName,
        IndexName: openOccurrenceIndex,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': attr.gsi1pk, '#sk': attr.gsi1sk },
        ExpressionAttributeValues: { ':pk': brandDealersIndexPartition(brandId) },
        ProjectionExpression: '#sk',
      });
      return items.map((item) => String(item[attr.gsi1sk])).sort();
    },
  };
}
