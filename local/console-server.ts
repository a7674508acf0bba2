/**
 * The marketer console on `npm start`'s API port: the built page under `/console/`, its routes
 * (`/v1/console/...`) through the same Lambda handler as in AWS, everything else to the engine's
 * API. Locally there is no sign-in (the server listens on loopback only): the page picks a tenant
 * from those in the table (each brand, each dealer) and names it in the `x-console-tenant`
 * header, which this server turns into the claims the HTTP API's JWT authorizer would pass on.
 */
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { DynamoDBDocumentClient } from '../shared/adapters/dynamodb/document-client';
import { dealerKey } from '../shared/adapters/dynamodb/keys';
import { scanAll } from '../shared/adapters/dynamodb/scan-all';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { Dealer } from '../shared/domain/customer';
import { consoleTenantClaim } from '../shared/domain/tenant';
import type { ApiHandler } from './api-server';
import { lambdaContext, withJwtClaims } from './lambda-events';
import type { CalendarJobHandler } from './local-engine';

export const localTenantHeader = 'x-console-tenant';

export interface LocalTenant {
  id: string;
  label: string;
}

const contentTypes: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** Every brand (with its dealers) and every dealer in the table, brands first: who the local console may act as. */
export async function localConsoleTenants(client: DynamoDBDocumentClient, tableName: string): Promise<LocalTenant[]> {
  const dealers: Dealer[] = [];
  const { PK: dealerPartitionPrefix, SK: profile } = dealerKey('');
  const items = await scanAll(client, {
    TableName: tableName,
    FilterExpression: 'begins_with(PK, :dealer) AND SK = :profile',
    ExpressionAttributeValues: { ':dealer': dealerPartitionPrefix, ':profile': profile },
  });
  for (const item of items) {
    const dealer = Dealer.safeParse(item);
    if (dealer.success) dealers.push(dealer.data);
  }
  dealers.sort((a, b) => a.id.localeCompare(b.id));
  const brands = [...new Set(dealers.flatMap((dealer) => (dealer.brandId ? [dealer.brandId] : [])))].sort();
  return [
    ...brands.map((brandId) => ({ id: `brand:${brandId}`, label: `brand ${brandId}` })),
    ...dealers.map((dealer) => ({ id: `dealer:${dealer.id}`, label: `dealer ${dealer.id} (${dealer.name})` })),
  ];
}

const fileAnswer = (body: string, type: string): APIGatewayProxyResultV2 => ({ statusCode: 200, headers: { 'content-type': type, 'cache-control': 'no-cache' }, body });

/** One handler for the local API port: console page and routes, then the engine's API. */
export function localApiHandler(options: { engineApi: ApiHandler; consoleApi: ApiHandler; assetsDir: string; tenants: () => Promise<LocalTenant[]> }): ApiHandler {
  return async (event, context) => {
    const path = event.rawPath;
    if (event.requestContext.http.method === 'GET' && (path === '/console' || path.startsWith('/console/'))) {
      if (path === '/console') return { statusCode: 308, headers: { location: '/console/' }, body: '' };
      const name = path.slice('/console/'.length) || 'index.html';
      if (name === 'config.json') return fileAnswer(JSON.stringify({ mode: 'local', apiUrl: '', tenants: await options.tenants() }), 'application/json');
      // Only the build's own files: no path from the request reaches the file system.
      if (!['index.html', 'app.js', 'app.css'].includes(name)) return { statusCode: 404, headers: { 'content-type': 'text/plain' }, body: 'Not found' };
      return fileAnswer(await readFile(join(options.assetsDir, name), 'utf8'), contentTypes[extname(name)]!);
    }
    if (path.startsWith('/v1/console/')) {
      const tenant = event.headers?.[localTenantHeader];
      return options.consoleApi(tenant ? withJwtClaims(event, { [consoleTenantClaim]: tenant, sub: 'local-console' }) : event, context);
    }
    return options.engineApi(event, context);
  };
}

/** Runs the console's calendar job once through its Lambda handler, as its schedule does in AWS. */
export const computeLocalCalendars = (handler: CalendarJobHandler) => handler({}, lambdaContext('console-calendar'));
