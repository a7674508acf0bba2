/**
 * The pure planner on its own: `planDueJourneys` over the 1,200-customer demo set with every
 * shipped journey, at instants spread over the world's day. No I/O: this is the CPU cost of
 * deciding who is due, per hourly tick, before any DynamoDB or SQS call.
 */
import { loadJourneyConfig } from '../shared/config/load-journeys';
import { planDueJourneys } from '../shared/domain/journey/plan';
import { generateDemoData } from '../local/demo-data';
import { progressLine } from '../local/progress';
import { fullGc, median, memory } from './measure';
import { customerFacts } from '../shared/domain/customer-facts';

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
  runsPerRep: number;
  /** Median over repetitions of one full plan over every customer. */
  msPerPlan: number;
  customersPerSecond: number;
  /** Slowest and fastest repetition, as customers per second, to show the spread. */
  minPerSecond: number;
  maxPerSecond: number;
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
}

export async function benchPlanner({ journeysDir, repetitions, targetRepMs }: PlannerOptions): Promise<PlannerResult> {
  fullGc();
  const baseline = memory().heapUsed;
  const { journeys } = await loadJourneyConfig(journeysDir);
  const data = generateDemoData();
  const countries = new Map(data.dealers.map((dealer) => [dealer.id, dealer.address.country]));
  const candidates = data.customers.map((record) => customerFacts(record, countries.get(record.customer.dealerId)));
  fullGc();
  const withInputs = memory().heapUsed;
  let peak = withInputs;

  const progress = progressLine('Planner repetitions');
  const total = plannerInstants.length * repetitions;
  // Warm-up over every instant first, so the first instant measured does not pay for the JIT.
  const warmUpEnd = performance.now() + targetRepMs * 3;
  while (performance.now() < warmUpEnd) {
    for (const { now } of plannerInstants) planDueJourneys({ journeys, candidates, now });
  }
  const rows: PlannerRow[] = [];
  for (const [instantIndex, { label, now }] of plannerInstants.entries()) {
    const plan = () => planDueJourneys({ journeys, candidates, now });
    // Calibrate runs per repetition on this instant.
    let due = 0;
    const warmStart = performance.now();
    let warmRuns = 0;
    while (performance.now() - warmStart < targetRepMs / 2 || warmRuns < 3) {
      due = plan().length;
      warmRuns += 1;
    }
    const runsPerRep = Math.max(1, Math.round((targetRepMs * warmRuns) / (performance.now() - warmStart)));
    const repMs: number[] = [];
    for (let rep = 0; rep < repetitions; rep += 1) {
      const start = performance.now();
      for (let run = 0; run < runsPerRep; run += 1) plan();
      repMs.push((performance.now() - start) / runsPerRep);
      peak = Math.max(peak, memory().heapUsed);
      progress(instantIndex * repetitions + rep + 1, total);
    }
    const rate = (msPerPlan: number) => (candidates.length * 1000) / msPerPlan;
    rows.push({
      label,
      now: now.toISOString(),
      due,
      runsPerRep,
      msPerPlan: median(repMs),
      customersPerSecond: rate(median(repMs)),
      minPerSecond: rate(Math.max(...repMs)),
      maxPerSecond: rate(Math.min(...repMs)),
    });
  }
  fullGc();
  const afterRuns = memory().heapUsed;
  return {
    customers: candidates.length,
    journeys: journeys.length,
    repetitions,
    rows,
    heap: { baseline, withInputs, peakDuringRuns: peak, afterRuns },
  };
}
