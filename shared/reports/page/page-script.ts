/**
 * The scripts a report page carries inline (no network needed to view it): Chart.js's UMD build
 * and the page's own script, bundled by esbuild from `report-page.ts`. Each is built or read once
 * per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

let chartJs: string | undefined;
let pageScript: string | undefined;

/** Keeps a script's text from closing the `<script>` element it is inlined in. */
const inlineable = (script: string): string => script.replace(/<\/(script)/gi, '<\\/$1');

export function chartJsSource(): string {
  // The package exports no path to its UMD build: it sits beside the CommonJS entry point.
  chartJs ??= inlineable(readFileSync(join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js'), 'utf8'));
  return chartJs;
}

export function reportPageScript(): string {
  if (pageScript === undefined) {
    const built = buildSync({
      entryPoints: [fileURLToPath(new URL('./report-page.ts', import.meta.url))],
      bundle: true,
      format: 'iife',
      minify: true,
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    pageScript = inlineable(built.outputFiles[0]!.text);
  }
  return pageScript;
}
