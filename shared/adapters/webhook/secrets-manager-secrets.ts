import { TransientDeliveryError } from '../../domain/errors';
import type { WebhookSecrets } from '../../ports/tasks';
import { isTransportFailure } from '../transport-errors';
import { getSecretString, type SecretsManagerClientSource } from '../secrets-manager/lazy-client';
import { parseSecretsDocument, type SecretsDocument } from './secrets-document';

export interface SecretsManagerSecretsOptions {
  /** Name or ARN of the secret holding `{"<dealerId>": ["<newest>", "<older>"]}`. */
  secretId: string;
  /** How long a read is reused: a rotation is picked up within this, well inside its overlap. */
  cacheSeconds?: number;
  clock?: () => Date;
}

// Throttling and the service's own faults pass; anything else (no such secret, access denied,
// a key it cannot decrypt with) is a deployment fault, rethrown as it is for the logs.
const transientNames = new Set(['ThrottlingException', 'InternalServiceError', 'InternalServiceErrorException', 'ServiceUnavailable']);

/**
 * Webhook signing secrets from one AWS Secrets Manager secret (never in the repo or in function
 * configuration), read once per `cacheSeconds` per function instance.
 */
export function createSecretsManagerWebhookSecrets(client: SecretsManagerClientSource, { secretId, cacheSeconds = 300, clock = () => new Date() }: SecretsManagerSecretsOptions): WebhookSecrets {
  let cached: { document: SecretsDocument; readAt: number } | undefined;

  async function read(): Promise<SecretsDocument> {
    const now = clock().getTime();
    if (cached && now - cached.readAt < cacheSeconds * 1000) return cached.document;
    let secretString: string | undefined;
    try {
      secretString = await getSecretString(client, secretId);
    } catch (error) {
      if (isTransportFailure(error) || transientNames.has((error as Error).name)) {
        throw new TransientDeliveryError('reading the webhook signing secrets failed; retry later', { cause: error });
      }
      throw error;
    }
    const document = parseSecretsDocument(secretString ?? '{}');
    cached = { document, readAt: now };
    return document;
  }

  return {
    async secretsFor(dealerId) {
      return (await read())[dealerId] ?? [];
    },
  };
}
