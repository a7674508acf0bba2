/**
 * `npm run bench`: how fast the engine plans, renders and runs a day on this machine.
 *
 *   1. the pure planner over the 1,200-customer demo set, at several instants;
 *   2. print card rendering (en and zh-CN) after a warm-up, with RSS around the batch;
 *   3. a local end-to-end day on the real local servers with a larger seeded data set;
 *   4. each function as deployed: bundle size and module init time (synth with full bundling);
 *   5. DynamoDB traffic of a scheduled day as customers grow with the number due held fixed;
 *   6. the AWS cost per month at 1 million customers derived from it (bench/cost-model.ts), storage
 *      from the item sizes by kind measured on the local stack (bench/item-sizes.ts);
 *   7. `simulate` at scale: N generated customers over a year, every journey, one process each;
 *   8. the simulation report of 100,000 customers' year: its size, build time, and drawing in Chromium.
 *
 * Tables go to stdout, progress to stderr, the figures as JSON to bench/results/latest.json and
 * an HTML report to bench/results/. Options: --customers N (10000), --date YYYY-MM-DD
 * (2026-03-14), --days N (7), --cards N (200), --scale N,N (10000,100000), --init-runs N (5),
 * --sim-customers N,N (10000,100000: the issue's two sizes; 100,000 takes some minutes), --sim-days N (365), --sim-from YYYY-MM-DD (2026-01-01).
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
import { benchBundles, budgetVerdict, bundleBudgets } from './bundles';
import { benchDynamoScaling, readGrowth } from './dynamo-scaling';
import { costPerMonth, prices } from './cost-model';
import { costInputsOf, costTable as costTableOf } from './cost-section';
import { itemSizesInChild, itemSizesTable } from './item-sizes';
import { benchSimulation } from './simulation';
import { benchSimulationReport, simulationReportTable } from './simulation-report';
import { lunarJavascriptCalendar } from '../shared/domain/calendar/lunar-javascript-calendar';
import { useLunarCalendar } from '../shared/domain/triggers/festival';

// Due dates of festival journeys are computed here, outside a function: with the lunar library.
useLunarCalendar(lunarJavascriptCalendar);

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const journeysDir = join(repoRoot, 'journeys');
const resultsDir = join(repoRoot, 'bench', 'results');
/** Demo customers whose items the cost model's storage is priced from (bytes per item by kind: a few thousand suffice). */
const itemSizeCustomers = 2_000;

