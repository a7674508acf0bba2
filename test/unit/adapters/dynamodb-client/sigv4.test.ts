import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signRequest } from '../../../../shared/adapters/dynamodb/client/sigv4';
import { smithySign } from './smithy-signer';

const token = fc.stringMatching(/^[A-Za-z0-9+/=]{1,40}$/);
const credentials = fc.record({ accessKeyId: fc.stringMatching(/^[A-Z0-9]{16,20}$/), secretAccessKey: token }, { requiredKeys: ['accessKeyId', 'secretAccessKey'] });
const withToken = fc.tuple(credentials, fc.option(token, { nil: undefined })).map(([base, sessionToken]) => (sessionToken ? { ...base, sessionToken } : base));
// Header values with the spaces, tabs and line breaks SigV4 folds.
const headerValue = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '\t', '-', '.', '/', ':', '\n'), minLength: 1, maxLength: 20 }).filter((value) => value.trim() !== '');
const request = fc.record({
  host: fc.constantFrom('dynamodb.eu-west-1.amazonaws.com', '127.0.0.1:8000', 'localhost:4566'),
  path: fc.constantFrom('/', '/a/../b/', '/x y/./z', '/dynamo(db)!'),
  target: fc.constantFrom('GetItem', 'PutItem', 'UpdateItem', 'Query', 'BatchWriteItem'),
  extra: fc.dictionary(fc.stringMatching(/^x-amz-meta-[a-z]{1,8}$/), headerValue, { maxKeys: 3 }),
  body: fc.string({ unit: 'grapheme', maxLength: 200 }),
});
const at = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((date) => new Date(Math.floor(date.getTime() / 1000) * 1000));

describe('SigV4 signer', () => {
  it('signs every request exactly as the AWS SDK signer (@smithy/signature-v4) does', async () => {
    await fc.assert(
      fc.asyncProperty(request, withToken, fc.constantFrom('eu-west-1', 'us-east-1', 'cn-north-1'), at, async (input, creds, region, when) => {
        const headers = { ...input.extra, 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${input.target}`, host: input.host, 'content-length': String(Buffer.byteLength(input.body)) };
        const ours = signRequest({ method: 'POST', path: input.path, headers, body: input.body }, { credentials: creds, region, service: 'dynamodb', at: when });
        const [hostname, port] = input.host.split(':');
        const theirs = await smithySign(
          { method: 'POST', hostname: hostname!, ...(port ? { port: Number(port) } : {}), path: input.path, headers, body: input.body },
          { credentials: creds, region, service: 'dynamodb', at: when },
        );

        expect(ours).toEqual(theirs);
      }),
      { numRuns: 300 },
    );
  });
});
