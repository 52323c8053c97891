import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ACME,
  INJECTION_NAMES,
  SALES_COL as C,
  SALES_HEADER,
  type SampleCell,
  generateSales,
} from '../../shared/sample/sales-generator';

/** Excel serial → ISO date. */
const iso = (serial: number) =>
  new Date(Math.round((serial - 25569) * 86_400_000)).toISOString().slice(0, 10);
const monthIndex = (serial: number) => {
  const d = new Date((serial - 25569) * 86_400_000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};

interface AccountFigures {
  id: string;
  revenue: number;
  cost: number;
  lines: number;
  firstMonth: number;
  lastMonth: number;
  sites: Set<string>;
}

/** Per-account sums of a clean table (every numeric cell a number). */
function accountFigures(rows: SampleCell[][]): AccountFigures[] {
  const byId = new Map<string, AccountFigures>();
  for (const row of rows) {
    const id = row[C.customerId] as string;
    let a = byId.get(id);
    if (!a) {
      a = {
        id,
        revenue: 0,
        cost: 0,
        lines: 0,
        firstMonth: Infinity,
        lastMonth: -Infinity,
        sites: new Set(),
      };
      byId.set(id, a);
    }
    a.revenue += row[C.netSales] as number;
    a.cost += row[C.cost] as number;
    a.lines++;
    const month = monthIndex(row[C.date] as number);
    a.firstMonth = Math.min(a.firstMonth, month);
    a.lastMonth = Math.max(a.lastMonth, month);
    a.sites.add(row[C.region] as string);
  }
  return [...byId.values()].sort((x, y) => y.revenue - x.revenue);
}

const margin = (a: AccountFigures) => (a.revenue - a.cost) / a.revenue;

describe('generateSales: determinism', () => {
  test('the same seed gives identical output', () => {
    const a = generateSales({ seed: 5, rows: 5000 });
    const b = generateSales({ seed: 5, rows: 5000 });
    expect(b).toEqual(a);
  });

  test('different seeds give different data', () => {
    const a = generateSales({ seed: 1, rows: 2000, messy: false });
    const b = generateSales({ seed: 2, rows: 2000, messy: false });
    expect(b.rows).not.toEqual(a.rows);
  });

  test('the accounts do not depend on the number of rows asked for', () => {
    const names = (rows: number) =>
      new Map(
        generateSales({ seed: 9, rows, messy: false }).rows.map((r) => [
          r[C.customerId],
          r[C.customer],
        ]),
      );
    const small = names(3000);
    const large = names(30_000);
    for (const [id, name] of small) expect(large.get(id)).toBe(name);
  });

  test('clean data is the messy data without the mess', () => {
    const clean = generateSales({ seed: 3, rows: 4000, messy: false }).rows;
    const messy = generateSales({ seed: 3, rows: 4000, messy: true }).rows;
    expect(messy).toHaveLength(clean.length + 1);
    const differing = clean.filter(
      (row, i) =>
        row.some((cell, j) => cell !== messy[i][j]) &&
        !INJECTION_NAMES.includes(messy[i][C.customer] as string),
    );
    expect(differing.length).toBeGreaterThan(0);
    expect(differing.length).toBeLessThanOrEqual(15);
  });
});

describe('generateSales: shape', () => {
  test('header and row count', () => {
    const { header, rows } = generateSales({ rows: 1234, messy: false });
    expect(header).toEqual([...SALES_HEADER]);
    expect(header).toEqual([
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
    ]);
    expect(rows).toHaveLength(1234);
    for (const row of rows) expect(row).toHaveLength(header.length);
  });

  test('defaults: 24,000 lines ending 2026-10-31, 27 months, in date order', () => {
    const { rows } = generateSales({ messy: false });
    expect(rows).toHaveLength(24_000);
    const dates = rows.map((r) => r[C.date] as number);
    expect(dates.every((d, i) => i === 0 || d >= dates[i - 1])).toBe(true);
    expect(iso(dates[0])).toBe('2024-08-01');
    expect(iso(dates[dates.length - 1])).toBe('2026-10-31');
    expect(monthIndex(dates[dates.length - 1]) - monthIndex(dates[0]) + 1).toBe(27);
  });

  test('endDate and months', () => {
    const { rows } = generateSales({ rows: 3000, endDate: '2025-06-15', months: 13, messy: false });
    const dates = rows.map((r) => r[C.date] as number);
    expect(iso(Math.min(...dates)).slice(0, 7)).toBe('2024-06');
    expect(iso(Math.max(...dates))).toBe('2025-06-15');
  });

  test('tiny and empty tables', () => {
    expect(generateSales({ rows: 0, messy: false }).rows).toEqual([]);
    expect(generateSales({ rows: 0 }).rows).toEqual([
      [null, null, 'Total', null, null, null, 0, 0, 0, null],
    ]);
    expect(generateSales({ rows: 7, accounts: 3 }).rows).toHaveLength(8);
    expect(() => generateSales({ rows: 50, accounts: 1, months: 1 })).not.toThrow();
  });

  test('bad options are refused', () => {
    expect(() => generateSales({ rows: -1 })).toThrow(RangeError);
    expect(() => generateSales({ rows: 1.5 })).toThrow(/rows/);
    expect(() => generateSales({ accounts: 0 })).toThrow(/accounts/);
    expect(() => generateSales({ endDate: '2026-02-30' })).toThrow(/endDate/);
    expect(() => generateSales({ endDate: '31/10/2026' })).toThrow(/endDate/);
  });
});

describe('generateSales: realistic distribution', () => {
  const seeds = [1, 2, 3];
  const tables = new Map(seeds.map((seed) => [seed, generateSales({ seed, messy: false }).rows]));

  test.each(seeds)('seed %i: heavy tail — top account 6–15 %, top 20 40–65 %', (seed) => {
    const accounts = accountFigures(tables.get(seed)!);
    const total = accounts.reduce((s, a) => s + a.revenue, 0);
    const top1 = accounts[0].revenue / total;
    const top20 = accounts.slice(0, 20).reduce((s, a) => s + a.revenue, 0) / total;
    expect(top1).toBeGreaterThan(0.06);
    expect(top1).toBeLessThan(0.15);
    expect(top20).toBeGreaterThan(0.4);
    expect(top20).toBeLessThan(0.65);
  });

  test.each(seeds)('seed %i: at least 250 accounts, spanning at least 24 months', (seed) => {
    const rows = tables.get(seed)!;
    expect(accountFigures(rows).length).toBeGreaterThanOrEqual(250);
    const dates = rows.map((r) => r[C.date] as number);
    expect(monthIndex(Math.max(...dates)) - monthIndex(Math.min(...dates))).toBeGreaterThanOrEqual(
      24,
    );
  });

  test.each(seeds)('seed %i: big accounts with thin and negative margins', (seed) => {
    const accounts = accountFigures(tables.get(seed)!);
    const top10 = accounts.slice(0, 10);
    expect(top10.some((a) => margin(a) < 0)).toBe(true);
    // The third largest buys at a ~2 % margin.
    expect(margin(accounts[2])).toBeGreaterThan(0);
    expect(margin(accounts[2])).toBeLessThan(0.04);
    // Most accounts earn 20–40 %.
    const normal = accounts.filter((a) => margin(a) >= 0.2 && margin(a) <= 0.4).length;
    expect(normal / accounts.length).toBeGreaterThan(0.6);
  });

  test('new and lost accounts, credit notes, sub-units, products', () => {
    const rows = tables.get(1)!;
    const accounts = accountFigures(rows);
    const lastMonth = Math.max(...accounts.map((a) => a.lastMonth));
    const firstMonth = Math.min(...accounts.map((a) => a.firstMonth));
    const newcomers = accounts.filter((a) => a.firstMonth > lastMonth - 12);
    const lost = accounts.filter((a) => a.lastMonth <= lastMonth - 12);
    expect(newcomers.length).toBeGreaterThanOrEqual(5);
    expect(lost.length).toBeGreaterThanOrEqual(5);
    expect(firstMonth).toBe(lastMonth - 26);

    const credits = rows.filter((r) => (r[C.quantity] as number) < 0);
    expect(credits.length).toBeGreaterThan(0);
    expect(credits.length / rows.length).toBeLessThan(0.01);
    for (const r of credits) expect(r[C.netSales] as number).toBeLessThan(0);

    for (const a of accounts.slice(0, 10)) {
      expect(a.sites.size).toBeGreaterThanOrEqual(3);
      expect(a.sites.size).toBeLessThanOrEqual(8);
    }
    for (const site of accounts[0].sites) expect(site).toMatch(/^[\w &]+ – \S/);

    const products = new Set(rows.map((r) => r[C.product]));
    const groups = new Set(rows.map((r) => r[C.productGroup]));
    expect(products.size).toBeGreaterThanOrEqual(50);
    expect(products.size).toBeLessThanOrEqual(60);
    expect(groups.size).toBe(8);
  });

  test('bigger customers usually pay less per unit, but some smaller ones pay less still', () => {
    const rows = tables.get(1)!;
    const accounts = accountFigures(rows);
    const rank = new Map(accounts.map((a, i) => [a.id, i]));
    // Unit price per (product, account) from positive lines.
    const byProduct = new Map<string, Map<string, [number, number]>>();
    for (const r of rows) {
      const q = r[C.quantity] as number;
      if (q <= 0) continue;
      const product = r[C.product] as string;
      let m = byProduct.get(product);
      if (!m) byProduct.set(product, (m = new Map()));
      const acc = m.get(r[C.customerId] as string) ?? [0, 0];
      acc[0] += q;
      acc[1] += r[C.netSales] as number;
      m.set(r[C.customerId] as string, acc);
    }
    let bigCheaper = 0;
    let smallCheaper = 0;
    for (const m of byProduct.values()) {
      const prices = [...m.entries()].map(([id, [q, rev]]) => ({
        rank: rank.get(id)!,
        p: rev / q,
      }));
      for (const big of prices.filter((x) => x.rank < 20)) {
        for (const small of prices.filter((x) => x.rank >= 100)) {
          if (big.p < small.p) bigCheaper++;
          else if (small.p < big.p) smallCheaper++;
        }
      }
    }
    expect(bigCheaper).toBeGreaterThan(2 * smallCheaper);
    expect(smallCheaper).toBeGreaterThan(0);
  });

  test('other account counts', () => {
    const accounts = accountFigures(generateSales({ accounts: 40, rows: 5000, messy: false }).rows);
    expect(accounts.length).toBeGreaterThan(30);
    expect(accounts.length).toBeLessThanOrEqual(40);
    const many = accountFigures(generateSales({ accounts: 2000, rows: 60_000, messy: false }).rows);
    expect(new Set(many.map((a) => a.id)).size).toBeGreaterThan(1500);
  });
});

describe('generateSales: messy values', () => {
  const { rows } = generateSales({ seed: 1 });
  const clean = generateSales({ seed: 1, messy: false }).rows;
  const body = rows.slice(0, -1);
  const svText = /^-?\d{1,3}([ \u00a0]\d{3})*,\d{2}$/;

  test('a Total row at the end holds the sums of the numeric cells', () => {
    const total = rows[rows.length - 1];
    expect(total[C.customer]).toBe('Total');
    expect(total[C.date]).toBeNull();
    const sum = (col: number) =>
      body.reduce((s, r) => s + (typeof r[col] === 'number' ? (r[col] as number) : 0), 0);
    expect(total[C.netSales]).toBeCloseTo(sum(C.netSales), 2);
    expect(total[C.cost]).toBeCloseTo(sum(C.cost), 2);
    expect(total[C.quantity]).toBe(sum(C.quantity));
  });

  test('revenue as Swedish text, a bracketed credit note, a blank revenue, n/a quantity', () => {
    const texts = body.map((r) => r[C.netSales]).filter((v) => typeof v === 'string') as string[];
    expect(texts.filter((t) => svText.test(t)).length).toBeGreaterThanOrEqual(3);
    expect(texts.some((t) => t.includes('\u00a0'))).toBe(true);
    const bracketed = texts.filter((t) => /^\(\d{1,3}( \d{3})*,\d{2}\)$/.test(t));
    expect(bracketed).toHaveLength(1);
    expect(body.filter((r) => r[C.netSales] === null)).toHaveLength(1);
    expect(body.filter((r) => r[C.quantity] === 'n/a')).toHaveLength(1);
  });

  test('one customer spelled three ways under one id, the usual spelling most often', () => {
    const spellings = new Map<string, number>();
    let id: SampleCell = null;
    for (const r of body) {
      const name = r[C.customer] as string;
      if (name.toLowerCase().replace(/\s+/g, ' ').trim() === 'acme ab') {
        spellings.set(name, (spellings.get(name) ?? 0) + 1);
        if (id === null) id = r[C.customerId];
        expect(r[C.customerId]).toBe(id);
      }
    }
    expect([...spellings.keys()].sort()).toEqual(['ACME AB', ACME, 'Acme AB '].sort());
    const most = [...spellings.entries()].sort((a, b) => b[1] - a[1])[0][0];
    expect(most).toBe(ACME);
  });

  test('formula-like customer names, in the Top 20 by size', () => {
    const names = new Set(body.map((r) => r[C.customer]));
    expect(names.has('=HYPERLINK("http://x","y")')).toBe(true);
    expect(names.has('+1+2')).toBe(true);
    const ranked = accountFigures(clean);
    const ids = new Set(
      body.filter((r) => INJECTION_NAMES.includes(r[C.customer] as string)).map((r) => r[1]),
    );
    const ranks = ranked.map((a, i) => (ids.has(a.id) ? i : -1)).filter((i) => i >= 0);
    expect(ranks).toHaveLength(2);
    for (const r of ranks) expect(r).toBeLessThan(20);
  });

  test('clean data has none of it', () => {
    const odd = clean.filter((row) => {
      const name = row[C.customer] as string;
      return (
        [C.date, C.quantity, C.netSales, C.cost].some((col) => typeof row[col] !== 'number') ||
        name !== name.trim() ||
        /^[=+\-@]|Total|ACME/.test(name)
      );
    });
    expect(odd).toEqual([]);
    const namesPerId = new Map<SampleCell, Set<SampleCell>>();
    for (const row of clean) {
      const set = namesPerId.get(row[C.customerId]) ?? new Set();
      set.add(row[C.customer]);
      namesPerId.set(row[C.customerId], set);
    }
    for (const set of namesPerId.values()) expect(set.size).toBe(1);
  });
});

test('the generator is pure: no Node built-ins, no Math.random', () => {
  const dir = join(__dirname, '../../shared/sample');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(dir, file), 'utf8');
    expect(source).not.toMatch(/Math\.random\(/);
    expect(source).not.toMatch(/from '(node:|fs|path|os|crypto)/);
    expect(source).not.toMatch(/\brequire\(/);
  }
});
