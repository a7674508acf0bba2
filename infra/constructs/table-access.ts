import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';

/**
 * The DynamoDB actions the engine's adapters call (`shared/adapters/dynamodb/`): the ledger gets,
 * puts and updates single items, the customer directory batch-gets profiles and queries its
 * partition. Only the due index's upkeep, in the evaluation, scans (the recompute's walk over the
 * customers), batch-writes (filing entries) and deletes (an entry no journey is due for any more),
 * so only that role is granted those (the CDK's `grantReadWriteData` would grant them to every
 * writer). A new adapter call adds its action here.
 */
export const engineTableActions = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  write: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
  dueIndexUpkeep: ['dynamodb:Scan', 'dynamodb:BatchWriteItem', 'dynamodb:DeleteItem'],
} as const;

/**
 * Grants `grantee` the engine's reads, its writes when `access` is `readWrite`, and the due
 * index's upkeep as well with `readWriteDueIndex`, on the table and its indexes.
 */
export function grantTableAccess(table: dynamodb.TableV2, grantee: IGrantable, access: 'read' | 'readWrite' | 'readWriteDueIndex'): void {
  const actions =
    access === 'read'
      ? engineTableActions.read
      : access === 'readWrite'
        ? [...engineTableActions.read, ...engineTableActions.write]
        : [...engineTableActions.read, ...engineTableActions.write, ...engineTableActions.dueIndexUpkeep];
  table.grant(grantee, ...actions);
}
