import { RemovalPolicy, SecretValue, Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';

/**
 * The secret holding dealers' CRM webhook signing secrets, `{"<dealerId>": ["<newest>",
 * "<previous>"]}`. The stack creates it empty (no secret is ever in the repo or the template);
 * operators put each dealer's secret in with `aws secretsmanager put-secret-value` and hand it to
 * the dealer. Kept when the stack is deleted: dealers' CRMs verify with these values.
 */
export function createWebhookSecrets(scope: Construct): secretsmanager.Secret {
  const secret = new secretsmanager.Secret(scope, 'WebhookSigningSecrets', {
    description: 'Per dealer, the active signing secrets of the task webhook to its CRM (newest first, two during a rotation)',
    // An empty JSON object, not a secret: the values are added per dealer after deployment.
    secretStringValue: SecretValue.unsafePlainText('{}'),
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'Rotation is per dealer and needs the dealer: a new secret is added beside the old one (both sign, so the CRM verifies with either), the dealer switches, then the old one is removed. A rotation Lambda cannot do the middle step.',
  });
  return secret;
}
