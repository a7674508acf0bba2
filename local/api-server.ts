/**
 * Serves the engine's HTTP API locally: each request becomes an API Gateway v2 event for the
 * same Lambda handler that runs behind API Gateway in AWS.
 */
import { createServer, type Server } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { httpApiEvent, lambdaContext } from './lambda-events';
import { listen, loopback, portOptions } from './servers';

export type ApiHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

export async function startApiServer(handler: ApiHandler, port: number): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', `http://${loopback}`);
      const headers = Object.fromEntries(
        Object.entries(request.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(',') : value]])),
      );
      const event = httpApiEvent({
        method: request.method ?? 'GET',
        path: url.pathname,
        query: url.search.slice(1),
        headers,
        body: chunks.length > 0 ? Buffer.concat(chunks).toString('utf8') : undefined,
        sourceIp: request.socket.remoteAddress ?? loopback,
      });
      handler(event, lambdaContext('engine-api'))
        .then((result) => {
          const structured = typeof result === 'string' ? { statusCode: 200, body: result } : result;
          response.writeHead(structured.statusCode ?? 200, (structured.headers ?? {}) as Record<string, string>);
          response.end(structured.body ?? '');
        })
        .catch(() => {
          response.writeHead(500, { 'content-type': 'application/problem+json' });
          response.end(JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500 }));
        });
    });
  });
  const actualPort = await listen(server, port, 'engine API', portOptions.api);
  return { server, url: `http://${loopback}:${actualPort}` };
}
