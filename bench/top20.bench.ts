/**
 * The Top 20 benchmark: a generated sales table (1,000,000 rows by default, clean) delivered as
 * 2-D arrays in chunks of 10,000 rows, as the host adapters deliver it, and three contenders:
 *
 * - **ours**: SalesIngest (chunk by chunk) + analyseTop20 + buildTop20Sheet;
 * - **floor**: a minimal hand-written single pass summing revenue per account in a Map over the
 *   same arrays, then sort and take 20 — what no general code can beat by much;
 * - **arquero**: arquero's table built from the same arrays (extracting the two columns it needs
 *   counts in its time), then groupby / rollup(sum) / orderby(desc) / slice(0, 20) (arquero 8
 *   has no limit verb).
 *
 * Each is timed `runs` times after `warmup` runs (interleaved, a full GC before each), and the
 * median is reported. The heap the ingested table holds is measured separately: GC, heap before;
 * generate + ingest inside a function so the input arrays are released; GC; heap after, with the
 * table retained. "Heap" counts V8's heap plus ArrayBuffer memory (typed-array columns live
 * there, outside `heapUsed`). Resizable ArrayBuffers (ES2024) are reserved by V8 directly and are
 * missing from Node's `memoryUsage().arrayBuffers`; their bytes are added by walking the table.
 *
 * Then the custom functions (bench/functions.bench.ts): CONCENTRATION, TOPN and MARGIN, each one
 * call over a `rows` × 1 range, against a hand-written loop doing the same arithmetic.
 *
 * Run with `npm run bench` (`node --expose-gc bin/bench.cjs`); `-- --json` prints one JSON object.
 */
import { readFileSync } from 'node:fs';
import { SALES_COL, type SampleCell, generateSales } from '../shared/sample/sales-generator';
import type { IngestResult } from '../shared/sales-table';
import { functionsBench, type FunctionBenchLine } from './functions.bench';

type Ours = typeof import('./ours');
type Arquero = typeof import('arquero');
type Rows = SampleCell[][];

/** The targets the core is tuned to meet. */
export const TARGETS = { ratioFloor: 3, ratioArquero: 1, tableHeapMb: 100 } as const;

interface Options {
  rows: number;
  runs: number;
  warmup: number;
  chunk: number;
  seed: number;
  json: boolean;
  check: boolean;
}

const USAGE = `Usage: npm run bench -- [options]
  --rows N     rows in the generated table (default 1000000)
  --runs N     timed runs per contender; the median is reported (default 5)
  --warmup N   untimed runs first (default 1)
  --chunk N    rows per chunk fed to the ingest (default 10000)
  --seed N     generator seed (default 1)
  --json       print exactly one JSON object
  --check      exit with code 1 when a target is missed
`;

export interface BenchReport {
  rows: number;
  oursMs: number | null;
  floorMs: number;
  arqueroMs: number;
  ratioFloor: number | null;
  ratioArquero: number | null;
  /**
   * The same pipeline with every mapped text column read (product, group, site, owner), as the
   * product's Top 20 job reads them for the later jobs; not judged against a target.
   */
  oursAllMs: number | null;
  ratioFloorAll: number | null;
  ratioArqueroAll: number | null;
  /** Heap held by the ingested table, MB of 2²⁰ bytes (V8 heap + ArrayBuffers). */
  tableHeapMb: number | null;
  /** V8 heap part of tableHeapMb. */
  tableHeapUsedMb: number | null;
  /** ArrayBuffer part of tableHeapMb (typed-array columns), as Node counts them. */
  tableArrayBuffersMb: number | null;
  /** Resizable ArrayBuffers reachable from the table (not in Node's count), part of tableHeapMb. */
  tableResizableMb: number | null;
  /** All ArrayBuffers reachable from the table (cross-check of the column memory). */
  tableColumnsMb: number | null;
  oursIngestMs: number | null;
  oursAnalyseMs: number | null;
  oursSheetMs: number | null;
  generateMs: number;
  runs: number;
  warmup: number;
  chunk: number;
  seed: number;
  node: string;
  arquero: string;
  targets: typeof TARGETS;
  /** Targets met (null when not measured). */
  met: { ratioFloor: boolean | null; ratioArquero: boolean | null; tableHeapMb: boolean | null };
  /** Why ours could not run, when it could not. */
  oursError?: string;
  /** The custom functions over `rows`-row ranges against hand-written loops (issue 3). */
  functions: FunctionBenchLine[];
}

