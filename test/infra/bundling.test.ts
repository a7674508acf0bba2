import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../infra/engine-stack';
import { buildEngineApp } from './engine-app';

// The one infra test that runs esbuild, as `npm run synth` does; the others skip bundling.
interface BundledFunction {
  service: string;
  assetDir: string;
  variables: Record<string, unknown>;
}

let outdir: string;
let bundled: BundledFunction[];

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'engine-bundling-'));
  const { app, stack } = buildEngineApp({ bundling: true, outdir });
  const assembly = app.synth();
  const template = assembly.getStackByName(stack.stackName).template as {
    Resources: Record<string, { Type: string; Properties: Record<string, any> }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  bundled = Object.values(template.Resources)
    .filter((resource) => resource.Type === 'AWS::Lambda::Function')
    .map((fn) => {
      const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
      const hash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
      return { service: String(variables.POWERTOOLS_SERVICE_NAME), assetDir: join(assembly.directory, `asset.${hash}`), variables };
    });
  // Lets the smoke import below resolve `@aws-sdk/*`, which Lambda's runtime provides.
  symlinkSync(join(repoRoot, 'node_modules'), join(outdir, 'node_modules'), 'dir');
});

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

/** Relative paths of every file under `dir`. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

describe('function bundles', () => {
  it('builds the three handlers as ESM with a require shim and leaves the AWS SDK out', () => {
    expect(bundled.map((fn) => fn.service).sort()).toEqual(['dispatch-messages', 'engine-api', 'evaluate-schedule']);
    for (const { assetDir } of bundled) {
      const code = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
      expect(code.startsWith("import { createRequire as __engineCreateRequire } from 'node:module';")).toBe(true);
      expect(code).toMatch(/export\s*\{[^}]*\bas handler\b[^}]*\}/);
      expect(code).toMatch(/from\s*"@aws-sdk\/client-/);
      expect(existsSync(join(assetDir, 'index.mjs.map'))).toBe(true);
    }
  });

  it('copies the repository journeys folder, fonts included, next to each handler', () => {
    const journeys = join(repoRoot, 'journeys');
    const expected = filesUnder(journeys).sort();
    expect(expected).toContain('assets/fonts/NotoSansSC-Regular.ttf');
    for (const { assetDir } of bundled) {
      expect(filesUnder(join(assetDir, 'journeys')).sort()).toEqual(expected);
      const font = 'assets/fonts/NotoSansSC-Regular.ttf';
      expect(statSync(join(assetDir, 'journeys', font)).size).toBe(statSync(join(journeys, font)).size);
    }
  });

  it('loads each bundle in Node with the stack environment and finds an exported handler', () => {
    for (const { service, assetDir, variables } of bundled) {
      const env = Object.fromEntries(
        Object.entries(variables).map(([name, value]) => [name, typeof value === 'string' ? value : `https://deploy.invalid/${name}`]),
      );
      const entry = pathToFileURL(join(assetDir, 'index.mjs')).href;
      const result = spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const m = await import(${JSON.stringify(entry)}); if (typeof m.handler !== 'function') { console.error('handler is', typeof m.handler); process.exit(2); }`,
        ],
        {
          cwd: assetDir,
          encoding: 'utf8',
          env: { PATH: process.env.PATH, ...env, JOURNEYS_DIR: join(assetDir, 'journeys'), AWS_REGION: 'eu-west-1' },
          timeout: 20_000,
        },
      );
      expect(result.status, `${service}: ${result.stderr}`).toBe(0);
    }
  });
});
