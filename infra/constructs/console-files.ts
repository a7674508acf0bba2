import { DefaultStackSynthesizer, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { ConsoleConfig } from '../../console/app/api';
import type { ConsoleHosting } from './console-hosting';
import { nagArnOf } from './nag';

/**
 * `config.json`, written beside the console's files at deploy time: what the app needs to sign
 * its user in (the hosted UI, the client, where to come back) and where its API is. Values are
 * the deployed resources' (tokens at synth), so the build itself holds no stage's addresses.
 */
export interface ConsoleRuntimeConfig extends Extract<ConsoleConfig, { mode: 'cognito' }> {
  /** How the app knows its user: signed in through Cognito (`local` is `npm start`'s, without login). */
  readonly mode: 'cognito';
  /** The engine API's origin, no trailing slash: the app appends `/v1/console/...`. */
  readonly apiUrl: string;
  readonly region: string;
  readonly userPoolId: string;
  /** The console's app client (public: authorization code with PKCE). */
  readonly clientId: string;
  /** The user pool's hosted UI (`/oauth2/authorize`, `/oauth2/token`, `/logout` under it). */
  readonly hostedUiUrl: string;
  /** Where the hosted UI sends the user back, as registered on the client. */
  readonly redirectUrl: string;
}

/** The name the app fetches its configuration by, from its own origin. */
export const consoleConfigFile = 'config.json';

export interface ConsoleFilesProps {
  readonly hosting: ConsoleHosting;
  /** The built console (a folder holding `index.html`). */
  readonly files: string;
  readonly config: ConsoleRuntimeConfig;
  readonly logRetention: logs.RetentionDays;
}

/**
 * Puts the built console and its `config.json` in the console bucket on every deploy (files no
 * longer in the build are removed), then invalidates the distribution's cache so the new build is
 * served at once. Browsers revalidate each file (`no-cache`: an ETag check, a 304 when unchanged),
 * so nobody keeps an old `index.html` that names scripts a deploy removed.
 */
export function deployConsoleFiles(scope: Construct, id: string, props: ConsoleFilesProps): s3deploy.BucketDeployment {
  const construct = new Construct(scope, id);
  const logGroup = new logs.LogGroup(construct, 'DeploymentLogs', { retention: props.logRetention });
  // A role of our own: the default one carries AWSLambdaBasicExecutionRole (logs anywhere).
  const role = new iam.Role(construct, 'DeploymentRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: 'Copies the built console into its bucket at deploy time',
  });
  logGroup.grantWrite(role);

  const deployment = new s3deploy.BucketDeployment(construct, 'Deployment', {
    sources: [s3deploy.Source.asset(props.files), s3deploy.Source.jsonData(consoleConfigFile, props.config)],
    destinationBucket: props.hosting.bucket,
    prune: true,
    cacheControl: [s3deploy.CacheControl.noCache()],
    distribution: props.hosting.distribution,
    distributionPaths: ['/*'],
    role,
    logGroup,
    memoryLimit: 512,
  });
  acknowledgeDeploymentGrants(role, props.hosting);
  acknowledgeDeploymentRuntime(construct);
  return deployment;
}

/**
 * The copy runs in CDK's own function (one per stack, at the stack's root), on the Python runtime
 * CDK picks for it with the AWS CLI layer; its runtime moves with aws-cdk-lib upgrades.
 */
function acknowledgeDeploymentRuntime(scope: Construct): void {
  const stack = Stack.of(scope);
  const handlers = stack.node.children.filter((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
  for (const handler of handlers) {
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'CDK\'s BucketDeployment function (aws s3 sync in a Lambda with the AWS CLI layer) runs on the Python runtime aws-cdk-lib chooses for it; it is updated with aws-cdk-lib, not here.',
    });
  }
}

/** How cdk-nag names the objects of the CDK bootstrap's asset bucket (the default qualifier). */
const nagAssetObjects = `arn:<AWS::Partition>:s3:::${DefaultStackSynthesizer.DEFAULT_FILE_ASSETS_BUCKET_NAME.replace('${Qualifier}', DefaultStackSynthesizer.DEFAULT_QUALIFIER)
  .replace('${AWS::AccountId}', '<AWS::AccountId>')
  .replace('${AWS::Region}', '<AWS::Region>')}/*`;

/** The wildcards CDK's BucketDeployment grants its role, each as narrow as the copy allows. */
function acknowledgeDeploymentGrants(role: iam.Role, hosting: ConsoleHosting): void {
  const bucket = nagArnOf(hosting.bucket);
  Validations.of(role).acknowledge(
    {
      id: 'AwsSolutions-IAM5[Action::s3:GetObject*]',
      reason: 'CDK\'s BucketDeployment reads the build from the CDK asset bucket and lists and compares the console bucket\'s objects (GetObject, GetObjectVersion, GetObjectTagging...) to copy and prune them.',
    },
    {
      id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]',
      reason: 'CDK\'s BucketDeployment reads the location and settings of the asset bucket and the console bucket to copy between them (aws s3 sync).',
    },
    {
      id: 'AwsSolutions-IAM5[Action::s3:List*]',
      reason: 'CDK\'s BucketDeployment lists the console bucket to remove files no longer in the build (prune) and the asset prefix it copies from.',
    },
    {
      id: 'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
      reason: 'Only on the console bucket: files a new build no longer has are deleted, so no stale script is served.',
    },
    {
      id: 'AwsSolutions-IAM5[Action::s3:Abort*]',
      reason: 'Only on the console bucket: an interrupted multipart upload of a large file is aborted rather than left behind.',
    },
    {
      id: `AwsSolutions-IAM5[Resource::${nagAssetObjects}]`,
      reason: 'Read only: the zipped console build is an object of the CDK bootstrap\'s asset bucket, named by its hash at synth.',
    },
    {
      id: `AwsSolutions-IAM5[Resource::${bucket}/*]`,
      reason: 'The copy writes every file of the build into the console bucket, whose names (content hashes) change with each build.',
    },
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'cloudfront:CreateInvalidation and GetInvalidation, granted by CDK\'s BucketDeployment on every distribution: the invalidation of the console\'s own distribution after a deploy.',
    },
  );
}