/**
 * Runs the benchmark; resolves to the process exit code.
 *
 * @example
 * await main(['--rows', '200000', '--json']);
 */
export async function main(argv: readonly string[]): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const log = options.json ? () => undefined : (line: string) => process.stderr.write(`${line}\n`);
  if (typeof gc !== 'function') {
    log(
      'bench: run with node --expose-gc (npm run bench does) for stable timings and heap figures',
    );
  }

  const ours = loadOurs();
  const aq: Arquero = await import('arquero');

  // 1. The heap the ingested table holds (first, on a quiet heap).
  let heap: HeapDelta | null = null;
  if (typeof ours !== 'string' && typeof gc === 'function') {
    log(`measuring the heap of an ingested ${fmtInt(options.rows)}-row table…`);
    heap = measureTableHeap(ours, options);
  }

  // 2. The input, generated once, chunked like a host delivers it.
  log(`generating ${fmtInt(options.rows)} rows…`);
  const g0 = performance.now();
  const { header, rows } = generateSales({ seed: options.seed, rows: options.rows, messy: false });
  const generateMs = performance.now() - g0;
  const chunks = chunk(rows, options.chunk);

  // 3. Timings, interleaved.
  const times = {
    ours: [] as number[],
    oursAll: [] as number[],
    floor: [] as number[],
    arquero: [] as number[],
  };
  const phases = { ingest: [] as number[], analyse: [] as number[], sheet: [] as number[] };
  let sink = 0;
  for (let run = 0; run < options.warmup + options.runs; run++) {
    const timed = run >= options.warmup;
    const label = timed ? `run ${run - options.warmup + 1}` : `warm-up ${run + 1}`;
    const took: string[] = [];
    if (typeof ours !== 'string') {
      collect();
      const r = ours.runOurs(header, chunks);
      sink += r.spec.name.length;
      collect();
      const all = ours.runOurs(header, chunks, true);
      sink += all.spec.name.length;
      took.push(`ours ${wholeMs(r.totalMs)}`, `every column ${wholeMs(all.totalMs)}`);
      if (timed) {
        times.ours.push(r.totalMs);
        times.oursAll.push(all.totalMs);
        phases.ingest.push(r.ingestMs);
        phases.analyse.push(r.analyseMs);
        phases.sheet.push(r.sheetMs);
      }
    }
    collect();
    let t = performance.now();
    sink += floor(chunks).length;
    const floorMs = performance.now() - t;
    collect();
    t = performance.now();
    sink += arqueroTop(aq, chunks).length;
    const arqueroMs = performance.now() - t;
    if (timed) {
      times.floor.push(floorMs);
      times.arquero.push(arqueroMs);
    }
    log(
      `${label}: ${[...took, `floor ${wholeMs(floorMs)}`, `arquero ${wholeMs(arqueroMs)}`].join(' · ')} ms`,
    );
  }
  if (sink < 0) log('unreachable');

  log(`custom functions over ${fmtInt(options.rows)}-row ranges…`);
  const functions = functionsBench(options.rows, options.runs, options.warmup).map((f) => ({
    ...f,
    oursMs: round(f.oursMs)!,
    loopMs: round(f.loopMs)!,
    ratio: round(f.ratio, 3)!,
  }));

  const oursMs = times.ours.length ? median(times.ours) : null;
  const floorMs = median(times.floor);
  const arqueroMs = median(times.arquero);
  const ratioFloor = oursMs === null ? null : oursMs / floorMs;
  const ratioArquero = oursMs === null ? null : oursMs / arqueroMs;
  const oursAllMs = times.oursAll.length ? median(times.oursAll) : null;
  const report: BenchReport = {
    rows: options.rows,
    oursMs: round(oursMs),
    floorMs: round(floorMs)!,
    arqueroMs: round(arqueroMs)!,
    ratioFloor: round(ratioFloor, 3),
    ratioArquero: round(ratioArquero, 3),
    oursAllMs: round(oursAllMs),
    ratioFloorAll: round(oursAllMs === null ? null : oursAllMs / floorMs, 3),
    ratioArqueroAll: round(oursAllMs === null ? null : oursAllMs / arqueroMs, 3),
    tableHeapMb: round(heap && heap.totalMb),
    tableHeapUsedMb: round(heap && heap.heapUsedMb),
    tableArrayBuffersMb: round(heap && heap.arrayBuffersMb),
    tableResizableMb: round(heap && heap.resizableMb),
    tableColumnsMb: round(heap && heap.columnsMb),
    oursIngestMs: phases.ingest.length ? round(median(phases.ingest)) : null,
    oursAnalyseMs: phases.analyse.length ? round(median(phases.analyse)) : null,
    oursSheetMs: phases.sheet.length ? round(median(phases.sheet)) : null,
    generateMs: round(generateMs)!,
    runs: options.runs,
    warmup: options.warmup,
    chunk: options.chunk,
    seed: options.seed,
    node: process.version,
    arquero: arqueroVersion(),
    targets: TARGETS,
    functions,
    met: {
      ratioFloor: ratioFloor === null ? null : ratioFloor <= TARGETS.ratioFloor,
      ratioArquero: ratioArquero === null ? null : ratioArquero < TARGETS.ratioArquero,
      tableHeapMb: heap === null ? null : heap.totalMb < TARGETS.tableHeapMb,
    },
  };
  if (typeof ours === 'string') report.oursError = ours;

  process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : table(report));
  if (typeof ours === 'string') return 1;
  const missed = Object.values(report.met).some((m) => m === false);
  return options.check && missed ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Contenders

