/**
 * The pure planner on its own: `planDueJourneys` over the customers of a generated demo set
 * (20,000 customers) the due index hands it (their entry is for their current date, and names the journeys due
 * on it), with every shipped journey loaded, at instants spread over the world's day; and the
 * same candidates with every journey evaluated for each, as before entries named them. No I/O: this is the CPU cost of
 * deciding who is due, per hourly tick, before any DynamoDB or SQS call.
 *
 * `npx tsx bench/planner.ts` runs this part of the bench alone (the whole bench takes minutes).
 */
import { loadJourneyConfig } from '../shared/config/load-journeys';
import { planDueJourneys } from '../shared/domain/journey/plan';
import { generateDemoData } from '../local/demo-data';
import { progressLine } from '../local/progress';
import { fullGc, median, memory } from './measure';
import { customerFacts, type CustomerFacts } from '../shared/domain/customer-facts';
import { localMomentIn } from '../shared/domain/dates';
import { nextDue } from '../shared/domain/journey/due-dates';
import type { Journey } from '../shared/domain/journey/schema';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lunarJavascriptCalendar } from '../shared/domain/calendar/lunar-javascript-calendar';
import { useLunarCalendar } from '../shared/domain/triggers/festival';

export interface PlannerInstant {
  label: string;
  now: Date;
}

/** Instants at which a different slice of the demo customers is due (or nobody is). */
export const plannerInstants: PlannerInstant[] = [
  { label: '09:00 Shanghai, 14 Mar', now: new Date('2026-03-14T01:00:00Z') },
  { label: '09:00 Sydney, 14 Mar', now: new Date('2026-03-13T22:00:00Z') },
  { label: '09:00 Los Angeles, 14 Mar', now: new Date('2026-03-14T16:00:00Z') },
  { label: '03:00 UTC, 29 Feb (leap)', now: new Date('2028-02-29T03:00:00Z') },
  { label: '06:00 UTC, 28 Feb (feb28 rule)', now: new Date('2027-02-28T06:00:00Z') },
];

export interface PlannerRow {
  label: string;
  now: string;
  due: number;
  /** Customers the due index hands the planner at this instant: those whose entry is for their current local date. */
  candidates: number;
  runsPerRep: number;
  /** Median over repetitions of one plan over the candidates, each with the journeys its entry names. */
  msPerPlan: number;
  customersPerSecond: number;
  /** Slowest and fastest repetition, as customers per second, to show the spread. */
  minPerSecond: number;
  maxPerSecond: number;
  /** The same candidates with every journey evaluated for each (entries filed before they named their journeys). */
  everyJourneyPerSecond: number;
  /**
   * Candidates per second of this process's CPU time (median over repetitions): one core's
   * throughput, which other processes on a shared machine disturb less than the wall clock.
   */
  cpuCustomersPerSecond: number;
}

export interface PlannerResult {
  customers: number;
  journeys: number;
  repetitions: number;
  rows: PlannerRow[];
  heap: { baseline: number; withInputs: number; peakDuringRuns: number; afterRuns: number };
}

export interface PlannerOptions {
  journeysDir: string;
  repetitions: number;
  /** Minimum wall time of one repetition; runs per repetition are calibrated to reach it. */
  targetRepMs: number;
  /**
   * Demo customers generated (the first 1,200 are the demo set). A tick's plan in AWS meets
   * thousands of candidates, so what is done once per plan (a zone's local time) is shared; the
   * 1,200 alone give a few dozen candidates an instant, and that share would dominate.
   */
  customers?: number;
}

/** Enough demo customers for about a thousand candidates at the busiest instant. */
export const plannerBenchCustomers = 20_000;

type Candidate = CustomerFacts & { dueJourneys?: readonly string[] };

/**
 * The candidates of one instant as the due index supplies them: every demo customer filed from
 * their local date at `now`, read if their entry is for that date, with the journeys it names.
 */
function indexedCandidates(customers: readonly CustomerFacts[], journeys: readonly Journey[], now: Date): Candidate[] {
  return customers.flatMap((facts) => {
    const today = localMomentIn(now, facts.customer.timeZone).date;
    const entry = nextDue(facts, journeys, today);
    return entry?.dueDate === today ? [{ ...facts, dueJourneys: entry.journeyIds }] : [];
  });
}

