import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { fileURLToPath } from 'node:url';
import { Console } from '../../infra/constructs/console';
import { EngineAlarms } from '../../infra/constructs/engine-alarms';
import { EngineApi } from '../../infra/constructs/engine-api';
import { createEngineTable, createQueueWithDeadLetter } from '../../infra/constructs/engine-data';
import { EngineFunction } from '../../infra/constructs/engine-function';
import { repoRoot } from '../../infra/engine-stack';
import { acknowledgeWildcardResource, nagArnOf } from '../../infra/constructs/nag';
import { dispatchQueue, eventsQueue } from '../../shared/resources/queues';
import { engineTable } from '../../shared/resources/table';

/** A console build standing in for the real one (an index.html and a script). */
export const consoleFixtureFiles = fileURLToPath(new URL('fixtures/console-site', import.meta.url));

/**
 * The console on its own, in a stack with the engine's table, queues and HTTP API, with cdk-nag's
 * gate as in `infra/app.ts`; the console function's handler is a fixture (bundling is skipped).
 */
export function buildConsoleStack(): { stack: Stack; console: Console; api: EngineApi; handler: EngineFunction } {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new Stack(app, 'ConsoleFixture');
  const table = createEngineTable(stack, engineTable);
  const dispatch = createQueueWithDeadLetter(stack, dispatchQueue);
  const events = createQueueWithDeadLetter(stack, eventsQueue, { fifo: true });
  const logRetention = logs.RetentionDays.ONE_WEEK;
  const alarms = new EngineAlarms(stack, 'Alarms');
  const fixtureFunction = (id: string, serviceName: string) =>
    new EngineFunction(stack, id, {
      repoRoot,
      metricsNamespace: 'Fixture',
      logRetention,
      alarms,
      timeout: Duration.seconds(10),
      memorySize: 256,
      entry: 'test/infra/fixtures/console-api-handler.ts',
      serviceName,
      description: 'fixture',
      environment: { TABLE_NAME: table.tableName },
    });
  const engineApi = fixtureFunction('EngineApiHandler', 'engine-api');
  const handler = fixtureFunction('ConsoleApiHandler', 'console-api');
  const api = new EngineApi(stack, 'Api', { handler: engineApi.function, logRetention });
  const console = new Console(stack, 'Console', {
    stage: 'test',
    api,
    handler: handler.function,
    table,
    deadLetterQueues: [dispatch.deadLetterQueue, events.deadLetterQueue],
    files: consoleFixtureFiles,
    logRetention,
  });
  // As the engine stack does for each function reading the table: its index is queried by name.
  acknowledgeWildcardResource(handler.role, `${nagArnOf(table)}/index/*`, 'Table grants cover the engine table\'s own index, queried by name.');
  return { stack, console, api, handler };
}
