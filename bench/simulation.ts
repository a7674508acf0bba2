/**
 * `simulate` at scale: N generated customers (the demo generator) over `days` days from `from`,
 * every shipped journey, one process per size (one core, its own peak memory). Figures only:
 * nothing here is asserted.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { loadJourneyConfig } from '../shared/config/load-journeys';
import { defaultGroupSize, simulateInGroups } from '../shared/compose/simulation-groups';
import { addDays } from '../shared/domain/dates';
import { demoCustomers, generateDemoData } from '../local/demo-data';
import { progressLine } from '../local/progress';

export interface SimulationBenchOptions {
  journeysDir: string;
  from: string;
  days: number;
  /** `false`: the ledger keeps finished occurrences whole, to measure what final rows save. */
  finalRows?: boolean;
  /** Customers per group (default: `simulateInGroups`'); the size itself runs everybody at once. */
  groupSize?: number;
  /**
   * `true`: the row carries the sha-256 of the sends as `npm run simulate` writes them (one JSON
   * line each, customer by customer), to show a faster simulation sends the same.
   */
  digest?: boolean;
}

export interface SimulationRow {
  customers: number;
  days: number;
  groupSize: number;
  groups: number;
  /** Generating the customers before the run (the run generates the rest group by group). */
  loadMs: number;
  /** The whole grouped run: each group stored, run over the period and its sends handed out. */
  runMs: number;
  /** CPU time (user and system) of the run: steadier than `runMs` on a shared machine. */
  runCpuMs: number;
  /** Of `runMs`, counting and hashing the sends handed out (what writing sends.jsonl would cost). */
  collectMs: number;
  sends: number;
  sent: number;
  ticks: number;
  /** Peak resident set of the process (kernel's maxRSS) and the highest heap sampled after each date. */
  peakRss: number;
  peakHeapUsed: number;
  /** sha-256 (hex) of the sends.jsonl lines in order, when asked for. */
  digest?: string;
}

/**
 * One size in this process: the demo generator's customers, generated as each group is stored
 * (the generated copy of them all is hundreds of megabytes at 100,000), run in groups as
 * `npm run simulate` runs them.
 */
export async function simulateOneSize({ journeysDir, from, days, finalRows = true, groupSize = defaultGroupSize, digest = false }: SimulationBenchOptions, customers: number): Promise<SimulationRow> {
  const config = await loadJourneyConfig(journeysDir);
  const loadStart = performance.now();
  const { brands, dealers } = generateDemoData(0);
  const loadMs = performance.now() - loadStart;
  let peakHeapUsed = 0;
  let collectMs = 0;
  let sends = 0;
  let sent = 0;
  const hash = digest ? createHash('sha256') : undefined;
  const progress = progressLine(`Simulating ${customers} customers (dates of each group)`);
  const runStart = performance.now();
  const runCpu = process.cpuUsage();
  const population = { brands, dealers, customers: demoCustomers(customers), size: customers };
  const summary = await simulateInGroups(
    config,
    population,
    { from, to: addDays(from, days - 1) },
    (groupSends) => {
      const collectStart = performance.now();
      // The lines hashed a group at a time, a few hundred kilobytes per update: the digest of the
      // same bytes, without an update per line.
      let lines = '';
      for (const send of groupSends) {
        sends += 1;
        if (send.outcome === 'sent') sent += 1;
        if (hash) {
          lines += `${JSON.stringify(send)}\n`;
          if (lines.length >= 1 << 18) {
            hash.update(lines);
            lines = '';
          }
        }
      }
      hash?.update(lines);
      collectMs += performance.now() - collectStart;
    },
    {
      finalRows,
      groupSize,
      // The adapters never wait on I/O, so no timer fires during the run: the heap is sampled per date.
      onDate: (done, total) => {
        // V8's figure alone (memoryUsage's heapUsed): memoryUsage also reads the RSS from /proc, a
        // quarter of a millisecond, 1% of a year's run at 10,000 customers.
        peakHeapUsed = Math.max(peakHeapUsed, getHeapStatistics().used_heap_size);
        progress(done, total);
      },
    },
  );
  const runMs = performance.now() - runStart;
  const { user, system } = process.cpuUsage(runCpu);
  return {
    customers,
    days,
    groupSize,
    groups: summary.groups,
    loadMs,
    runMs,
    runCpuMs: (user + system) / 1000,
    collectMs,
    sends,
    sent,
    ticks: summary.ticks,
    peakRss: process.resourceUsage().maxRSS * 1024,
    peakHeapUsed,
    ...(hash ? { digest: hash.digest('hex') } : {}),
  };
}

/** Each size in a child process of its own, so one's memory is not counted in the next. */
export async function benchSimulation(options: SimulationBenchOptions & { sizes: number[] }): Promise<SimulationRow[]> {
  const rows: SimulationRow[] = [];
  for (const customers of options.sizes) {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./simulation-child.ts', import.meta.url)), JSON.stringify({ journeysDir: options.journeysDir, from: options.from, days: options.days, ...(options.groupSize ? { groupSize: options.groupSize } : {}), customers })],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`the ${customers}-customer simulation failed (exit ${code})`);
    rows.push(JSON.parse(output.trim().split('\n').at(-1)!) as SimulationRow);
  }
  return rows;
}
