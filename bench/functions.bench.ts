/**
 * The custom-function benchmark (issue 3): each function called the way a host calls it — one call
 * with a whole 1,000,000 × 1 column as rows of cells — against a hand-written loop doing the same
 * arithmetic over the same rows (no argument checks, no error cells, no text numbers):
 *
 * - **CONCENTRATION** (HHI) over 1,000,000 revenues; the loop sums, then sums squared shares.
 * - **TOPN** (top 20 with profits) over 1,000,000 key/revenue/profit rows with 5,000 accounts;
 *   the loop sums per key in a Map, sorts, takes 20.
 * - **MARGIN** broadcast over a 1,000,000 × 1 revenue range and one cost range; the loop writes
 *   `[(r − c) / r]` per row.
 *
 * Each is timed `runs` times after a warm-up (interleaved, a GC before each), medians reported.
 */
import { callFunction } from '../shared/functions/catalog';
import { excelName } from '../shared/functions/definition';
import { mulberry32 } from '../shared/sample/prng';

type Column = [number][];
type KeyColumn = [string][];

export interface FunctionBenchLine {
  name: string;
  oursMs: number;
  loopMs: number;
  ratio: number;
}

const collect = (): void => (typeof gc === 'function' ? gc() : undefined);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function call(id: string, ...args: unknown[]): unknown {
  return callFunction(id, args, { name: excelName(id), now: () => 0 });
}

function hhiLoop(values: Column): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) if (values[i][0] > 0) sum += values[i][0];
  let h = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i][0];
    if (v > 0) h += ((100 * v) / sum) ** 2;
  }
  return h;
}

function topnLoop(keys: KeyColumn, values: Column, profits: Column): number {
  const sums = new Map<string, [number, number]>();
  let total = 0;
  for (let i = 0; i < keys.length; i++) {
    const v = values[i][0];
    total += v;
    const s = sums.get(keys[i][0]);
    if (s) {
      s[0] += v;
      s[1] += profits[i][0];
    } else sums.set(keys[i][0], [v, profits[i][0]]);
  }
  const top = [...sums].sort((a, b) => b[1][0] - a[1][0]).slice(0, 20);
  let cumulative = 0;
  const rows = top.map(([k, [s, p]], i) => [
    i + 1,
    k,
    s,
    s / total,
    (cumulative += s / total),
    p,
    p / s,
  ]);
  return rows.length;
}

function marginLoop(revenue: Column, cost: Column): number {
  const out: number[][] = new Array(revenue.length);
  for (let i = 0; i < revenue.length; i++) {
    const r = revenue[i][0];
    out[i] = [(r - cost[i][0]) / r];
  }
  return out.length;
}

/**
 * Runs the three comparisons over `rows` rows.
 *
 * @example
 * functionsBench(1_000_000, 5, 1); // [{ name: 'CONCENTRATION', oursMs, loopMs, ratio }, …]
 */
export function functionsBench(rows: number, runs: number, warmup: number): FunctionBenchLine[] {
  const prng = mulberry32(20261127);
  const revenue: Column = new Array(rows);
  const cost: Column = new Array(rows);
  const profit: Column = new Array(rows);
  const keys: KeyColumn = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const r = Math.round(100 + prng() * 1e6) / 100;
    const c = Math.round(r * (0.5 + prng() * 0.6) * 100) / 100;
    revenue[i] = [r];
    cost[i] = [c];
    profit[i] = [r - c];
    keys[i] = [`Account ${Math.floor(prng() ** 2 * 5000)}`];
  }
  const cases: [string, () => unknown, () => unknown][] = [
    ['CONCENTRATION', () => call('CONCENTRATION', revenue), () => hhiLoop(revenue)],
    ['TOPN', () => call('TOPN', keys, revenue, 20, profit), () => topnLoop(keys, revenue, profit)],
    ['MARGIN', () => call('MARGIN', revenue, cost), () => marginLoop(revenue, cost)],
  ];
  return cases.map(([name, ours, loop]) => {
    const times = { ours: [] as number[], loop: [] as number[] };
    for (let run = 0; run < warmup + runs; run++) {
      for (const [which, fn] of [
        ['ours', ours],
        ['loop', loop],
      ] as const) {
        collect();
        const t = performance.now();
        fn();
        if (run >= warmup) times[which].push(performance.now() - t);
      }
    }
    const oursMs = median(times.ours);
    const loopMs = median(times.loop);
    return { name, oursMs, loopMs, ratio: oursMs / loopMs };
  });
}
