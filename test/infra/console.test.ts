import type { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand, type UpdateCommandInput } from '../../shared/adapters/dynamodb/document-client';
import { createDynamoSendingPauses } from '../../shared/adapters/dynamodb/sending-pauses';
import { fakeDocumentClient } from '../helpers/fake-document-client';
import { consoleTenantClaim } from '../../shared/domain/tenant';
import { pauseSwitchAttributes, pauseSwitchPartition } from '../../infra/constructs/console-api';
import type { Console } from '../../infra/constructs/console';
import { consoleDeadLetterQueues } from '../../infra/constructs/console';
import { dispatchQueue, eventsQueue } from '../../shared/resources/queues';
import { engineTable } from '../../shared/resources/table';
import { buildEngineApp } from './engine-app';

type Resource = ReturnType<Template['findResources']>[string];
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>>; Principal?: unknown };

// One engine stack for the file, assets not built (the console's files are a placeholder page).
let stack: Stack;
let consoleConstruct: Console;
let template: Template;
beforeAll(() => {
  ({ stack } = buildEngineApp());
  consoleConstruct = stack.node.findChild('Console') as Console;
  // Synthesis runs the stack's cdk-nag gate too.
  template = Template.fromStack(stack);
});

const only = (type: string, props: Record<string, unknown> = {}): [string, Resource] => {
  const found = Object.entries(template.findResources(type, props));
  expect(found, type).toHaveLength(1);
  return found[0]!;
};
const actionsOf = (statement: Statement): string[] => [statement.Action].flat();

function consoleFunction(template: Template, service = 'console-api'): Resource {
  const [, fn] = Object.entries(template.findResources('AWS::Lambda::Function')).find(
    ([, resource]) => (resource.Properties.Environment as { Variables: Record<string, unknown> } | undefined)?.Variables.POWERTOOLS_SERVICE_NAME === service,
  )!;
  return fn;
}

function consoleFunctionStatements(template: Template, service = 'console-api'): Statement[] {
  const roleId = (consoleFunction(template, service).Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

describe('console stack', () => {
  it('passes the cdk-nag AwsSolutions gate (every finding fixed or acknowledged with a reason)', () => {
    // Synthesis runs the gate: Template.fromStack in beforeAll would have thrown on a finding.
    expect(template.findResources('AWS::CloudFront::Distribution')).not.toEqual({});
  });
});

describe('console files bucket', () => {
  it('blocks every public access and refuses plain HTTP', () => {
    const [bucketId] = only('AWS::S3::Bucket', { Properties: Match.objectLike({ LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'console-files/' }) }) });
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'console-files/' }),
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('lets only the console distribution read it, through origin access control', () => {
    const [bucketId] = only('AWS::S3::Bucket', { Properties: Match.objectLike({ LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'console-files/' }) }) });
    const [distributionId, distribution] = only('AWS::CloudFront::Distribution');
    const [, policy] = only('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: bucketId } } });

    const allows = (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement.filter((statement) => statement.Effect === 'Allow');

    expect(allows).toHaveLength(1);
    expect(allows[0]!.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(actionsOf(allows[0]!)).toEqual(['s3:GetObject']);
    expect(JSON.stringify(allows[0]!.Condition)).toContain(`"Ref":"${distributionId}"`);
    const origins = (distribution.Properties.DistributionConfig as { Origins: { OriginAccessControlId?: unknown; DomainName: unknown }[] }).Origins;
    expect(origins).toHaveLength(1);
    expect(origins[0]!.OriginAccessControlId).toBeDefined();
    expect(origins[0]!.DomainName).toEqual({ 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] });
  });
});

