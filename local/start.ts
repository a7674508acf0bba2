/**
 * `npm start`: the engine on the local stack. Starts the servers, seeds the demo data once, runs
 * the scheduled evaluation for a date through the real handler, drains the dispatch queue through
 * the real SQS handler, and prints what happened and where to look. Without `--once` it keeps
 * the hourly scheduler, the dispatcher and the HTTP API running until Ctrl-C.
 */
import { writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Channel } from '../shared/domain/customer';
import { generateDemoData } from './demo-data';
import { seedDemoData } from './seed';
import { recomputeForDate } from './recompute';
import { startLocalEngine, type LocalEngine } from './local-engine';
import { ensureDemoKeys } from './demo-keys';
import { closePrintBatchesLocally, drainQueue, lastTickOf, reconcileLocally, releaseLocally, replayDate, ticksCoveringDate } from './run-day';
import { describePrintBatches } from './print-summary';
import { describeSentAhead, ledgerForDate, sendsRecordedSince, sentAhead } from './send-report';
import { summaryTable } from './run-summary';
import { persistMailbox, restoreMailbox } from './mailbox';
import { renderDayReport } from './html-report';
import { startApiServer } from './api-server';
import { computeLocalCalendars, localApiHandler, localConsoleTenants } from './console-server';
import { buildConsole } from '../console/build';
import { progressLine } from './progress';
import { parseStartOptions, usage, UsageError, type StartOptions } from './options';
import { PortInUseError } from './servers';
import { JourneyConfigError, loadJourneyConfig } from '../shared/config/load-journeys';
import { violationReport } from '../shared/config/violations';
import { lambdaContext, scheduledEvent } from './lambda-events';
import type { EvaluationSummary } from '../shared/use-cases/run-scheduled-evaluation';
import { releaseIntervalMinutes } from '../shared/resources/schedules';

const shown = (path: string) => relative(process.cwd(), path) || '.';

function mergeCounts(summaries: EvaluationSummary[], field: 'queued' | 'skippedNoConsent') {
  const merged: Record<string, Partial<Record<Channel, number>>> = {};
  for (const summary of summaries) {
    for (const [journey, byChannel] of Object.entries(summary[field])) {
      for (const [channel, count] of Object.entries(byChannel)) {
        const target = (merged[journey] ??= {});
        target[channel as Channel] = (target[channel as Channel] ?? 0) + (count ?? 0);
      }
    }
  }
  return merged;
}

async function runDate(engine: LocalEngine, options: StartOptions) {
  const runStartedAt = new Date();
  const scheduleEnd = lastTickOf(options.date, options.until);
  const { recovered, summaries, drained, unfinished, expired } = await replayDate(engine, options.date, {
    onTick: progressLine(`Evaluating ${options.date} (hourly schedule ticks)`),
    ...(options.until ? { until: options.until } : {}),
  });
  // The day's sends are done: its print batches are closed, as the daily schedule does in AWS.
  const printBatches = await closePrintBatchesLocally(engine.handlers.closePrintBatches, options.date, scheduleEnd);
  const sends = await sendsRecordedSince(engine.dynamo, engine.tableName, runStartedAt);
  const mailbox = await persistMailbox(engine.stack.endpoints.ses, engine.paths.mailFolder);
  // Later ticks of the same date see the same occurrences again (and find them in the ledger):
  // count each occurrence once, as started if any tick of this run started it.
  const outcomes = summaries.flatMap((summary) => summary.outcomes);
  const startedIds = new Set(outcomes.filter((outcome) => outcome.result === 'started').map((outcome) => outcome.occurrence));
  const dueIds = new Set(outcomes.map((outcome) => outcome.occurrence));
  const due = dueIds.size;
  const started = startedIds.size;
  const alreadyHandled = due - started;
  const notQueued = summaries.reduce((total, summary) => total + summary.notQueued, 0);
  const journeys = [...new Set([...dueIds].map((id) => id.split('#')[0]!))];
  const noConsent = mergeCounts(summaries, 'skippedNoConsent');
  const reportFile = join(engine.paths.dataDir, `report-${options.date}.html`);
  // The report is of the date, from the ledger (every run of it), with this run's share marked.
  const { journeys: journeyConfig } = await loadJourneyConfig(options.journeysDir);
  const channelOf = (journeyId: string, messageId: string) =>
    journeyConfig.find((journey) => journey.id === journeyId)?.steps.find((step) => step.id === messageId)?.channel;
  const ledger = await ledgerForDate(engine.dynamo, engine.tableName, options.date, runStartedAt);
  await writeFile(reportFile, renderDayReport({ ledger, channelOf }));
  return { sends, due, started, alreadyHandled, notQueued, journeys, noConsent, drained, mailbox, reportFile, recovered, unfinished, expired, ahead: sentAhead(ledger), printBatches };
}

