import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { privateBucketProps } from './private-bucket';

/** How long the console's access logs (CloudFront's and the bucket's) are kept. */
export const consoleAccessLogRetentionDays = 90;

export interface ConsoleHostingProps {
  /**
   * Origins the console's scripts may call besides its own (the HTTP API, the user pool's hosted
   * UI for the token exchange): the CSP's `connect-src`. They must not depend on the distribution
   * (its CSP would then depend on itself).
   */
  readonly connectOrigins: readonly string[];
}

/**
 * The console's static files: a private bucket that only this CloudFront distribution reads (origin
 * access control, no public access, TLS only), served over HTTPS with security headers and a CSP
 * that names no origin outside the stack, and a second bucket for the access logs of both.
 * `npm run synth` puts the files in with `deployConsoleFiles` (see `console.ts`).
 */
export class ConsoleHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly responseHeadersPolicy: cloudfront.ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: ConsoleHostingProps) {
    super(scope, id);

    // CloudFront's standard logs are written with an ACL grant, so this bucket keeps ACLs
    // (object writer); it is private all the same (every public access blocked). cdk-nag does not
    // ask a log destination for its own access logs (S1).
    this.accessLogBucket = new s3.Bucket(this, 'AccessLogs', {
      ...privateBucketProps,
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ id: 'expire-console-access-logs', expiration: Duration.days(consoleAccessLogRetentionDays) }],
    });

    // Every deploy replaces the files with a build of the commit deployed (git is their history),
    // so no versioning.
    this.bucket = new s3.Bucket(this, 'Files', {
      ...privateBucketProps,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'console-files/',
    });

    this.responseHeadersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Marketer console: CSP with no origin outside the stack, HSTS, no framing, no sniffing',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: consoleContentSecurityPolicy(props.connectOrigins), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Dealer journeys marketer console',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeadersPolicy,
        compress: true,
      },
      // The console routes in the browser (its pages have paths of their own): a path with no file
      // behind it is the app. The bucket answers 403 for a missing key (CloudFront may not list it).
      errorResponses: [403, 404].map((httpStatus) => ({ httpStatus, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.seconds(10) })),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: this.accessLogBucket,
      logFilePrefix: 'cloudfront/',
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'The console is for the brand\'s and its dealers\' marketers wherever they work (dealers are in several countries); every request is signed in through the user pool, so a country list would only lock out staff travelling.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason: 'The distribution serves static files only; the data routes are on the HTTP API behind a JWT authorizer and its throttling. A WAF web ACL for CloudFront must live in us-east-1 (a stack of its own) and costs more than the few marketers\' traffic warrants.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason: 'The console is served on the distribution\'s own *.cloudfront.net name with CloudFront\'s default certificate, whose security policy cannot be raised; a custom domain with an ACM certificate (TLS 1.2 minimum) is a deployment choice outside this stack.',
      },
    );
  }

  /** The console's address (`https://<id>.cloudfront.net`), no trailing slash: the browser origin. */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}

/**
 * The console's Content-Security-Policy: everything from its own origin (scripts, styles, fonts,
 * images, the generated `config.json`), calls to `connectOrigins` only, no framing, no plugins,
 * no inline script.
 */
export function consoleContentSecurityPolicy(connectOrigins: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${connectOrigins.join(' ')}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
