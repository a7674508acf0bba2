import type { EngineEnv } from '../config/env';
import { createDynamoSuppressionList } from '../adapters/dynamodb/suppression-list';
import { createDynamoCustomerLocales } from '../adapters/dynamodb/customer-locales';
import { createFileSigningKey } from '../adapters/signing-key/file-signing-key';
import { createSecretsManagerSigningKey } from '../adapters/signing-key/secrets-manager-signing-key';
import { lazySecretsManagerClient } from '../adapters/secrets-manager/lazy-client';
import type { SigningKey } from '../ports/unsubscribe';
import { createUnsubscribeLinks, type UnsubscribeDeps, type UnsubscribeLinks } from '../use-cases/unsubscribe';
import { documentClient } from './common';
import { sdkClientOptions } from './timeouts';

/** The unsubscribe signing key: the local file, or the stack's Secrets Manager secret; none when neither is configured. */
export function signingKeyOf(env: EngineEnv): SigningKey | undefined {
  if (env.UNSUBSCRIBE_KEY_FILE) return createFileSigningKey(env.UNSUBSCRIBE_KEY_FILE);
  if (env.UNSUBSCRIBE_KEY_SECRET_ID) return createSecretsManagerSigningKey(lazySecretsManagerClient(sdkClientOptions()), env.UNSUBSCRIBE_KEY_SECRET_ID);
  return undefined;
}

/** Links for dispatch, when the public API URL is configured (the env check asks for a key with it). */
export function composeUnsubscribeLinks(env: EngineEnv): UnsubscribeLinks | undefined {
  const key = signingKeyOf(env);
  return env.PUBLIC_API_URL && key ? createUnsubscribeLinks(env.PUBLIC_API_URL, key) : undefined;
}

/** Adapters of the public unsubscribe routes; undefined (no routes) where no key is configured. */
export function composeUnsubscribe(env: EngineEnv): UnsubscribeDeps | undefined {
  const key = signingKeyOf(env);
  if (!key) return undefined;
  const dynamo = documentClient();
  return { key, suppressions: createDynamoSuppressionList(dynamo, env.TABLE_NAME), locales: createDynamoCustomerLocales(dynamo, env.TABLE_NAME) };
}