async function main(): Promise<number> {
  let options: StartOptions | 'help';
  try {
    options = parseStartOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${usage}`);
      return 2;
    }
    throw error;
  }
  if (options === 'help') {
    console.log(usage);
    return 0;
  }

  // The config is checked before any server starts: a bad one gets the list `validate` prints.
  let journeyConfig;
  try {
    journeyConfig = await loadJourneyConfig(options.journeysDir);
  } catch (error) {
    if (!(error instanceof JourneyConfigError)) throw error;
    console.error(`${violationReport(error.violations, options.journeysDir)}\nNothing was started; fix the config and run again.`);
    return 1;
  }

  let engine: LocalEngine;
  let api: Awaited<ReturnType<typeof startApiServer>>;
  try {
    engine = await startLocalEngine({
      ports: options.ports,
      dataDir: options.dataDir,
      journeysDir: options.journeysDir,
      publicApiUrl: `http://127.0.0.1:${options.ports.api}`,
      persistDynamo: true,
      reset: options.reset,
      logLevel: options.verbose ? 'INFO' : 'WARN',
    });
    try {
      const localEngine = engine;
      const consoleDir = await buildConsole(join(engine.paths.dataDir, 'console'));
      api = await startApiServer(
        localApiHandler({
          engineApi: engine.handlers.api,
          consoleApi: engine.handlers.console,
          assetsDir: consoleDir,
          tenants: () => localConsoleTenants(localEngine.dynamo, localEngine.tableName),
        }),
        options.ports.api,
      );
    } catch (error) {
      await engine.stop();
      throw error;
    }
  } catch (error) {
    if (error instanceof PortInUseError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const restored = await restoreMailbox(engine.paths.mailFolder);

  const demoData = generateDemoData();
  const seeded = await seedDemoData(engine.dynamo, engine.tableName, demoData, progressLine('Seeding demo data (items)'));
  console.log(
    seeded.seeded
      ? `Seeded the demo data set: ${seeded.items} items (1,200 customers, 4 dealers in 4 time zones).`
      : `Demo data already seeded in ${shown(engine.paths.dataDir)} (${seeded.items} items); the ledger from earlier runs is kept. Use --reset to start over.`,
  );

  // Before the first tick: every customer filed under their next due date from the date run.
  const recomputed = await recomputeForDate(engine.dynamo, engine.tableName, { journeys: journeyConfig.journeys, date: options.date }, progressLine(`Filing customers in the due index from ${options.date}`));
  const skippedNote = recomputed.state && recomputed.state.skipped > 0 ? `, ${recomputed.state.skipped} invalid customer records skipped (see the logs with --verbose)` : '';
  console.log(`Due index: ${recomputed.state?.done ?? 0} customers filed from ${options.date}${skippedNote}.`);

  const demoKeys = await ensureDemoKeys(engine.dynamo, engine.tableName, demoData.dealers, join(engine.paths.dataDir, 'demo-api-keys.json'));
  const result = await runDate(engine, options);
  const sent = result.sends.filter((row) => row.status === 'sent');
  const sampleCustomer = sent[0]?.customerId;
  const apiSample = sampleCustomer ? `${api.url}/v1/customers/${sampleCustomer}/messages` : `${api.url}/health`;
  // The customer's history is read with their dealer's key, as a dealer system would.
  const sampleDealer = demoData.customers.find((record) => record.customer.id === sampleCustomer)?.customer.dealerId;
  const sampleKey = demoKeys.keys.find(({ tenant }) => tenant === `dealer:${sampleDealer}`)?.key;
  const apiCheck = await fetch(apiSample, { headers: sampleKey ? { authorization: `Bearer ${sampleKey}` } : {} });

  console.log(
    `\nRun for ${options.date}: the hourly schedule's ${ticksCoveringDate(options.date, options.until).length} ticks that fall on that date somewhere${options.until ? ' up to now' : ''}, each customer on their own local date.`,
  );
  const stepChannels = new Map(journeyConfig.journeys.map((journey) => [journey.id, journey.steps.map((step) => step.channel)]));
  console.log(summaryTable(result.sends, result.noConsent, result.journeys, stepChannels));
  if (result.ahead.length > 0) {
    // A card mailed ahead greets someone else than today's email: say whose day it is for.
    console.log(`\nSent ahead on ${options.date}, to arrive on the day:\n${result.ahead.map((group) => `  ${describeSentAhead(group)}`).join('\n')}`);
  }
  console.log(
    `\nOccurrences: ${result.due} due, ${result.started} handled in this run, ${result.alreadyHandled} already handled by an earlier run (ledger).` +
      ` Dispatch: ${result.drained.delivered} queue messages processed in ${result.drained.batches} SQS batches${result.drained.failed > 0 ? `, ${result.drained.failed} attempts failed` : ''}.`,
  );
  if (result.recovered.messagesRedriven > 0) {
    console.log(`Re-driven from the ledger: ${result.recovered.messagesRedriven} messages of ${result.recovered.occurrencesRedriven} occurrences an earlier run left unfinished.`);
  }
  if (result.unfinished > 0) {
    console.log(`${result.unfinished} messages are unfinished (their provider failed twice in this run); the ledger keeps them open and the next run re-drives them.`);
  }
  if (result.recovered.sendsExpired + result.expired > 0) {
    console.log(`${result.recovered.sendsExpired + result.expired} sends expired: unfinished past their deadline; the ledger and the API show them as expired with the reason.`);
  }
  if (result.notQueued > 0) {
    console.log(`${result.notQueued} occurrence attempts could not be queued; they stay claimed and the next run resumes them (see the logs with --verbose).`);
  }
  if (result.due > 0 && result.started === 0 && result.recovered.messagesRedriven === 0) {
    console.log(`Nothing new to send: every occurrence due on ${options.date} was already handled (ledger in DynamoDB); no message was sent again.`);
  } else if (result.due === 0) {
    console.log(`No journey occurrence falls on ${options.date} for the demo customers.`);
  }
  const printFiles = result.sends.filter((row) => row.channel === 'print' && row.location);
  console.log(`\n${describePrintBatches(result.printBatches, shown)}`);
  console.log(`\nWhere to look:
  Email, SES web page  ${engine.stack.endpoints.ses}/ ${options.once ? '(while `npm start` runs; mail is kept between runs)' : ''}
  Email, saved copies  ${shown(join(engine.paths.mailFolder, 'index.html'))} and .eml files (${result.mailbox.total} emails in all${restored ? `, ${restored} from earlier runs` : ''})
  SMS outbox           ${shown(engine.paths.smsOutbox)}
  Print files          ${shown(engine.paths.printFolder)}/${printFiles.length > 0 ? ` (e.g. ${shown(printFiles[0]!.location!)})` : ''}; the day's batches in ${shown(join(engine.paths.printFolder, 'batches', options.date))}/
  Tasks                ${api.url}/v1/tasks with a dealer's or brand's key; CRM webhooks in ${shown(engine.paths.taskOutbox)} (signing secrets: ${shown(engine.paths.webhookSecrets)})
  HTML report          ${shown(result.reportFile)}
  HTTP API             ${apiSample} -> ${apiCheck.status}
  Console              ${api.url}/console/ (no sign-in locally: pick a brand or dealer in the page)
  Event API keys       ${demoKeys.created ? 'created now' : 'created on the first start'}, kept in ${shown(join(engine.paths.dataDir, 'demo-api-keys.json'))}:
${demoKeys.keys.map(({ tenant, key }) => `    ${tenant.padEnd(18)} ${key}`).join('\n')}
    e.g. curl -H "Authorization: Bearer <key>" ${api.url}/v1/customers/<id>  (POST ${api.url}/v1/events: see the README)`);

  if (options.once) {
    await new Promise<void>((resolve) => api.server.close(() => resolve()));
    await engine.stop();
    return 0;
  }

  // The console's calendar, as the nightly job computes it in AWS: now, and after each hourly run.
  const refreshCalendars = () =>
    computeLocalCalendars(engine.handlers.calendar)
      .then((summary) => console.log(`Console calendar: ${summary.customers} customers simulated for the next 90 days, ${summary.tenants} tenants.`))
      .catch((error: Error) => console.error(`console calendar failed: ${error.message}`));
  await refreshCalendars();
  console.log('\nRunning: the scheduler evaluates every hour on the hour and releases held messages every 5 minutes, the dispatcher polls the queue and applies posted events. Ctrl-C to stop.');
  let draining = false; // a slow drain must not overlap the next poll
  const dispatchTimer = setInterval(() => {
    if (draining) return;
    draining = true;
    drainQueue(engine.sqs, engine.eventsQueueUrl, engine.handlers.applyEvents)
      .then(() => drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch))
      .then((drained) => (drained.delivered > 0 ? persistMailbox(engine.stack.endpoints.ses, engine.paths.mailFolder) : undefined))
      .catch((error: Error) => console.error(`dispatch poll failed: ${error.message}`))
      .finally(() => (draining = false));
  }, 2_000);
  // Held messages, as the 5-minute schedule in AWS: on the real clock, queued up to 15 minutes
  // ahead with an SQS delay, so the dispatcher's poll sends each at its instant.
  const release = () =>
    releaseLocally(engine.handlers.release, new Date(), { replay: false }).catch((error: Error) => console.error(`release of held messages failed: ${error.message}`));
  void release();
  const releaseTimer = setInterval(() => void release(), releaseIntervalMinutes * 60_000);
  const scheduleNextTick = (): NodeJS.Timeout => {
    const now = Date.now();
    const nextHour = Math.ceil((now + 1) / 3_600_000) * 3_600_000;
    return setTimeout(() => {
      // The reconciler (hourly in AWS too) before each evaluation; the dispatcher is live, so leases and the grace period count.
      reconcileLocally(engine.handlers.reconcile, new Date(nextHour), false)
        .then(() => engine.handlers.evaluate(scheduledEvent(new Date(nextHour)), lambdaContext('evaluate-schedule')))
        .then((summary) => console.log(`${summary.now}: ${summary.due} due, ${summary.started} started, ${summary.alreadyHandled} already handled`))
        .then(refreshCalendars)
        .catch((error: Error) => console.error(`scheduled evaluation failed: ${error.message}`));
      timer = scheduleNextTick();
    }, nextHour - now);
  };
  let timer = scheduleNextTick();
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  clearInterval(dispatchTimer);
  clearInterval(releaseTimer);
  clearTimeout(timer);
  await persistMailbox(engine.stack.endpoints.ses, engine.paths.mailFolder);
  await new Promise<void>((resolve) => api.server.close(() => resolve()));
  await engine.stop();
  console.log('\nStopped.');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