/** The floor: one pass, a Map from account key to revenue, sort, top 20. */
function floor(chunks: readonly Rows[]): [string, number][] {
  const account = SALES_COL.customerId;
  const revenue = SALES_COL.netSales;
  const sums = new Map<string, number>();
  for (const rows of chunks) {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const key = row[account] as string;
      sums.set(key, (sums.get(key) ?? 0) + (row[revenue] as number));
    }
  }
  return [...sums].sort((a, b) => b[1] - a[1]).slice(0, 20);
}

/** Arquero: columns from the same arrays, then groupby / rollup / orderby / slice (top 20). */
function arqueroTop(aq: Arquero, chunks: readonly Rows[]): object[] {
  let n = 0;
  for (const rows of chunks) n += rows.length;
  const account: string[] = new Array(n);
  const revenue = new Float64Array(n);
  let i = 0;
  for (const rows of chunks) {
    for (const row of rows) {
      account[i] = row[SALES_COL.customerId] as string;
      revenue[i++] = row[SALES_COL.netSales] as number;
    }
  }
  return aq
    .table({ account, revenue })
    .groupby('account')
    .rollup({ revenue: aq.op.sum('revenue') })
    .orderby(aq.desc('revenue'))
    .slice(0, 20)
    .objects();
}

// ---------------------------------------------------------------------------------------------
// Heap

interface HeapDelta {
  heapUsedMb: number;
  arrayBuffersMb: number;
  resizableMb: number;
  columnsMb: number;
  totalMb: number;
}

function measureTableHeap(ours: Ours, options: Options): HeapDelta {
  collect();
  const before = process.memoryUsage();
  const result = ingestFresh(ours, options);
  collect();
  const after = process.memoryUsage();
  if (result.rowsRead !== options.rows) {
    throw new Error(`ingest read ${result.rowsRead} rows of ${options.rows}`);
  }
  const buffers = reachableBuffers(result.table);
  const mb = (bytes: number) => bytes / (1024 * 1024);
  const heapUsedMb = mb(after.heapUsed - before.heapUsed);
  const arrayBuffersMb = mb(after.arrayBuffers - before.arrayBuffers);
  const resizableMb = mb(buffers.resizableBytes);
  return {
    heapUsedMb,
    arrayBuffersMb,
    resizableMb,
    columnsMb: mb(buffers.totalBytes),
    totalMb: heapUsedMb + arrayBuffersMb + resizableMb,
  };
}

