import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { EngineFunction } from './engine-function';
import { acknowledgeWildcardResource, nagArnOf } from './nag';
import { privateBucketProps } from './private-bucket';

/** How long print files (and the access logs about them) are kept. */
export const printFileRetentionDays = 365;

/**
 * The bucket that receives print files for the print house (one PDF per direct-mail piece under
 * `<day>/`, the pieces staged for the day's batch under `staged/<day>/`, and each day's batches
 * under `batches/<day>/`), and a second bucket holding the first one's server access logs.
 */
export class PrintStorage extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogBucket: s3.Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    // Access logs can only be delivered to a bucket encrypted with S3-managed keys. cdk-nag does
    // not ask this bucket for its own access logs (S1) because it is a log destination.
    this.accessLogBucket = new s3.Bucket(this, 'AccessLogs', {
      ...privateBucketProps,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(printFileRetentionDays) }],
    });

    this.bucket = new s3.Bucket(this, 'Files', {
      ...privateBucketProps,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'print-files/',
      lifecycleRules: [
        {
          id: 'expire-print-files',
          expiration: Duration.days(printFileRetentionDays),
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });
  }
}

/**
 * What closing the print batches touches, and nothing more: it lists and reads the staged pieces
 * (`staged/`), and writes the batches (`batches/`), reading back there only which pieces other
 * days' closes took; it never reads the customers' PDFs or overwrites them.
 */
export function grantPrintBatchFiles(bucket: s3.Bucket, fn: EngineFunction): void {
  fn.function.addToRolePolicy(
    new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn], conditions: { StringLike: { 's3:prefix': ['staged/*', 'batches/*'] } } }),
  );
  // `batches/` too: each close reads which pieces the closes of the days around it took.
  fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('staged/*'), bucket.arnForObjects('batches/*')] }));
  fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('batches/*')] }));
  acknowledgeWildcardResource(fn.role, `${nagArnOf(bucket)}/staged/*`, 'Reads only the pieces staged for the batches; their keys (one per occurrence and message) are not known before they are listed.');
  acknowledgeWildcardResource(fn.role, `${nagArnOf(bucket)}/batches/*`, 'Writes only the batch files, one folder per day and sender, which are named by the day closed.');
}
