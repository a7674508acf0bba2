import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { PrintStore } from '../../ports/print';

/**
 * A {@link PrintStore} putting each file into `bucket` under `key`, as `application/pdf`.
 * Encryption is the bucket's default; SDK errors are passed on unchanged, so callers retry as
 * they would any transient AWS failure.
 */
export function createS3PrintStore(client: S3Client, bucket: string): PrintStore {
  return {
    async storePrintFile(key, pdf) {
      if (key === '') throw new Error('print file key must not be empty');
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: pdf, ContentType: 'application/pdf' }));
      return { location: `s3://${bucket}/${key}` };
    },
  };
}
