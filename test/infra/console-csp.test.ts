import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleContentSecurityPolicy } from '../../infra/constructs/console-hosting';
import { launchBrowser } from '../helpers/browser';
import { buildConsole } from '../../console/build';

// Stand-ins for the deployed addresses: the distribution, the API, the hosted UI.
const consoleOrigin = 'https://d111111abcdef8.cloudfront.net';
const apiOrigin = 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com';
const hostedUi = 'https://dealer-journeys-prod-123456789012.auth.eu-west-1.amazoncognito.com';
// As the stack writes it: the region's API hosts and the hosted UI (see Console).
const csp = consoleContentSecurityPolicy(['https://*.execute-api.eu-west-1.amazonaws.com', hostedUi]);

const contentTypes: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

/** Answers as CloudFront would: the bucket's files (and the SPA fallback) with the response headers policy's CSP. */
async function serveConsole(page: Page, files: string): Promise<void> {
  await page.route(`${consoleOrigin}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    const key = path === '/' ? 'index.html' : normalize(path.slice(1));
    const body =
      key === 'config.json'
        ? JSON.stringify({ mode: 'cognito', apiUrl: apiOrigin, region: 'eu-west-1', userPoolId: 'eu-west-1_example', clientId: 'example', hostedUiUrl: hostedUi, redirectUrl: `${consoleOrigin}/` })
        : await readFile(join(files, key)).catch(() => readFile(join(files, 'index.html')));
    await route.fulfill({
      status: 200,
      headers: { 'content-type': contentTypes[extname(key)] ?? 'text/html', 'content-security-policy': csp, 'x-content-type-options': 'nosniff' },
      body,
    });
  });
  // The API refuses the unsigned-in console, with the CORS headers API Gateway would add.
  await page.route(`${apiOrigin}/**`, (route) =>
    route.fulfill({
      status: 401,
      headers: { 'content-type': 'application/problem+json', 'access-control-allow-origin': consoleOrigin },
      body: JSON.stringify({ title: 'Unauthorized', status: 401 }),
    }),
  );
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

describe('the console under the distribution\'s Content-Security-Policy', () => {
  it('lets the built console load, render and call its API with no directive violated', async () => {
    const page = await browser.newPage();
    await page.addInitScript({ content: recordViolations });
    await serveConsole(page, built);

    const apiCalls: string[] = [];
    page.on('requestfinished', (request) => {
      if (request.url().startsWith(`${apiOrigin}/v1/console/`)) apiCalls.push(request.url());
    });
    await page.goto(`${consoleOrigin}/`);
    await page.waitForFunction("(document.querySelector('#root')?.textContent ?? '') !== ''");
    await page.waitForLoadState('networkidle');

    expect(await page.evaluate('window.cspViolations')).toEqual([]);
    expect(apiCalls.length).toBeGreaterThan(0);
    await page.close();
  });

  it('is enforced: a script from another origin is refused', async () => {
    const page = await browser.newPage();
    await serveConsole(page, built);
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
