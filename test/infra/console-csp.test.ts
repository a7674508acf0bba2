import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole } from '../../console/build';
import { consoleApiMethods } from '../../infra/constructs/console-api';
import { consoleContentSecurityPolicy } from '../../infra/constructs/console-hosting';
import type { ConsoleRuntimeConfig } from '../../infra/constructs/console-files';
import { browserRequestHeaders } from '../../infra/constructs/engine-api';
import { consoleTenantClaim } from '../../shared/domain/tenant';
import { launchBrowser } from '../helpers/browser';

// Stand-ins for the deployed addresses: the distribution, the API, the hosted UI.
const consoleOrigin = 'https://d111111abcdef8.cloudfront.net';
const apiOrigin = 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com';
const hostedUi = 'https://dealer-journeys-prod-123456789012.auth.eu-west-1.amazoncognito.com';
// As the stack writes them (see Console): the CSP allows the region's API hosts and the hosted UI.
const csp = consoleContentSecurityPolicy(['https://*.execute-api.eu-west-1.amazonaws.com', hostedUi]);
const config: ConsoleRuntimeConfig = {
  mode: 'cognito',
  apiUrl: apiOrigin,
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_Example',
  clientId: 'console-client-id',
  hostedUiUrl: hostedUi,
  redirectUrl: `${consoleOrigin}/`,
};

const contentTypes: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };
const base64Url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** An ID token as Cognito issues it (unsigned here: the API checks signatures, the page does not). */
const idToken = `${base64Url({ alg: 'RS256', kid: 'k' })}.${base64Url({ aud: config.clientId, exp: Math.floor(Date.now() / 1000) + 3600, email: 'manager@dealer.example', [consoleTenantClaim]: 'dealer:dealer-sh' })}.c2lnbmF0dXJl`;

/**
 * Answers as the deployed pieces would: CloudFront (the bucket's files and config.json, with the
 * response headers policy's CSP), the hosted UI (sign-in returns a code; the token endpoint
 * answers the console's origin), and the HTTP API (its CORS settings; the routes refuse nobody).
 */
async function serveDeployment(page: Page, files: string, seen: { authorize?: URL }): Promise<void> {
  await page.route(`${consoleOrigin}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    const key = path === '/' ? 'index.html' : normalize(path.slice(1));
    const body = key === 'config.json' ? JSON.stringify(config) : await readFile(join(files, key));
    await route.fulfill({ status: 200, headers: { 'content-type': contentTypes[extname(key)] ?? 'text/html', 'content-security-policy': csp }, body });
  });
  await page.route(`${hostedUi}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/oauth2/authorize') {
      seen.authorize = url;
      await route.fulfill({ status: 302, headers: { location: `${config.redirectUrl}?code=one-time-code` } });
    } else {
      await route.fulfill({ status: 200, headers: { 'content-type': 'application/json', 'access-control-allow-origin': consoleOrigin }, body: JSON.stringify({ id_token: idToken }) });
    }
  });
  const cors = { 'access-control-allow-origin': consoleOrigin };
  await page.route(`${apiOrigin}/**`, async (route) => {
    const request = route.request();
    if (request.method() === 'OPTIONS') {
      await route.fulfill({
        status: 204,
        headers: { ...cors, 'access-control-allow-methods': [...consoleApiMethods, 'OPTIONS'].join(','), 'access-control-allow-headers': browserRequestHeaders.join(',') },
      });
      return;
    }
    await route.fulfill({ status: 404, headers: { ...cors, 'content-type': 'application/problem+json' }, body: JSON.stringify({ title: 'Not Found', status: 404 }) });
  });
}

// Page scripts as text: the tests' TypeScript has no DOM types.
const recordViolations = `
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(event.effectiveDirective + ' ' + event.blockedURI));
`;

let browser: Browser;
let built: string;
beforeAll(async () => {
  // The real console, built as a deploy builds it.
  built = await buildConsole(await mkdtemp(join(tmpdir(), 'console-csp-')));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
  await rm(built, { recursive: true, force: true });
});

describe('the built console as deployed: CloudFront\'s CSP, the hosted UI, the API\'s CORS', () => {
  it('signs in with the code flow and PKCE and calls the API with the ID token, violating no directive', async () => {
    const page = await browser.newPage();
    await page.addInitScript({ content: recordViolations });
    const seen: { authorize?: URL } = {};
    await serveDeployment(page, built, seen);
    const apiRequest = page.waitForRequest((request) => request.url().startsWith(`${apiOrigin}/v1/console/`) && request.method() === 'GET');

    await page.goto(`${consoleOrigin}/`);
    const authorization = (await (await apiRequest).allHeaders()).authorization;
    await page.waitForFunction(`(document.querySelector('#root')?.textContent ?? '') !== ''`);
    await page.waitForLoadState('networkidle');

    expect(seen.authorize?.searchParams.get('client_id')).toBe(config.clientId);
    expect(seen.authorize?.searchParams.get('redirect_uri')).toBe(config.redirectUrl);
    expect(seen.authorize?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization).toBe(`Bearer ${idToken}`);
    expect(await page.evaluate('window.cspViolations')).toEqual([]);
    await page.close();
  });

  it('enforces the CSP: a script from another origin is refused', async () => {
    const page = await browser.newPage();
    await page.route(`${consoleOrigin}/**`, (route) => route.fulfill({ status: 200, headers: { 'content-type': 'text/html', 'content-security-policy': csp }, body: '<!doctype html><title>t</title>' }));
    await page.goto(`${consoleOrigin}/`);

    const refused = await page.evaluate(`new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective));
      const script = document.createElement('script');
      script.src = 'https://cdn.example.com/library.js';
      document.head.append(script);
    })`);

    expect(refused).toBe('script-src-elem');
    await page.close();
  });
});
