import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEngineApp } from './engine-app';

type Resource = ReturnType<Template['findResources']>[string];

let template: Template;
beforeAll(() => {
  template = Template.fromStack(buildEngineApp().stack);
});

function releaseFunction(): [string, Resource] {
  const found = Object.entries(template.findResources('AWS::Lambda::Function')).find(
    ([, fn]) => (fn.Properties.Environment as { Variables: Record<string, unknown> } | undefined)?.Variables.POWERTOOLS_SERVICE_NAME === 'release-held-messages',
  );
  if (!found) throw new Error('no release function');
  return found;
}

const queueId = (prefix: string) => {
  const id = Object.keys(template.findResources('AWS::SQS::Queue')).find((logicalId) => logicalId.startsWith(prefix));
  if (!id) throw new Error(`no queue ${prefix}`);
  return id;
};

describe('release of held messages', () => {
  it('runs every 5 minutes with a scheduled-event input, retries and a dead-letter queue', () => {
    const [id] = releaseFunction();

    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: { 'Fn::GetAtt': [id, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 300 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queueId('ReleaseScheduleDeadLetterQueue'), 'Arn'] } },
        RoleArn: Match.anyValue(),
        Input: Match.serializedJson({ 'detail-type': 'Scheduled Event', source: 'aws.scheduler', time: '<aws.scheduler.scheduled-time>', detail: {} }),
      },
    });
  });

  it('sends a run that failed after Lambda retried it to an on-failure queue', () => {
    const [id] = releaseFunction();

    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: id },
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: 300,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId('ReleaseFailureQueue'), 'Arn'] } } },
    });
  });

  it.each(['ReleaseScheduleDeadLetterQueue', 'ReleaseFailureQueue'])('alarms on any message in %s', (prefix) => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter(
      (alarm) =>
        alarm.Properties.MetricName === 'ApproximateNumberOfMessagesVisible' &&
        JSON.stringify(alarm.Properties.Dimensions).includes(queueId(prefix)),
    );

    expect(alarms).toHaveLength(1);
  });

  it.each(['HeldMessagesNotQueued', 'HeldMessagesUnreadable'])('alarms on the %s metric of the release function', (metricName) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: metricName,
      Dimensions: [{ Name: 'service', Value: 'release-held-messages' }],
      Threshold: 1,
    });
  });

  it('may query and update the table and queue messages, and nothing more (no Scan, no DeleteItem)', () => {
    const [, fn] = releaseFunction();
    const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) => (policy.Properties.Roles as Array<{ Ref: string }>).some((role) => role.Ref === roleId))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>);
    const actions = statements.flatMap((statement) => [statement.Action].flat());

    expect(actions.filter((action) => action.startsWith('dynamodb:')).sort()).toEqual(['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    expect(actions).toContain('sqs:SendMessage');
    expect(actions.filter((action) => !/^(dynamodb|sqs|logs|kms):/.test(action))).toEqual([]);
  });
});
