/**
 * The console's sign-in in AWS mode (config.json `mode: cognito`): the page sends the user to the
 * hosted UI with a PKCE challenge, exchanges the returned code with its verifier for an ID token,
 * and calls its routes with that token as Bearer. A stand-in for the hosted UI and for the JWT
 * authorizer (which, in AWS, checks the token's signature and passes its claims on) serves here.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole } from '../../console/build';
import { httpApiEvent, lambdaContext, withJwtClaims } from '../../local/lambda-events';
import { launchBrowser } from '../helpers/browser';
import { startTestEngine } from '../helpers/local-engine';

const base64Url = (text: string) => Buffer.from(text).toString('base64url');
const tenant = 'brand:bmw-cn';

describe('the console signed in through the hosted UI', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let server: Server;
  let browser: Browser;
  let origin: string;
  const seen: { challenge?: string; bearer?: string } = {};

  beforeAll(async () => {
    engine = await startTestEngine({ journeys: ['birthday'] });
    const assets = await buildConsole(await mkdtemp(join(tmpdir(), 'console-build-')));
    const idToken = `${base64Url('{"alg":"none"}')}.${base64Url(JSON.stringify({ 'custom:tenant': tenant, exp: Math.floor(Date.now() / 1000) + 3600 }))}.`;
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', origin);
      const send = (status: number, body: string, type = 'application/json', headers: Record<string, string> = {}) => {
        response.writeHead(status, { 'content-type': type, ...headers });
        response.end(body);
      };
      if (url.pathname === '/console/config.json') {
        send(200, JSON.stringify({ mode: 'cognito', apiUrl: origin, clientId: 'console-client', hostedUiUrl: `${origin}/auth`, redirectUrl: `${origin}/console/` }));
      } else if (url.pathname.startsWith('/console/')) {
        const name = url.pathname.slice('/console/'.length) || 'index.html';
        void readFile(join(assets, name), 'utf8').then((body) => send(200, body, name.endsWith('.js') ? 'text/javascript' : name.endsWith('.css') ? 'text/css' : 'text/html'));
      } else if (url.pathname === '/auth/oauth2/authorize') {
        seen.challenge = url.searchParams.get('code_challenge') ?? undefined;
        send(302, '', 'text/plain', { location: `${url.searchParams.get('redirect_uri')}?code=the-code` });
      } else if (url.pathname === '/auth/oauth2/token') {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          const form = new URLSearchParams(body);
          const verified = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url') === seen.challenge;
          if (form.get('code') === 'the-code' && verified) send(200, JSON.stringify({ id_token: idToken }));
          else send(400, JSON.stringify({ error: 'invalid_grant' }));
        });
      } else if (url.pathname.startsWith('/v1/console/')) {
        seen.bearer = request.headers.authorization;
        // The JWT authorizer's part: the token's claims into the event (the signature is AWS's to check).
        const claims = JSON.parse(Buffer.from((request.headers.authorization ?? '').replace(/^Bearer /, '').split('.')[1] ?? '', 'base64url').toString() || '{}') as Record<string, string>;
        const event = withJwtClaims(httpApiEvent({ method: 'GET', path: url.pathname, headers: {}, sourceIp: '127.0.0.1' }), claims);
        void engine.handlers.console(event, lambdaContext('console-api')).then((result) => {
          const structured = typeof result === 'string' ? { statusCode: 200, body: result } : result;
          send(structured.statusCode ?? 200, structured.body ?? '');
        });
      } else send(404, '{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await engine?.cleanUp();
  });

  it('signs in with PKCE, calls the routes with the ID token and shows whom it speaks for', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/console/#/journeys`);
    await page.getByRole('link', { name: 'Birthday greeting' }).waitFor();
    expect(seen.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(seen.bearer).toMatch(/^Bearer .+\..+\.$/);
    // Back on the page it left, the code gone from the address.
    expect(new URL(page.url()).search).toBe('');
    expect(new URL(page.url()).hash).toBe('#/journeys');
    await expect(page.getByText(tenant, { exact: true }).count()).resolves.toBe(1);
    await page.close();
  });
});
