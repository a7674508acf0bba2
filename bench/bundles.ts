/**
 * Each function as it deploys: the app synthesized with full bundling (as `npm run synth` does),
 * then per function the size of its minified bundle and the time a fresh Node process takes to
 * import it with the stack's environment (module init, the compiled journeys read included, no
 * handler call, so no AWS I/O). `@aws-sdk/*` resolves from node_modules, as Lambda's runtime
 * provides it.
 *
 * `npx tsx bench/bundles.ts [--runs N]` runs this part alone and prints one line per function.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildApp } from '../infra/app';
import { repoRoot } from '../infra/engine-stack';
import { customMetricsWatched } from './custom-metrics';
import { median } from './measure';

/** The evaluation's budgets (issue 12): its bundle under 300 KB minified, its module init under 150 ms. */
export const evaluationBundleBudgetBytes = 300 * 1000;
export const evaluationInitBudgetMs = 150;

/** The event intake's budgets (issue 13): the API function, which takes `POST /v1/events`. */
export const intakeBundleBudgetBytes = 300 * 1000;
export const intakeInitBudgetMs = 150;

/** The dispatch function's budget (issue 14): module init under 150 ms; its bundle size has none. */
export const dispatchInitBudgetMs = 150;

/** The functions with a budget, by service: bundle bytes (where one is set) and module init (CPU ms, the steadier figure). */
export const bundleBudgets: Record<string, { bundleBytes?: number; initMs: number }> = {
  'evaluate-schedule': { bundleBytes: evaluationBundleBudgetBytes, initMs: evaluationInitBudgetMs },
  'engine-api': { bundleBytes: intakeBundleBudgetBytes, initMs: intakeInitBudgetMs },
  'dispatch-messages': { initMs: dispatchInitBudgetMs },
};

/** `within` or what is over, for a function with a budget; undefined for one without. */
export function budgetVerdict(fn: Pick<BundleFigures, 'service' | 'bundleBytes' | 'init'>): string | undefined {
  const budget = bundleBudgets[fn.service];
  if (!budget) return undefined;
  const over = [
    ...(budget.bundleBytes !== undefined && fn.bundleBytes >= budget.bundleBytes ? [`bundle over ${budget.bundleBytes / 1000} KB`] : []),
    ...(fn.init.cpuMs >= budget.initMs ? [`init over ${budget.initMs} ms`] : []),
  ];
  return over.length === 0 ? 'within' : over.join(', ');
}

export interface BundleFigures {
  service: string;
  memoryMb: number;
  /** `index.mjs`, minified, without the source map. */
  bundleBytes: number;
  sourceMapBytes: number;
  /** Compiled journeys and, for dispatch, the print font. */
  journeysBytes: number;
  /** Median over fresh processes of `await import(bundle)`: wall time and CPU time (user + system). */
  init: InitFigures;
  /** The same with the AWS SDK modules the bundle imports loaded first: the bundle's own share. */
  ownInit: InitFigures;
}

export interface InitFigures {
  wallMs: number;
  cpuMs: number;
  runs: number;
}

function cdkJsonContext(): Record<string, unknown> {
  return (JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> }).context ?? {};
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function folderBytes(dir: string): number {
  try {
    return spawnSync('du', ['-sb', dir], { encoding: 'utf8' }).stdout.split('\t').map(Number)[0] ?? 0;
  } catch {
    return 0;
  }
}

