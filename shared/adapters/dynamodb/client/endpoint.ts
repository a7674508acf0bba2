/** What the client signs with: Lambda hands these to a function in its environment. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Credentials on demand (the AWS SDK's resolved `config.credentials` is one: profiles, SSO, refresh). */
export type CredentialsProvider = () => Promise<Credentials>;

type Env = Record<string, string | undefined>;

/**
 * Where DynamoDB is: the service's own override, then the one for every service (both as the AWS
 * SDK reads them; the local runtime sets the first), else the region's public endpoint.
 */
export function dynamoEndpoint(region: string, env: Env = process.env): URL {
  const configured = env.AWS_ENDPOINT_URL_DYNAMODB || env.AWS_ENDPOINT_URL;
  // The China regions live under their own domain.
  return new URL(configured || `https://dynamodb.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`);
}

/** The region from `AWS_REGION` (set by Lambda and the local runtime), or a clear error. */
export function environmentRegion(env: Env = process.env): string {
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (!region) throw new Error('DynamoDB client: no region; set AWS_REGION');
  return region;
}

/**
 * Credentials from the environment, read at each call (they are fixed for a Lambda execution
 * environment; reading late lets a process set them after the client is made).
 */
export const environmentCredentials =
  (env: Env = process.env): CredentialsProvider =>
  () => {
    const accessKeyId = env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey) {
      return Promise.reject(new Error('DynamoDB client: no AWS credentials; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary ones)'));
    }
    return Promise.resolve({ accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) });
  };
