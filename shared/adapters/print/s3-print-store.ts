import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { PrintArchive } from '../../ports/print';
import { loadOnce } from '../load-once';

const contentTypes: Record<string, string> = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
};

/** By the key's extension; anything else is stored as bytes. */
export const contentTypeOf = (key: string): string => contentTypes[key.slice(key.lastIndexOf('.') + 1)] ?? 'application/octet-stream';

/**
 * A {@link PrintArchive} in `bucket`: each file under its key, typed by its extension. Encryption
 * is the bucket's default; SDK errors are passed on unchanged, so callers retry as they would any
 * transient AWS failure (each call is bounded by the client's timeouts, `compose/timeouts.ts`).
 *
 * The S3 client is loaded on the first call (a dynamic import the bundler leaves to the runtime):
 * it is the heaviest SDK client dispatch would load, and only print sends need it, so an email or
 * SMS cold start does not pay for it.
 */
export function createS3PrintStore(clientConfig: S3ClientConfig, bucket: string): PrintArchive {
  const s3 = loadOnce(async (): Promise<{ sdk: typeof import('@aws-sdk/client-s3'); client: S3Client }> => {
    const sdk = await import('@aws-sdk/client-s3');
    return { sdk, client: new sdk.S3Client(clientConfig) };
  });
  const locationOf = (key: string) => `s3://${bucket}/${key}`;
  const put = async (key: string, body: Uint8Array, condition: { IfNoneMatch: '*' } | { IfMatch: string } | Record<string, never>) => {
    if (key === '') throw new Error('print file key must not be empty');
    const { sdk, client } = await s3();
    await client.send(new sdk.PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentTypeOf(key), ...condition }));
  };
  const readPrintFileVersion = async (key: string) => {
    const { sdk, client } = await s3();
    try {
      const object = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }));
      // S3 always answers an ETag; none would only make the conditional replace lose, never overwrite.
      return { body: object.Body ? await object.Body.transformToByteArray() : new Uint8Array(), version: object.ETag ?? '' };
    } catch (error) {
      if (error instanceof sdk.NoSuchKey) return undefined;
      throw error;
    }
  };
  return {
    async storePrintFile(key, body) {
      await put(key, body, {});
      return { location: locationOf(key) };
    },
    async listPrintFiles(prefix) {
      const { sdk, client } = await s3();
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new sdk.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }));
        keys.push(...(page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys;
    },
    readPrintFile: async (key) => (await readPrintFileVersion(key))?.body,
    readPrintFileVersion,
    async replacePrintFile(key, body, expectedVersion) {
      try {
        await put(key, body, expectedVersion === undefined ? { IfNoneMatch: '*' } : { IfMatch: expectedVersion });
        return true;
      } catch (error) {
        if (lostToAnotherWrite(error)) return false;
        throw error;
      }
    },
    locationOf,
  };
}

/**
 * S3's answers to a conditional write that another write beat: 412 PreconditionFailed (the object
 * was created or replaced since it was read), 409 ConditionalRequestConflict (another conditional
 * write of it was in flight). Anything else is passed on for the caller to retry.
 */
function lostToAnotherWrite(error: unknown): boolean {
  const { name, $metadata } = (error ?? {}) as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'PreconditionFailed' || name === 'ConditionalRequestConflict' || $metadata?.httpStatusCode === 412;
}
