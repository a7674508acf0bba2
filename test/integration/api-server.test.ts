import { connect } from 'node:net';
import type { Server } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxRequestBodyBytes, startApiServer, type ApiHandler } from '../../local/api-server';
import { HttpProblem, problemResponse } from '../../shared/middleware/problem';

// The real local server on port 0 in front of a stub handler: what is under test is the server's
// own handling of raw input, which never reaches a handler when it goes wrong.
const seen: APIGatewayProxyEventV2[] = [];
const handler: ApiHandler = (event) => {
  seen.push(event);
  if (event.rawPath === '/health') return Promise.resolve({ statusCode: 200, body: '{"status":"ok"}' });
  if (event.rawPath === '/rejects') return Promise.reject(new Error('secret internal detail'));
  if (event.rawPath === '/throws') throw new Error('secret internal detail');
  if (event.rawPath === '/bad-header') return Promise.resolve({ statusCode: 200, headers: { 'x-bad': 'line\nbreak' }, body: '' });
  return Promise.resolve(problemResponse(new HttpProblem(404, 'Not Found')));
};

let server: Server;
let port: number;
beforeAll(async () => {
  const started = await startApiServer(handler, 0);
  server = started.server;
  port = Number(new URL(started.url).port);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

interface RawResponse {
  status: number;
  headers: string;
  body: string;
}

/** Sends bytes as they are (no client-side URL parsing) and reads until the server closes. */
function rawRequest(head: string, body?: { declaredBytes?: number; chunks: Buffer[] }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    // The server may reset the connection while a refused body is still being written.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (received.length === 0) reject(error);
    });
    socket.on('close', () => {
      const text = Buffer.concat(received).toString('utf8');
      const [headers = '', payload = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), headers, body: payload });
    });
    socket.write(head);
    for (const chunk of body?.chunks ?? []) {
      if (!socket.writable) break;
      socket.write(chunk);
    }
  });
}

const get = (target: string) => rawRequest(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);

async function expectHealthy(): Promise<void> {
  const health = await get('/health');
  expect(health.status).toBe(200);
  expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
}

describe('local API server under hostile input', () => {
  it.each(['//', '///', '/\\', '//a:99999', '//a:99999/health?x=1'])('answers GET %s with a 4xx problem and keeps serving', async (target) => {
    const response = await get(target);

    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(response.body)).toMatchObject({ status: response.status });
    await expectHealthy();
  });

  it('passes a doubled-slash path to the handler raw, as API Gateway does', async () => {
    seen.length = 0;

    await get('//a:99999/x?y=1');

    expect(seen.map((event) => [event.rawPath, event.rawQueryString])).toEqual([['//a:99999/x', 'y=1']]);
  });

  it('refuses an absolute-form target with 400', async () => {
    const response = await get('http://elsewhere.example/health');

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ title: 'Bad Request', status: 400 });
  });

  it('answers a declared 600 MB body with 413 before reading it', async () => {
    seen.length = 0;
    const head = `POST /health HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${600 * 1024 * 1024}\r\n\r\n`;

    // Only 2 MB of the declared 600 MB is ever sent: an answer proves nothing waited for the rest.
    const response = await rawRequest(head, { chunks: [Buffer.alloc(2 * 1024 * 1024, 0x61)] });

    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ title: 'Content Too Large', status: 413 });
    expect(seen).toEqual([]);
    await expectHealthy();
  });

  it('answers a chunked body that grows past 1 MB with 413', async () => {
    seen.length = 0;
    const head = 'POST /health HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n';
    const piece = Buffer.alloc(256 * 1024, 0x62);
    const chunk = Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]);

    const response = await rawRequest(head, { chunks: Array.from({ length: 8 }, () => chunk) });

    expect(response.status).toBe(413);
    expect(seen).toEqual([]);
    await expectHealthy();
  });

  it('hands a body at the limit to the handler whole', async () => {
    seen.length = 0;
    const body = Buffer.alloc(maxRequestBodyBytes, 0x63);
    const head = `POST /echo HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n`;

    const response = await rawRequest(head, { chunks: [body] });

    expect(response.status).toBe(404);
    expect(seen[0]?.body).toHaveLength(maxRequestBodyBytes);
  });

  it.each(['/rejects', '/throws', '/bad-header'])('answers a handler failure on %s with a 500 problem without internal detail', async (target) => {
    const response = await get(target);

    expect(response.status).toBe(500);
    expect(response.headers).toMatch(/content-type: application\/problem\+json/i);
    expect(response.body).not.toContain('secret');
    await expectHealthy();
  });

  it('survives a client that hangs up in the middle of a body', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('POST /health HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\nhalf');
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
    });

    await expectHealthy();
  });

  it('answers headers past Node\'s limit with a 431 problem', async () => {
    const response = await rawRequest(`GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'x'.repeat(64 * 1024)}\r\n\r\n`);

    expect(response.status).toBe(431);
    expect(response.headers).toMatch(/content-type: application\/problem\+json/i);
    await expectHealthy();
  });

  it('answers a request line Node cannot parse with a 400 problem', async () => {
    const response = await rawRequest('GET / HTTP/1.1\r\nHost: localhost\r\nBad Header Line\r\n\r\n');

    expect(response.status).toBe(400);
    expect(response.headers).toMatch(/content-type: application\/problem\+json/i);
    await expectHealthy();
  });
});
