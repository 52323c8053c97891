/**
 * A seeded generator of realistic sales data, delivered the way a host delivers a sheet: a header
 * row and 2-D arrays of raw cells (Excel serial dates, numbers, text, blanks).
 *
 * The data is that of an industrial distributor: a few hundred accounts with a heavy-tailed size
 * distribution (the largest ~10% of revenue, the top 20 about half), big accounts with thin or
 * negative margins, sub-units (sites) per account, ~60 products in 8 groups with account-specific
 * prices, growth and decline, new and lost accounts, seasonality, yearly price and cost increases
 * and a few credit notes. With `messy`, a handful of values arrive as users really have them.
 *
 * Pure: no Node built-ins, no `Math.random`; the same options always give the same cells.
 */
import { CATALOG, NAME_CORES, NAME_PREFIXES, REGIONS, SALESPEOPLE, SEASONALITY } from './catalog';
import { Prng, streamSeed } from './prng';

/** The header row, in English (column order of every generated row). */
export const SALES_HEADER: readonly string[] = [
  'Invoice date',
  'Customer ID',
  'Customer',
  'Region',
  'Product',
  'Product group',
  'Quantity',
  'Net sales',
  'Cost',
  'Salesperson',
];

/** 0-based column indexes of `SALES_HEADER`. */
export const SALES_COL = {
  date: 0,
  customerId: 1,
  customer: 2,
  region: 3,
  product: 4,
  productGroup: 5,
  quantity: 6,
  netSales: 7,
  cost: 8,
  salesperson: 9,
} as const;

/** A raw cell as the generator delivers it. */
export type SampleCell = string | number | null;

export interface GenerateSalesOptions {
  /** PRNG seed (any integer; default 1). */
  readonly seed?: number;
  /** Number of invoice lines (default 24,000); with `messy`, a "Total" row follows them. */
  readonly rows?: number;
  /** Number of accounts (default 300). */
  readonly accounts?: number;
  /** Add a handful of messy values, formula-like names and a total row (default true). */
  readonly messy?: boolean;
  /** The last invoice date, ISO `YYYY-MM-DD` (default '2026-10-31'). */
  readonly endDate?: string;
  /** Number of calendar months covered, the month of `endDate` included (default 27). */
  readonly months?: number;
}

export interface SalesSample {
  readonly header: string[];
  readonly rows: SampleCell[][];
}

/** Default options of `generateSales`. */
export const SAMPLE_DEFAULTS = {
  seed: 1,
  rows: 24_000,
  accounts: 300,
  messy: true,
  endDate: '2026-10-31',
  months: 27,
} as const;

/** The account names used for formula-injection tests (messy data only). */
export const INJECTION_NAMES: readonly string[] = ['=HYPERLINK("http://x","y")', '+1+2'];

/** The account whose name is also delivered as "ACME AB" and "Acme AB " in messy data. */
export const ACME = 'Acme AB';

/**
 * Generates a sales table.
 *
 * Rows are in invoice-date order (weekdays, the last row on `endDate`). Dates are Excel serial
 * numbers; Quantity, Net sales and Cost are numbers (negative on credit notes). With `messy`
 * (the default) a few cells are as users really have them: Net sales as Swedish-formatted text
 * (`1 234,50`, with a normal or a non-breaking space, and a credit note as `(450,00)`), one blank
 * Net sales, `n/a` as a Quantity, `ACME AB` and `Acme AB ` beside `Acme AB`, two accounts named
 * `=HYPERLINK("http://x","y")` and `+1+2`, and a final "Total" row holding the column sums.
 *
 * Fast: a million rows take well under two seconds; repeated text cells share one string object.
 *
 * @example
 * const { header, rows } = generateSales({ seed: 7, rows: 5000 });
 * header[7]; // 'Net sales'
 * rows.length; // 5001 (5000 invoice lines and the Total row)
 *
 * @example
 * // A clean million-row table for benchmarks:
 * const big = generateSales({ rows: 1_000_000, messy: false });
 */
