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
  openApi: '/v1/openapi.json',
} as const;

/**
 * The dealer routes (issue 13): the handler checks the `Authorization: Bearer` API key and the
 * tenant. Query strings (cursors) are not in the access log.
 */
export const dealerApiRoutes: readonly { path: string; methods: apigw.HttpMethod[] }[] = [
  { path: '/v1/events', methods: [apigw.HttpMethod.POST] },
  { path: '/v1/customers/{customerId}', methods: [apigw.HttpMethod.GET, apigw.HttpMethod.DELETE] },
  { path: '/v1/customers/{customerId}/messages', methods: [apigw.HttpMethod.GET] },
  { path: '/v1/customers/{customerId}/consent', methods: [apigw.HttpMethod.PUT] },
  { path: '/v1/tasks', methods: [apigw.HttpMethod.GET] },
];

/** Request headers a browser app may send (CORS): its bearer token and a JSON body's type. */
export const browserRequestHeaders = ['authorization', 'content-type'];

/**
 * HTTP API in front of the engine API function. Every data route needs an API key, checked by the
 * function (IAM stays the default authorizer, so a route added without a thought is closed);
 * `GET /health` and `GET /v1/openapi.json` reveal nothing but liveness and the contract. The `$default` stage writes JSON access logs
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
    // The dealer routes carry an API key as `Authorization: Bearer`, which IAM would read as a
    // SigV4 header: API Gateway passes them through and the handler checks the key (cached).
    const dealerRoutes = [
      ...dealerApiRoutes.flatMap(({ path, methods }) => this.httpApi.addRoutes({ path, methods, integration, authorizer: new apigw.HttpNoneAuthorizer() })),
      ...this.httpApi.addRoutes({ path: engineApiRoutes.openApi, methods: [apigw.HttpMethod.GET], integration, authorizer: new apigw.HttpNoneAuthorizer() }),
    ];
    for (const route of dealerRoutes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Dealer routes authenticate with an API key (Authorization: Bearer), checked by the engine API function against the SHA-256 stored in the table on every request (cached for a minute), then rate-limited per key and tenant-checked; GET /v1/openapi.json describes the API and reads no data.',
      });
    }

    if (health) {
      Validations.of(health).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'GET /health is a liveness probe for uptime checks: it returns a fixed status and reads no data; every other route requires an API key.',
      });
    }
  }

  /**
   * Lets a browser app served from `origin` (the console) call `methods` with a bearer token:
   * API Gateway answers the CORS preflight itself and adds the CORS headers to the answers. One
   * origin: no other site's scripts may read the API's answers.
   */
  allowBrowserOrigin(origin: string, methods: readonly apigw.HttpMethod[]): void {
    (this.httpApi.node.defaultChild as apigw.CfnApi).corsConfiguration = {
      allowOrigins: [origin],
      allowMethods: [...methods, apigw.HttpMethod.OPTIONS],
      allowHeaders: browserRequestHeaders,
      allowCredentials: false,
      maxAge: 3600,
    };
  }

  /** Base URL of the `$default` stage (ends with `/`). */
  get url(): string {
    return this.stage.url;
  }
}
