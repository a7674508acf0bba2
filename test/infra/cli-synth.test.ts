import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../infra/engine-stack';

const outdir = mkdtempSync(join(tmpdir(), 'engine-cli-synth-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('npm run synth', () => {
  it('synthesizes with the pinned CDK CLI, without AWS credentials', () => {
    // No credentials, profile or region: an env-agnostic stack must not need them.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));

    const result = spawnSync(join(repoRoot, 'node_modules', '.bin', 'cdk'), ['synth', '--quiet', '--output', outdir], {
      cwd: repoRoot,
      env: { ...env, CDK_DISABLE_VERSION_CHECK: '1', HOME: outdir },
      encoding: 'utf8',
      timeout: 120_000,
    });

    expect(result.status, result.stderr).toBe(0);
    const template = JSON.parse(readFileSync(join(outdir, 'DealerJourneys-dev.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string; Properties: { MetricName?: string } }>;
      Outputs: Record<string, unknown>;
    };
    const resources = Object.values(template.Resources);
    // Ten engine functions, CDK's deploy-time copy of the console into its bucket and the provider of the calendar job's after-deploy trigger.
    expect(resources.filter((resource) => resource.Type === 'AWS::Lambda::Function')).toHaveLength(12);
    expect(resources.filter((resource) => resource.Type === 'Custom::CDKBucketDeployment')).toHaveLength(1);
    expect(existsSync(join(outdir, 'manifest.json'))).toBe(true);
    // The alarms are in what the CLI deploys, not only in the test-built app.
    const alarmed = resources.filter((resource) => resource.Type === 'AWS::CloudWatch::Alarm').map((alarm) => alarm.Properties.MetricName);
    expect(alarmed.sort()).toEqual([
      'ApproximateNumberOfMessagesVisible',
      'ApproximateNumberOfMessagesVisible',
      'ApproximateNumberOfMessagesVisible',
      'ApproximateNumberOfMessagesVisible',
      'ApproximateNumberOfMessagesVisible',
      'ApproximateNumberOfMessagesVisible',
      'ApproximateNumberOfMessagesVisible',
      'ApproximateNumberOfMessagesVisible',
      'ApproximateNumberOfMessagesVisible',
      'Errors',
      'Errors',
      'Errors',
      'Errors',
      'Errors',
      'Errors',
      'Errors',
      'Errors',
      'Errors',
      'Errors',
      'HeldMessagesNotQueued',
      'HeldMessagesUnreadable',
      'OccurrencesNotQueued',
      'Reputation.BounceRate',
      'Reputation.ComplaintRate',
      'SkippedBadRecords',
    ]);
    expect(template.Outputs.AlarmTopicArn).toBeDefined();
  });
});
