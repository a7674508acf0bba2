/**
 * The engine's single DynamoDB table, defined once. The CDK stack (`infra/`) and the local
 * bootstrap (`local/`) both build the real table from this description, so the key schema and
 * indexes cannot drift between AWS and the local runtime.
 *
 * Item layouts (key prefixes) live in `shared/adapters/dynamodb/keys.ts`; the access patterns they
 * serve are listed in `docs/data-model.md`.
 */
export const engineTable = {
  /** CloudFormation logical id in the stack. */
  logicalId: 'EngineTable',
  /** Table name used on the local stack (AWS names it from the stack). */
  localName: 'dealer-journeys-engine',
  partitionKey: 'PK',
  sortKey: 'SK',
  globalSecondaryIndexes: [
    {
      /** Customers by birthday month-day: serves the birthday trigger without a table scan. */
      indexName: 'GSI1',
      partitionKey: 'GSI1PK',
      sortKey: 'GSI1SK',
    },
  ],
  /** Attribute read as an epoch-seconds expiry; DynamoDB TTL deletes lazily, code filters too. */
  timeToLiveAttribute: 'expiresAt',
} as const;

export type EngineTableDefinition = typeof engineTable;
