import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readEngineEnv } from '../../shared/config/env';
import { readFeedbackEnv } from '../../shared/config/feedback-env';
import { composeDispatch } from '../../shared/compose/dispatch';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import { repoRoot } from '../../infra/engine-stack';
import { applyEventsFunctionTimeoutSeconds, dispatchFunctionTimeoutSeconds, dispatchQueue, eventsQueue } from '../../shared/resources/queues';
import { engineTable } from '../../shared/resources/table';
import { createTableInput } from '../../local/bootstrap';
import { buildEngineApp, engineFunctions } from './engine-app';

/** A CloudFormation resource as the template holds it. */
type Resource = ReturnType<Template['findResources']>[string];

// One app for the whole file, bundling skipped: these tests read the template, not the code.
let template: Template;
beforeAll(() => {
  const { stack } = buildEngineApp();
  template = Template.fromStack(stack);
});

const functions = (): Record<string, Resource> => engineFunctions(template);

function functionByService(service: string): Resource {
  const found = Object.values(functions()).find(
    (fn) => (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.POWERTOOLS_SERVICE_NAME === service,
  );
  if (!found) throw new Error(`no function for ${service}`);
  return found;
}

function logicalIdOf(type: string, props: Record<string, unknown>): string {
  const ids = Object.keys(template.findResources(type, { Properties: props }));
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

describe('engine table', () => {
  it('uses the key schema, index and TTL attribute of the shared definition', () => {
    const gsi = engineTable.globalSecondaryIndexes[0];
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      Properties: Match.objectLike({
        KeySchema: [
          { AttributeName: engineTable.partitionKey, KeyType: 'HASH' },
          { AttributeName: engineTable.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: gsi.indexName,
            KeySchema: [
              { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
              { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        TimeToLiveSpecification: { AttributeName: engineTable.timeToLiveAttribute, Enabled: true },
      }),
    });
    expect(Object.keys(template.findResources('AWS::DynamoDB::GlobalTable'))).toEqual([engineTable.logicalId]);
  });

  it('has the same keys, attribute types and indexes as the table the local runtime creates', () => {
    const local = createTableInput(engineTable, engineTable.localName);
    const [deployed] = Object.values(template.findResources('AWS::DynamoDB::GlobalTable'));
    const props = deployed!.Properties as {
      KeySchema: unknown;
      AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
      GlobalSecondaryIndexes: { IndexName: string; KeySchema: unknown; Projection: unknown }[];
    };
    const byName = (a: { AttributeName?: string }, b: { AttributeName?: string }) => String(a.AttributeName).localeCompare(String(b.AttributeName));

    expect(props.KeySchema).toEqual(local.KeySchema);
    expect([...props.AttributeDefinitions].sort(byName)).toEqual([...local.AttributeDefinitions!].sort(byName));
    expect(props.GlobalSecondaryIndexes.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection }))).toEqual(
      local.GlobalSecondaryIndexes!.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection })),
    );
  });

  it('is on-demand, encrypted, point-in-time recoverable and kept when the stack is deleted', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
      }),
    });
  });
});