/** ES2024 ArrayBuffer fields (not in this project's ES2022 lib). */
interface MaybeResizable {
  readonly resizable?: boolean;
}

/**
 * Bytes of the distinct ArrayBuffers reachable from `root` (through plain objects and arrays),
 * and of those that are resizable.
 */
function reachableBuffers(root: unknown): { totalBytes: number; resizableBytes: number } {
  const seen = new Set<object>();
  const buffers = new Set<ArrayBufferLike>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const x = stack.pop();
    if (x === null || typeof x !== 'object' || seen.has(x)) continue;
    seen.add(x);
    if (ArrayBuffer.isView(x)) buffers.add(x.buffer);
    else if (x instanceof ArrayBuffer) buffers.add(x);
    else if (Array.isArray(x)) {
      // Arrays of strings (dictionaries) hold no buffers: skip them cheaply.
      if (x.length > 0 && typeof x[0] !== 'object') continue;
      for (const item of x) stack.push(item);
    } else if (x instanceof Map) for (const v of x.values()) stack.push(v);
    else for (const v of Object.values(x)) stack.push(v);
  }
  let totalBytes = 0;
  let resizableBytes = 0;
  for (const b of buffers) {
    totalBytes += b.byteLength;
    if ((b as MaybeResizable).resizable === true) resizableBytes += b.byteLength;
  }
  return { totalBytes, resizableBytes };
}

/** Generates and ingests inside one frame: the input arrays are garbage when it returns. */
function ingestFresh(ours: Ours, options: Options): IngestResult {
  const { header, rows } = generateSales({ seed: options.seed, rows: options.rows, messy: false });
  return ours.ingestChunks(header, chunk(rows, options.chunk));
}

function collect(): void {
  if (typeof gc === 'function') {
    gc();
    gc();
  }
}

// ---------------------------------------------------------------------------------------------
// Plumbing

/** The core's pipeline, or why it does not load (the floor and arquero still run). */
function loadOurs(): Ours | string {
  try {
    // Loaded lazily: under tsx's CommonJS hook, import() of a .ts file would go through Node's
    // ESM resolver and fail; require goes through tsx.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('./ours') as Ours;
  } catch (e) {
    return (e as Error).message.split('\n')[0];
  }
}

function arqueroVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(require.resolve('arquero/package.json'), 'utf8')) as {
      version: string;
    };
    return pkg.version;
  } catch {
    return 'unknown';
  }
}

