import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { sdkConnectionTimeoutMs, sdkMaxAttempts, sdkRequestTimeoutMs } from '../../../compose/timeouts';
import { isTransportFailure } from '../../transport-errors';
import { dynamoEndpoint, environmentCredentials, environmentRegion, type CredentialsProvider } from './endpoint';
import { DynamoDBServiceError, isRetryableServiceError, serviceErrorOf } from './errors';
import { signRequest } from './sigv4';

/** One DynamoDB call: the operation and its wire body in, the wire answer out (or a thrown error). */
export type DynamoTransport = (operation: string, body: Record<string, unknown>) => Promise<{ statusCode: number; body: Record<string, unknown> }>;

export interface HttpTransportOptions {
  /** Default: `AWS_REGION`. */
  region?: string | (() => Promise<string>);
  /** Default: the environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`). */
  credentials?: CredentialsProvider;
  /** Default: `AWS_ENDPOINT_URL_DYNAMODB`, `AWS_ENDPOINT_URL`, else the region's endpoint. */
  endpoint?: string;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  maxAttempts?: number;
}

// Sockets kept open between calls, as the SDK's handler does: a warm Lambda skips the TLS handshake.
const agents = { 'http:': new HttpAgent({ keepAlive: true, maxSockets: 50 }), 'https:': new HttpsAgent({ keepAlive: true, maxSockets: 50 }) };

function timeoutError(message: string): Error {
  // The name the SDK's handler gives it, which shared/adapters/transport-errors.ts relies on.
  return Object.assign(new Error(message), { name: 'TimeoutError' });
}

interface Answer {
  statusCode: number;
  text: string;
}

/** One HTTP exchange, given up on after `connectionTimeoutMs` without a connection or `requestTimeoutMs` in all. */
function exchange(url: URL, headers: Record<string, string>, body: string, limits: { connectionTimeoutMs: number; requestTimeoutMs: number }): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send({ protocol: url.protocol, hostname: url.hostname, port: url.port || undefined, path: url.pathname, method: 'POST', headers, agent: agents[url.protocol === 'https:' ? 'https:' : 'http:'] });
    const whole = setTimeout(() => request.destroy(timeoutError(`DynamoDB gave no answer within ${limits.requestTimeoutMs} ms`)), limits.requestTimeoutMs);
    request.on('socket', (socket) => {
      if (!socket.connecting) return;
      const connecting = setTimeout(() => request.destroy(timeoutError(`no connection to DynamoDB within ${limits.connectionTimeoutMs} ms`)), limits.connectionTimeoutMs);
      socket.once('connect', () => clearTimeout(connecting));
      socket.once('close', () => clearTimeout(connecting));
    });
    request.on('error', (error) => {
      clearTimeout(whole);
      reject(error);
    });
    request.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => {
        clearTimeout(whole);
        reject(error);
      });
      response.on('end', () => {
        clearTimeout(whole);
        resolve({ statusCode: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    request.end(body);
  });
}

/** Full jitter on an exponential base, as the SDK's standard retry strategy waits. */
const backoffMs = (attempt: number) => Math.random() * Math.min(20_000, 100 * 2 ** attempt);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function retryable(error: unknown): boolean {
  return error instanceof DynamoDBServiceError ? isRetryableServiceError(error) : isTransportFailure(error);
}

/**
 * DynamoDB's JSON protocol over node:http(s): `POST /` with the operation in `X-Amz-Target`,
 * signed with SigV4, tried again on throttling, 5xx and transport failures (jittered backoff),
 * with the engine's timeouts (shared/compose/timeouts.ts). Anything else is thrown at once.
 */
export function httpTransport(options: HttpTransportOptions = {}): DynamoTransport {
  const region = options.region ?? (() => Promise.resolve(environmentRegion()));
  const regionOf = typeof region === 'string' ? () => Promise.resolve(region) : region;
  const credentials = options.credentials ?? environmentCredentials();
  const limits = { connectionTimeoutMs: options.connectionTimeoutMs ?? sdkConnectionTimeoutMs, requestTimeoutMs: options.requestTimeoutMs ?? sdkRequestTimeoutMs };
  const maxAttempts = options.maxAttempts ?? sdkMaxAttempts;
  let target: { url: URL; region: string } | undefined;

  async function attempt(operation: string, payload: string): Promise<{ statusCode: number; body: Record<string, unknown> }> {
    if (!target) {
      const name = await regionOf();
      target = { region: name, url: options.endpoint ? new URL(options.endpoint) : dynamoEndpoint(name) };
    }
    const { url } = target;
    // Signed at each attempt: a retry gets a fresh date. The host as the request line's authority
    // says it, with its port when not the protocol's default (as `url.host` does).
    const headers = signRequest(
      {
        method: 'POST',
        path: url.pathname,
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${operation}`, host: url.host, 'content-length': String(Buffer.byteLength(payload)) },
        body: payload,
      },
      { credentials: await credentials(), region: target.region, service: 'dynamodb', at: new Date() },
    );
    const answer = await exchange(url, headers, payload, limits);
    if (answer.statusCode < 200 || answer.statusCode >= 300) throw serviceErrorOf(answer.statusCode, answer.text);
    return { statusCode: answer.statusCode, body: answer.text ? (JSON.parse(answer.text) as Record<string, unknown>) : {} };
  }

  return async (operation, body) => {
    const payload = JSON.stringify(body);
    for (let tried = 1; ; tried++) {
      try {
        return await attempt(operation, payload);
      } catch (error) {
        if (tried >= maxAttempts || !retryable(error)) throw error;
        await sleep(backoffMs(tried));
      }
    }
  };
}