export function generateSales(options: GenerateSalesOptions = {}): SalesSample {
  const seed = integerOption('seed', options.seed ?? SAMPLE_DEFAULTS.seed, -(2 ** 53), 2 ** 53);
  const rowCount = integerOption('rows', options.rows ?? SAMPLE_DEFAULTS.rows, 0, 2 ** 31 - 1);
  const accounts = integerOption(
    'accounts',
    options.accounts ?? SAMPLE_DEFAULTS.accounts,
    1,
    100_000,
  );
  const months = integerOption('months', options.months ?? SAMPLE_DEFAULTS.months, 1, 1200);
  const messy = options.messy ?? SAMPLE_DEFAULTS.messy;
  const calendar = buildCalendar(options.endDate ?? SAMPLE_DEFAULTS.endDate, months);
  const world = buildWorld(new Prng(streamSeed(seed, 'world')), accounts, calendar, messy);
  const rows = buildRows(new Prng(streamSeed(seed, 'rows')), world, calendar, rowCount);
  if (messy) makeMessy(new Prng(streamSeed(seed, 'mess')), rows, world);
  return { header: [...SALES_HEADER], rows };
}

function integerOption(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`generateSales: ${name} must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Calendar

/** Excel serial of 1970-01-01 (serials count days from 1899-12-30). */
const EXCEL_EPOCH = 25569;
const DAY_MS = 86_400_000;

interface Calendar {
  readonly months: number;
  /** Excel serial of the first day of each month. */
  readonly firstSerial: Float64Array;
  /** Day offsets (from the 1st) of the invoicing days of each month, ascending. */
  readonly days: readonly Int32Array[];
  /** Calendar month 0–11 of each month. */
  readonly calendarMonth: Int32Array;
  /** Years since the first month's calendar year (prices change each January). */
  readonly year: Int32Array;
  readonly years: number;
}

function buildCalendar(endDate: string, months: number): Calendar {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(endDate);
  const endMs = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
  const end = new Date(endMs);
  if (!m || Number.isNaN(endMs) || end.getUTCDate() !== +m[3] || end.getUTCMonth() !== +m[2] - 1) {
    throw new RangeError(
      `generateSales: endDate must be an ISO date (YYYY-MM-DD), not "${endDate}".`,
    );
  }
  const endYear = end.getUTCFullYear();
  const endMonth = end.getUTCMonth();
  const endDay = Math.round(endMs / DAY_MS);
  const firstSerial = new Float64Array(months);
  const calendarMonth = new Int32Array(months);
  const year = new Int32Array(months);
  const days: Int32Array[] = [];
  const startAbs = endYear * 12 + endMonth - (months - 1);
  const firstYear = Math.floor(startAbs / 12);
  for (let i = 0; i < months; i++) {
    const abs = startAbs + i;
    const y = Math.floor(abs / 12);
    const mo = abs - y * 12;
    const first = Math.round(Date.UTC(y, mo, 1) / DAY_MS);
    const next = Math.round(Date.UTC(y, mo + 1, 1) / DAY_MS);
    const last = i === months - 1 ? endDay : next - 1;
    const offsets: number[] = [];
    for (let d = first; d <= last; d++) {
      const weekday = (((d + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
      if (weekday !== 0 && weekday !== 6) offsets.push(d - first);
    }
    // Month-end invoicing: the last month always has a line on the end date itself.
    if (i === months - 1 && offsets[offsets.length - 1] !== last - first)
      offsets.push(last - first);
    if (offsets.length === 0) offsets.push(last - first);
    days.push(Int32Array.from(offsets));
    firstSerial[i] = first + EXCEL_EPOCH;
    calendarMonth[i] = mo;
    year[i] = y - firstYear;
  }
  return { months, firstSerial, days, calendarMonth, year, years: year[months - 1] + 1 };
}

// ---------------------------------------------------------------------------------------------
// The world: products, accounts, prices

/** Slots of the per-account lookup tables (uniform → product / sub-unit). */
const PRODUCT_SLOTS = 1024;
const SITE_SLOTS = 64;
/** Revenue share of an account is split between more lines (w^β) and bigger lines (w^(1−β)). */
const LINE_SPLIT = 0.55;
/** Mean value of an invoice line of the smallest account, SEK. */
const SMALL_LINE_VALUE = 1500;
/** Yearly cost increase of all products. */
const COST_INFLATION = 0.035;
const CREDIT_NOTE_RATE = 0.0015;

/** Ranks (0-based, by size) with a designed role. */
const ROLE = {
  thin: 2,
  declining: 7,
  lossMaking: 5,
  acme: 9,
  hyperlink: 11,
  newcomer: 13,
  plusFormula: 16,
} as const;

interface World {
  readonly accounts: number;
  readonly products: number;
  readonly ids: string[];
  readonly names: string[];
  readonly owners: string[];
  readonly siteLabels: string[];
  readonly productLabels: string[];
  /** Group label per product (shared strings). */
  readonly productGroupLabels: string[];
  /** Cost per unit, first year. */
  readonly unitCost: Float64Array;
  /** Quantity scale per product (cheap items go in big quantities). */
  readonly qtyBase: Float64Array;
  /** accounts × 1024: product index per slot. */
  readonly productTable: Uint8Array;
  /** accounts × 64: site label index per slot. */
  readonly siteTable: Uint16Array;
  /** accounts × products: unit price in the first year. */
  readonly price: Float64Array;
  /** accounts × years: price index per calendar year. */
  readonly priceIndex: Float64Array;
  readonly costIndex: Float64Array;
  /** Quantity multiplier per account. */
  readonly qtyScale: Float64Array;
  /** Per month: cumulative line weights over accounts. */
  readonly monthCum: readonly Float64Array[];
}

interface ProductInfo {
  readonly label: string;
  readonly group: number;
  readonly list: number;
  readonly cost: number;
  readonly listMargin: number;
  readonly popularity: number;
}

function buildWorld(rng: Prng, accounts: number, calendar: Calendar, messy: boolean): World {
  const M = calendar.months;
  const Y = calendar.years;

  // Products.
  const groupLabels = CATALOG.map((g) => g.name);
  const products: ProductInfo[] = [];
  CATALOG.forEach((group, g) => {
    group.products.forEach(([name, list], j) => {
      const listMargin = Math.min(0.7, Math.max(0.25, group.listMargin + 0.04 * rng.normal()));
      products.push({
        label: `${group.code}-${(g + 1) * 1000 + 110 + 10 * j} ${name}`,
        group: g,
        list,
        cost: round2(list * (1 - listMargin)),
        listMargin,
        popularity: rng.logNormal(0, 0.6),
      });
    });
  });
  const P = products.length;
  const groupPopularity = [1.0, 0.8, 1.35, 0.9, 0.75, 1.2, 1.1, 0.7];

  // Sites: "Region – City", one shared string each.
  const siteLabels: string[] = [];
  const regionSites: number[][] = REGIONS.map((region) =>
    region.cities.map((city) => siteLabels.push(`${region.name} – ${city}`) - 1),
  );

  // Account sizes: a Zipf-like law with noise, sorted so index 0 is the largest. The designed
  // top 3 (the thin-margin account is third) stay clear of the noisy rest.
  const weight = new Float64Array(accounts);
  const third = Math.pow(3.8, -1.0);
  for (let i = 0; i < accounts; i++) {
    weight[i] =
      i < 3
        ? Math.pow(i + 1.8, -1.0)
        : Math.min(third / 1.3, Math.pow(i + 1.8, -1.0) * rng.logNormal(0, 0.35));
  }
  weight.sort().reverse();

  const ids = customerIds(rng, accounts);
  const names: string[] = [];
  const owners: string[] = [];
  const taken = new Set<string>([nameKey(ACME), ...INJECTION_NAMES.map(nameKey)]);
  const productTable = new Uint8Array(accounts * PRODUCT_SLOTS);
  const siteTable = new Uint16Array(accounts * SITE_SLOTS);
  const price = new Float64Array(accounts * P);
  const priceIndex = new Float64Array(accounts * Y);
  const qtyScale = new Float64Array(accounts);
  const monthWeight = new Float64Array(accounts * M);
  const smallest = weight[accounts - 1];
  const regionWeights = REGIONS.map((r) => r.weight);

  for (let a = 0; a < accounts; a++) {
    const size = accounts === 1 ? 0 : a / (accounts - 1); // 0 = largest, 1 = smallest
    const home = weightedIndex(rng, regionWeights);

    // Name and owner.
    let name = uniqueName(rng, REGIONS[home].forms, taken);
    if (a === ROLE.acme) name = ACME;
    if (messy && a === ROLE.hyperlink) name = INJECTION_NAMES[0];
    if (messy && a === ROLE.plusFormula) name = INJECTION_NAMES[1];
    names.push(name);
    owners.push(
      a < 20 ? SALESPEOPLE[rng.int(4)] : SALESPEOPLE[4 + rng.int(SALESPEOPLE.length - 4)],
    );

    // Margin: big accounts buy cheaper, with exceptions both ways.
    let margin = clamp(0.21 + 0.15 * size + 0.04 * rng.normal(), 0.1, 0.46);
    let productNoise = 0.035;
    if (a >= 20 && rng.chance(0.03)) {
      margin = -0.02 - 0.1 * rng.next(); // the loss-making tail
    } else if (a >= 40 && rng.chance(0.08)) {
      margin -= 0.1; // a small customer with a sweet deal: transparency exposure for the big ones
    }
    if (a === 0) margin = 0.24;
    if (a === 1) margin = 0.27;
    if (a === ROLE.thin) margin = 0.02;
    if (a === ROLE.lossMaking) margin = -0.045;
    if (a === ROLE.thin || a === ROLE.lossMaking) productNoise = 0.012;

    // Growth per year, activity window, price increases.
    let growth = a < 20 ? 0.03 + 0.06 * rng.normal() : 0.03 + 0.14 * rng.normal();
    if (a === 0) growth = 0.04;
    if (a === 1) growth = 0.1;
    if (a === ROLE.thin) growth = 0.03;
    if (a === ROLE.declining) growth = -0.2;
    if (a === ROLE.lossMaking) growth = 0;
    let start = 0;
    let end = M - 1;
    const designed = a < 10 || a === ROLE.hyperlink || a === ROLE.plusFormula;
    if (M >= 13 && a === ROLE.newcomer) start = M - 10;
    else if (M >= 13 && !designed && rng.chance(0.07)) start = M - 1 - rng.int(11);
    else if (M >= 14 && a >= 25 && rng.chance(0.06)) end = M - 13 - rng.int(Math.min(10, M - 13));
    const special = a <= 2 || a === ROLE.lossMaking;
    const inflation = special ? COST_INFLATION : COST_INFLATION - 0.005 + 0.015 * rng.normal();
    for (let y = 0; y < Y; y++) priceIndex[a * Y + y] = Math.pow(1 + inflation, y);
    for (let m = 0; m < M; m++) {
      const ramp =
        m < start || m > end
          ? 0
          : Math.min(1, (m - start + 1) / 3, end === M - 1 ? 1 : (end - m + 1) / 3);
      monthWeight[a * M + m] =
        Math.pow(weight[a], LINE_SPLIT) * Math.exp((growth * (m - (M - 1))) / 12) * ramp;
    }

    // Sites: 3–8 for large accounts, mostly in the home region.
    const siteCount =
      a < Math.max(10, accounts * 0.1)
        ? 3 + rng.int(6)
        : a < accounts / 3
          ? 1 + rng.int(3)
          : rng.chance(0.2)
            ? 2
            : 1;
    const homeSites = rng.shuffle([...regionSites[home]]);
    const otherSites = rng.shuffle(regionSites.filter((_, r) => r !== home).flat());
    const sites = [...homeSites, ...otherSites].slice(0, siteCount);
    fillTable(
      siteTable,
      a * SITE_SLOTS,
      SITE_SLOTS,
      sites,
      sites.map((_, j) => Math.pow(j + 1, -0.7)),
    );

    // Assortment: big accounts buy many products from most groups; white space remains.
    const productCount = clamp(Math.round(40 - 34 * Math.sqrt(size) + 3 * rng.normal()), 3, 48);
    const groupCount =
      productCount >= 30 ? 6 + rng.int(3) : productCount >= 15 ? 4 + rng.int(3) : 2 + rng.int(3);
    const groups = sampleWithoutReplacement(rng, groupPopularity, groupCount);
    const inGroups = new Set(groups);
    const candidateWeights = products.map((p) => (inGroups.has(p.group) ? p.popularity : 0));
    const bought = sampleWithoutReplacement(rng, candidateWeights, productCount);
    const pick = bought.map((_, j) => Math.pow(j + 1, -0.8));
    fillTable(productTable, a * PRODUCT_SLOTS, PRODUCT_SLOTS, bought, pick);

    // Prices: the account's margin on each product's cost, never above list price.
    let lineValue = 0;
    let pickTotal = 0;
    bought.forEach((k, j) => {
      const p = products[k];
      const m = Math.min(p.listMargin, margin + productNoise * rng.normal());
      const unit = round2(p.cost / (1 - m));
      price[a * P + k] = unit;
      lineValue += pick[j] * unit * qtyBaseOf(p.list);
      pickTotal += pick[j];
    });
    const targetLine = SMALL_LINE_VALUE * Math.pow(weight[a] / smallest, 1 - LINE_SPLIT);
    qtyScale[a] = targetLine / (lineValue / pickTotal);
  }

  const costIndex = new Float64Array(Y);
  for (let y = 0; y < Y; y++) costIndex[y] = Math.pow(1 + COST_INFLATION, y);

  const monthCum: Float64Array[] = [];
  for (let m = 0; m < M; m++) {
    const cum = new Float64Array(accounts);
    let total = 0;
    for (let a = 0; a < accounts; a++) {
      total += monthWeight[a * M + m];
      cum[a] = total;
    }
    monthCum.push(cum);
  }

  return {
    accounts,
    products: P,
    ids,
    names,
    owners,
    siteLabels,
    productLabels: products.map((p) => p.label),
    productGroupLabels: products.map((p) => groupLabels[p.group]),
    unitCost: Float64Array.from(products, (p) => p.cost),
    qtyBase: Float64Array.from(products, (p) => qtyBaseOf(p.list)),
    productTable,
    siteTable,
    price,
    priceIndex,
    costIndex,
    qtyScale,
    monthCum,
  };
}

/** Cheap items are bought by the box, expensive ones by the piece. */
function qtyBaseOf(listPrice: number): number {
  return Math.pow(1000 / listPrice, 0.85);
}

function customerIds(rng: Prng, accounts: number): string[] {
  const numbers = rng.shuffle(Array.from({ length: accounts }, (_, i) => 10001 + i));
  return numbers.map((n) => `C${n}`);
}

/** Identity of a name for uniqueness: case and spacing do not make a different customer. */
function nameKey(name: string): string {
  return name.toLowerCase().replace(/\s+/g, '');
}

function uniqueName(rng: Prng, forms: readonly string[], taken: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const prefix = rng.pick(NAME_PREFIXES);
    const core = rng.pick(NAME_CORES);
    const base = rng.chance(0.6) ? prefix + core.toLowerCase() : `${prefix} ${core}`;
    const numbered = attempt >= 20 ? `${base} ${2 + rng.int(attempt * 10)}` : base;
    const name = `${numbered} ${rng.pick(forms)}`;
    const key = nameKey(name);
    if (!taken.has(key)) {
      taken.add(key);
      return name;
    }
  }
}

/** Fills `size` slots of a lookup table from `offset` with `values`, in proportion to `weights`. */
function fillTable(
  table: Uint8Array | Uint16Array,
  offset: number,
  size: number,
  values: readonly number[],
  weights: readonly number[],
): void {
  let total = 0;
  for (const w of weights) total += w;
  let v = 0;
  let cum = weights[0] / total;
  for (let s = 0; s < size; s++) {
    const u = (s + 0.5) / size;
    while (u > cum && v < values.length - 1) cum += weights[++v] / total;
    table[offset + s] = values[v];
  }
}

/** Indexes of up to `count` items drawn without replacement, in proportion to `weights`. */
function sampleWithoutReplacement(rng: Prng, weights: readonly number[], count: number): number[] {
  const w = [...weights];
  const chosen: number[] = [];
  while (chosen.length < count) {
    let total = 0;
    for (const x of w) total += x;
    if (total <= 0) break;
    const i = weightedIndex(rng, w, total);
    chosen.push(i);
    w[i] = 0;
  }
  return chosen;
}

function weightedIndex(rng: Prng, weights: readonly number[], total?: number): number {
  let t = total ?? weights.reduce((s, x) => s + x, 0);
  t *= rng.next();
  for (let i = 0; i < weights.length; i++) {
    t -= weights[i];
    if (t < 0 && weights[i] > 0) return i;
  }
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Rows

function buildRows(rng: Prng, world: World, calendar: Calendar, rowCount: number): SampleCell[][] {
  const M = calendar.months;
  const budget = monthBudgets(world, calendar, rowCount);
  const rows: SampleCell[][] = new Array(rowCount);
  const next = rng.next;
  const { ids, names, owners, siteLabels, productLabels, productGroupLabels } = world;
  const { unitCost, qtyBase, productTable, siteTable, price, priceIndex, costIndex, qtyScale } =
    world;
  const P = world.products;
  const Y = calendar.years;
  let r = 0;
  for (let m = 0; m < M; m++) {
    const n = budget[m];
    const cum = world.monthCum[m];
    const total = cum[cum.length - 1];
    const days = calendar.days[m];
    const lastDay = days.length - 1;
    const first = calendar.firstSerial[m];
    const year = calendar.year[m];
    const costFactor = costIndex[year];
    for (let i = 0; i < n; i++) {
      const date = first + days[n === 1 ? lastDay : Math.floor((i * lastDay) / (n - 1))];
      const a = search(cum, next() * total);
      const k = productTable[a * PRODUCT_SLOTS + ((next() * PRODUCT_SLOTS) | 0)];
      const site = siteTable[a * SITE_SLOTS + ((next() * SITE_SLOTS) | 0)];
      // Quantity: log-normal around the account's scale, rounded without bias, at least 1.
      const x = qtyScale[a] * qtyBase[k] * Math.exp(0.55 * rng.normal() - 0.15);
      let q = Math.floor(x);
      if (next() < x - q) q++;
      if (q < 1) q = 1;
      if (next() < CREDIT_NOTE_RATE) q = -Math.max(1, Math.round(q * next()));
      const unit = round2(price[a * P + k] * priceIndex[a * Y + year]);
      const cost = round2(q * unitCost[k] * costFactor * (0.985 + 0.03 * next()));
      rows[r++] = [
        date,
        ids[a],
        names[a],
        siteLabels[site],
        productLabels[k],
        productGroupLabels[k],
        q,
        round2(q * unit),
        cost,
        owners[a],
      ];
    }
  }
  return rows;
}

/** Lines per month: seasonality × the accounts active that month, summing to `rowCount`. */
function monthBudgets(world: World, calendar: Calendar, rowCount: number): Int32Array {
  const M = calendar.months;
  const share = new Float64Array(M);
  let total = 0;
  for (let m = 0; m < M; m++) {
    const cum = world.monthCum[m];
    share[m] = SEASONALITY[calendar.calendarMonth[m]] * cum[cum.length - 1];
    total += share[m];
  }
  const budget = new Int32Array(M);
  const remainders: number[] = [];
  let given = 0;
  for (let m = 0; m < M; m++) {
    const exact = (rowCount * share[m]) / total;
    budget[m] = Math.floor(exact);
    given += budget[m];
    remainders.push(m);
    share[m] = exact - budget[m];
  }
  remainders.sort((x, y) => share[y] - share[x] || x - y);
  for (let i = 0; given < rowCount; i++, given++) budget[remainders[i % M]]++;
  // The data ends on the end date: the last month has at least one line.
  if (rowCount > 0 && budget[M - 1] === 0) {
    let from = 0;
    for (let m = 1; m < M; m++) if (budget[m] > budget[from]) from = m;
    budget[from]--;
    budget[M - 1]++;
  }
  return budget;
}

/** First index whose cumulative weight exceeds `x`. */
function search(cum: Float64Array, x: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// Messy values

const C = SALES_COL;

function makeMessy(rng: Prng, rows: SampleCell[][], world: World): void {
  const touched = new Set<number>();
  const take = (accept: (row: SampleCell[]) => boolean): SampleCell[] | null => {
    const n = rows.length;
    if (n === 0) return null;
    const startAt = rng.int(n);
    for (let t = 0; t < n; t++) {
      // Striding by a prime scatters the picks; the scan below covers n divisible by 7919.
      const i = (startAt + t * 7919) % n;
      if (!touched.has(i) && accept(rows[i])) {
        touched.add(i);
        return rows[i];
      }
    }
    for (let i = 0; i < n; i++) {
      if (!touched.has(i) && accept(rows[i])) {
        touched.add(i);
        return rows[i];
      }
    }
    return null;
  };
  const positive = (row: SampleCell[]) =>
    typeof row[C.netSales] === 'number' && (row[C.netSales] as number) >= 1000;

  // Net sales as Swedish-formatted text, one with a non-breaking space.
  for (const space of [' ', '\u00a0', ' ']) {
    const row = take(positive);
    if (row) row[C.netSales] = swedish(row[C.netSales] as number, space);
  }
  // A credit note in accounting brackets (one is made if the data has none).
  const credit = take((row) => (row[C.netSales] as number) < 0) ?? take(positive);
  if (credit) {
    const amount = Math.abs(credit[C.netSales] as number);
    credit[C.quantity] = -Math.abs(credit[C.quantity] as number);
    credit[C.cost] = -Math.abs(credit[C.cost] as number);
    credit[C.netSales] = `(${swedish(amount, ' ')})`;
  }
  // Spelling variants of one customer (same Customer ID).
  const acmeId = world.ids[ROLE.acme];
  for (const variant of ['ACME AB', 'Acme AB ', 'ACME AB', 'Acme AB ', 'ACME AB', 'Acme AB ']) {
    const row = take((r) => r[C.customerId] === acmeId);
    if (row) row[C.customer] = variant;
  }
  // A blank revenue and a garbage quantity.
  const blank = take(positive);
  if (blank) blank[C.netSales] = null;
  const garbage = take((row) => typeof row[C.quantity] === 'number');
  if (garbage) garbage[C.quantity] = 'n/a';

  // The total row users keep at the bottom: SUM of each numeric column (text cells skipped).
  let quantity = 0;
  let sales = 0;
  let cost = 0;
  for (const row of rows) {
    if (typeof row[C.quantity] === 'number') quantity += row[C.quantity] as number;
    if (typeof row[C.netSales] === 'number') sales += row[C.netSales] as number;
    if (typeof row[C.cost] === 'number') cost += row[C.cost] as number;
  }
  rows.push([null, null, 'Total', null, null, null, quantity, round2(sales), round2(cost), null]);
}

/** 1234.5 → "1 234,50" (with the given thousands separator). */
function swedish(value: number, space: string): string {
  const [whole, cents] = Math.abs(value).toFixed(2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, space);
  return `${value < 0 ? '-' : ''}${grouped},${cents}`;
}

// ---------------------------------------------------------------------------------------------

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
