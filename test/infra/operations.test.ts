import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { readEngineEnv } from '../../shared/config/env';
import { dispatchQueue, eventsQueue } from '../../shared/resources/queues';
import { repoRoot } from '../../infra/engine-stack';
import { buildEngineApp, engineFunctions } from './engine-app';

/** A CloudFormation resource as the template holds it. */
type Resource = ReturnType<Template['findResources']>[string];
interface AlarmProps {
  MetricName: string;
  Namespace: string;
  Dimensions: Array<{ Name: string; Value: unknown }>;
  AlarmActions: unknown[];
  OKActions: unknown[];
  Threshold: number;
  ComparisonOperator: string;
}

let template: Template;
beforeAll(() => {
  const { stack } = buildEngineApp();
  template = Template.fromStack(stack);
});

const alarms = (): AlarmProps[] =>
  Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties as AlarmProps);
const functions = (): Record<string, Resource> => engineFunctions(template);
const variablesOf = (fn: Resource) => (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;

function functionIdByService(service: string): string {
  const found = Object.entries(functions()).find(([, fn]) => variablesOf(fn).POWERTOOLS_SERVICE_NAME === service);
  if (!found) throw new Error(`no function for ${service}`);
  return found[0];
}

/** The alarm topic (the other topic carries delivery feedback to the feedback function). */
function topicId(): string {
  const [id, ...others] = Object.keys(template.findResources('AWS::SNS::Topic', { Properties: { DisplayName: 'Dealer journeys alarms' } }));
  expect(others).toEqual([]);
  return id!;
}

const queueId = (logicalIdPrefix: string): string => {
  const id = Object.keys(template.findResources('AWS::SQS::Queue')).find((key) => key.startsWith(logicalIdPrefix));
  if (!id) throw new Error(`no queue ${logicalIdPrefix}`);
  return id;
};

const dimension = (alarm: AlarmProps, name: string) => alarm.Dimensions.find((d) => d.Name === name)?.Value;

describe('alarms', () => {
  it('notify the SNS topic named in the outputs, on alarm and on recovery, from the first occurrence', () => {
    const topic = topicId();
    template.hasOutput('AlarmTopicArn', { Value: { Ref: topic } });

    expect(alarms().length).toBeGreaterThan(0);
    // The SES reputation alarms have rate thresholds and also notify the feedback topic (which pauses promotional email).
    const [reputation, engine] = [alarms().filter((alarm) => alarm.Namespace === 'AWS/SES'), alarms().filter((alarm) => alarm.Namespace !== 'AWS/SES')];
    for (const alarm of engine) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topic }]);
      expect(alarm.OKActions).toEqual([{ Ref: topic }]);
      expect(alarm).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    }
    expect(reputation).toHaveLength(2);
    for (const alarm of reputation) {
      expect(alarm.AlarmActions).toContainEqual({ Ref: topic });
      expect(alarm.OKActions).toEqual([{ Ref: topic }]);
    }
  });

  it('cover the errors of every function in the stack', () => {
    const ids = Object.keys(functions());

    const alarmed = alarms()
      .filter((alarm) => alarm.Namespace === 'AWS/Lambda' && alarm.MetricName === 'Errors')
      .map((alarm) => (dimension(alarm, 'FunctionName') as { Ref: string }).Ref);

    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(alarmed.sort()).toEqual(ids.sort());
  });

  it.each([
    ['the dispatch dead-letter queue', dispatchQueue.deadLetter.logicalId],
    ['the events dead-letter queue', eventsQueue.deadLetter.logicalId],
    ['the schedule dead-letter queue', 'ScheduleDeadLetterQueue'],
    ['the failed-evaluation queue', 'EvaluationFailureQueue'],
  ])('fire on any message visible in %s', (_name, logicalIdPrefix) => {
    const queue = queueId(logicalIdPrefix);

    const matching = alarms().filter(
      (alarm) =>
        alarm.Namespace === 'AWS/SQS' &&
        alarm.MetricName === 'ApproximateNumberOfMessagesVisible' &&
        JSON.stringify(dimension(alarm, 'QueueName')) === JSON.stringify({ 'Fn::GetAtt': [queue, 'QueueName'] }),
    );

    expect(matching).toHaveLength(1);
  });

  it.each(['OccurrencesNotQueued', 'SkippedBadRecords'])(
    'fire on %s with the namespace and service dimension Powertools emits from the evaluation',
    (metricName) => {
      // Powertools Metrics writes to POWERTOOLS_METRICS_NAMESPACE with one default dimension,
      // `service` = POWERTOOLS_SERVICE_NAME: read both from the function the stack deploys.
      const evaluate = functions()[functionIdByService('evaluate-schedule')]!;
      const variables = variablesOf(evaluate);

      const matching = alarms().filter((alarm) => alarm.MetricName === metricName);

      expect(matching).toHaveLength(1);
      expect(matching[0]).toMatchObject({
        Namespace: variables.POWERTOOLS_METRICS_NAMESPACE,
        Dimensions: [{ Name: 'service', Value: variables.POWERTOOLS_SERVICE_NAME }],
      });
    },
  );

  it.each(['OccurrencesNotQueued', 'SkippedBadRecords'])('watch %s, a metric the evaluation handler really emits', (metric) => {
    const handler = readFileSync(join(repoRoot, 'functions/evaluate-schedule/handler.ts'), 'utf8');

    expect(handler).toMatch(new RegExp(`addMetric\\('${metric}'`));
    expect(alarms().some((alarm) => alarm.MetricName === metric)).toBe(true);
  });

  it('watch every custom metric the functions publish, and the functions publish no other (each is billed a month; other counts are log fields)', () => {
    const sourcesUnder = (folder: string): string[] =>
      readdirSync(join(repoRoot, folder), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts'))
        .map((file) => join(folder, file));
    const callsIn = (file: string) => readFileSync(join(repoRoot, file), 'utf8').match(/addMetric\(/g)?.length ?? 0;
    // Only a handler publishes, with a literal name: the metric's service is the handler's and its name can be checked here.
    expect(sourcesUnder('shared').filter((file) => callsIn(file) > 0)).toEqual([]);
    const published = sourcesUnder('functions').flatMap((file) => {
      const names = [...readFileSync(join(repoRoot, file), 'utf8').matchAll(/addMetric\('([^']+)'/g)].map((found) => found[1]!);
      expect(names).toHaveLength(callsIn(file));
      const service = file.split('/')[1]!;
      return names.map((name) => `${variablesOf(functions()[functionIdByService(service)]!).POWERTOOLS_METRICS_NAMESPACE as string} ${service} ${name}`);
    });
    const alarmed = alarms()
      .filter((alarm) => alarm.Namespace !== undefined && !alarm.Namespace.startsWith('AWS/'))
      .map((alarm) => `${alarm.Namespace} ${dimension(alarm, 'service') as string} ${alarm.MetricName}`);

    expect(new Set(published)).toEqual(new Set(alarmed));
    expect(published.sort()).toEqual(['DealerJourneys evaluate-schedule OccurrencesNotQueued', 'DealerJourneys evaluate-schedule SkippedBadRecords', 'DealerJourneys release-held-messages HeldMessagesNotQueued', 'DealerJourneys release-held-messages HeldMessagesUnreadable']);
  });

  it('go to a topic encrypted with a rotated key that CloudWatch may use', () => {
    const [keyId] = Object.keys(template.findResources('AWS::KMS::Key', { Properties: { EnableKeyRotation: true } }));
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            // One statement for the publishers of both topics (the feedback topic shares the key).
            Principal: { Service: Match.arrayWith(['cloudwatch.amazonaws.com']) },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
  });
});

describe('the SNS topics', () => {
  it('share one rotated customer managed key (1 USD a month each) that only their publishers, CloudWatch, SES and End User Messaging, may use, from this account', () => {
    const keys = template.findResources('AWS::KMS::Key');
    expect(Object.keys(keys)).toHaveLength(1);
    const [keyId, key] = Object.entries(keys)[0]!;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    const topics = Object.values(template.findResources('AWS::SNS::Topic'));
    expect(topics.map((topic) => topic.Properties.DisplayName).sort()).toEqual(['Dealer journeys alarms', 'Dealer journeys delivery feedback']);
    expect(topics.every((topic) => JSON.stringify(topic.Properties.KmsMasterKeyId) === JSON.stringify({ 'Fn::GetAtt': [keyId, 'Arn'] }))).toBe(true);

    const statements = (key.Properties.KeyPolicy as { Statement: { Principal: { Service?: string | string[] }; Action: unknown; Condition?: unknown }[] }).Statement;
    const services = statements.flatMap((statement) => [statement.Principal.Service ?? []].flat());
    expect(new Set(services)).toEqual(new Set(['cloudwatch.amazonaws.com', 'ses.amazonaws.com', 'sms-voice.amazonaws.com']));
    for (const statement of statements.filter((found) => found.Principal.Service)) {
      expect(statement.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
      expect(statement.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': expect.anything() } });
    }
  });
});

describe('failed evaluation runs', () => {
  it('go to an on-failure queue after Lambda retries the asynchronous invocation', () => {
    // Scheduler invokes Lambda asynchronously: once Lambda accepts the event, a run that throws is
    // Lambda's to retry and route, and the schedule's own dead-letter queue never sees it.
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: functionIdByService('evaluate-schedule') },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId('EvaluationFailureQueue'), 'Arn'] } } },
    });
  });
});