describe('console distribution', () => {
  it('redirects HTTP to HTTPS, serves index.html at the root and for the app\'s own paths, and logs', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: ['GET', 'HEAD'] }),
        CustomErrorResponses: [403, 404].map((code) => Match.objectLike({ ErrorCode: code, ResponseCode: 200, ResponsePagePath: '/index.html' })),
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
      }),
    });
  });

  it('sends the security headers, with a CSP that names no origin outside the stack', () => {
    const [policyId, policy] = only('AWS::CloudFront::ResponseHeadersPolicy');
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ DefaultCacheBehavior: Match.objectLike({ ResponseHeadersPolicyId: { Ref: policyId } }) }),
    });
    const headers = (policy.Properties.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: Record<string, Record<string, unknown>> }).SecurityHeadersConfig;

    expect(headers.StrictTransportSecurity).toMatchObject({ Override: true, IncludeSubdomains: true });
    expect(Number(headers.StrictTransportSecurity!.AccessControlMaxAgeSec)).toBeGreaterThanOrEqual(31_536_000);
    expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    const csp = JSON.stringify(headers.ContentSecurityPolicy!.ContentSecurityPolicy);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    // The only hosts named: the region's API hosts and this stack's hosted UI domain.
    const apiHosts = 'https://*.execute-api.",{"Ref":"AWS::Region"},".",{"Ref":"AWS::URLSuffix"},"';
    const hostedUi = /https:\/\/",\{"Ref":"ConsoleUsersUserPoolHostedUi\w+"\},"\.auth\.",\{"Ref":"AWS::Region"\},"\.amazoncognito\.com/;
    expect(csp).toContain(apiHosts);
    expect(csp).toMatch(hostedUi);
    expect(csp.replace(apiHosts, '').replace(hostedUi, '')).not.toMatch(/https?:|\*/);
  });
});

describe('console users', () => {
  it('are created by administrators only: no self sign-up, email sign-in, MFA required, strong passwords', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      MfaConfiguration: 'ON',
      UserPoolTier: 'PLUS',
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 14, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }) },
    });
  });

  it('carry their tenant in the custom attribute the console routes read as a claim', () => {
    const attribute = consoleTenantClaim.replace(/^custom:/, '');
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([Match.objectLike({ Name: attribute, AttributeDataType: 'String', Mutable: true })]),
    });
  });

  it('sign in through a public client (code with PKCE, no secret) that reads the tenant but cannot write it', () => {
    const [, client] = only('AWS::Cognito::UserPoolClient');
    const [distributionId] = only('AWS::CloudFront::Distribution');
    const props = client.Properties as Record<string, unknown>;

    expect(props.GenerateSecret).toBe(false);
    expect(props.AllowedOAuthFlows).toEqual(['code']);
    expect(props.AllowedOAuthScopes).not.toContain('aws.cognito.signin.user.admin');
    expect(props.ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
    expect(props.ReadAttributes).toContain(consoleTenantClaim);
    expect(props.WriteAttributes).toBeDefined();
    expect(props.WriteAttributes).not.toContain(consoleTenantClaim);
    expect(props.CallbackURLs).toEqual([{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/']] }]);
  });

  it('have a hosted UI domain', () => {
    only('AWS::Cognito::UserPoolDomain');
  });
});

describe('console routes', () => {
  it('are all behind a JWT authorizer whose issuer is the user pool and audience the console client', () => {
    const [authorizerId, authorizer] = only('AWS::ApiGatewayV2::Authorizer');
    const [poolId] = only('AWS::Cognito::UserPool');
    const [clientId] = only('AWS::Cognito::UserPoolClient');
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).filter((route) => String(route.Properties.RouteKey).includes(' /v1/console/'));

    expect(authorizer.Properties).toMatchObject({ AuthorizerType: 'JWT', JwtConfiguration: { Audience: [{ Ref: clientId }] } });
    expect(JSON.stringify((authorizer.Properties.JwtConfiguration as { Issuer: unknown }).Issuer)).toMatch(new RegExp(`https://cognito-idp\\..*"Ref":"${poolId}"`));
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      expect(route.Properties, String(route.Properties.RouteKey)).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
      expect(String(route.Properties.RouteKey)).not.toMatch(/^ANY /);
    }
  });

  it('are callable from the console\'s origin only (CORS)', () => {
    const [distributionId] = only('AWS::CloudFront::Distribution');
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] }],
        AllowHeaders: Match.arrayWith(['authorization']),
      }),
    });
  });
});

