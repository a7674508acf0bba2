import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';

/**
 * The DynamoDB actions the engine's adapters call (`shared/adapters/dynamodb/`): the ledger gets,
 * puts and updates single items, the customer directory batch-gets profiles and queries the
 * birthday index. Nothing scans, deletes or batch-writes, so no role is granted those (the CDK's
 * `grantReadWriteData` would grant all three). A new adapter call adds its action here.
 */
export const engineTableActions = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  write: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
} as const;

/** Grants `grantee` the engine's reads, and its writes when `access` is `readWrite`, on the table and its indexes. */
export function grantTableAccess(table: dynamodb.TableV2, grantee: IGrantable, access: 'read' | 'readWrite'): void {
  const actions = access === 'read' ? engineTableActions.read : [...engineTableActions.read, ...engineTableActions.write];
  table.grant(grantee, ...actions);
}
