import type { SecretsManagerClient, SecretsManagerClientConfig } from '@aws-sdk/client-secrets-manager';
import { loadOnce, type ClientSource } from '../load-once';

/** A Secrets Manager client made on first use. */
export type SecretsManagerClientSource = ClientSource<SecretsManagerClient>;

/**
 * The Secrets Manager SDK loaded on the first secret read: only unsubscribe routes, promotional
 * emails and CRM webhooks read a secret, so a cold start that takes none of them does not load
 * the client.
 */
export function lazySecretsManagerClient(config: SecretsManagerClientConfig): SecretsManagerClientSource {
  return loadOnce(async () => new (await import('@aws-sdk/client-secrets-manager')).SecretsManagerClient(config));
}

/** `GetSecretValue` through a client from `source`, the command class loaded with it. */
export async function getSecretString(source: SecretsManagerClientSource, secretId: string): Promise<string | undefined> {
  const [client, { GetSecretValueCommand }] = await Promise.all([source(), import('@aws-sdk/client-secrets-manager')]);
  return (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
}