describe('console function permissions', () => {
  it('read the table by key and Query only (no Scan), and write nothing but the pause switch', () => {
    const statements = consoleFunctionStatements(template);
    const dynamo = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));
    const actions = dynamo.flatMap(actionsOf);

    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:UpdateItem']));
    for (const forbidden of ['dynamodb:Scan', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:BatchWriteItem', 'dynamodb:*']) expect(actions).not.toContain(forbidden);
    const writes = dynamo.filter((statement) => actionsOf(statement).includes('dynamodb:UpdateItem'));
    expect(writes).toHaveLength(1);
    expect(actionsOf(writes[0]!)).toEqual(['dynamodb:UpdateItem']);
    expect(writes[0]!.Condition).toEqual({
      'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [pauseSwitchPartition], 'dynamodb:Attributes': [...pauseSwitchAttributes] },
    });
  });

  it('cover every attribute and the partition that pausing and resuming write', async () => {
    const dynamo = fakeDocumentClient();
    dynamo.on(UpdateCommand).resolves({});
    const pauses = createDynamoSendingPauses(dynamo.client, 'table');

    await pauses.pause({ channel: 'email', category: 'promotional', reason: 'manual', source: 'console', at: '2026-03-14T09:00:00Z' });
    await pauses.resume('email', 'promotional');

    const writes = dynamo.commandCalls(UpdateCommand).map((call) => call.args[0].input);
    expect(writes).toHaveLength(2);
    for (const write of writes) {
      expect(write.Key?.PK).toBe(pauseSwitchPartition);
      expect(attributesNamed(write).filter((name) => !pauseSwitchAttributes.includes(name))).toEqual([]);
    }
  });
});

describe('console function', () => {
  it('tells the function the dead-letter queues it may count, and lets it read their attributes only', () => {
    const variables = (consoleFunction(template).Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const sqsStatements = consoleFunctionStatements(template).filter((statement) => actionsOf(statement).some((action) => action.startsWith('sqs:')));
    const queues = [dispatchQueue.deadLetter.logicalId, eventsQueue.deadLetter.logicalId];

    expect(JSON.stringify(variables[consoleDeadLetterQueues.variable])).toBe(
      JSON.stringify({ 'Fn::Join': ['', ['dispatch=', { Ref: queues[0] }, ',events=', { Ref: queues[1] }]] }),
    );
    expect(variables.TABLE_NAME).toEqual({ Ref: engineTable.logicalId });
    expect(sqsStatements.flatMap(actionsOf)).toEqual(['sqs:GetQueueAttributes']);
    expect(sqsStatements.flatMap((statement) => [statement.Resource].flat())).toEqual(queues.map((id) => ({ 'Fn::GetAtt': [id, 'Arn'] })));
  });

  it('outputs the console URL and the user pool its users are created in', () => {
    const [distributionId] = Object.keys(template.findResources('AWS::CloudFront::Distribution'));
    const [poolId] = Object.keys(template.findResources('AWS::Cognito::UserPool'));

    template.hasOutput('ConsoleUrl', { Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] } });
    template.hasOutput('ConsoleUserPoolId', { Value: { Ref: poolId } });
  });
});

describe('console configuration (config.json)', () => {
  it('names this stack\'s API, user pool, console client and hosted UI', () => {
    const [poolId] = only('AWS::Cognito::UserPool');
    const [clientId] = only('AWS::Cognito::UserPoolClient');
    const [apiId] = only('AWS::ApiGatewayV2::Api');
    const [domainId] = only('AWS::Cognito::UserPoolDomain');
    const config = JSON.stringify(stack.resolve(consoleConstruct.config));

    expect(config).toContain(`"userPoolId":{"Ref":"${poolId}"}`);
    expect(config).toContain(`"clientId":{"Ref":"${clientId}"}`);
    expect(config).toContain('"mode":"cognito"');
    // The API's origin without the stage's trailing slash: the app appends `/v1/console/...`.
    expect((stack.resolve(consoleConstruct.config) as { apiUrl: unknown }).apiUrl).toEqual({ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] });
    expect(config).toContain(`{"Ref":"${domainId}"}`);
    template.hasResourceProperties('Custom::CDKBucketDeployment', { DistributionPaths: ['/*'], Prune: true });
  });
});

const expressionWords = new Set(['SET', 'REMOVE', 'ADD', 'DELETE', 'AND', 'OR', 'NOT', 'IN', 'BETWEEN', 'attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains', 'size', 'if_not_exists', 'list_append']);

