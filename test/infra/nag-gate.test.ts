import { App, Stack, Validations, type Acknowledgment } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../infra/app';
import { buildEngineApp, cdkJsonContext } from './engine-app';

// cdk-nag 3 is a validation plugin: synth (and so Template.fromStack) throws on an unacknowledged
// finding. Annotations.fromStack() never sees its findings, so the gate is tested by synthesis.
describe('cdk-nag AwsSolutions gate', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('passes: the engine stack has no unacknowledged finding', () => {
    const { stack } = buildEngineApp();

    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  it('fails a stack with an unencrypted bucket that allows plain HTTP', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const stack = new Stack(app, 'Scratch');
    new s3.CfnBucket(stack, 'Careless'); // no encryption settings, no TLS-only policy, no access logs

    expect(() => Template.fromStack(stack)).toThrow(/AwsSolutions-S10/);
    expect(() => Template.fromStack(stack)).toThrow(/AwsSolutions-S1\b/);
  });

  it('runs in the real infra/app.ts: an unencrypted bucket added to its stack fails synth', () => {
    // buildApp is what `cdk synth` runs (cdk.json: `tsx infra/app.ts`), not a copy of it.
    const { stack } = buildApp({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
    new s3.CfnBucket(stack, 'Careless');

    expect(() => Template.fromStack(stack)).toThrow(/AwsSolutions-S10/);
  });

  it('fails the engine stack when a new wildcard permission is not acknowledged', () => {
    const { stack } = buildEngineApp();
    const role = stack.node.findAll().find((c): c is iam.Role => c instanceof iam.Role && c.node.path.endsWith('DispatchMessages/Role'));
    role?.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));

    expect(role).toBeDefined();
    expect(() => Template.fromStack(stack)).toThrow(/AwsSolutions-IAM5\[Resource::\*\]/);
  });

  it('has no stale acknowledgement: each one answers a finding the pack raises without it', () => {
    const acknowledged: Array<{ path: string; rule: Acknowledgment }> = [];
    const realOf = Validations.of.bind(Validations);
    vi.spyOn(Validations, 'of').mockImplementation((scope: IConstruct) => {
      const real = realOf(scope);
      return Object.assign(Object.create(real) as Validations, {
        acknowledge: (...rules: Acknowledgment[]) => {
          for (const rule of rules) acknowledged.push({ path: scope.node.path, rule });
        },
      });
    });
    const { stack } = buildEngineApp();

    const { violations } = new AwsSolutionsChecks().validateScope(stack);

    expect(acknowledged.length).toBeGreaterThan(0);
    for (const { path, rule } of acknowledged) {
      const violation = violations.find((v) => v.ruleName === rule.id);
      const covered = violation?.violatingResources.filter((r) => (r.constructPath ?? '').startsWith(`${path}/`)) ?? [];
      expect(covered, `${rule.id} on ${path}`).not.toHaveLength(0);
      expect(rule.reason.length, `reason for ${rule.id} on ${path}`).toBeGreaterThan(40);
    }
    // And every finding is acknowledged somewhere (the same check the gate makes).
    for (const violation of violations) {
      for (const resource of violation.violatingResources) {
        const match = acknowledged.some(
          ({ path, rule }) => rule.id === violation.ruleName && (resource.constructPath ?? '').startsWith(`${path}/`),
        );
        expect(match, `${violation.ruleName} on ${resource.constructPath}`).toBe(true);
      }
    }
  });
});
