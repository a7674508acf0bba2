import { Duration, Stack, Stage } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineEnvName } from '../../shared/config/env';
import { COMPILED_JOURNEYS_FILE } from '../../shared/config/compiled-journeys';
import { compileJourneysFolder } from '../../shared/config/compile-journeys';
import { printRendererBundle } from '../../shared/resources/print-renderer-bundle';
import { phoneNumbersBundle } from '../../shared/resources/phone-numbers-bundle';
import type { EngineAlarms } from './engine-alarms';

/** Variables read by Powertools and the Node runtime, set next to the engine's own. */
type RuntimeEnvName = 'POWERTOOLS_SERVICE_NAME' | 'POWERTOOLS_METRICS_NAMESPACE';

/**
 * Environment of an engine function. Keys are the names `shared/config/env.ts` reads, so renaming
 * a variable there breaks this build instead of a deployed function.
 */
export type EngineEnvironment = Partial<Record<EngineEnvName, string>>;

/** Where the compiled journeys (and, for dispatch, the print assets) land inside the deployment package (`/var/task`). */
export const bundledJourneysDir = '/var/task/journeys';

/** Compiled files written by this process, so the functions of one synth share one compile. */
const compiledThisSynth = new Set<string>();

/**
 * The journeys folder checked and compiled to the JSON the functions load, written into the
 * cloud assembly folder once per synth (never reused from an earlier synth: the YAML may have
 * changed) for every function to copy. A bad journey fails the synth with the violations
 * `npm run validate` prints.
 */
function compiledJourneysFile(scope: Construct, journeysDir: string): string {
  const outdir = Stage.of(scope)?.outdir ?? tmpdir();
  const file = join(outdir, `compiled-${COMPILED_JOURNEYS_FILE}`);
  if (!compiledThisSynth.has(`${file}\n${journeysDir}`)) {
    mkdirSync(outdir, { recursive: true });
    writeFileSync(file, JSON.stringify(compileJourneysFolder(journeysDir, { year: new Date().getUTCFullYear() })));
    compiledThisSynth.add(`${file}\n${journeysDir}`);
  }
  return file;
}

/**
 * Lets CommonJS dependencies call `require` inside the ESM bundle (esbuild's `__require` shim
 * throws "Dynamic require is not supported" without it). The import is aliased so it cannot clash
 * with an import of the same name in the bundled code.
 */
export const esmRequireBanner =
  "import { createRequire as __engineCreateRequire } from 'node:module'; const require = __engineCreateRequire(import.meta.url);";

export interface EngineFunctionProps {
  /** Repository root: holds `package-lock.json` and the `journeys/` folder. */
  readonly repoRoot: string;
  /** Handler file relative to the repository root; it must export `handler`. */
  readonly entry: string;
  /** Powertools service name (also the log and metric dimension). */
  readonly serviceName: string;
  readonly metricsNamespace: string;
  readonly description: string;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly environment: EngineEnvironment;
  readonly logRetention: logs.RetentionDays;
  /** Where the function's error alarm goes: every engine function gets one, none can be left out. */
  readonly alarms: EngineAlarms;
  /** Ship `journeys/assets/` (the 10 MB print font) too: only the functions that render print need it. */
  readonly withPrintAssets?: boolean;
  /**
   * Build the PDF renderer as a bundle of its own beside the handler, for a handler that imports
   * it only on its first print piece (dispatch): its cold start then does not parse pdfkit and fontkit.
   */
  readonly withPrintRendererBundle?: boolean;
  /**
   * Ship libphonenumber as a file of its own, required on the first phone number checked, for a
   * handler that checks numbers only for SMS sends (dispatch): see `phoneNumbersBundle`.
   */
  readonly withLazyPhoneNumbers?: boolean;
}

/**
 * A Node.js 24 arm64 function bundled by the local esbuild as ESM, with the repository's
 * journeys compiled to `journeys/journeys.json` next to the handler (the YAML itself is not
 * shipped: the function loads the checked output), its own log group and a role that may write only
 * to that log group (no `AWSLambdaBasicExecutionRole`, so no account-wide log permissions), and
 * an alarm on its errors.
 */
