import { CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * How cdk-nag writes `Fn::GetAtt [<resource>, Arn]` inside a finding id, e.g.
 * `AwsSolutions-IAM5[Resource::<EngineTable.Arn>/index/*]`.
 */
export function nagArnOf(construct: IConstruct): string {
  const element = CfnElement.isCfnElement(construct) ? construct : construct.node.defaultChild;
  if (!element || !CfnElement.isCfnElement(element)) {
    throw new Error(`${construct.node.path} has no CloudFormation resource to name in a finding`);
  }
  const logicalId = Stack.of(element).resolve(element.logicalId) as string;
  return `<${logicalId}.Arn>`;
}

/** How cdk-nag writes `arn:${Partition}:<service>:${Region}:${AccountId}:<resource>` in a finding id. */
export function nagStackArn(service: string, resource: string): string {
  return `arn:<AWS::Partition>:${service}:<AWS::Region>:<AWS::AccountId>:${resource}`;
}

/**
 * Acknowledges one wildcard resource (AwsSolutions-IAM5) on `scope` (a role or function) with the
 * reason it is as narrow as it can be. Any other wildcard on the same policy still fails synth.
 */
export function acknowledgeWildcardResource(scope: IConstruct, resource: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason });
}