/** Packages the bundle leaves to the runtime (`@aws-sdk/*`), as its import statements name them. */
function externalImports(code: string): string[] {
  return [...new Set([...code.matchAll(/from\s*"(@aws-sdk\/[^"]+)"/g)].map((match) => match[1]!))];
}

/**
 * Imports the bundle in a fresh process and reports wall and CPU milliseconds. CPU time is the
 * steadier figure on a shared machine: waiting for a core counts in wall time only.
 */
function timeImport(assetDir: string, env: Record<string, string>, preload: string[]): { wallMs: number; cpuMs: number } {
  const entry = pathToFileURL(join(assetDir, 'index.mjs')).href;
  const script = [
    `for (const name of ${JSON.stringify(preload)}) await import(name);`,
    'const cpu = process.cpuUsage(); const start = performance.now();',
    `const m = await import(${JSON.stringify(entry)});`,
    'const wallMs = performance.now() - start; const used = process.cpuUsage(cpu);',
    "if (typeof m.handler !== 'function') process.exit(2);",
    'console.log(JSON.stringify({ wallMs, cpuMs: (used.user + used.system) / 1000 }));',
  ].join('\n');
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: assetDir, encoding: 'utf8', env, timeout: 60_000 });
  if (result.status !== 0) throw new Error(`importing ${assetDir} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { wallMs: number; cpuMs: number };
}

function initFigures(assetDir: string, env: Record<string, string>, preload: string[], runs: number): InitFigures {
  const samples = Array.from({ length: runs }, () => timeImport(assetDir, env, preload));
  return { wallMs: median(samples.map((sample) => sample.wallMs)), cpuMs: median(samples.map((sample) => sample.cpuMs)), runs };
}

/** What the synthesized stack holds that the cost model prices per month. */
export interface StackCounts {
  functions: number;
  alarms: number;
  schedules: number;
  queues: number;
  /** Customer managed KMS keys: each is billed per month whether used or not. */
  kmsKeys: number;
  /** Custom metrics the functions publish: those the alarms watch, no other. */
  customMetrics: number;
}

export async function benchBundles({ runs }: { runs: number }): Promise<{ functions: BundleFigures[]; stack: StackCounts }> {
  const outdir = mkdtempSync(join(tmpdir(), 'engine-bench-bundles-'));
  try {
    const { app, stack } = buildApp({ outdir, context: cdkJsonContext() });
    const assembly = app.synth();
    const template = assembly.getStackByName(stack.stackName).template as {
      Resources: Record<string, { Type: string; Properties: { Code: { S3Key: string }; MemorySize: number; Environment?: { Variables?: Record<string, unknown> } } }>;
    };
    // Lets the bundles resolve `@aws-sdk/*`, which Lambda's runtime provides.
    symlinkSync(join(repoRoot, 'node_modules'), join(outdir, 'node_modules'), 'dir');
    const figures: BundleFigures[] = [];
    for (const resource of Object.values(template.Resources)) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      const variables = resource.Properties.Environment?.Variables ?? {};
      const assetDir = join(assembly.directory, `asset.${resource.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
      // Only the engine's own functions: CDK's helper functions (the console's file deployment)
      // are not ours to budget and carry no bundle of ours.
      if (typeof variables.POWERTOOLS_SERVICE_NAME !== 'string' || !existsSync(join(assetDir, 'index.mjs'))) continue;
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? '',
        AWS_REGION: 'eu-west-1',
        // Tokens (table name, queue URL) become placeholders; the handler is not called.
        ...Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, typeof value === 'string' ? value : `https://deploy.invalid/${name}`])),
        JOURNEYS_DIR: join(assetDir, 'journeys'),
      };
      const code = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
      figures.push({
        service: String(variables.POWERTOOLS_SERVICE_NAME),
        memoryMb: resource.Properties.MemorySize,
        bundleBytes: sizeOf(join(assetDir, 'index.mjs')),
        sourceMapBytes: sizeOf(join(assetDir, 'index.mjs.map')),
        journeysBytes: folderBytes(join(assetDir, 'journeys')),
        init: initFigures(assetDir, env, [], runs),
        ownInit: initFigures(assetDir, env, externalImports(code), runs),
      });
    }
    const count = (type: string) => Object.values(template.Resources).filter((resource) => resource.Type === type).length;
    return {
      functions: figures.sort((a, b) => a.service.localeCompare(b.service)),
      stack: {
        functions: count('AWS::Lambda::Function'),
        alarms: count('AWS::CloudWatch::Alarm'),
        schedules: count('AWS::Scheduler::Schedule'),
        queues: count('AWS::SQS::Queue'),
        kmsKeys: count('AWS::KMS::Key'),
        customMetrics: customMetricsWatched(template.Resources),
      },
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

// Run on its own: the bundles and their init, without the rest of the bench (minutes, and a seeded day).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
  const loadBefore = loadavg()[0]!;
  const { functions } = await benchBundles({ runs: Number(values.runs) });
  const ms = (value: number) => `${value.toFixed(0)} ms`.padStart(7);
  console.log(`function              bundle KB  init wall   CPU  own init wall   CPU  budget   (median of ${values.runs} fresh imports)`);
  for (const fn of functions) {
    console.log(
      `${fn.service.padEnd(20)} ${(fn.bundleBytes / 1000).toFixed(1).padStart(10)}  ${ms(fn.init.wallMs)} ${ms(fn.init.cpuMs)}  ${ms(fn.ownInit.wallMs)} ${ms(fn.ownInit.cpuMs)}  ${budgetVerdict(fn) ?? '-'}`,
    );
  }
  const budgeted = functions.filter((fn) => bundleBudgets[fn.service]);
  console.log(`budgets: ${budgeted.filter((fn) => budgetVerdict(fn) === 'within').length} of ${budgeted.length} within (${budgeted.map((fn) => `${fn.service} ${fn.init.cpuMs.toFixed(0)}/${bundleBudgets[fn.service]!.initMs} ms`).join(', ')})`);
  // CPU time still grows with the machine's load (shared caches, busy cores): say what it was.
  console.log(`load average (1 min) ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after, on ${availableParallelism()} cores`);
}
