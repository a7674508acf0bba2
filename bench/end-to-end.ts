/**
 * The local end-to-end day on the real local servers (dynalite, local-aws-sqs, aws-ses-v2-local):
 * seed a larger deterministic customer set, run the hourly schedule's ticks for some dates through
 * the real evaluate handler, then drain the dispatch queue through the real dispatch handler.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Channel } from '../shared/domain/customer';
import { addDays } from '../shared/domain/dates';
import type { EvaluationSummary } from '../shared/use-cases/run-scheduled-evaluation';
import { generateDemoData } from '../local/demo-data';
import { startLocalEngine, type LocalEngine } from '../local/local-engine';
import { DynamoDBDocumentClient, httpTransport } from '../shared/adapters/dynamodb/document-client';
import { progressLine } from '../local/progress';
import { drainQueue, evaluateDate, ticksCoveringDate, type DrainResult } from '../local/run-day';
import { seedDemoData } from '../local/seed';
import { recomputeForDate } from '../local/recompute';
import { loadJourneyConfig } from '../shared/config/load-journeys';
import { sendsRecordedSince } from '../local/send-report';
import { onCleanup } from './cleanup';
import { median, percentile, sum } from './measure';
import { countRequests } from './request-counter';

export const channels: Channel[] = ['email', 'sms', 'print'];

export interface EndToEndOptions {
  journeysDir: string;
  customers: number;
  firstDate: string;
  days: number;
}

export interface ChannelFigures {
  channel: Channel;
  queued: number;
  noConsent: number;
  sent: number;
  skipped: number;
  failed: number;
  /** What the channel's local sink holds: SMS outbox lines, PDF files, SES store entries. */
  artefacts: number;
}

export interface EndToEndResult {
  startUpMs: number;
  customers: number;
  generateMs: number;
  seed: { items: number; ms: number; consumedWcu: number | undefined };
  evaluation: {
    dates: string[];
    ticks: number;
    totalMs: number;
    tickMs: { mean: number; median: number; p95: number; max: number };
    candidatesRead: number;
    occurrencesDue: number;
    occurrencesStarted: number;
  };
  drain: DrainResult & { ms: number };
  channels: ChannelFigures[];
  report: { ms: number; consumedRcu: number | undefined };
  /** phase -> "Service Operation" -> count */
  requests: Map<string, Map<string, number>>;
}

async function countLines(path: string): Promise<number> {
  if (!existsSync(path)) return 0;
  return (await readFile(path, 'utf8')).split('\n').filter((line) => line.trim() !== '').length;
}

async function countPdfs(folder: string): Promise<number> {
  if (!existsSync(folder)) return 0;
  const entries = await readdir(folder, { recursive: true });
  return entries.filter((entry) => entry.endsWith('.pdf')).length;
}

async function countStoredEmails(sesEndpoint: string): Promise<number> {
  const response = await fetch(`${sesEndpoint}/store`);
  return ((await response.json()) as { emails: unknown[] }).emails.length;
}

/**
 * Sums the capacity DynamoDB reports for the bench's own document client (seeding, the send
 * report); the handlers build their own clients, so their calls are counted, not weighed.
 */
function trackConsumedCapacity(engine: LocalEngine): { take(): number | undefined } {
  let units = 0;
  let reported = false;
  const transport = httpTransport();
  engine.dynamo = new DynamoDBDocumentClient({
    transport: async (operation, body) => {
      const answer = await transport(operation, { ReturnConsumedCapacity: 'TOTAL', ...body });
      const consumed = answer.body.ConsumedCapacity as { CapacityUnits?: number } | { CapacityUnits?: number }[] | undefined;
      for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
        if (typeof entry.CapacityUnits === 'number') {
          units += entry.CapacityUnits;
          reported = true;
        }
      }
      return answer;
    },
  });
  return {
    take() {
      const taken = reported ? units : undefined;
      units = 0;
      reported = false;
      return taken;
    },
  };
}