describe('dispatch queue', () => {
  it('moves a message to the dead-letter queue after the shared maxReceiveCount', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [dispatchQueue.deadLetter.logicalId, 'Arn'] },
        maxReceiveCount: dispatchQueue.maxReceiveCount,
      },
      VisibilityTimeout: dispatchQueue.visibilityTimeoutSeconds,
      MessageRetentionPeriod: dispatchQueue.retentionDays * 86_400,
      SqsManagedSseEnabled: true,
    });
    template.hasResource('AWS::SQS::Queue', {
      Properties: { MessageRetentionPeriod: dispatchQueue.deadLetter.retentionDays * 86_400, SqsManagedSseEnabled: true },
    });
    expect(template.findResources('AWS::SQS::Queue')[dispatchQueue.logicalId]).toBeDefined();
  });

  it('refuses requests without TLS', () => {
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: dispatchQueue.logicalId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('functions', () => {
  it('are ten Node.js 24 arm64 functions with their own log groups', () => {
    const all = Object.values(functions());
    expect(all).toHaveLength(10);
    for (const fn of all) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' });
      expect(fn.Properties.LoggingConfig).toEqual({ LogGroup: { Ref: expect.any(String) } });
    }
    // One per function, the HTTP API's access log and the log of the deploy-time console copy.
    template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, all.length + 2);
  });

  it('give every function an environment that the engine config accepts', () => {
    // The feedback function has its own, smaller schema (see the delivery feedback tests).
    for (const fn of Object.values(functions()).filter((candidate) => candidate !== functionByService('feedback'))) {
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      // References resolve at deploy time; any URL-shaped value stands in for them here.
      const filled = Object.fromEntries(
        Object.entries(variables).map(([name, value]) => [name, typeof value === 'string' ? value : `https://deploy.invalid/${name}`]),
      );
      const env = readEngineEnv(filled);
      expect(env).toMatchObject({ SMS_MODE: 'aws', PRINT_MODE: 's3', JOURNEYS_DIR: '/var/task/journeys' });
      expect(variables).toMatchObject({
        TABLE_NAME: { Ref: engineTable.logicalId },
        DISPATCH_QUEUE_URL: { Ref: dispatchQueue.logicalId },
        EVENTS_QUEUE_URL: { Ref: eventsQueue.logicalId },
        EMAIL_FROM: 'greetings@example.com',
        SMS_ORIGINATION_IDENTITY: 'DealerJrny',
        POWERTOOLS_METRICS_NAMESPACE: 'DealerJourneys',
      });
    }
  });

  it('gives the dispatch function the shared timeout, below the queue visibility timeout', () => {
    expect(functionByService('dispatch-messages').Properties.Timeout).toBe(dispatchFunctionTimeoutSeconds);
    expect(dispatchQueue.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(dispatchFunctionTimeoutSeconds);
  });

  it('orders the deployed times: function timeout < send lease < queue visibility timeout', async () => {
    // The lease is what dispatch is composed with from the deployed environment; the other two
    // come from the template. A lease shorter than a running function lets a second attempt take
    // over a send still in flight (a duplicate); one longer than the visibility timeout leaves a
    // redelivered message facing a live lease until it reaches the dead-letter queue.
    const dispatch = functionByService('dispatch-messages');
    const env = readEngineEnv({
      ...Object.fromEntries(
        Object.entries((dispatch.Properties.Environment as { Variables: Record<string, unknown> }).Variables).map(([name, value]) => [
          name,
          typeof value === 'string' ? value : `https://deploy.invalid/${name}`,
        ]),
      ),
    });
    const { leaseSeconds } = composeDispatch(env, await loadJourneyConfig(join(repoRoot, 'journeys')));
    const functionTimeout = dispatch.Properties.Timeout as number;
    const queue = template.findResources('AWS::SQS::Queue')[dispatchQueue.logicalId]!;
    const visibilityTimeout = queue.Properties.VisibilityTimeout as number;

    expect(leaseSeconds).toBeGreaterThan(functionTimeout);
    expect(leaseSeconds).toBeLessThan(visibilityTimeout);
    expect(visibilityTimeout).toBeGreaterThanOrEqual(functionTimeout);
  });

  it('feeds the dispatch function from the queue in batches of 10 with partial batch failures', () => {
    const dispatchId = logicalIdOf('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'dispatch-messages' }) },
    });
    // Dispatch, the event consumer and the console calendar job's shards.
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 3);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [dispatchQueue.logicalId, 'Arn'] },
      FunctionName: { Ref: dispatchId },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('feeds the event consumer from the FIFO events queue with partial batch failures, a FIFO dead-letter queue after the shared receive count', () => {
    const consumerId = logicalIdOf('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'apply-events' }) },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [eventsQueue.logicalId, 'Arn'] },
      FunctionName: { Ref: consumerId },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const queues = template.findResources('AWS::SQS::Queue');
    expect(queues[eventsQueue.logicalId]!.Properties).toMatchObject({
      FifoQueue: true,
      VisibilityTimeout: eventsQueue.visibilityTimeoutSeconds,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [eventsQueue.deadLetter.logicalId, 'Arn'] }, maxReceiveCount: eventsQueue.maxReceiveCount },
    });
    expect(queues[eventsQueue.deadLetter.logicalId]!.Properties).toMatchObject({ FifoQueue: true });
    expect(functionByService('apply-events').Properties.Timeout).toBe(applyEventsFunctionTimeoutSeconds);
    expect(eventsQueue.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(applyEventsFunctionTimeoutSeconds);
  });
});

