import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildConsole } from '../../console/build';
import { startApiServer } from '../../local/api-server';
import { localApiHandler, localConsoleTenants } from '../../local/console-server';
import type { LocalEngine } from '../../local/local-engine';
import { sameScreenshot } from './png-pixels';

/** The console as `npm start` serves it (page, routes, engine API on one port), on a free port. */
export async function startTestConsole(engine: LocalEngine): Promise<{ url: string; close(): Promise<void> }> {
  const assetsDir = await buildConsole(await mkdtemp(join(tmpdir(), 'console-build-')));
  const handler = localApiHandler({ engineApi: engine.handlers.api, consoleApi: engine.handlers.console, assetsDir, tenants: () => localConsoleTenants(engine.dynamo, engine.tableName) });
  const { server, url } = await startApiServer(handler, 0);
  return {
    url: `${url}/console/`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Whether the canvas has drawn pixels (not all transparent): the chart was drawn. */
export function canvasIsDrawn(page: Page, selector: string): Promise<boolean> {
  return page.$eval(selector, (canvas) => {
    const element = canvas as HTMLCanvasElement;
    const { data } = element.getContext('2d')!.getImageData(0, 0, element.width, element.height);
    for (let index = 3; index < data.length; index += 4) if (data[index]! > 0) return true;
    return false;
  });
}

/**
 * A screenshot for the README, written only when it differs from the file there: with the test's
 * pinned clock and data the pages draw the same pixels each run (up to anti-aliasing noise, see
 * `sameScreenshot`), so a run leaves the tree clean.
 * Returns whether the file was written.
 */
export async function saveScreenshot(page: Page, path: string, fullPage = true): Promise<boolean> {
  const taken = await page.screenshot({ fullPage, animations: 'disabled', caret: 'hide' });
  const kept = await readFile(path).catch(() => undefined);
  if (kept && sameScreenshot(kept, taken)) return false;
  await writeFile(path, taken);
  return true;
}