function chunk(rows: Rows, size: number): Rows[] {
  const chunks: Rows[] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function round(x: number | null, digits = 1): number | null {
  if (x === null) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = {
    rows: 1_000_000,
    runs: 5,
    warmup: 1,
    chunk: 10_000,
    seed: 1,
    json: false,
    check: false,
  };
  const numeric = {
    '--rows': 'rows',
    '--runs': 'runs',
    '--warmup': 'warmup',
    '--chunk': 'chunk',
    '--seed': 'seed',
  } as const;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split('=', 2) : [arg];
    if (flag === '--json') options.json = true;
    else if (flag === '--check') options.check = true;
    else if (flag === '--help' || flag === '-h') continue;
    else if (flag in numeric) {
      const text = inline ?? argv[++i];
      const n = Number(text);
      const key = numeric[flag as keyof typeof numeric];
      const min = key === 'warmup' ? 0 : 1;
      if (text === undefined || !Number.isInteger(n) || n < min) {
        throw new Error(`${flag} needs a whole number ≥ ${min}, not ${text ?? 'nothing'}`);
      }
      options[key] = n;
    } else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

// ---------------------------------------------------------------------------------------------
// Output

function table(r: BenchReport): string {
  const ms = (x: number | null) => (x === null ? 'n/a' : x.toFixed(1));
  const verdict = (met: boolean | null) => (met === null ? '' : met ? 'met' : 'MISSED');
  const lines: string[] = [];
  lines.push(
    `Top 20 benchmark — ${fmtInt(r.rows)} rows (seed ${r.seed}, chunks of ${fmtInt(r.chunk)}), ` +
      `median of ${r.runs} run${r.runs === 1 ? '' : 's'} after ${r.warmup} warm-up, Node ${r.node}`,
  );
  lines.push(`generator: ${fmtInt(r.rows)} rows in ${ms(r.generateMs)} ms`);
  lines.push('');
  const rows: [string, string, string][] = [
    ['contender', 'median ms', ''],
    [
      "ours: ingest (the Top 20's columns) + analyseTop20 + buildTop20Sheet",
      ms(r.oursMs),
      r.oursMs === null
        ? `not run: ${r.oursError ?? ''}`
        : `ingest ${ms(r.oursIngestMs)} · analyse ${ms(r.oursAnalyseMs)} · ` +
          `sheet ${ms(r.oursSheetMs)}`,
    ],
    [
      'ours, every column read (as the Top 20 job in the add-in)',
      ms(r.oursAllMs),
      r.ratioFloorAll === null || r.ratioArqueroAll === null
        ? ''
        : `${r.ratioFloorAll.toFixed(2)}× floor · ${r.ratioArqueroAll.toFixed(2)}× arquero (no target)`,
    ],
    ['floor: Map sum per account, sort, top 20', ms(r.floorMs), ''],
    [`arquero ${r.arquero}: table, groupby, rollup, top 20`, ms(r.arqueroMs), ''],
  ];
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  for (const [a, b, c] of rows) lines.push(`  ${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`.trimEnd());
  lines.push('');
  const ratio = (x: number | null) => (x === null ? 'n/a' : `${x.toFixed(2)}×`);
  const mbText = r.tableHeapMb === null ? 'n/a' : `${r.tableHeapMb.toFixed(1)} MB`;
  const checks: [string, string, string, boolean | null][] = [
    ['ours / floor', ratio(r.ratioFloor), `target ≤ ${TARGETS.ratioFloor}×`, r.met.ratioFloor],
    [
      'ours / arquero',
      ratio(r.ratioArquero),
      `target < ${TARGETS.ratioArquero}×`,
      r.met.ratioArquero,
    ],
    ['table heap', mbText, `target < ${TARGETS.tableHeapMb} MB`, r.met.tableHeapMb],
  ];
  const v0 = Math.max(...checks.map((x) => x[0].length));
  const v1 = Math.max(...checks.map((x) => x[1].length));
  const v2 = Math.max(...checks.map((x) => x[2].length));
  for (const [a, b, c, met] of checks) {
    lines.push(`  ${a.padEnd(v0)}  ${b.padStart(v1)}  ${c.padEnd(v2)}  ${verdict(met)}`.trimEnd());
  }
  if (r.tableHeapMb !== null) {
    lines.push(
      `  (V8 heap ${ms(r.tableHeapUsedMb)} MB + ArrayBuffers ${ms(r.tableArrayBuffersMb)} MB ` +
        `+ resizable ArrayBuffers ${ms(r.tableResizableMb)} MB, measured with the input arrays ` +
        `released; typed columns reachable from the table: ${ms(r.tableColumnsMb)} MB)`,
    );
  }
  lines.push('');
  lines.push(
    `Custom functions, one call over a ${fmtInt(r.rows)} × 1 range, vs a hand-written loop:`,
  );
  const f0 = Math.max(...r.functions.map((f) => f.name.length));
  for (const f of r.functions) {
    lines.push(
      `  ${f.name.padEnd(f0)}  ${ms(f.oursMs).padStart(7)} ms  loop ${ms(f.loopMs).padStart(6)} ms  ` +
        `${ratio(f.ratio)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function wholeMs(x: number): string {
  return x.toFixed(0);
}

function fmtInt(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
