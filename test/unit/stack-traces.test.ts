import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The functions ship minified with a source map but without `--enable-source-maps` (Node would
// read the map at every cold start); shared/stack-traces.ts maps a trace when one is formatted.
const fixture = join(__dirname, '..', 'fixtures', 'stack-traces', 'throws.ts');
let outdir: string;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'engine-stack-traces-'));
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** Bundles the fixture as infra bundles a handler (ESM, minified, map beside it) and returns the stack the bundle formats. */
function stackOfBundle(name: string, options: { sourcemap: boolean; nodeOptions?: string[] }): string {
  const outfile = join(outdir, `${name}.mjs`);
  buildSync({ entryPoints: [fixture], bundle: true, platform: 'node', format: 'esm', target: 'node24', minify: true, sourcemap: options.sourcemap, sourcesContent: false, outfile, logLevel: 'error' });
  const script = `const m = await import(${JSON.stringify(pathToFileURL(outfile).href)}); console.log(JSON.stringify(m.handler()));`;
  const result = spawnSync(process.execPath, [...(options.nodeOptions ?? []), '--input-type=module', '-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as string;
}

describe('stack traces of a bundled function', () => {
  it('name the source file, line and function where the error was thrown, not the minified bundle', () => {
    const stack = stackOfBundle('mapped', { sourcemap: true });
    expect(stack.split('\n')[0]).toBe('Error: failed in the step');
    expect(stack.split('\n')[1]).toBe(`    at failingStep (${fixture}:5:9)`);
    // The caller of the caller is outside the bundle: V8 names it (`Module.w`), as Node would.
    expect(stack.split('\n')[2]).toMatch(/^ {4}at \S+ \(/);
    expect(stack.split('\n')[2]!.endsWith(` (${fixture}:10:5)`)).toBe(true);
  });

  it('read as Node would map them with --enable-source-maps, which then stays in charge', () => {
    const mapped = stackOfBundle('mapped-here', { sourcemap: true });
    const byNode = stackOfBundle('mapped-by-node', { sourcemap: true, nodeOptions: ['--enable-source-maps'] });
    const firstFrames = (stack: string) => stack.split('\n').slice(0, 3);
    expect(firstFrames(mapped)).toEqual(firstFrames(byNode));
  });

  it('stay as they are in a bundle shipped without a map', () => {
    const stack = stackOfBundle('unmapped', { sourcemap: false });
    expect(stack.split('\n')[1]).toMatch(/unmapped\.mjs:\d+:\d+\)?$/);
  });
});
