import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { PrintArchive } from '../../ports/print';

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
 */
export function createS3PrintStore(client: S3Client, bucket: string): PrintArchive {
  const locationOf = (key: string) => `s3://${bucket}/${key}`;
  return {
    async storePrintFile(key, body) {
      if (key === '') throw new Error('print file key must not be empty');
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentTypeOf(key) }));
      return { location: locationOf(key) };
    },
    async listPrintFiles(prefix) {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }));
        keys.push(...(page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys;
    },
    async readPrintFile(key) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },
    locationOf,
  };
}
