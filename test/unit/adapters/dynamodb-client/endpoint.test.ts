import { describe, expect, it } from 'vitest';
import { dynamoEndpoint, environmentCredentials, environmentRegion } from '../../../../shared/adapters/dynamodb/client/endpoint';

describe('DynamoDB client: where and as whom', () => {
  it('takes the DynamoDB endpoint override first, then the one for every service, then the region endpoint', () => {
    expect(dynamoEndpoint('eu-west-1', { AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000', AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' }).href).toBe('http://127.0.0.1:8000/');
    expect(dynamoEndpoint('eu-west-1', { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' }).href).toBe('http://127.0.0.1:4566/');
    expect(dynamoEndpoint('eu-west-1', {}).href).toBe('https://dynamodb.eu-west-1.amazonaws.com/');
    expect(dynamoEndpoint('cn-north-1', {}).href).toBe('https://dynamodb.cn-north-1.amazonaws.com.cn/');
  });

  it('reads the region and the credentials Lambda puts in the environment, the session token included', async () => {
    const env = { AWS_REGION: 'ap-southeast-2', AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' };

    expect(environmentRegion(env)).toBe('ap-southeast-2');
    await expect(environmentCredentials(env)()).resolves.toEqual({ accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' });
  });

  it('names what is missing when the environment has no region or no credentials', async () => {
    expect(() => environmentRegion({})).toThrow('DynamoDB client: no region; set AWS_REGION');
    await expect(environmentCredentials({ AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE' })()).rejects.toThrow(/no AWS credentials; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
  });
});