describe('per-stage operations settings', () => {
  const concurrencyOf = (t: Template) => {
    // The dispatch queue's mapping (the events queue's has no cap).
    const mapping = Object.values(t.findResources('AWS::Lambda::EventSourceMapping')).find((found) => JSON.stringify(found.Properties.EventSourceArn).includes('DispatchQueue'));
    return (mapping!.Properties.ScalingConfig as { MaximumConcurrency: number } | undefined)?.MaximumConcurrency;
  };
  // The feedback function has its own environment, without the ledger's retention.
  const retentionOf = (t: Template) =>
    Object.values(engineFunctions(t))
      .filter((fn) => variablesOf(fn).POWERTOOLS_SERVICE_NAME !== 'feedback')
      .map((fn) => variablesOf(fn).LEDGER_RETENTION_DAYS);

  it('caps dispatch at 5 concurrent functions and keeps ledger items 400 days by default', () => {
    expect(concurrencyOf(template)).toBe(5);
    // Every function but the feedback one (it writes no ledger item of its own): one value each.
    expect(retentionOf(template).length).toBe(Object.keys(functions()).length - 1);
    expect(new Set(retentionOf(template))).toEqual(new Set(['400']));
  });

  it('takes the cap and the retention from context, as the CLI passes them (strings)', () => {
    const { stack } = buildEngineApp({ context: { dispatchMaxConcurrency: '12', ledgerRetentionDays: '30' } });

    const staged = Template.fromStack(stack);

    expect(concurrencyOf(staged)).toBe(12);
    expect(new Set(retentionOf(staged))).toEqual(new Set(['30']));
  });

  it('passes a retention the functions read as a number of days', () => {
    const [fn] = Object.values(functions());
    const filled = Object.fromEntries(
      Object.entries(variablesOf(fn!)).map(([name, value]) => [name, typeof value === 'string' ? value : `https://deploy.invalid/${name}`]),
    );

    expect(readEngineEnv(filled).LEDGER_RETENTION_DAYS).toBe(400);
  });

  it('refuses a concurrency below the AWS minimum of 2 and a retention that is not a whole positive number', () => {
    expect(() => buildEngineApp({ context: { dispatchMaxConcurrency: '1', ledgerRetentionDays: '0' } })).toThrow(
      /Invalid CDK context: dispatchMaxConcurrency: .*; ledgerRetentionDays: /,
    );
  });
});
