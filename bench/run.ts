/**
 * `npm run bench`: how fast the engine plans, renders and runs a day on this machine.
 *
 *   1. the pure planner over the 1,200-customer demo set, at several instants;
 *   2. print card rendering (en and zh-CN) after a warm-up, with RSS around the batch;
 *   3. a local end-to-end day on the real local servers with a larger seeded data set.
 *
 * Tables go to stdout, progress to stderr, and an HTML report to bench/results/. Options:
 * --customers N (10000), --date YYYY-MM-DD (2026-03-14), --days N (7), --cards N (200).
 * Not part of `npm test`.
 */
import { cpus, availableParallelism, totalmem, platform, arch, release } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { formatTable, mib, mibDelta, ms, num, perSecond, type Table } from './format';
import { renderBenchReport, type Bar } from './html-report';
import { benchPlanner } from './planner';
import { benchPrintCards } from './print-cards';
import { benchEndToEnd } from './end-to-end';
import { cleanUpAll } from './cleanup';
import { gcAvailable } from './measure';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const journeysDir = join(repoRoot, 'journeys');
const resultsDir = join(repoRoot, 'bench', 'results');

function options() {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '10000' },
      date: { type: 'string', default: '2026-03-14' },
      days: { type: 'string', default: '7' },
      cards: { type: 'string', default: '200' },
    },
    strict: true,
  });
  const whole = (name: string, text: string, min: number) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number ≥ ${min}, got ${text}`);
    return value;
  };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new Error(`--date must be YYYY-MM-DD, got ${values.date}`);
  return {
    customers: whole('customers', values.customers, 1),
    date: values.date,
    days: whole('days', values.days, 1),
    cards: whole('cards', values.cards, 1),
  };
}

function show(table: Table): void {
  console.log(`\n${formatTable(table)}`);
}

function localDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

async function main(): Promise<number> {
  const settings = options();
  const startedAt = new Date();
  const benchStart = performance.now();
  const bars: Bar[] = [];
  const sections: { heading: string; tables: Table[] }[] = [];

  const processors = cpus();
  const machine: Table = {
    title: 'Machine',
    headers: ['fact', 'value'],
    rows: [
      ['node', process.version],
      ['platform', `${platform()} ${release()} (${arch()})`],
      ['CPUs (os.cpus)', String(processors.length)],
      ['available parallelism', String(availableParallelism())],
      ['CPU model', processors[0]?.model.trim() || 'unknown'],
      ['memory', mib(totalmem())],
      ['heap figures after full GC', gcAvailable ? 'yes' : 'no (gc not available)'],
    ],
  };
  console.log(`dealer-journeys benchmark, ${startedAt.toISOString()}`);
  show(machine);

  // 1. The pure planner.
  console.error('\n[1/3] Planner: planDueJourneys over the demo set');
  const planner = await benchPlanner({ journeysDir, repetitions: 7, targetRepMs: 100 });
  const plannerTable: Table = {
    title: `Planner: planDueJourneys, ${num(planner.customers)} demo customers, ${planner.journeys} journey (birthday), median of ${planner.repetitions} repetitions`,
    headers: ['instant', 'UTC', 'due', 'runs/rep', 'ms per plan', 'customers/s (median)', 'slowest rep', 'fastest rep'],
    rows: planner.rows.map((row) => [
      row.label,
      row.now.slice(0, 16).replace('T', ' '),
      row.due,
      row.runsPerRep,
      ms(row.msPerPlan),
      num(row.customersPerSecond),
      num(row.minPerSecond),
      num(row.maxPerSecond),
    ]),
    note: 'Each plan evaluates every customer (no index): local time in their zone, audience, birthday rule, consent per channel.',
  };
  const plannerHeap: Table = {
    title: 'Planner heap used',
    headers: ['when', 'heap used', 'vs. before inputs'],
    rows: [
      ['before loading inputs (after GC)', mib(planner.heap.baseline), '-'],
      ['demo set + journey loaded (after GC)', mib(planner.heap.withInputs), mibDelta(planner.heap.withInputs - planner.heap.baseline)],
      ['highest sample during runs (no GC)', mib(planner.heap.peakDuringRuns), mibDelta(planner.heap.peakDuringRuns - planner.heap.baseline)],
      ['after runs (after GC)', mib(planner.heap.afterRuns), mibDelta(planner.heap.afterRuns - planner.heap.baseline)],
    ],
  };
  show(plannerTable);
  show(plannerHeap);
  sections.push({ heading: '1. Planner', tables: [plannerTable, plannerHeap] });
  for (const row of planner.rows) bars.push({ unit: 'Planner: customers evaluated per second', label: row.label, value: row.customersPerSecond });

  // 2. Print cards.
  console.error(`\n[2/3] Print cards: ${settings.cards} per locale after warm-up`);
  const print = await benchPrintCards({ journeysDir, cards: settings.cards, warmUp: 10 });
  const printTable: Table = {
    title: `Print cards: birthday-candles PDF (pdfkit, embedded Noto Sans SC), ${settings.cards} cards per locale after ${print.warmUpCards} warm-up cards`,
    headers: ['locale', 'cards', 'cards/s', 'ms/card (mean)', 'median', 'p95', 'avg PDF size', 'RSS before', 'RSS after', 'RSS change', 'heap after'],
    rows: print.rows.map((row) => [
      row.locale,
      row.cards,
      num(row.cardsPerSecond, 1),
      ms(row.meanMs),
      ms(row.medianMs),
      ms(row.p95Ms),
      `${num(row.averageBytes / 1024, 1)} KiB`,
      mib(row.before.rss),
      mib(row.after.rss),
      mibDelta(row.after.rss - row.before.rss),
      mib(row.after.heapUsed),
    ]),
    note: `First card in the process (reads and parses the 10 MB CJK font): ${ms(print.coldFirstCardMs)}. RSS before is after a full GC; after is right after the batch.`,
  };
  show(printTable);
  sections.push({ heading: '2. Print card rendering', tables: [printTable] });
  for (const row of print.rows) bars.push({ unit: 'Print: cards rendered per second', label: `${row.locale} cards`, value: row.cardsPerSecond });

  // 3. The local end-to-end day.
  console.error(`\n[3/3] Local end-to-end: ${num(settings.customers)} customers on dynalite, local-aws-sqs and aws-ses-v2-local`);
  const day = await benchEndToEnd({ journeysDir, customers: settings.customers, firstDate: settings.date, days: settings.days });
  const evaluation = day.evaluation;
  const dateCount = evaluation.dates.length;
  const dates = dateCount === 1 ? evaluation.dates[0]! : `${dateCount} dates, ${evaluation.dates[0]}..${evaluation.dates.at(-1)}`;
  const dayTable: Table = {
    title: `Local end-to-end: ${num(day.customers)} customers, ${dates}`,
    headers: ['step', 'count', 'time', 'rate'],
    rows: [
      ['start servers + handlers (cold start)', '-', ms(day.startUpMs), '-'],
      ['generate demo data', `${num(day.customers)} customers`, ms(day.generateMs), '-'],
      ['seed DynamoDB (BatchWrite of 25)', `${num(day.seed.items)} items`, ms(day.seed.ms), `${num(perSecond(day.seed.items, day.seed.ms))} items/s`],
      ['evaluate (all schedule ticks)', `${evaluation.ticks} ticks`, ms(evaluation.totalMs), `${ms(evaluation.tickMs.mean)} per tick`],
      ['  evaluateDate, per date', `${evaluation.ticks / dateCount} ticks`, ms(evaluation.totalMs / dateCount), '-'],
      ['  candidates read from the birthday index', num(evaluation.candidatesRead), '-', `${num(perSecond(evaluation.candidatesRead, evaluation.totalMs))} candidates/s`],
      ['  occurrences due / started', `${evaluation.occurrencesDue} / ${evaluation.occurrencesStarted}`, '-', '-'],
      ['drain dispatch queue', `${day.drain.delivered} messages in ${day.drain.batches} batches`, ms(day.drain.ms), `${num(perSecond(day.drain.delivered, day.drain.ms), 1)} messages/s`],
      ['send report (ledger scan)', '-', ms(day.report.ms), '-'],
    ],
    note: `Per tick: median ${ms(evaluation.tickMs.median)}, p95 ${ms(evaluation.tickMs.p95)}, max ${ms(evaluation.tickMs.max)}. Failed records left for retry: ${day.drain.failed}.`,
  };
  const channelTable: Table = {
    title: 'Local end-to-end: messages per channel',
    headers: ['channel', 'queued', 'no consent', 'sent (ledger)', 'skipped', 'failed', 'in local sink', 'messages/s'],
    rows: [
      ...day.channels.map((channel) => [
        channel.channel,
        channel.queued,
        channel.noConsent,
        channel.sent,
        channel.skipped,
        channel.failed,
        channel.artefacts,
        num(perSecond(channel.sent, day.drain.ms), 1),
      ]),
      [
        'all',
        day.channels.reduce((total, channel) => total + channel.queued, 0),
        day.channels.reduce((total, channel) => total + channel.noConsent, 0),
        day.channels.reduce((total, channel) => total + channel.sent, 0),
        day.channels.reduce((total, channel) => total + channel.skipped, 0),
        day.channels.reduce((total, channel) => total + channel.failed, 0),
        day.channels.reduce((total, channel) => total + channel.artefacts, 0),
        num(perSecond(day.drain.delivered, day.drain.ms), 1),
      ],
    ],
    note:
      'Sinks: SES store (email), SMS outbox lines, PDF files in the print folder. messages/s = sent on the channel / wall time of\n' +
      'the one mixed drain (channels share the batches, so a slow channel lowers every rate).',
  };
  const phases = ['seed', 'evaluate', 'dispatch', 'report'];
  const operations = [...new Set(phases.flatMap((phase) => [...(day.requests.get(phase)?.keys() ?? [])]))].sort();
  const requestTable: Table = {
    title: 'Local end-to-end: AWS API calls received by the local servers, per phase',
    headers: ['operation', ...phases],
    rows: operations.map((operation) => [operation, ...phases.map((phase) => day.requests.get(phase)?.get(operation) ?? 0)]),
    note:
      `Consumed capacity (dynalite's accounting, bench client only): seed ${day.seed.consumedWcu === undefined ? 'not reported' : `${num(day.seed.consumedWcu)} WCU`}, ` +
      `send report ${day.report.consumedRcu === undefined ? 'not reported' : `${num(day.report.consumedRcu, 1)} RCU`}.\n` +
      "The handlers' own SDK clients are counted by request, not weighed.",
  };
  show(dayTable);
  show(channelTable);
  show(requestTable);
  sections.push({ heading: '3. Local end-to-end run on the local servers', tables: [dayTable, channelTable, requestTable] });
  bars.push({ unit: 'Local end-to-end: items or candidates per second', label: 'seed: items written', value: perSecond(day.seed.items, day.seed.ms) });
  bars.push({ unit: 'Local end-to-end: items or candidates per second', label: 'evaluate: candidates read', value: perSecond(evaluation.candidatesRead, evaluation.totalMs) });
  for (const channel of day.channels) {
    bars.push({ unit: 'Local end-to-end: messages dispatched per second', label: channel.channel, value: perSecond(channel.sent, day.drain.ms) });
  }
  bars.push({ unit: 'Local end-to-end: messages dispatched per second', label: 'all channels', value: perSecond(day.drain.delivered, day.drain.ms) });

  const totalMs = performance.now() - benchStart;
  machine.rows.push(['bench wall time', ms(totalMs)]);
  await mkdir(resultsDir, { recursive: true });
  const reportFile = join(resultsDir, `bench-${localDate(startedAt)}.html`);
  await writeFile(reportFile, renderBenchReport({ title: 'dealer-journeys benchmark', generatedAt: startedAt, machine, sections, bars }));
  console.log(`\nTotal bench time: ${ms(totalMs)}. HTML report: ${relative(process.cwd(), reportFile)}`);
  return 0;
}

let exiting = false;
process.once('SIGINT', () => {
  exiting = true;
  console.error('\nInterrupted: stopping servers and removing temp folders.');
  // Requests still in flight fail once their server closes (dynalite throws "Database is
  // closed" from a callback): expected while shutting down, and not a reason to skip clean-up.
  process.on('uncaughtException', () => undefined);
  void cleanUpAll().then(() => process.exit(130));
});

main()
  .catch((error: unknown) => {
    console.error(error);
    return 1;
  })
  .then(async (code) => {
    await cleanUpAll();
    if (!exiting) process.exit(code);
  });
