import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Socket } from 'node:net';

export interface CapturedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status: number;
  body: unknown;
}

/**
 * A local HTTP server that records each request and answers what the test says (by default
 * `200 {}`); with `hang` set it accepts connections and never answers, as a hung provider does.
 */
export async function captureServer(): Promise<{
  url: string;
  port: number;
  requests: CapturedRequest[];
  replies: Reply[];
  hang: boolean;
  close(): Promise<void>;
}> {
  const sockets = new Set<Socket>();
  const state = {
    url: '',
    port: 0,
    requests: [] as CapturedRequest[],
    replies: [] as Reply[],
    hang: false,
    close: () => Promise.resolve(),
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      state.requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (state.hang) return;
      const reply = state.replies.shift() ?? { status: 200, body: {} };
      response.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(reply.body));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  state.port = address.port;
  state.url = `http://127.0.0.1:${address.port}`;
  state.close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  return state;
}
