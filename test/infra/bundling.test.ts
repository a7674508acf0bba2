import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '../../shared/adapters/dynamodb/document-client';
import { SQSClient } from '@aws-sdk/client-sqs';
import { repoRoot } from '../../infra/engine-stack';
import { customerItem, dealerItem } from '../../shared/adapters/dynamodb/customer-items';
import { ensureQueues, ensureTable } from '../../local/bootstrap';
import { localAwsEnvironment, startLocalStack } from '../../local/servers';
import { httpApiEvent, lambdaContext, scheduledEvent } from '../../local/lambda-events';
import { openApiPath } from '../../shared/api/openapi';
import { drainQueue, type DispatchHandler, type EvaluateHandler } from '../../local/run-day';
import { aCustomer, aDealer } from '../helpers/factories';
import { inspectPdf } from '../helpers/inspect-pdf';
import { printRendererBundle } from '../../shared/resources/print-renderer-bundle';
import { phoneNumbersBundle } from '../../shared/resources/phone-numbers-bundle';
import { compileJourneysFolder } from '../../shared/config/compile-journeys';
import { evaluationBundleBudgetBytes, intakeBundleBudgetBytes } from '../../bench/bundles';
import { Template } from 'aws-cdk-lib/assertions';
import { consoleIndexHtml } from '../../console/build';
import { buildEngineApp, engineFunctions } from './engine-app';

// The one infra test that runs esbuild, as `npm run synth` does; the others skip bundling.
interface BundledFunction {
  service: string;
  assetDir: string;
  variables: Record<string, unknown>;
}

