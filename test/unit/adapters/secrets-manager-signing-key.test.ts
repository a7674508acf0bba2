import { afterEach, describe, expect, it } from 'vitest';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { createSecretsManagerSigningKey } from '../../../shared/adapters/signing-key/secrets-manager-signing-key';
import { lazySecretsManagerClient } from '../../../shared/adapters/secrets-manager/lazy-client';
import { RetryLaterError } from '../../../shared/domain/errors';

const key = 'k'.repeat(48);

describe('the unsubscribe signing key from Secrets Manager', () => {
  const secretsManager = mockClient(SecretsManagerClient);
  afterEach(() => secretsManager.reset());

  it('makes the client only on the first read, then reads the secret once per instance', async () => {
    secretsManager.on(GetSecretValueCommand, { SecretId: 'unsubscribe-key' }).resolves({ SecretString: key });
    const made: SecretsManagerClient[] = [];
    const lazy = lazySecretsManagerClient({ region: 'eu-west-1' });
    const source = async () => {
      const client = await lazy();
      made.push(client);
      return client;
    };
    const signing = createSecretsManagerSigningKey(source, 'unsubscribe-key');

    expect(made).toHaveLength(0);
    expect(await signing.signingKey()).toBe(key);
    expect(await signing.signingKey()).toBe(key);
    expect(made).toHaveLength(1);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(await lazy()).toBe(made[0]);
  });

  it('asks to retry later on throttling, and reads again on the next call', async () => {
    secretsManager.on(GetSecretValueCommand).rejectsOnce(Object.assign(new Error('slow down'), { name: 'ThrottlingException' })).resolves({ SecretString: key });
    const signing = createSecretsManagerSigningKey(lazySecretsManagerClient({ region: 'eu-west-1' }), 'unsubscribe-key');

    await expect(signing.signingKey()).rejects.toThrow(RetryLaterError);
    expect(await signing.signingKey()).toBe(key);
  });
});