function options() {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '10000' },
      date: { type: 'string', default: '2026-03-14' },
      days: { type: 'string', default: '7' },
      cards: { type: 'string', default: '200' },
      scale: { type: 'string', default: '10000,100000' },
      'init-runs': { type: 'string', default: '5' },
      'sim-customers': { type: 'string', default: '10000,100000' },
      'sim-days': { type: 'string', default: '365' },
      'sim-from': { type: 'string', default: '2026-01-01' },
    },
    strict: true,
  });
  const whole = (name: string, text: string, min: number) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number ≥ ${min}, got ${text}`);
    return value;
  };
  for (const name of ['date', 'sim-from'] as const) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values[name])) throw new Error(`--${name} must be YYYY-MM-DD, got ${values[name]}`);
  }
  return {
    customers: whole('customers', values.customers, 1),
    date: values.date,
    days: whole('days', values.days, 1),
    cards: whole('cards', values.cards, 1),
    scale: values.scale.split(',').map((text) => whole('scale', text.trim(), 1)),
    initRuns: whole('init-runs', values['init-runs'], 1),
    simulation: {
      sizes: values['sim-customers'].split(',').map((text) => whole('sim-customers', text.trim(), 1)),
      days: whole('sim-days', values['sim-days'], 1),
      from: values['sim-from'],
    },
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
  console.error('\n[1/5] Planner: planDueJourneys over the demo set');
  const planner = await benchPlanner({ journeysDir, repetitions: 7, targetRepMs: 100 });
  const plannerTable: Table = {
    title: `Planner: planDueJourneys, the due-index candidates of ${num(planner.customers)} demo customers, ${planner.journeys} journeys (every shipped one), median of ${planner.repetitions} repetitions`,
    headers: ['instant', 'UTC', 'candidates', 'due', 'runs/rep', 'ms per plan', 'candidates/s (median)', 'slowest rep', 'fastest rep', 'candidates per CPU-second', 'candidates/s, every journey'],
    rows: planner.rows.map((row) => [
      row.label,
      row.now.slice(0, 16).replace('T', ' '),
      row.candidates,
      row.due,
      row.runsPerRep,
      ms(row.msPerPlan),
      num(row.customersPerSecond),
      num(row.minPerSecond),
      num(row.maxPerSecond),
      num(row.cpuCustomersPerSecond),
      num(row.everyJourneyPerSecond),
    ]),
    note: 'Candidates are the customers whose due-index entry is for their current local date; each plan evaluates only the journeys the entry names (the last column: every journey for each, as for entries filed before they named them). Per CPU-second: by the process\'s CPU time, one core\'s throughput, less disturbed by other processes on the machine than the wall clock.',
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
  for (const row of planner.rows) bars.push({ unit: 'Planner: due-index candidates planned per second', label: row.label, value: row.customersPerSecond });

  // 2. Print cards.
  console.error(`\n[2/5] Print cards: ${settings.cards} per locale after warm-up`);
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
  console.error(`\n[3/5] Local end-to-end: ${num(settings.customers)} customers on dynalite, local-aws-sqs and aws-ses-v2-local`);
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

  // 4. The functions as deployed.
  console.error(`\n[4/5] Function bundles: synth with full bundling, then ${settings.initRuns} fresh imports of each`);
  const { functions: bundles, stack: stackCounts } = await benchBundles({ runs: settings.initRuns });
  const kb = (bytes: number) => `${num(bytes / 1000, 1)} KB`;
  const bundleTable: Table = {
    title: `Function bundles (minified ESM, AWS SDK left to the runtime), median of ${settings.initRuns} fresh imports`,
    headers: ['function', 'bundle', 'source map', 'journeys + assets', 'init wall', 'init CPU', 'own init wall', 'own init CPU', 'budget'],
    rows: bundles.map((fn) => [
      fn.service,
      kb(fn.bundleBytes),
      kb(fn.sourceMapBytes),
      kb(fn.journeysBytes),
      ms(fn.init.wallMs),
      ms(fn.init.cpuMs),
      ms(fn.ownInit.wallMs),
      ms(fn.ownInit.cpuMs),
      budgetVerdict(fn) ?? '-',
    ]),
    note:
      `Budgets: ${Object.entries(bundleBudgets).map(([service, budget]) => `${service}${budget.bundleBytes !== undefined ? ` bundle < ${kb(budget.bundleBytes)},` : ''} module init < ${budget.initMs} ms CPU`).join('; ')} (engine-api takes the event intake, issue 13; dispatch-messages, issue 14).\n` +
      'Init = `await import(bundle)` in a fresh Node process\n' +
      'with the stack environment (compiled journeys read, no handler call). "Own" loads the AWS SDK modules first: the bundle\'s share.\n' +
      'CPU time (user + system) is the steadier figure on a shared machine; wall time includes waiting for a core.',
  };
  show(bundleTable);
  sections.push({ heading: '4. Function bundles', tables: [bundleTable] });
  for (const fn of bundles) bars.push({ unit: 'Bundles: minified KB', label: fn.service, value: fn.bundleBytes / 1000 });

  // 5. DynamoDB traffic as customers grow, the number due held fixed.
  console.error(`\n[5/5] DynamoDB traffic of one scheduled day at ${settings.scale.map((size) => num(size)).join(' and ')} customers, same customers due`);
  const scaling = await benchDynamoScaling({ journeysDir, baseCustomers: settings.scale[0]!, sizes: settings.scale, date: settings.date });
  const growth = readGrowth(scaling);
  const scalingTable: Table = {
    title: `DynamoDB per scheduled day (${settings.date}, 24 hourly ticks), estimated on-demand units`,
    headers: ['customers', 'due', 'candidates read', 'requests', 'items read', 'read units', 'write units', 'failed cond. writes', 'busiest tick RRU', 'dispatch: msgs', 'dispatch RRU / WRU'],
    rows: scaling.map((row) => [
      num(row.customers),
      row.due,
      num(row.candidatesRead),
      num(row.evaluationDay.requests),
      num(row.evaluationDay.itemsRead),
      num(row.evaluationDay.readUnits, 1),
      num(row.evaluationDay.writeUnits, 1),
      num(row.evaluationDay.conditionalFailures),
      num(row.busiestTick.readUnits, 1),
      row.messages,
      `${num(row.dispatchDay.readUnits, 1)} / ${num(row.dispatchDay.writeUnits, 1)}`,
    ]),
    note:
      `Read units per day at ${num(scaling.at(-1)!.customers)} over ${num(scaling[0]!.customers)} customers: ${num(growth, 2)} (goal ≤ 1.5). Units are estimated from the bytes on the wire\n` +
      '(bench/dynamo-traffic.ts): reads ceil(bytes/4 KB), halved unless consistent; writes ceil(bytes/1 KB), doubled when a GSI1 entry is written.',
  };
  const operationRows = [...new Set(scaling.flatMap((row) => Object.keys(row.evaluationByOperation)))].sort();
  const operationTable: Table = {
    title: 'DynamoDB per scheduled day, evaluation, by operation: requests (failed conditional writes)',
    headers: ['operation', ...scaling.map((row) => `${num(row.customers)} customers`)],
    rows: operationRows.map((operation) => [
      operation,
      ...scaling.map((row) => {
        const traffic = row.evaluationByOperation[operation];
        return traffic ? `${num(traffic.requests)}${traffic.conditionalFailures ? ` (${num(traffic.conditionalFailures)})` : ''}` : '0';
      }),
    ]),
  };
  show(scalingTable);
  show(operationTable);
  sections.push({ heading: '5. DynamoDB traffic as customers grow', tables: [scalingTable, operationTable] });

  // 6. What a month costs at 1 million customers, from the traffic above.
  console.error(`\n[simulation] ${settings.simulation.sizes.map((size) => num(size)).join(' and ')} customers over ${settings.simulation.days} days`);
  const simulation = await benchSimulation({ journeysDir, ...settings.simulation });
  console.error(`\n[items] item sizes by kind after two days of ${num(itemSizeCustomers)} demo customers`);
  const itemSizes = await itemSizesInChild({ customers: itemSizeCustomers, date: settings.date });
  const itemTable = itemSizesTable(itemSizes);
  show(itemTable);
  const cost = costPerMonth(costInputsOf({ scaling, stack: stackCounts, bundles, endToEnd: day, print, simulation, itemSizes }));
  const costTable = costTableOf(cost);
  show(costTable);
  sections.push({ heading: '6. Cost model', tables: [itemTable, costTable] });

  // 7. The simulation at scale (measured before the cost, whose calendar job runs it; shown after).
  const simulationTable: Table = {
    title: `npm run simulate at scale: generated customers over ${settings.simulation.days} days from ${settings.simulation.from}, every shipped journey, one process (one core) per size`,
    headers: ['customers', 'groups', 'generating first', 'run', 'run CPU', 'of which handing out', 'ticks run', 'sends', 'sent', 'sends/s', 'peak RSS', 'peak heap used', 'targets'],
    rows: simulation.map((row) => [
      num(row.customers),
      `${num(row.groups)} of ${num(row.groupSize)}`,
      ms(row.loadMs),
      ms(row.runMs),
      ms(row.runCpuMs),
      ms(row.collectMs),
      num(row.ticks),
      num(row.sends),
      num(row.sent),
      num(perSecond(row.sends, row.runMs)),
      mib(row.peakRss),
      mib(row.peakHeapUsed),
      `${row.customers <= 10_000 ? '< 10 s' : '< 60 s'}, < 1 GiB: ${row.loadMs + row.runMs < (row.customers <= 10_000 ? 10_000 : 60_000) && row.peakRss < 1024 ** 3 ? 'met' : 'not met'}`,
    ]),
    note: 'Wall time on a shared machine; the dispatch runs the policy chain as in production, renders each SMS text (its segments) and checks every other field by its render plan (Liquid where a plan cannot tell). The customers run in groups, each through the whole period on fresh adapters (its sends handed out, then dropped), generated as each group is stored. Heap sampled after each date.',
  };
  show(simulationTable);
  sections.push({ heading: '7. Simulation at scale', tables: [simulationTable] });
  for (const row of simulation) bars.push({ unit: 'Simulation: seconds for the period', label: `${num(row.customers)} customers`, value: (row.loadMs + row.runMs) / 1000 });

  // 8. The simulation report at scale (made-up sends: the report only counts and encodes them).
  console.error('\n[simulation report] 100,000 customers x 20 sends, built and opened in Chromium');
  const simulationReport = await benchSimulationReport(100_000, 20);
  const simulationReportFigures = simulationReportTable(simulationReport);
  show(simulationReportFigures);
  sections.push({ heading: '8. Simulation report at scale', tables: [simulationReportFigures] });

  const totalMs = performance.now() - benchStart;
  machine.rows.push(['bench wall time', ms(totalMs)]);
  await mkdir(resultsDir, { recursive: true });
  const mapToObject = (map: Map<string, Map<string, number>>) => Object.fromEntries([...map].map(([phase, counts]) => [phase, Object.fromEntries(counts)]));
  const figures = {
    generatedAt: startedAt.toISOString(),
    settings,
    machine: Object.fromEntries(machine.rows.map(([fact, value]) => [String(fact), String(value)])),
    planner,
    print,
    endToEnd: { ...day, requests: mapToObject(day.requests) },
    bundles,
    budgets: bundleBudgets,
    dynamoScaling: { rows: scaling, readGrowth: growth },
    stack: stackCounts,
    itemSizes,
    cost: { prices, ...cost },
    simulation,
    simulationReport,
  };
  const jsonFile = join(resultsDir, 'latest.json');
  await writeFile(jsonFile, `${JSON.stringify(figures, null, 2)}\n`);
  const reportFile = join(resultsDir, `bench-${localDate(startedAt)}.html`);
  await writeFile(reportFile, renderBenchReport({ title: 'dealer-journeys benchmark', generatedAt: startedAt, machine, sections, bars }));
  console.log(`\nTotal bench time: ${ms(totalMs)}. Figures: ${relative(process.cwd(), jsonFile)}. HTML report: ${relative(process.cwd(), reportFile)}`);
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
