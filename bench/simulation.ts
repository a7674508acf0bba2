/**
 * `simulate` at scale: N generated customers (the demo generator) over `days` days from `from`,
 * every shipped journey, one process per size (one core, its own peak memory). Figures only:
 * nothing here is asserted.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { loadJourneyConfig } from '../shared/config/load-journeys';
import { composeSimulation, type Simulation } from '../shared/compose/simulation';
import { addDays } from '../shared/domain/dates';
import { generateDemoData } from '../local/demo-data';
import { progressLine } from '../local/progress';

export interface SimulationBenchOptions {
  journeysDir: string;
  from: string;
  days: number;
  /** `false`: the ledger keeps finished occurrences whole, to measure what final rows save. */
  finalRows?: boolean;
  /**
   * `true`: the row carries the sha-256 of the sends as `npm run simulate` writes them (one JSON
   * line each, in order), to show a faster simulation sends the same.
   */
  digest?: boolean;
}

export interface SimulationRow {
  customers: number;
  days: number;
  /** Generating and storing the customers. */
  loadMs: number;
  /** The period run, ticks to the last drain. */
  runMs: number;
  /** CPU time (user and system) of the period run: steadier than `runMs` on a shared machine. */
  runCpuMs: number;
  /** Reading the ledger into SimulatedSend records. */
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
 * Generates the customers and stores them, as `npm run simulate` stores the demo data; the
 * generated copy is dropped on return, so the peak memory is the simulation's own.
 */
async function loadCustomers(simulation: Simulation, customers: number): Promise<void> {
  const data = generateDemoData(customers);
  await simulation.customers.store.saveBrands(data.brands);
  await simulation.customers.store.saveDealers(data.dealers);
  await simulation.customers.store.saveCustomers(data.customers);
}

/** One size in this process. */
export async function simulateOneSize({ journeysDir, from, days, finalRows = true, digest = false }: SimulationBenchOptions, customers: number): Promise<SimulationRow> {
  const config = await loadJourneyConfig(journeysDir);
  const loadStart = performance.now();
  const simulation = composeSimulation(config, { finalRows });
  await loadCustomers(simulation, customers);
  const loadMs = performance.now() - loadStart;
  let peakHeapUsed = 0;
  const progress = progressLine(`Simulating ${customers} customers (dates)`);
  const runStart = performance.now();
  const runCpu = process.cpuUsage();
  // The adapters never wait on I/O, so no timer fires during the run: the heap is sampled per date.
  const summary = await simulation.run({ from, to: addDays(from, days - 1) }, (done, total) => {
    peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed);
    progress(done, total);
  });
  const runMs = performance.now() - runStart;
  const { user, system } = process.cpuUsage(runCpu);
  const runCpuMs = (user + system) / 1000;
  const collectStart = performance.now();
  let sends = 0;
  let sent = 0;
  const hash = digest ? createHash('sha256') : undefined;
  for (const send of simulation.sends()) {
    sends += 1;
    if (send.outcome === 'sent') sent += 1;
    hash?.update(`${JSON.stringify(send)}\n`);
  }
  const collectMs = performance.now() - collectStart;
  peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed);
  return {
    customers,
    days,
    loadMs,
    runMs,
    runCpuMs,
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
      ['--import', 'tsx', fileURLToPath(new URL('./simulation-child.ts', import.meta.url)), JSON.stringify({ journeysDir: options.journeysDir, from: options.from, days: options.days, customers })],
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
