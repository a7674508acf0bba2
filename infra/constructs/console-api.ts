import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { attr, sendingPauseKey } from '../../shared/adapters/dynamodb/keys';
import { SendingPause } from '../../shared/domain/sending-pause';
import type { EngineApi } from './engine-api';
import { grantTableAccess } from './table-access';

/**
 * The console's routes on the engine's HTTP API: its reads, and the one write (the pause switch).
 * Methods are listed rather than `ANY`: an `ANY` route would take the browser's CORS preflight
 * (OPTIONS, sent without a token) to the authorizer, which refuses it; with methods named, API
 * Gateway answers the preflight itself from the API's CORS settings.
 */
export const consoleApiRoutes: readonly { path: string; methods: apigw.HttpMethod[] }[] = [
  { path: '/v1/console/{proxy+}', methods: [apigw.HttpMethod.GET, apigw.HttpMethod.PUT] },
];

/** The methods the console's browser calls use, for the API's CORS settings. */
export const consoleApiMethods = [...new Set(consoleApiRoutes.flatMap((route) => route.methods))];

/**
 * Partition of the pause switches (`META`): the console's one write is limited to it, and to the
 * switch's attributes (`sending-pauses.ts` writes these and no others), so it cannot rewrite the
 * due index's state or a seed marker that share the partition.
 */
export const pauseSwitchPartition = sendingPauseKey('email', 'promotional').PK;
export const pauseSwitchAttributes: readonly string[] = [attr.pk, attr.sk, 'type', 'active', ...Object.keys(SendingPause.shape)];

export interface ConsoleRoutesProps {
  readonly handler: IFunction;
  readonly userPool: cognito.IUserPool;
  readonly client: cognito.IUserPoolClient;
}

/**
 * Adds the console's routes to `api`, each behind a JWT authorizer that accepts ID tokens of the
 * console's app client only (issuer: the user pool; audience: the client). The token's
 * `custom:tenant` claim, checked by API Gateway, tells the handler whose customers it may show.
 */
export function addConsoleRoutes(api: EngineApi, props: ConsoleRoutesProps): apigw.HttpRoute[] {
  const authorizer = new HttpUserPoolAuthorizer('ConsoleUsers', props.userPool, {
    userPoolClients: [props.client],
    authorizerName: 'console-users',
  });
  const integration = new HttpLambdaIntegration('ConsoleHandler', props.handler);
  return consoleApiRoutes.flatMap(({ path, methods }) => api.httpApi.addRoutes({ path, methods, integration, authorizer }));
}

export interface ConsoleAccessProps {
  readonly table: dynamodb.TableV2;
  /** The dead-letter queues the health page counts. */
  readonly deadLetterQueues: readonly sqs.IQueue[];
}

/**
 * What the console's function may do: read the table by key and Query (GetItem, BatchGetItem,
 * Query: the outcome counters per dealer, customers by id, a brand's dealers; no Scan, which at a
 * million customers could not finish within a request: the calendar job scans instead, see
 * ./console-calendar.ts), read the dead-letter queues' counts, and set the pause switch
 * (UpdateItem, as `npm run pause` does, on the switch's partition and attributes only). No
 * PutItem, DeleteItem or BatchWriteItem.
 */
export function grantConsoleAccess(fn: IFunction, props: ConsoleAccessProps): void {
  grantTableAccess(props.table, fn, 'read');
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['sqs:GetQueueAttributes'],
      resources: props.deadLetterQueues.map((queue) => queue.queueArn),
    }),
  );
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['dynamodb:UpdateItem'],
      resources: [props.table.tableArn],
      conditions: {
        'ForAllValues:StringEquals': {
          'dynamodb:LeadingKeys': [pauseSwitchPartition],
          'dynamodb:Attributes': [...pauseSwitchAttributes],
        },
      },
    }),
  );
}