export class EngineFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly errorsAlarm: cloudwatch.Alarm;
  private readonly serviceName: string;
  private readonly metricsNamespace: string;

  constructor(scope: Construct, id: string, props: EngineFunctionProps) {
    super(scope, id);
    this.serviceName = props.serviceName;
    this.metricsNamespace = props.metricsNamespace;

    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${props.serviceName} function`,
    });
    this.logGroup.grantWrite(this.role);

    const environment: Partial<Record<EngineEnvName | RuntimeEnvName, string>> = {
      ...props.environment,
      POWERTOOLS_SERVICE_NAME: props.serviceName,
      POWERTOOLS_METRICS_NAMESPACE: props.metricsNamespace,
      // No `--enable-source-maps`: Node would read the bundle's map at every cold start.
      // shared/stack-traces.ts maps a stack trace to the sources when one is formatted.
    };

    // Only a stack that is bundled needs the journeys (most tests skip bundling).
    const journeysFile = Stack.of(this).bundlingRequired ? compiledJourneysFile(this, join(props.repoRoot, 'journeys')) : undefined;

    this.function = new NodejsFunction(this, 'Function', {
      entry: join(props.repoRoot, props.entry),
      handler: 'handler',
      projectRoot: props.repoRoot,
      depsLockFilePath: join(props.repoRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      description: props.description,
      timeout: props.timeout,
      memorySize: props.memorySize,
      role: this.role,
      logGroup: this.logGroup,
      environment: definedOnly(environment),
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        banner: esmRequireBanner,
        logLevel: LogLevel.WARNING,
        // `@aws-sdk/*` stays external (the default): the runtime provides it. That includes
        // util-dynamodb, which our DynamoDB client marshals with: bundled it would be 5 KB more and
        // take the evaluation over its 300 KB budget, and the runtime's copy is the one lib-dynamodb
        // marshalled with before (shared/adapters/dynamodb/client/commands.ts).
        ...(props.withLazyPhoneNumbers ? { esbuildArgs: { [`--alias:${phoneNumbersBundle.replaces}`]: join(props.repoRoot, phoneNumbersBundle.shim) } } : {}),
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) => [
            `mkdir -p "${join(outputDir, 'journeys')}"`,
            ...(journeysFile ? [`cp "${journeysFile}" "${join(outputDir, 'journeys', COMPILED_JOURNEYS_FILE)}"`] : []),
            ...(props.withPrintAssets ? [`cp -R "${join(inputDir, 'journeys', 'assets')}" "${join(outputDir, 'journeys', 'assets')}"`] : []),
            ...(props.withPrintRendererBundle ? [sideBundleCommand(printRendererBundle, 'esm', inputDir, outputDir)] : []),
            ...(props.withLazyPhoneNumbers ? [sideBundleCommand(phoneNumbersBundle, 'cjs', inputDir, outputDir)] : []),
          ],
        },
      },
    });
    this.errorsAlarm = props.alarms.alarmOnFunctionErrors(this, this.function, props.serviceName);
  }

  /**
   * A metric this function emits through Powertools (`metrics.addMetric(name, ...)`): Powertools
   * writes it to POWERTOOLS_METRICS_NAMESPACE with the one dimension `service` set to
   * POWERTOOLS_SERVICE_NAME, both of which this construct sets, so the alarm matches what is emitted.
   */
  powertoolsMetric(metricName: string, statistic: string = cloudwatch.Stats.SUM): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: this.metricsNamespace,
      metricName,
      dimensionsMap: { service: this.serviceName },
      statistic,
      period: Duration.minutes(5),
    });
  }
}

/**
 * The local esbuild with the handler's settings (node24, minified, source map) on a module loaded
 * apart from the handler: ESM with the require shim for one it imports, CommonJS for one it requires.
 */
function sideBundleCommand(bundle: { entry: string; file: string }, format: 'esm' | 'cjs', inputDir: string, outputDir: string): string {
  const options = ['--bundle', '--platform=node', `--format=${format}`, '--target=node24', '--minify', '--sourcemap', '--sources-content=false', '--main-fields=module,main', '--log-level=warning'];
  // The banner holds single quotes, braces and semicolons but no double quote or `$`: safe in double quotes.
  return [
    `"${join(inputDir, 'node_modules', '.bin', 'esbuild')}"`,
    `"${join(inputDir, bundle.entry)}"`,
    ...options,
    '--external:@aws-sdk/*',
    ...(format === 'esm' ? [`--banner:js="${esmRequireBanner}"`] : []),
    `--outfile="${join(outputDir, bundle.file)}"`,
  ].join(' ');
}

function definedOnly(variables: Partial<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(variables).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
