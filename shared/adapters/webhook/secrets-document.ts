import * as z from 'zod';
import { EngineError } from '../../domain/errors';

/**
 * The stored form of the webhook signing secrets: per dealer id, its active secrets, newest first
 * (at most two: the new one and, during a rotation, the one CRMs may still hold).
 */
export const SecretsDocument = z.record(z.string().min(1), z.array(z.string().min(32)).max(2));
export type SecretsDocument = z.infer<typeof SecretsDocument>;

/** The stored secrets do not have the expected shape; the message never carries a secret. */
export class WebhookSecretsFormatError extends EngineError {}

export function parseSecretsDocument(text: string): SecretsDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new WebhookSecretsFormatError('the webhook secrets are not JSON');
  }
  const parsed = SecretsDocument.safeParse(value);
  if (!parsed.success) {
    throw new WebhookSecretsFormatError(`the webhook secrets do not match {"<dealerId>": ["<secret of 32+ characters>", ...]} at ${parsed.error.issues[0]?.path.join('.') ?? '(root)'}`);
  }
  return parsed.data;
}