/** Runs `plan` in calibrated repetitions; milliseconds per plan of each repetition, by the wall clock and in CPU time. */
function timePlans(plan: () => unknown, { repetitions, targetRepMs }: PlannerOptions, afterRep: (rep: number) => void): { runsPerRep: number; repMs: number[]; cpuRepMs: number[] } {
  const warmStart = performance.now();
  let warmRuns = 0;
  while (performance.now() - warmStart < targetRepMs / 2 || warmRuns < 3) {
    plan();
    warmRuns += 1;
  }
  const runsPerRep = Math.max(1, Math.round((targetRepMs * warmRuns) / (performance.now() - warmStart)));
  const repMs: number[] = [];
  const cpuRepMs: number[] = [];
  for (let rep = 0; rep < repetitions; rep += 1) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    for (let run = 0; run < runsPerRep; run += 1) plan();
    const cpu = process.cpuUsage(cpuStart);
    repMs.push((performance.now() - start) / runsPerRep);
    cpuRepMs.push((cpu.user + cpu.system) / 1000 / runsPerRep);
    afterRep(rep);
  }
  return { runsPerRep, repMs, cpuRepMs };
}

export async function benchPlanner(options: PlannerOptions): Promise<PlannerResult> {
  const { journeysDir, repetitions, targetRepMs } = options;
  fullGc();
  const baseline = memory().heapUsed;
  const { journeys } = await loadJourneyConfig(journeysDir);
  const data = generateDemoData(options.customers ?? plannerBenchCustomers);
  const countries = new Map(data.dealers.map((dealer) => [dealer.id, dealer.address.country]));
  const customers = data.customers.map((record) => customerFacts(record, countries.get(record.customer.dealerId)));
  const instants = plannerInstants.map((instant) => {
    const candidates = indexedCandidates(customers, journeys, instant.now);
    const withoutJourneys = candidates.map(({ dueJourneys: _named, ...facts }) => facts);
    return { ...instant, candidates, withoutJourneys };
  });
  fullGc();
  const withInputs = memory().heapUsed;
  let peak = withInputs;

  const progress = progressLine('Planner repetitions');
  const total = instants.length * repetitions * 2;
  console.error(`Candidates per instant: ${instants.map((instant) => instant.candidates.length).join(', ')}`);
  // Warm-up over every instant first, so the first instant measured does not pay for the JIT.
  const warmUpEnd = performance.now() + targetRepMs * 3;
  while (performance.now() < warmUpEnd) {
    for (const { now, candidates, withoutJourneys } of instants) {
      planDueJourneys({ journeys, candidates, now });
      planDueJourneys({ journeys, candidates: withoutJourneys, now });
    }
  }
  const rows: PlannerRow[] = [];
  for (const [instantIndex, { label, now, candidates, withoutJourneys }] of instants.entries()) {
    const due = planDueJourneys({ journeys, candidates, now }).length;
    const afterRep = (offset: number) => (rep: number) => {
      peak = Math.max(peak, memory().heapUsed);
      progress(instantIndex * repetitions * 2 + offset + rep + 1, total);
    };
    const listed = timePlans(() => planDueJourneys({ journeys, candidates, now }), options, afterRep(0));
    const every = timePlans(() => planDueJourneys({ journeys, candidates: withoutJourneys, now }), options, afterRep(repetitions));
    const rate = (msPerPlan: number) => (candidates.length * 1000) / msPerPlan;
    rows.push({
      label,
      now: now.toISOString(),
      due,
      candidates: candidates.length,
      runsPerRep: listed.runsPerRep,
      msPerPlan: median(listed.repMs),
      customersPerSecond: rate(median(listed.repMs)),
      minPerSecond: rate(Math.max(...listed.repMs)),
      maxPerSecond: rate(Math.min(...listed.repMs)),
      everyJourneyPerSecond: rate(median(every.repMs)),
      cpuCustomersPerSecond: rate(median(listed.cpuRepMs)),
    });
  }
  fullGc();
  const afterRuns = memory().heapUsed;
  return {
    customers: customers.length,
    journeys: journeys.length,
    repetitions,
    rows,
    heap: { baseline, withInputs, peakDuringRuns: peak, afterRuns },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Festival dates come from the lunar library outside a function, as in the whole bench.
  useLunarCalendar(lunarJavascriptCalendar);
  const result = await benchPlanner({ journeysDir: fileURLToPath(new URL('../journeys', import.meta.url)), repetitions: 7, targetRepMs: 100 });
  console.log(`\n${result.customers} customers, ${result.journeys} journeys`);
  console.table(
    result.rows.map(({ label, due, candidates, msPerPlan, customersPerSecond, minPerSecond, maxPerSecond, everyJourneyPerSecond, cpuCustomersPerSecond }) => ({
      label, due, candidates, msPerPlan: Number(msPerPlan.toFixed(3)), customersPerSecond: Math.round(customersPerSecond), minPerSecond: Math.round(minPerSecond), maxPerSecond: Math.round(maxPerSecond), everyJourneyPerSecond: Math.round(everyJourneyPerSecond), cpuCustomersPerSecond: Math.round(cpuCustomersPerSecond),
    })),
  );
}