let outdir: string;
let bundled: BundledFunction[];
let consoleAssetDir: string;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'engine-bundling-'));
  const { app, stack } = buildEngineApp({ bundling: true, outdir });
  const assembly = app.synth();
  const template = assembly.getStackByName(stack.stackName).template as {
    Resources: Record<string, { Type: string; Properties: Record<string, any> }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  bundled = Object.values(engineFunctions(Template.fromJSON(template)))
    .map((fn) => {
      const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
      const hash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
      return { service: String(variables.POWERTOOLS_SERVICE_NAME), assetDir: join(assembly.directory, `asset.${hash}`), variables };
    });
  const [deployment] = Object.values(template.Resources).filter((resource) => resource.Type === 'Custom::CDKBucketDeployment');
  consoleAssetDir = join(assembly.directory, `asset.${String(deployment!.Properties.SourceObjectKeys[0]).replace(/\.zip$/, '')}`);
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

describe('console files', () => {
  it('deploys the console built at synth by console/build.ts: its page, script and styles, nothing else', () => {
    expect(filesUnder(consoleAssetDir).sort()).toEqual(['app.css', 'app.js', 'index.html']);
    expect(readFileSync(join(consoleAssetDir, 'index.html'), 'utf8')).toBe(consoleIndexHtml);
    // Bundled: React is inside, no import left for a browser to resolve.
    const script = readFileSync(join(consoleAssetDir, 'app.js'), 'utf8');
    expect(script).not.toMatch(/from\s*["'](react|@xyflow|chart\.js)/);
    expect(script.length).toBeGreaterThan(100_000);
  });
});

describe('function bundles', () => {
  it('builds the ten handlers as ESM with a require shim and leaves the AWS SDK out', () => {
    expect(bundled.map((fn) => fn.service).sort()).toEqual([
      'apply-events',
      'close-print-batches',
      'console-api',
      'console-calendar',
      'dispatch-messages',
      'engine-api',
      'evaluate-schedule',
      'feedback',
      'reconcile-ledger',
      'release-held-messages',
    ]);
    for (const { assetDir, variables } of bundled) {
      const code = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
      // The map is read on the first stack trace (shared/stack-traces.ts), not by Node at every cold start.
      expect(variables.NODE_OPTIONS).toBeUndefined();
      expect(code).toContain('dealer-journeys.bundle-source-maps');
      expect(code.startsWith("import { createRequire as __engineCreateRequire } from 'node:module';")).toBe(true);
      expect(code).toMatch(/export\s*\{[^}]*\bas handler\b[^}]*\}/);
      // The SDK stays external (the runtime provides it); DynamoDB goes through our own client, never the SDK's at init.
      expect(code).toMatch(/from\s*"@aws-sdk\/util-dynamodb"/);
      expect(code).not.toMatch(/from\s*"@aws-sdk\/(client-dynamodb|lib-dynamodb)"/);
      expect(existsSync(join(assetDir, 'index.mjs.map'))).toBe(true);
    }
  });

  it('ships the compiled journeys next to each handler instead of the YAML, and the print font only for the functions that render print', () => {
    const journeys = join(repoRoot, 'journeys');
    const font = 'assets/fonts/NotoSansSC-Regular.ttf';
    const expected = compileJourneysFolder(journeys, { year: new Date().getUTCFullYear() });
    for (const { service, assetDir } of bundled) {
      const copied = filesUnder(join(assetDir, 'journeys')).sort();
      if (service === 'dispatch-messages' || service === 'close-print-batches') {
        expect(copied).toEqual(['journeys.json', ...filesUnder(join(journeys, 'assets')).map((file) => `assets/${file}`)].sort());
        expect(statSync(join(assetDir, 'journeys', font)).size).toBe(statSync(join(journeys, font)).size);
      } else {
        expect(copied, service).toEqual(['journeys.json']);
      }
      expect(JSON.parse(readFileSync(join(assetDir, 'journeys', 'journeys.json'), 'utf8'))).toEqual(expected);
    }
  });

  it('keeps the evaluation bundle under its 300 KB budget, without the YAML parser, the template engine or zod locales', () => {
    const evaluate = bundled.find((fn) => fn.service === 'evaluate-schedule')!;
    const code = readFileSync(join(evaluate.assetDir, 'index.mjs'), 'utf8');
    expect(Buffer.byteLength(code)).toBeLessThan(evaluationBundleBudgetBytes);
    // Markers of what used to fill it: yaml's node types, Liquid's engine, zod's German messages.
    expect(code).not.toContain('yaml.document');
    expect(code).not.toContain('strictFilters');
    expect(code).not.toContain('Ungültige Eingabe');
  });

  it('keeps the PDF renderer and the S3 client out of the dispatch cold start: the renderer is its own bundle beside the handler', () => {
    const dispatch = bundled.find((fn) => fn.service === 'dispatch-messages')!;
    const code = readFileSync(join(dispatch.assetDir, 'index.mjs'), 'utf8');
    const renderer = readFileSync(join(dispatch.assetDir, printRendererBundle.file), 'utf8');
    // Markers of pdfkit (the PDF header it writes) and fontkit (its glyph lookup).
    expect(code).not.toContain('%PDF-');
    expect(code).not.toContain('hasGlyphForCodePoint');
    expect(renderer).toContain('%PDF-');
    expect(renderer).toContain('hasGlyphForCodePoint');
    // A static import would load the S3 client at init; it is imported on the first print file.
    expect(code).not.toMatch(/from\s*"@aws-sdk\/client-s3"/);
    expect(code).toMatch(/import\("@aws-sdk\/client-s3"\)/);
  });

  it("keeps libphonenumber's metadata out of the dispatch cold start: a file of its own beside the handler, required on the first SMS", () => {
    const dispatch = bundled.find((fn) => fn.service === 'dispatch-messages')!;
    const code = readFileSync(join(dispatch.assetDir, 'index.mjs'), 'utf8');
    const phoneNumbers = readFileSync(join(dispatch.assetDir, phoneNumbersBundle.file), 'utf8');
    // Marker: the metadata's table of country calling codes. The bundled run below sends an SMS through it.
    expect(code).not.toContain('country_calling_codes');
    expect(phoneNumbers).toContain('country_calling_codes');
    expect(code).toContain(phoneNumbersBundle.file);
  });

  it('loads the Secrets Manager client on the first secret read, not at the API or dispatch cold start', () => {
    for (const service of ['engine-api', 'dispatch-messages']) {
      const code = readFileSync(join(bundled.find((fn) => fn.service === service)!.assetDir, 'index.mjs'), 'utf8');
      expect(code, service).not.toMatch(/from\s*"@aws-sdk\/client-secrets-manager"/);
      expect(code, service).toMatch(/import\("@aws-sdk\/client-secrets-manager"\)/);
    }
  });

  it('loads no AWS SDK client at the cold start of the evaluation, the API and dispatch: DynamoDB through our own client, SQS, SES and SMS on their first message', () => {
    const lazily = { 'evaluate-schedule': ['client-sqs'], 'engine-api': ['client-sqs'], 'dispatch-messages': ['client-sesv2', 'client-pinpoint-sms-voice-v2'] };
    for (const [service, clients] of Object.entries(lazily)) {
      const code = readFileSync(join(bundled.find((fn) => fn.service === service)!.assetDir, 'index.mjs'), 'utf8');
      const staticImports = [...new Set([...code.matchAll(/from\s*"(@aws-sdk\/[^"]+)"/g)].map((match) => match[1]))].sort();
      expect(staticImports, service).toEqual(['@aws-sdk/util-dynamodb']);
      for (const client of clients) expect(code, service).toContain(`import("@aws-sdk/${client}")`);
    }
  });

  it('keeps the event intake (the API function) bundle under the 300 KB of issue 13', () => {
    const api = bundled.find((fn) => fn.service === 'engine-api')!;
    expect(Buffer.byteLength(readFileSync(join(api.assetDir, 'index.mjs'), 'utf8'))).toBeLessThan(intakeBundleBudgetBytes);
  });

  it('serves the committed OpenAPI document from the bundled API handler, which carries neither the journey schemas nor the document generator', () => {
    const api = bundled.find((fn) => fn.service === 'engine-api')!;
    const code = readFileSync(join(api.assetDir, 'index.mjs'), 'utf8');
    // Markers: the journey identifier's message (shared/domain/journey/schema.ts) and the
    // generator's `$defs` rewrite (shared/api/openapi.ts), both once built at the API's cold start.
    expect(code).not.toContain('expected lower-case letters, digits and dashes');
    expect(code).not.toContain('#/$defs/');
    const env = Object.fromEntries(Object.entries(api.variables).map(([name, value]) => [name, typeof value === 'string' ? value : `https://deploy.invalid/${name}`]));
    const event = httpApiEvent({ method: 'GET', path: '/v1/openapi.json', headers: {}, sourceIp: '127.0.0.1' });
    const script = [
      `const { handler } = await import(${JSON.stringify(pathToFileURL(join(api.assetDir, 'index.mjs')).href)});`,
      `const response = await handler(${JSON.stringify(event)}, { functionName: 'engine-api', awsRequestId: 'r', getRemainingTimeInMillis: () => 1000 });`,
      'console.log(JSON.stringify(response));',
    ].join('\n');
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: api.assetDir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ...env, AWS_REGION: 'eu-west-1', POWERTOOLS_LOG_LEVEL: 'ERROR' },
      timeout: 20_000,
    });
    expect(result.status, result.stderr).toBe(0);
    const response = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { statusCode: number; body: string };
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual(JSON.parse(readFileSync(join(repoRoot, openApiPath), 'utf8')));
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

  it('runs the bundled evaluate and dispatch handlers against the local servers, as they would run in AWS', async () => {
    const assetOf = (service: string) => bundled.find((fn) => fn.service === service)!.assetDir;
    const stack = await startLocalStack({ ports: { dynamodb: 0, sqs: 0, ses: 0 } });
    try {
      Object.assign(process.env, localAwsEnvironment(stack));
      const tableName = await ensureTable(new DynamoDBClient({}));
      const sqs = new SQSClient({});
      const { queueUrl } = await ensureQueues(sqs);
      const sinks = await mkdtemp(join(tmpdir(), 'engine-bundled-sinks-'));
      Object.assign(process.env, {
        TABLE_NAME: tableName,
        DISPATCH_QUEUE_URL: queueUrl,
        EMAIL_FROM: 'greetings@dealer-journeys.example',
        SMS_MODE: 'outbox',
        SMS_OUTBOX_PATH: join(sinks, 'sms.jsonl'),
        PRINT_MODE: 'folder',
        PRINT_FOLDER: join(sinks, 'print'),
        TASK_WEBHOOK_MODE: 'outbox',
        TASK_OUTBOX_PATH: join(sinks, 'tasks.jsonl'),
        WEBHOOK_SECRETS_FILE: join(sinks, 'webhook-secrets.json'),
        // A past date's tick replayed now: quiet hours are judged at the tick, as `npm start` does.
        DISPATCH_POLICY_TIME: 'planned',
        JOURNEYS_DIR: join(assetOf('dispatch-messages'), 'journeys'),
        POWERTOOLS_DEV: 'true',
        POWERTOOLS_LOG_LEVEL: 'ERROR',
      });
      const customer = aCustomer({ id: 'bundled', birthDate: '1980-03-14', timeZone: 'Asia/Shanghai', email: 'bundled@example.com' });
      // The card is mailed three days ahead: on the 14th it goes out for a birthday on the 17th.
      const cardAhead = aCustomer({ id: 'ahead', birthDate: '1980-03-17', timeZone: 'Asia/Shanghai', email: 'ahead@example.com' });
      await new DynamoDBDocumentClient().send(
        new BatchWriteCommand({ RequestItems: { [tableName]: [customerItem(customer), customerItem(cardAhead), dealerItem(aDealer())].map((Item) => ({ PutRequest: { Item } })) } }),
      );
      const evaluate = (await import(pathToFileURL(join(assetOf('evaluate-schedule'), 'index.mjs')).href)).handler as EvaluateHandler;
      const dispatch = (await import(pathToFileURL(join(assetOf('dispatch-messages'), 'index.mjs')).href)).handler as DispatchHandler;

      const summary = await evaluate(scheduledEvent(new Date('2026-03-14T04:00:00Z')), lambdaContext('evaluate-schedule'));
      const drained = await drainQueue(sqs, queueUrl, dispatch);

      expect(summary).toMatchObject({ due: 2, started: 2 });
      expect(drained).toMatchObject({ delivered: 3, failed: 0 });
      expect((await readFile(join(sinks, 'sms.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(1);
      const [card] = await readdir(join(sinks, 'print', '2026-03-14', 'birthday'));
      const { candles } = await inspectPdf(new Uint8Array(await readFile(join(sinks, 'print', '2026-03-14', 'birthday', card!))));
      expect(candles).toBe(46);
      const store = (await (await fetch(`${stack.endpoints.ses}/store`)).json()) as { emails: { destination: { to: string[] } }[] };
      expect(store.emails.map((email) => email.destination.to[0])).toEqual(['bundled@example.com']);
    } finally {
      await stack.stop();
    }
  });
});