describe('permissions', () => {
  function statementsOf(service: string): Array<{ Action: string | string[]; Resource: unknown; Condition?: unknown }> {
    const fn = functionByService(service);
    const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      (policy.Properties.Roles as Array<{ Ref: string }>).some((role) => role.Ref === roleId),
    );
    return policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement);
  }
  const actionsOf = (service: string) => statementsOf(service).flatMap((s) => [s.Action].flat());

  it('lets the API read the table, write intake records, batch-delete an erased customer and send to the events queue, and nothing else', () => {
    const actions = actionsOf('engine-api');
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:BatchWriteItem', 'sqs:SendMessage']));
    expect(actions.filter((a) => /^dynamodb:(DeleteItem|Scan)/.test(a))).toEqual([]);
    // Secrets Manager: the unsubscribe signing key, to verify the links of the public unsubscribe route.
    expect(actions.filter((a) => !a.startsWith('dynamodb:') && !a.startsWith('logs:') && !a.startsWith('sqs:') && !a.startsWith('secretsmanager:'))).toEqual([]);
  });

  it('lets the evaluation write the table and send to the dispatch queue', () => {
    const actions = actionsOf('evaluate-schedule');
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query', 'sqs:SendMessage']));
    expect(actions.some((a) => a.startsWith('ses:') || a.startsWith('sms-voice:') || a.startsWith('s3:'))).toBe(false);
  });

  const reads = ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'];
  const writes = ['dynamodb:PutItem', 'dynamodb:UpdateItem'];
  const dueIndexUpkeep = ['dynamodb:Scan', 'dynamodb:BatchWriteItem', 'dynamodb:DeleteItem'];
  it.each([
    ['engine-api', [...reads, ...writes, 'dynamodb:BatchWriteItem']],
    ['apply-events', [...reads, ...writes, 'dynamodb:BatchWriteItem']],
    ['evaluate-schedule', [...reads, ...writes, ...dueIndexUpkeep]],
    ['dispatch-messages', [...reads, ...writes]],
  ])('grants %s only the table actions its adapters call', (service, expected) => {
    const tableActions = actionsOf(service).filter((a) => a.startsWith('dynamodb:'));

    expect([...new Set(tableActions)].sort()).toEqual([...expected].sort());
  });

  it('lets no role but the evaluation (the due index\'s upkeep) delete, no other but the console\'s calendar job scan (the console function none), and only the evaluation, the event consumer and the API (erasure) batch-write the table', () => {
    const roleOf = (service: string) => (functionByService(service).Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const actionsOfRoles = (keep: (role: string) => boolean) =>
      Object.values(template.findResources('AWS::IAM::Policy'))
        .filter((policy) => (policy.Properties.Roles as Array<{ Ref: string }>).some((role) => keep(role.Ref)))
        .flatMap((policy) => (policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>).flatMap((s) => [s.Action].flat()));
    const [evaluationRole, consoleRole, calendarRole] = [roleOf('evaluate-schedule'), roleOf('console-api'), roleOf('console-calendar')];
    const granted = actionsOfRoles((role) => role !== evaluationRole);

    expect(granted.filter((a) => /^dynamodb:(DeleteItem|\*)$/.test(a))).toEqual([]);
    expect(actionsOfRoles((role) => role !== evaluationRole && role !== calendarRole).filter((a) => a === 'dynamodb:Scan')).toEqual([]);
    expect(actionsOfRoles((role) => role === consoleRole)).not.toContain('dynamodb:Scan');
    expect(actionsOfRoles((role) => role === calendarRole)).toContain('dynamodb:Scan');
    expect(granted.filter((a) => a === 'dynamodb:Query').length).toBeGreaterThan(0);
    // The consumer replaces a customer's items as the import does (puts and deletes in one
    // BatchWrite); the API's erasure deletes a customer's items 25 at a time.
    expect(granted.filter((a) => a === 'dynamodb:BatchWriteItem')).toHaveLength(2);
    expect(actionsOf('apply-events')).toContain('dynamodb:BatchWriteItem');
    expect(actionsOf('engine-api')).toContain('dynamodb:BatchWriteItem');
  });

  it('lets dispatch send email only from EMAIL_FROM through the configuration set, SMS and print files', () => {
    const statements = statementsOf('dispatch-messages');
    const email = statements.find((s) => s.Action === 'ses:SendEmail');
    expect(email?.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'greetings@example.com' } });
    expect(JSON.stringify(email?.Resource)).toMatch(/configuration-set\//);
    expect(JSON.stringify(email?.Resource)).toMatch(/identity\/greetings@example\.com/);
    expect(statements.find((s) => s.Action === 'sms-voice:SendTextMessage')).toBeDefined();
    expect(statements.find((s) => s.Action === 's3:PutObject')).toBeDefined();
  });
});

