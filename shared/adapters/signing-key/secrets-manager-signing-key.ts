import { RetryLaterError } from '../../domain/errors';
import type { SigningKey } from '../../ports/unsubscribe';
import { isTransportFailure } from '../transport-errors';
import { getSecretString, type SecretsManagerClientSource } from '../secrets-manager/lazy-client';

const transientNames = new Set(['ThrottlingException', 'InternalServiceError', 'InternalServiceErrorException', 'ServiceUnavailable']);

/**
 * The unsubscribe signing key from a Secrets Manager secret the stack generates (its plain string
 * value), read once per function instance: the key is never rotated without breaking every link
 * already mailed, so there is nothing to pick up later.
 */
export function createSecretsManagerSigningKey(client: SecretsManagerClientSource, secretId: string): SigningKey {
  let key: Promise<string> | undefined;
  async function read(): Promise<string> {
    try {
      const value = await getSecretString(client, secretId);
      if (!value || value.length < 32) throw new Error('the unsubscribe signing secret is empty or shorter than 32 characters');
      return value;
    } catch (error) {
      if (isTransportFailure(error) || transientNames.has((error as Error).name)) {
        throw new RetryLaterError('reading the unsubscribe signing secret failed; retry later', { cause: error });
      }
      throw error;
    }
  }
  return {
    signingKey() {
      key ??= read().catch((error: unknown) => {
        key = undefined;
        throw error;
      });
      return key;
    },
  };
}
