import { Arn, ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { acknowledgeWildcardResource, nagStackArn } from './nag';

/**
 * Lets `role` send email through SES v2 only from `emailFrom` (its address identity or its
 * domain identity, whichever the operator verified) and only with the given configuration set.
 */
export function grantSendEmail(
  role: iam.IRole,
  emailFrom: string,
  configurationSetName: string,
): void {
  const stack = Stack.of(role);
  const sesArn = (resourceName: string) =>
    stack.formatArn({ service: 'ses', resource: resourceName, arnFormat: ArnFormat.NO_RESOURCE_NAME });
  const domain = emailFrom.slice(emailFrom.lastIndexOf('@') + 1);
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [
        sesArn(`identity/${emailFrom}`),
        sesArn(`identity/${domain}`),
        sesArn(`configuration-set/${configurationSetName}`),
      ],
      conditions: { StringEquals: { 'ses:FromAddress': emailFrom } },
    }),
  );
}

/**
 * IAM resource (after `arn:...:sms-voice:<region>:<account>:`) an SMS origination identity is
 * authorized on, or its full ARN when the identity is one. A pool or phone-number id is exact. A
 * sender id is registered per country and a bare E.164 number does not name its phone-number id,
 * so those two end in a wildcard (acknowledged where they are granted).
 */
export function smsOriginationResource(identity: string): { arn: string } | { resource: string; wildcard: boolean } {
  if (identity.startsWith('arn:')) {
    Arn.split(identity, ArnFormat.SLASH_RESOURCE_NAME); // throws on a malformed ARN
    return { arn: identity };
  }
  if (identity.startsWith('pool-')) return { resource: `pool/${identity}`, wildcard: false };
  if (identity.startsWith('phone-')) return { resource: `phone-number/${identity}`, wildcard: false };
  if (identity.startsWith('+')) return { resource: 'phone-number/*', wildcard: true };
  return { resource: `sender-id/${identity}/*`, wildcard: true };
}

/** Lets `role` send SMS through AWS End User Messaging from the configured origination identity. */
export function grantSendText(role: iam.IRole, originationIdentity: string): void {
  const stack = Stack.of(role);
  const target = smsOriginationResource(originationIdentity);
  const arn =
    'arn' in target
      ? target.arn
      : stack.formatArn({ service: 'sms-voice', resource: target.resource, arnFormat: ArnFormat.NO_RESOURCE_NAME });
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['sms-voice:SendTextMessage'], resources: [arn] }),
  );
  if ('resource' in target && target.wildcard) {
    acknowledgeWildcardResource(
      role,
      nagStackArn('sms-voice', target.resource),
      `SMS origination identity "${originationIdentity}" is a sender id (registered per destination country) or an E.164 number (its phone-number id is not known at synth), so the ARN ends in a wildcard. Configure a pool or phone-number id (or an ARN) to make it exact.`,
    );
  }
}
