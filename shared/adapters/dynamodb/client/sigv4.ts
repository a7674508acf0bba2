import { createHash, createHmac } from 'node:crypto';
import type { Credentials } from './endpoint';

/** A request to sign: header names in lower case, the body as sent. */
export interface SignableRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** `20260314T090000Z`: the instant to the second, as SigV4 dates a request. */
const amzDateOf = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** RFC 3986 escaping of a path segment, as SigV4 wants it (encodeURIComponent leaves `!'()*`). */
const escapeSegment = (segment: string) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const joined = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
  // Every service but S3 has its path escaped twice: once in the URL, once here.
  return escapeSegment(joined).replace(/%2F/g, '/');
}

/**
 * AWS Signature Version 4 for one request with a body and no query string (all DynamoDB's JSON
 * protocol sends), on node:crypto. It stands in for @smithy/signature-v4, whose bundle (with
 * @smithy/core) would take the evaluation function over its 300 KB budget; the property test in
 * test/unit/adapters/dynamodb-client/sigv4.test.ts shows both sign alike. Returns the headers to
 * send: the request's, plus `x-amz-date`, `x-amz-content-sha256`, the session token when there is
 * one, and `authorization`.
 */
export function signRequest(request: SignableRequest, { credentials, region, service, at }: { credentials: Credentials; region: string; service: string; at: Date }): Record<string, string> {
  const amzDate = amzDateOf(at);
  const scope = `${amzDate.slice(0, 8)}/${region}/${service}/aws4_request`;
  const payloadHash = sha256Hex(request.body);
  const headers: Record<string, string> = {
    ...request.headers,
    'x-amz-date': amzDate,
    ...(credentials.sessionToken ? { 'x-amz-security-token': credentials.sessionToken } : {}),
    'x-amz-content-sha256': payloadHash,
  };
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((name) => `${name}:${headers[name]!.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, '')}\n`).join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = `${request.method}\n${canonicalPath(request.path)}\n\n${canonicalHeaders}\n${signedHeaders}\n${payloadHash}`;
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const key = ['aws4_request'].reduce(hmac, hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, amzDate.slice(0, 8)), region), service));
  const signature = hmac(key, stringToSign).toString('hex');
  return { ...headers, authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}` };
}
