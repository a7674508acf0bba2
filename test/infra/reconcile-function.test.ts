import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEngineApp } from './engine-app';

type Resource = ReturnType<Template['findResources']>[string];

let template: Template;
beforeAll(() => {
  template = Template.fromStack(buildEngineApp().stack);
});

function reconcileFunction(): [string, Resource] {
  const found = Object.entries(template.findResources('AWS::Lambda::Function')).find(
    ([, fn]) => (fn.Properties.Environment as { Variables: Record<string, unknown> } | undefined)?.Variables.POWERTOOLS_SERVICE_NAME === 'reconcile-ledger',
  );
  if (!found) throw new Error('no reconcile function');
  return found;
}

describe('reconcile function', () => {
  it('runs every hour at minute 30, half-way between evaluations, with a scheduled-event input', () => {
    const [id] = reconcileFunction();

    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 * * * ? *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      Target: {
        Arn: { 'Fn::GetAtt': [id, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: Match.anyValue(), MaximumEventAgeInSeconds: Match.anyValue() },
        RoleArn: Match.anyValue(),
        Input: Match.serializedJson({ 'detail-type': 'Scheduled Event', source: 'aws.scheduler', time: '<aws.scheduler.scheduled-time>', detail: {} }),
      },
    });
  });

  it("may query and update the ledger, get a customer's dealer (for the counters of what it expires) and queue messages, and nothing more", () => {
    const [, fn] = reconcileFunction();
    const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) => (policy.Properties.Roles as Array<{ Ref: string }>).some((role) => role.Ref === roleId))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>);
    const actions = statements.flatMap((statement) => [statement.Action].flat());

    expect(actions.filter((action) => action.startsWith('dynamodb:')).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    expect(actions).toContain('sqs:SendMessage');
    expect(actions.filter((action) => !/^(dynamodb|sqs|logs|kms):/.test(action))).toEqual([]);
  });
});
