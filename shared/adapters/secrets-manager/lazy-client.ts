import type { SecretsManagerClient, SecretsManagerClientConfig } from '@aws-sdk/client-secrets-manager';

/** A Secrets Manager client made on first use. */
export type SecretsManagerClientSource = () => Promise<SecretsManagerClient>;

/**
 * The Secrets Manager SDK loaded on the first secret read (a dynamic import the bundler leaves to
 * the runtime): only unsubscribe routes, promotional emails and CRM webhooks read a secret, so a
 * cold start that takes none of them does not load the client. A failed load is not kept.
 */
export function lazySecretsManagerClient(config: SecretsManagerClientConfig): SecretsManagerClientSource {
  let client: Promise<SecretsManagerClient> | undefined;
  return () =>
    (client ??= import('@aws-sdk/client-secrets-manager').then(
      (sdk) => new sdk.SecretsManagerClient(config),
      (error: unknown) => {
        client = undefined;
        throw error;
      },
    ));
}

/** `GetSecretValue` through a client from `source`, the command class loaded with it. */
export async function getSecretString(source: SecretsManagerClientSource, secretId: string): Promise<string | undefined> {
  const [client, { GetSecretValueCommand }] = await Promise.all([source(), import('@aws-sdk/client-secrets-manager')]);
  return (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
}
