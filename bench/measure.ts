/** Timing and memory helpers shared by the benchmark sections. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// `npm run bench` runs plain tsx, without --expose-gc: turn it on at run time (a fresh context
// sees the flag), so heap figures are taken after a full collection rather than at random.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as (() => void) | undefined;

/** A full garbage collection, twice so finalisers queued by the first one are swept too. */
export function fullGc(): void {
  collect?.();
  collect?.();
}

export const gcAvailable = typeof collect === 'function';

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank percentile, `p` in 0..100. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await work();
  return { result, ms: performance.now() - start };
}

export interface MemorySample {
  heapUsed: number;
  rss: number;
}

export function memory(): MemorySample {
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss };
}
