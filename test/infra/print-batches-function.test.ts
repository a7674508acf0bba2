import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEngineApp } from './engine-app';

type Resource = ReturnType<Template['findResources']>[string];

let template: Template;
beforeAll(() => {
  template = Template.fromStack(buildEngineApp().stack);
});

function printBatchesFunction(): [string, Resource] {
  const found = Object.entries(template.findResources('AWS::Lambda::Function')).find(
    ([, fn]) => (fn.Properties.Environment as { Variables: Record<string, unknown> } | undefined)?.Variables.POWERTOOLS_SERVICE_NAME === 'close-print-batches',
  );
  if (!found) throw new Error('no print batches function');
  return found;
}

function statementsOf([, fn]: [string, Resource]): Array<{ Action: string | string[]; Resource: unknown; Condition?: unknown }> {
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as Array<{ Ref: string }>).some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

describe('print batches function', () => {
  it('runs daily at 12:30 UTC, when the day before has ended in every time zone, with a scheduled-event input', () => {
    const [id] = printBatchesFunction();

    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 12 * * ? *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      Target: {
        Arn: { 'Fn::GetAtt': [id, 'Arn'] },
        RoleArn: Match.anyValue(),
        Input: Match.serializedJson({ 'detail-type': 'Scheduled Event', source: 'aws.scheduler', time: '<aws.scheduler.scheduled-time>', detail: {} }),
      },
    });
  });

  it('may list and read the staged pieces, write and read back the batches, and query the ledger, and nothing more', () => {
    const statements = statementsOf(printBatchesFunction());
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    const on = (action: string) => statements.filter((statement) => [statement.Action].flat().includes(action)).map((statement) => JSON.stringify(statement.Resource));

    expect(actions.filter((action) => action.startsWith('dynamodb:'))).toEqual(['dynamodb:Query']);
    expect(actions.filter((action) => action.startsWith('s3:')).sort()).toEqual(['s3:GetObject', 's3:ListBucket', 's3:PutObject']);
    expect(on('s3:GetObject')).toEqual([expect.stringMatching(/\/batches\/\*".*\/staged\/\*"/)]);
    expect(on('s3:PutObject')).toEqual([expect.stringMatching(/\/batches\/\*"/)]);
    expect(statements.find((statement) => statement.Action === 's3:ListBucket')?.Condition).toEqual({ StringLike: { 's3:prefix': ['staged/*', 'batches/*'] } });
    expect(actions.filter((action) => !/^(dynamodb|s3|logs):/.test(action))).toEqual([]);
  });

  it('is told where the print files are', () => {
    const [, fn] = printBatchesFunction();

    expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({ PRINT_MODE: 's3', PRINT_BUCKET: expect.anything() });
  });
});