export async function benchEndToEnd(options: EndToEndOptions): Promise<EndToEndResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dealer-journeys-bench-'));
  const removeDataDir = onCleanup(() => rm(dataDir, { recursive: true, force: true }));
  const startUpStart = performance.now();
  let engine: LocalEngine;
  try {
    engine = await startLocalEngine({
      ports: { dynamodb: 0, sqs: 0, ses: 0 },
      dataDir,
      persistDynamo: false,
      logLevel: 'ERROR',
      journeysDir: options.journeysDir,
    });
  } catch (error) {
    await removeDataDir();
    throw error;
  }
  const startUpMs = performance.now() - startUpStart;
  const stopEngine = onCleanup(() => engine.stop());
  const requests = countRequests(engine.stack.ports);
  const capacity = trackConsumedCapacity(engine);
  try {
    // Seed.
    const generateStart = performance.now();
    const data = generateDemoData(options.customers);
    const generateMs = performance.now() - generateStart;
    requests.setPhase('seed');
    const seedStart = performance.now();
    const seeded = await seedDemoData(engine.dynamo, engine.tableName, data, progressLine(`Seeding ${options.customers.toLocaleString('en-US')} customers (items)`));
    // As `npm start` does before its first tick (counted with the seed: it is the index's share of writing customers).
    const { journeys } = await loadJourneyConfig(options.journeysDir);
    await recomputeForDate(engine.dynamo, engine.tableName, { journeys, date: options.firstDate }, progressLine('Filing customers in the due index'));
    const seedMs = performance.now() - seedStart;
    const seedWcu = capacity.take();

    // Evaluate: every hourly tick that falls on each date somewhere.
    requests.setPhase('evaluate');
    const runStartedAt = new Date();
    const dates = Array.from({ length: options.days }, (_, index) => addDays(options.firstDate, index));
    const tickMs: number[] = [];
    const summaries: EvaluationSummary[] = [];
    const totalTicks = sum(dates.map((date) => ticksCoveringDate(date).length));
    const tickProgress = progressLine(`Evaluating ${dates.length === 1 ? dates[0] : `${dates[0]}..${dates.at(-1)}`} (schedule ticks)`);
    const evaluationStart = performance.now();
    for (const date of dates) {
      let tickStart = performance.now();
      summaries.push(
        ...(await evaluateDate(engine.handlers.evaluate, date, () => {
          const now = performance.now();
          tickMs.push(now - tickStart);
          tickStart = now;
          tickProgress(tickMs.length, totalTicks);
        })),
      );
    }
    const evaluationMs = performance.now() - evaluationStart;
    const outcomes = summaries.flatMap((summary) => summary.outcomes);
    const queued = (channel: Channel, field: 'queued' | 'skippedNoConsent') =>
      sum(summaries.flatMap((summary) => Object.values(summary[field]).map((byChannel) => byChannel[channel] ?? 0)));
    const totalQueued = sum(channels.map((channel) => queued(channel, 'queued')));

    // Dispatch.
    requests.setPhase('dispatch');
    const drainProgress = progressLine('Dispatching queued messages');
    const drainStart = performance.now();
    const drained = await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch, (progress) =>
      drainProgress(Math.min(progress.delivered, totalQueued), totalQueued),
    );
    const drainMs = performance.now() - drainStart;
    if (drained.delivered < totalQueued) drainProgress(totalQueued, totalQueued);

    // What the ledger and the channel sinks say happened.
    requests.setPhase('report');
    capacity.take();
    const reportStart = performance.now();
    const sends = await sendsRecordedSince(engine.dynamo, engine.tableName, runStartedAt);
    const reportMs = performance.now() - reportStart;
    const reportRcu = capacity.take();
    const artefacts: Record<Channel, number> = {
      email: await countStoredEmails(engine.stack.endpoints.ses),
      sms: await countLines(engine.paths.smsOutbox),
      print: await countPdfs(engine.paths.printFolder),
      // Tasks leave no file unless the dealer has a CRM webhook (then a line in the task outbox).
      task: 0,
    };
    const status = (channel: Channel, wanted: string) => sends.filter((row) => row.channel === channel && row.status === wanted).length;

    return {
      startUpMs,
      customers: options.customers,
      generateMs,
      seed: { items: seeded.items, ms: seedMs, consumedWcu: seedWcu },
      evaluation: {
        dates,
        ticks: tickMs.length,
        totalMs: evaluationMs,
        tickMs: { mean: sum(tickMs) / tickMs.length, median: median(tickMs), p95: percentile(tickMs, 95), max: Math.max(...tickMs) },
        candidatesRead: sum(summaries.map((summary) => summary.candidates)),
        occurrencesDue: new Set(outcomes.map((outcome) => outcome.occurrence)).size,
        occurrencesStarted: new Set(outcomes.filter((outcome) => outcome.result === 'started').map((outcome) => outcome.occurrence)).size,
      },
      drain: { ...drained, ms: drainMs },
      channels: channels.map((channel) => ({
        channel,
        queued: queued(channel, 'queued'),
        noConsent: queued(channel, 'skippedNoConsent'),
        sent: status(channel, 'sent'),
        skipped: status(channel, 'skipped'),
        failed: status(channel, 'failed'),
        artefacts: artefacts[channel],
      })),
      report: { ms: reportMs, consumedRcu: reportRcu },
      requests: requests.counts(),
    };
  } finally {
    requests.stop();
    await stopEngine();
    await removeDataDir();
  }
}
