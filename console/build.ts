/**
 * Builds the marketer console: one esbuild bundle of `console/app/main.tsx` (React, React Flow,
 * dagre and Chart.js inside, nothing fetched from a CDN at run time) with its CSS, and the page
 * that loads them. Used by `npm start` (served under /console), the browser tests, and the CDK
 * stack (the files go to S3 behind CloudFront).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const appEntry = join(dirname(fileURLToPath(import.meta.url)), 'app', 'main.tsx');

/** The console's build output folder (gitignored). */
export const consoleDistDir = join(dirname(fileURLToPath(import.meta.url)), 'dist');

/** The page: relative asset paths, so it works under /console locally and at a CloudFront root alike. */
export const consoleIndexHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dealer Journeys console</title>
<link rel="stylesheet" href="app.css">
</head>
<body>
<div id="root"></div>
<script type="module" src="app.js"></script>
</body>
</html>
`;

/** Writes `index.html`, `app.js` and `app.css` into `outdir` (created); returns the folder. */
export async function buildConsole(outdir: string = consoleDistDir): Promise<string> {
  await mkdir(outdir, { recursive: true });
  await build({
    entryPoints: { app: appEntry },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  await writeFile(join(outdir, 'index.html'), consoleIndexHtml);
  return outdir;
}
