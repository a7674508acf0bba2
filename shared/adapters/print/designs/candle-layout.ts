/**
 * Where the candles of the birthday card stand: pure geometry, testable without a PDF.
 */
import type { Box } from '../geometry';

/** The frosted top of the cake, seen in perspective as an ellipse. */
export interface Ellipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

/** Where one candle stands: `x` is its centre line, `baseY` where it meets the frosting. */
export interface CandleSlot {
  x: number;
  baseY: number;
  width: number;
  /** Wax plus wick plus flame. */
  height: number;
}

// Bases stay in the middle band of the top and away from its rim so wax never hangs over the edge.
const BASE_BAND = 0.6;
const RIM_MARGIN = 0.86;
const WIDTH_PER_HEIGHT = 0.2;
const PITCH_PER_WIDTH = 1.8;
// Rows sit a little further apart than a candle is tall so flames never touch the wax behind.
const ROW_CLEARANCE = 0.92;
const MAX_ROWS = 16;

/** The rectangle every candle of {@link layoutCandles} stays inside, flames included. */
export function candleArea(top: Ellipse, maxHeight: number): Box {
  const y = top.cy - top.ry * BASE_BAND - maxHeight;
  return { x: top.cx - top.rx, y, width: 2 * top.rx, height: top.cy + top.ry - y };
}

/** The rectangle one candle covers, flame included. */
export function candleBox(slot: CandleSlot): Box {
  return { x: slot.x - slot.width / 2, y: slot.baseY - slot.height, width: slot.width, height: slot.height };
}

/**
 * Places `count` candles on a cake top in rows, as large as they can be (up to `maxHeight`)
 * without touching each other or leaving the frosting. Pure, so the layout is testable without a PDF.
 */
export function layoutCandles(count: number, top: Ellipse, maxHeight: number): CandleSlot[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`candle count must be a whole number ≥ 0, got ${count}`);
  if (count === 0) return [];
  let best: { rows: number[]; height: number } | undefined;
  for (let rowCount = 1; rowCount <= MAX_ROWS; rowCount++) {
    const rows = rowBases(top, rowCount);
    const spacing = rowCount > 1 ? (rows[0]! - rows[1]!) * ROW_CLEARANCE : Infinity;
    const height = largestHeightThatFits(count, top, rows, Math.min(maxHeight, spacing));
    if (height !== undefined && (best === undefined || height > best.height * 1.0001)) best = { rows, height };
  }
  if (best === undefined) throw new RangeError(`${count} candles do not fit on the cake`);
  const { rows, height } = best;
  const width = height * WIDTH_PER_HEIGHT;
  const capacities = rows.map((baseY) => rowCapacity(top, baseY, width));
  return distribute(count, capacities).flatMap((inRow, i) => {
    const baseY = rows[i]!;
    const usable = rowWidth(top, baseY) - width;
    const step = inRow > 1 ? Math.min(usable / (inRow - 1), width * 3.4) : 0;
    return Array.from({ length: inRow }, (_, k) => ({ x: top.cx + (k - (inRow - 1) / 2) * step, baseY, width, height }));
  });
}

/** Listed front to back, so when rows tie for a spare candle the front row, the most visible, gets it. */
function rowBases(top: Ellipse, rowCount: number): number[] {
  if (rowCount === 1) return [top.cy];
  const front = top.cy + top.ry * BASE_BAND;
  const step = (2 * top.ry * BASE_BAND) / (rowCount - 1);
  return Array.from({ length: rowCount }, (_, i) => front - i * step);
}

function rowWidth(top: Ellipse, baseY: number): number {
  const t = (baseY - top.cy) / top.ry;
  return 2 * top.rx * Math.sqrt(Math.max(0, 1 - t * t)) * RIM_MARGIN;
}

function rowCapacity(top: Ellipse, baseY: number, width: number): number {
  const usable = rowWidth(top, baseY) - width;
  return usable < 0 ? 0 : Math.floor(usable / (width * PITCH_PER_WIDTH)) + 1;
}

function largestHeightThatFits(count: number, top: Ellipse, rows: number[], cap: number): number | undefined {
  const fits = (h: number) => rows.reduce((sum, y) => sum + rowCapacity(top, y, h * WIDTH_PER_HEIGHT), 0) >= count;
  if (fits(cap)) return cap;
  let lo = 0;
  let hi = cap;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo > 0 ? lo : undefined;
}

/** Shares candles out in proportion to each row's room so rows look evenly filled. */
function distribute(count: number, capacities: number[]): number[] {
  const total = capacities.reduce((a, b) => a + b, 0);
  const counts = capacities.map((c) => Math.min(c, Math.floor((count * c) / total)));
  for (let left = count - counts.reduce((a, b) => a + b, 0); left > 0; left--) {
    const spare = counts.map((n, i) => capacities[i]! - n);
    counts[spare.indexOf(Math.max(...spare))]!++;
  }
  return counts;
}
