/**
 * Serves the engine's HTTP API locally: each request becomes an API Gateway v2 event for the
 * same Lambda handler that runs behind API Gateway in AWS.
 *
 * It runs inside the engine process (`npm start`), so no request may take the process down: a
 * malformed target, an oversized body, a client that hangs up or a handler that throws each end
 * in a problem+json answer (or a closed socket), never in an uncaught exception.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { HttpProblem, problemResponse } from '../shared/middleware/problem';
import { httpApiEvent, lambdaContext } from './lambda-events';
import { listen, loopback, portOptions } from './servers';

export type ApiHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

/** Largest request body accepted; API Gateway's own payload limit is larger, the engine needs far less. */
export const maxRequestBodyBytes = 1024 * 1024;

/**
 * Path and query of an origin-form request target, kept raw as API Gateway passes `rawPath`.
 * Not parsed with `new URL`: `//a:99999` reads there as a host with a bad port and throws.
 */
function splitRequestTarget(target: string | undefined): { path: string; query: string } {
  if (!target?.startsWith('/')) {
    throw new HttpProblem(400, 'Bad Request', 'The request target must be a path starting with "/".');
  }
  const mark = target.indexOf('?');
  return mark === -1 ? { path: target, query: '' } : { path: target.slice(0, mark), query: target.slice(mark + 1) };
}

/** Collects the body up to `limit` bytes; past it, rejects at once instead of buffering the rest. */
function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const tooLarge = () =>
      new HttpProblem(413, 'Content Too Large', `The request body exceeds ${limit} bytes.`);
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        request.off('data', onData);
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => resolve(chunks.length > 0 ? Buffer.concat(chunks).toString('utf8') : undefined));
    request.on('error', reject);
  });
}

function headersOf(request: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(',') : value]])),
  );
}

function writeResult(response: ServerResponse, result: APIGatewayProxyResultV2, close = false): void {
  const structured = typeof result === 'string' ? { statusCode: 200, body: result } : result;
  const body = structured.body ?? '';
  const headers = {
    ...(structured.headers ?? {}),
    'content-length': String(Buffer.byteLength(body)),
    ...(close ? { connection: 'close' } : {}),
  } as Record<string, string>;
  response.writeHead(structured.statusCode ?? 200, headers);
  response.end(body);
}

/** Answers a failure: its own problem when it is one, otherwise a 500 without internal detail. */
function writeFailure(response: ServerResponse, error: unknown): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const problem = error instanceof HttpProblem ? error : new HttpProblem(500, 'Internal Server Error');
  // After a refused body the rest of it is still on the wire: close rather than read it.
  writeResult(response, problemResponse(problem), problem.status === 413);
}

async function serve(handler: ApiHandler, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { path, query } = splitRequestTarget(request.url);
  const body = await readBody(request, maxRequestBodyBytes);
  const headers = headersOf(request);
  const event = httpApiEvent({
    method: request.method ?? 'GET',
    path,
    query,
    headers,
    body,
    sourceIp: request.socket.remoteAddress ?? loopback,
  });
  const result = await handler(event, lambdaContext('engine-api'));
  writeResult(response, result);
}

/** What Node's parser rejects (bad request line, oversized headers) still gets a problem+json answer. */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [status, title] = error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request'];
  const body = JSON.stringify({ type: 'about:blank', title, status });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

export async function startApiServer(handler: ApiHandler, port: number): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    // A client hanging up mid-body must not surface as an unhandled 'error' event.
    request.on('error', () => undefined);
    response.on('error', () => undefined);
    serve(handler, request, response).catch((error: unknown) => {
      try {
        writeFailure(response, error);
      } catch {
        response.destroy();
      }
    });
  });
  server.on('clientError', answerClientError);
  const actualPort = await listen(server, port, 'engine API', portOptions.api);
  return { server, url: `http://${loopback}:${actualPort}` };
}
