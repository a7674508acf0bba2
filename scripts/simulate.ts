/**
 * `npm run simulate -- --from YYYY-MM-DD --to YYYY-MM-DD`: runs the engine over a period with no
 * servers (in-memory adapters of the same ports, the same use-cases, a virtual clock) and writes
 * what it would have sent, one line a send, to `<out>/sends.jsonl`.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import { readCommandLine } from './command-line';
import { progressLine } from '../local/progress';
import { generateDemoData } from '../local/demo-data';
import { JourneyConfigError, loadJourneyConfig } from '../shared/config/load-journeys';
import { violationReport } from '../shared/config/violations';
import type { JourneyConfig } from '../shared/config/journey-config';
import { simulateInGroups, type SimulatedPopulation } from '../shared/compose/simulation-groups';
import { createMemoryCustomerBase } from '../shared/adapters/memory/customers';
import { datesCurrentAnywhere, IsoDateString, type IsoDate } from '../shared/domain/dates';
import type { SimulatedSend } from '../shared/domain/simulated-send';
import { importCustomers } from '../shared/use-cases/import-customers';
import { formatImportSummary } from '../shared/import/import-file';
import { lunarJavascriptCalendar } from '../shared/domain/calendar/lunar-javascript-calendar';
import { useLunarCalendar } from '../shared/domain/triggers/festival';
import { writeSimulationReport } from './simulation-report';
import { jsonLinesOf } from './json-lines';

// Festival dates over any period: from the lunar library, as the import does outside a function.
useLunarCalendar(lunarJavascriptCalendar);

const usage = `Usage: npm run simulate -- --from YYYY-MM-DD --to YYYY-MM-DD [options]

Runs the engine day by day over the period with no servers and no clock of its own (in-memory
adapters, the production use-cases and dispatch policies) and writes each send or task with its
outcome at the end of the period (sent, skipped, frequency-capped, deferred, failed).

  --customers FILE  customers to simulate, JSON Lines as for npm run import (default: the demo
                    data npm start seeds); bad lines are reported and the rest simulated
  --journeys DIR    the journeys (default: journeys)
  --baseline DIR    simulate the same customers under the journeys of DIR too, for comparison
  --out DIR         where sends.jsonl (and baseline-sends.jsonl) go (default: simulation)
  --help            this text

Exit status: 0 done, 1 done but some customer lines were rejected, 2 nothing simulated.`;

async function loadConfig(dir: string): Promise<JourneyConfig | undefined> {
  try {
    return await loadJourneyConfig(resolve(dir));
  } catch (error) {
    if (!(error instanceof JourneyConfigError)) throw error;
    console.error(`${violationReport(error.violations, dir)}\nNothing was simulated; fix the journeys and run again.`);
    return undefined;
  }
}

/** The customers to simulate: the file read through the import's checks, or the demo data; and how many lines were rejected. */
async function loadPopulation(file: string | undefined): Promise<{ population: SimulatedPopulation; rejected: number }> {
  if (file === undefined) {
    const demo = generateDemoData();
    return { population: { ...demo, size: demo.customers.length }, rejected: 0 };
  }
  // Stored frozen as the simulation stores them: each group is stored again from these.
  const imported = createMemoryCustomerBase({}, { frozen: true });
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  // As the import: a birth date is in the future once it is after the latest date anywhere.
  const today = datesCurrentAnywhere(new Date()).at(-1)!;
  const summary = await importCustomers(lines, today, { store: imported.store });
  if (summary.rejected.length > 0) console.error(`${file}:\n${formatImportSummary(summary)}`);
  const contents = imported.contents();
  return { population: { ...contents, size: contents.customers.length }, rejected: summary.rejected.length };
}

/** How many sends a run wrote, by outcome. */
type OutcomeCounts = Partial<Record<SimulatedSend['outcome'], number>>;

/**
 * Simulates the population in groups (`simulateInGroups`), writing each group's sends to `path`
 * as they come, one line a send, a few thousand lines at a time, and holding none of them.
 */
async function simulate(config: JourneyConfig, population: SimulatedPopulation, period: { from: IsoDate; to: IsoDate }, label: string, path: string): Promise<OutcomeCounts> {
  const file = createWriteStream(path);
  const counts: OutcomeCounts = {};
  const linesPerWrite = 4096;
  await simulateInGroups(
    config,
    population,
    period,
    async (group) => {
      for (const send of group) counts[send.outcome] = (counts[send.outcome] ?? 0) + 1;
      for (let start = 0; start < group.length; start += linesPerWrite) {
        if (!file.write(group.slice(start, start + linesPerWrite).map((send) => `${JSON.stringify(send)}\n`).join(''))) await once(file, 'drain');
      }
    },
    { onDate: progressLine(`Simulating ${label} (dates)`) },
  );
  file.end();
  await finished(file);
  return counts;
}

const total = (counts: OutcomeCounts) => Object.values(counts).reduce((sum, count) => sum + count, 0);

async function main(argv: string[]): Promise<number> {
  const parsed = readCommandLine(
    argv,
    {
      from: { type: 'string' },
      to: { type: 'string' },
      customers: { type: 'string' },
      journeys: { type: 'string', default: 'journeys' },
      baseline: { type: 'string' },
      out: { type: 'string', default: 'simulation' },
    },
    usage,
    { positionals: false },
  );
  if (typeof parsed === 'number') return parsed;
  const { from, to, customers, journeys, baseline, out } = parsed.values;
  const period = { from: IsoDateString.safeParse(from), to: IsoDateString.safeParse(to) };
  if (!period.from.success || !period.to.success || period.to.data < period.from.data) {
    console.error(`Give the period as --from YYYY-MM-DD --to YYYY-MM-DD, --to not before --from.\n\n${usage}`);
    return 2;
  }
  const config = await loadConfig(journeys);
  const baselineConfig = baseline === undefined ? undefined : await loadConfig(baseline);
  if (!config || (baseline !== undefined && !baselineConfig)) return 2;

  const dates = { from: period.from.data, to: period.to.data };
  const started = performance.now();
  const { population, rejected } = await loadPopulation(customers);
  if (population.size === 0) {
    console.error('No customer to simulate: every line was rejected.');
    return 2;
  }
  await mkdir(out, { recursive: true });
  const paths = { current: join(out, 'sends.jsonl'), baseline: join(out, 'baseline-sends.jsonl') };
  const counts = await simulate(config, population, dates, journeys, paths.current);
  const baseCounts = baselineConfig ? await simulate(baselineConfig, population, dates, `${baseline} (baseline)`, paths.baseline) : undefined;
  const journeyNames = config.journeys.map(({ id, name, category }) => ({ id, name, category }));
  // Read back from the files, not held: a year of 100,000 customers is millions of sends.
  const report = await writeSimulationReport(out, {
    current: { sends: jsonLinesOf<SimulatedSend>(paths.current), count: total(counts) },
    ...(baseCounts ? { baseline: { sends: jsonLinesOf<SimulatedSend>(paths.baseline), count: total(baseCounts) } } : {}),
    period: dates,
    journeys: journeyNames,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const byOutcome = Object.entries(counts).map(([outcome, count]) => `${count} ${outcome}`);
  console.log(`Simulated ${population.size} customers from ${dates.from} to ${dates.to} in ${seconds} s: ${total(counts)} sends (${byOutcome.join(', ') || 'none'}).`);
  console.log(`Written: ${paths.current}${baseCounts ? ` and ${paths.baseline} (${total(baseCounts)} sends under ${baseline})` : ''}${report ? `, ${report}` : ''}`);
  return rejected > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