describe('CRM webhook signing secrets', () => {
  const secretId = () => logicalIdOf('AWS::SecretsManager::Secret', { SecretString: '{}' });

  it('keeps them in one Secrets Manager secret created empty, retained when the stack is deleted', () => {
    const secret = template.findResources('AWS::SecretsManager::Secret')[secretId()];

    expect(secret?.Properties.SecretString).toBe('{}');
    expect(secret?.DeletionPolicy).toBe('Retain');
  });

  it('lets only dispatch read them, and tells every function where they are', () => {
    const readers = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy.Properties.PolicyDocument).includes(`"Ref":"${secretId()}"`),
    );
    const dispatchRole = (functionByService('dispatch-messages').Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

    expect(readers.map((policy) => policy.Properties.Roles)).toEqual([[{ Ref: dispatchRole }]]);
    expect(JSON.stringify(readers[0]?.Properties.PolicyDocument)).toContain(secretId());
    for (const fn of Object.values(functions()).filter((candidate) => candidate !== functionByService('feedback'))) {
      expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
        TASK_WEBHOOK_MODE: 'http',
        WEBHOOK_SECRETS_ID: { Ref: secretId() },
      });
    }
  });
});

describe('delivery feedback, unsubscribe and pause', () => {
  const feedbackTopic = () => logicalIdOf('AWS::SNS::Topic', { DisplayName: 'Dealer journeys delivery feedback' });
  const unsubscribeKey = () => logicalIdOf('AWS::SecretsManager::Secret', { GenerateSecretString: Match.objectLike({ PasswordLength: 64 }) });
  const roleOf = (service: string) => (functionByService(service).Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const policiesOf = (service: string) =>
    Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) => (policy.Properties.Roles as Array<{ Ref: string }>).some((role) => role.Ref === roleOf(service)));

  it('publishes bounces, complaints and deliveries of the configuration set to the feedback topic, which the feedback function reads', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint', 'delivery']),
        SnsDestination: { TopicARN: { Ref: feedbackTopic() } },
      }),
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda', TopicArn: { Ref: feedbackTopic() }, Endpoint: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } });
    template.hasResourceProperties('AWS::SNS::Topic', { DisplayName: 'Dealer journeys delivery feedback', KmsMasterKeyId: Match.anyValue() });
  });

  it.each([
    ['Reputation.BounceRate', 0.05],
    ['Reputation.ComplaintRate', 0.001],
  ])('alarms on SES %s over %s and pauses promotional email through the feedback topic', (metric, threshold) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SES',
      MetricName: metric,
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: Match.arrayWith([{ Ref: feedbackTopic() }]),
    });
  });

  it('gives the feedback function its own environment, no scan, delete or batch write, and the SMS opt-out list', () => {
    const variables = (functionByService('feedback').Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const actions = policiesOf('feedback').flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Array<{ Action: string | string[] }> }).Statement.flatMap((statement) => [statement.Action].flat()));

    expect(readFeedbackEnv(Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, typeof value === 'string' ? value : 'deploy-time'])))).toMatchObject({ SMS_MODE: 'aws' });
    expect(actions.filter((action) => /^dynamodb:(Scan|Delete|BatchWrite)/.test(action))).toEqual([]);
    expect(actions).toEqual(expect.arrayContaining(['sms-voice:PutOptedOutNumber', 'sms-voice:DeleteOptedOutNumber', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem']));
  });

  it('signs unsubscribe links with a generated key only dispatch and the API read, and links to the API', () => {
    const readers = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) => JSON.stringify(policy.Properties.PolicyDocument).includes(`"Ref":"${unsubscribeKey()}"`));
    const dispatchVariables = (functionByService('dispatch-messages').Properties.Environment as { Variables: Record<string, unknown> }).Variables;

    expect(readers.map((policy) => (policy.Properties.Roles as Array<{ Ref: string }>)[0]!.Ref).sort()).toEqual([roleOf('dispatch-messages'), roleOf('engine-api')].sort());
    expect(template.findResources('AWS::SecretsManager::Secret')[unsubscribeKey()]?.DeletionPolicy).toBe('Retain');
    expect(dispatchVariables).toMatchObject({ UNSUBSCRIBE_KEY_SECRET_ID: { Ref: unsubscribeKey() }, PUBLIC_API_URL: expect.anything() });
    expect(JSON.stringify(dispatchVariables.PUBLIC_API_URL)).toContain('execute-api');
  });
});

