import { Aws } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ConsoleEnv } from '../../shared/config/console-env';
import { addConsoleRoutes, consoleApiMethods, grantConsoleAccess } from './console-api';
import { deployConsoleFiles, type ConsoleRuntimeConfig } from './console-files';
import { ConsoleHosting } from './console-hosting';
import { ConsoleUsers } from './console-users';
import type { EngineApi } from './engine-api';

export interface ConsoleProps {
  /** The stage (`dev`, `prod`): names the user pool and its hosted UI. */
  readonly stage: string;
  /** The engine's HTTP API: the console's routes are added to it. */
  readonly api: EngineApi;
  /** The console API function (`functions/console-api/handler.ts`). */
  readonly handler: IFunction;
  readonly table: dynamodb.TableV2;
  /** The dead-letter queues the health page counts. */
  readonly deadLetterQueues: readonly sqs.IQueue[];
  /** The built console app (a folder with `index.html`). */
  readonly files: string;
  readonly logRetention: logs.RetentionDays;
}

/**
 * The marketer console in AWS (issue 16): its static files on S3 behind CloudFront, its users in
 * a Cognito user pool, and its routes on the engine's HTTP API behind a JWT authorizer for that
 * pool's console client, callable from the console's origin only (CORS).
 */
export class Console extends Construct {
  readonly hosting: ConsoleHosting;
  readonly users: ConsoleUsers;
  readonly client: cognito.UserPoolClient;
  readonly routes: apigw.HttpRoute[];
  readonly config: ConsoleRuntimeConfig;

  constructor(scope: Construct, id: string, props: ConsoleProps) {
    super(scope, id);

    this.users = new ConsoleUsers(this, 'Users', { stage: props.stage });
    // The CSP allows the region's API hosts rather than this API's: the API's CORS settings name
    // the distribution, so the distribution's headers cannot name the API (a dependency cycle).
    this.hosting = new ConsoleHosting(this, 'Site', {
      connectOrigins: [`https://*.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`, this.users.hostedUiUrl],
    });
    this.client = this.users.addConsoleClient(this.hosting.url);

    props.api.allowBrowserOrigin(this.hosting.url, consoleApiMethods);
    this.routes = addConsoleRoutes(props.api, { handler: props.handler, userPool: this.users.userPool, client: this.client });
    grantConsoleAccess(props.handler, { table: props.table, deadLetterQueues: props.deadLetterQueues });

    this.config = {
      mode: 'cognito',
      apiUrl: props.api.httpApi.apiEndpoint,
      region: Aws.REGION,
      userPoolId: this.users.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      hostedUiUrl: this.users.hostedUiUrl,
      redirectUrl: `${this.hosting.url}/`,
    };
    deployConsoleFiles(this, 'Files', { hosting: this.hosting, files: props.files, config: this.config, logRetention: props.logRetention });
  }

  /** The console's address. */
  get url(): string {
    return this.hosting.url;
  }
}

/**
 * How the console function learns which dead-letter queues the health page counts
 * (`DEAD_LETTER_QUEUES`, read by `readConsoleEnv`): `name=url` pairs, comma-separated.
 */
export const consoleDeadLetterQueues = {
  variable: 'DEAD_LETTER_QUEUES' satisfies keyof ConsoleEnv,
  value: (queues: Readonly<Record<string, sqs.IQueue>>): string =>
    Object.entries(queues)
      .map(([name, queue]) => `${name}=${queue.queueUrl}`)
      .join(','),
};
