import { Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface EngineApiProps {
  readonly handler: IFunction;
  readonly logRetention: logs.RetentionDays;
}

/** Route keys served by the engine API function. */
export const engineApiRoutes = {
  health: '/health',
  customerMessages: '/v1/customers/{customerId}/messages',
  /** A dealer's tasks (`?dealerId=&status=open`); the query string is not in the access log. */
  tasks: '/v1/tasks',
  /** Dealer routes: the handler checks the `Authorization: Bearer` API key (issue 13). */
  events: '/v1/events',
  customer: '/v1/customers/{customerId}',
  openApi: '/v1/openapi.json',
} as const;

/**
 * HTTP API in front of the engine API function. Every route needs SigV4 (IAM) authorization except
 * `GET /health`, which reveals nothing but liveness. The `$default` stage writes JSON access logs
 * that name the route template, never the customer id in the path.
 */
export class EngineApi extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: EngineApiProps) {
    super(scope, id);

    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'Dealer journeys engine API',
      createDefaultStage: false,
      defaultAuthorizer: new HttpIamAuthorizer(),
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            caller: '$context.identity.userArn',
            sourceIp: '$context.identity.sourceIp',
          }),
        ),
      },
    });

    const integration = new HttpLambdaIntegration('Handler', props.handler);
    const [health] = this.httpApi.addRoutes({
      path: engineApiRoutes.health,
      methods: [apigw.HttpMethod.GET],
      integration,
      authorizer: new apigw.HttpNoneAuthorizer(),
    });
    for (const path of [engineApiRoutes.customerMessages, engineApiRoutes.tasks]) {
      this.httpApi.addRoutes({ path, methods: [apigw.HttpMethod.GET], integration });
    }

    // The dealer routes carry an API key as `Authorization: Bearer`, which IAM would read as a
    // SigV4 header: API Gateway passes them through and the handler checks the key (cached).
    const dealerRoutes = [
      ...this.httpApi.addRoutes({ path: engineApiRoutes.events, methods: [apigw.HttpMethod.POST], integration, authorizer: new apigw.HttpNoneAuthorizer() }),
      ...this.httpApi.addRoutes({ path: engineApiRoutes.customer, methods: [apigw.HttpMethod.GET], integration, authorizer: new apigw.HttpNoneAuthorizer() }),
      ...this.httpApi.addRoutes({ path: engineApiRoutes.openApi, methods: [apigw.HttpMethod.GET], integration, authorizer: new apigw.HttpNoneAuthorizer() }),
    ];
    for (const route of dealerRoutes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Dealer routes authenticate with an API key (Authorization: Bearer), checked by the engine API function against the SHA-256 stored in the table on every request (cached for a minute); GET /v1/openapi.json describes the API and reads no data.',
      });
    }

    if (health) {
      Validations.of(health).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'GET /health is a liveness probe for uptime checks: it returns a fixed status, reads no data, and every other route requires IAM (SigV4) authorization.',
      });
    }
  }

  /** Base URL of the `$default` stage (ends with `/`). */
  get url(): string {
    return this.stage.url;
  }
}