describe('hourly schedule', () => {
  it('invokes the evaluation every hour at minute 0 with a scheduled-event input, retries and a DLQ', () => {
    const evaluateId = logicalIdOf('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'evaluate-schedule' }) },
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 * * * ? *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: { 'Fn::GetAtt': [evaluateId, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: Match.anyValue(), MaximumEventAgeInSeconds: Match.anyValue() },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ScheduleDeadLetterQueue'), 'Arn'] } },
        RoleArn: Match.anyValue(),
        Input: Match.serializedJson({
          'detail-type': 'Scheduled Event',
          source: 'aws.scheduler',
          time: '<aws.scheduler.scheduled-time>',
          detail: {},
        }),
      },
    });
  });
});

describe('print bucket', () => {
  const printBucket = () => {
    const [bucket] = Object.values(template.findResources('AWS::S3::Bucket', { Properties: { LoggingConfiguration: Match.anyValue() } }));
    if (!bucket) throw new Error('no bucket with access logging');
    return bucket;
  };

  it('blocks public access, encrypts, versions, expires after a year and logs access', () => {
    expect(printBucket().Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: { Rules: [expect.objectContaining({ ExpirationInDays: 365, Status: 'Enabled' })] },
      LoggingConfiguration: { DestinationBucketName: { Ref: expect.stringMatching(/^PrintAccessLogs/) } },
    });
  });

  it('refuses requests without TLS on every bucket (print files, console files, the access logs of each, the console\'s calendars)', () => {
    template.resourceCountIs('AWS::S3::Bucket', 5);
    template.resourcePropertiesCountIs(
      'AWS::S3::BucketPolicy',
      {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      },
      5,
    );
  });
});

describe('HTTP API', () => {
  it('routes every dealer route of the contract to the API key check, and leaves health and the document open', () => {
    const routeKeys = [
      'POST /v1/events',
      'GET /v1/customers/{customerId}',
      'DELETE /v1/customers/{customerId}',
      'GET /v1/customers/{customerId}/messages',
      'PUT /v1/customers/{customerId}/consent',
      'GET /v1/tasks',
      'GET /v1/openapi.json',
      'GET /health',
    ];
    // The rest are the console's, behind its JWT authorizer (test/infra/console.test.ts).
    const open = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).filter((route) => route.Properties.AuthorizationType !== 'JWT');
    expect(open.map((route) => route.Properties.RouteKey).sort()).toEqual([...routeKeys].sort());
    for (const routeKey of routeKeys) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: routeKey, AuthorizationType: 'NONE' });
    }
  });

  it('logs access on the $default stage by route template, not by customer path', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.serializedJson(Match.objectLike({ requestId: '$context.requestId', routeKey: '$context.routeKey' })),
      },
    });
  });
});

describe('SES and outputs', () => {
  it('creates a configuration set with reputation metrics and no email identity', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      ReputationOptions: { ReputationMetricsEnabled: true },
    });
    template.resourceCountIs('AWS::SES::EmailIdentity', 0);
  });

  it('outputs the table name, queue URL, API URL, print bucket, webhook secrets, feedback topic, alarm topic, console URL and console user pool', () => {
    expect(Object.keys(template.findOutputs('*')).sort()).toEqual([
      'AlarmTopicArn',
      'ApiUrl',
      'ConsoleUrl',
      'ConsoleUserPoolId',
      'DispatchQueueUrl',
      'EventsQueueUrl',
      'FeedbackTopicArn',
      'PrintBucketName',
      'TableName',
      'WebhookSecretsArn',
    ]);
    template.hasOutput('TableName', { Value: { Ref: engineTable.logicalId } });
    template.hasOutput('DispatchQueueUrl', { Value: { Ref: dispatchQueue.logicalId } });
  });
});