/** Top-level attribute names an update touches (IAM's `dynamodb:Attributes`): its key and every name in its expressions. */
function attributesNamed(input: UpdateCommandInput): string[] {
  const names = input.ExpressionAttributeNames ?? {};
  const expressions = [input.UpdateExpression, input.ConditionExpression].filter((expression): expression is string => expression !== undefined);
  const inExpressions = expressions.flatMap((expression) =>
    [...expression.matchAll(/(?<![:\w#])(#?[A-Za-z_]\w*)/g)].map((match) => match[1]!).filter((word) => !expressionWords.has(word)),
  );
  return [...Object.keys(input.Key ?? {}), ...inExpressions.map((word) => (word.startsWith('#') ? names[word]! : word))];
}

describe('console calendar job', () => {
  const calendarBucket = () => only('AWS::S3::Bucket', { Properties: Match.objectLike({ LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'console-calendars/' }) }) });

  it('runs nightly at 02:00 UTC and once after each deploy that changes it, both failure paths alarmed', () => {
    const job = consoleFunction(template, 'console-calendar');
    const [jobId] = Object.entries(template.findResources('AWS::Lambda::Function')).find(([, resource]) => resource === job)!;
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 2 * * ? *)',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [jobId, 'Arn'] }, DeadLetterConfig: Match.anyValue() }),
    });
    expect(Object.keys(template.findResources('Custom::Trigger')).length).toBeGreaterThanOrEqual(1);
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: jobId }, DestinationConfig: Match.objectLike({ OnFailure: Match.anyValue() }) });
  });

  it('splits a run into shards on an encrypted queue feeding the job one shard at a time, with an alarmed dead-letter queue', () => {
    const job = consoleFunction(template, 'console-calendar');
    const [jobId] = Object.entries(template.findResources('AWS::Lambda::Function')).find(([, resource]) => resource === job)!;
    const variables = (job.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables.CALENDAR_SHARDS).toBe('16');
    const [queueId] = only('AWS::SQS::Queue', { Properties: Match.objectLike({ VisibilityTimeout: 1200 }) });
    expect(variables.CALENDAR_SHARD_QUEUE_URL).toEqual({ Ref: queueId });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { FunctionName: { Ref: jobId }, BatchSize: 1, EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
    template.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 1200, SqsManagedSseEnabled: true, RedrivePolicy: Match.objectLike({ maxReceiveCount: 3 }) });
    expect(consoleFunctionStatements(template, 'console-calendar').flatMap(actionsOf)).toContain('sqs:SendMessage');
  });

  it('scans the table and writes calendars to a private bucket; the console function only reads them', () => {
    const [bucketId] = calendarBucket();
    template.hasResourceProperties('AWS::S3::Bucket', { PublicAccessBlockConfiguration: Match.objectLike({ BlockPublicAcls: true, RestrictPublicBuckets: true }) });
    const job = consoleFunctionStatements(template, 'console-calendar').flatMap(actionsOf);
    const reader = consoleFunctionStatements(template).flatMap(actionsOf);

    expect(job).toEqual(expect.arrayContaining(['dynamodb:Scan', 'dynamodb:Query', 's3:PutObject']));
    for (const forbidden of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 's3:DeleteObject']) expect(job).not.toContain(forbidden);
    expect(reader).toEqual(expect.arrayContaining(['s3:GetObject', 's3:ListBucket']));
    expect(reader).not.toContain('s3:PutObject');
    // One object a shard: the job may write the 16 shard objects and nothing else in the bucket.
    const puts = consoleFunctionStatements(template, 'console-calendar').filter((statement) => actionsOf(statement).includes('s3:PutObject'));
    const keys = puts.flatMap((statement) => [statement.Resource].flat()).map((resource) => JSON.stringify(resource));
    expect(keys).toHaveLength(16);
    expect(keys.every((key) => /calendar\/shards\/\d+-of-16"/.test(key))).toBe(true);
    const readerVariables = (consoleFunction(template).Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(readerVariables.CALENDAR_BUCKET).toEqual({ Ref: bucketId });
    // The job's split, so a page reads the shard objects by name without listing the bucket.
    expect(readerVariables.CALENDAR_SHARDS).toBe('16');
    // A GET of a shard object not written yet must answer NoSuchKey (ListBucket), and a GET has no `s3:prefix` to match.
    const lists = consoleFunctionStatements(template).filter((statement) => actionsOf(statement).includes('s3:ListBucket'));
    expect(lists).toHaveLength(1);
    expect(lists[0]!.Condition).toBeUndefined();
  });
});
