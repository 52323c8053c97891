import type { AccountRow, Top20Analysis } from '../../shared/analysis/types';
import { DEFAULT_SETTINGS } from '../../shared/analysis/types';
import { isFormula, type Cell, type SheetSpec } from '../../shared/sheet-spec';
import {
  TOP20_COL as C,
  TOP20_HEADER_ROW,
  buildTop20Sheet,
} from '../../shared/reports/top20-sheet';

function account(
  rank: number,
  name: string,
  revenue: number,
  total: number,
  extra: Partial<AccountRow> = {},
): AccountRow {
  return {
    code: rank - 1,
    rank,
    account: name,
    accountId: null,
    revenue,
    share: revenue / total,
    cumulativeShare: 0,
    grossProfit: revenue * 0.3,
    margin: 0.3,
    marginVsPortfolio: 0,
    profitRank: rank,
    previousRevenue: revenue,
    growth: 0,
    isNew: false,
    previousRank: rank,
    owner: 'Eva',
    flags: [],
    ...extra,
  };
}

function analysis(names: string[], withProfit = true, withComparison = true): Top20Analysis {
  const total = names.length * (names.length + 1) * 50;
  const ranked = names.map((n, i) => account(i + 1, n, (names.length - i) * 100, total));
  return {
    periods: {
      choice: { kind: 'r12' },
      current: { from: 20000, to: 20364 },
      comparison: withComparison ? { from: 19635, to: 19999 } : null,
    },
    settings: DEFAULT_SETTINGS,
    totals: {
      revenue: total,
      grossProfit: withProfit ? total * 0.3 : null,
      accounts: names.length,
    },
    portfolio: {
      hhi: 2000,
      hhiBand: 'high',
      effectiveCustomers: 5,
      cr1: ranked[0].share,
      cr5: 0.5,
      cr20: 1,
      n80: 3,
      gini: 0.2,
      whalePeak: withProfit ? 1.2 : null,
      lossMakingAccounts: 0,
      margin: withProfit ? 0.3 : null,
    },
    ranked,
    top: ranked.slice(0, 20),
    whaleCurve: withProfit
      ? Float64Array.from(ranked, (_, i) => (i + 1) / ranked.length)
      : new Float64Array(0),
  };
}

function cellAt(spec: SheetSpec, row: number, col: number): Cell | undefined {
  let found: Cell | undefined;
  for (const b of spec.blocks) {
    const r = row - b.row;
    const c = col - b.col;
    if (r >= 0 && r < b.cells.length && c >= 0 && c < (b.cells[r]?.length ?? 0))
      found = b.cells[r][c];
  }
  return found;
}

const FIRST = TOP20_HEADER_ROW + 1;

test('account names that look like formulas are plain text cells, never formulas', () => {
  const names = ['=HYPERLINK("http://x","y")', '+1+2', '-3', '@SUM(A1)', '\tTab AB'];
  const spec = buildTop20Sheet(analysis(names));
  names.forEach((name, i) => expect(cellAt(spec, FIRST + i, C.account)).toBe(name));
});

test('derived columns and totals are native formulas (never KAM.*) with the expected values', () => {
  const spec = buildTop20Sheet(analysis(['A', 'B', 'C']));
  const share = cellAt(spec, FIRST, C.share);
  expect(isFormula(share!) && share.formula).toBe('C9/$C$15');
  const cumulative = cellAt(spec, FIRST + 2, C.cumulativeShare);
  expect(isFormula(cumulative!) && cumulative.formula).toBe('SUM($C$9:C11)/$C$15');
  const growth = cellAt(spec, FIRST, C.growth);
  expect(isFormula(growth!) && growth.formula).toBe('IF(J9=0,"new",(C9-J9)/ABS(J9))');
  const top = cellAt(spec, FIRST + 4, C.revenue);
  expect(isFormula(top!) && top.formula).toBe('SUM(C9:C11)');
  for (const b of spec.blocks)
    for (const row of b.cells)
      for (const cell of row)
        if (isFormula(cell)) {
          expect(cell.formula).not.toMatch(/KAM[._]/i);
          // A viewer that does not recalculate still shows the figure.
          expect(cell.value).toBeDefined();
        }
});

test('notes come back beside their account; notes of accounts that left the list are kept below', () => {
  const kept = new Map([
    ['b', { account: 'B', note: 'Renegotiate freight' }],
    ['gone ab', { account: 'Gone AB', note: 'Lost to competitor in May' }],
  ]);
  const spec = buildTop20Sheet(analysis(['A', 'B']), { keptNotes: kept });
  expect(cellAt(spec, FIRST, C.notes)).toBeNull();
  expect(cellAt(spec, FIRST + 1, C.notes)).toBe('Renegotiate freight');
  const flat = spec.blocks.flatMap((b) => b.cells.flatMap((r) => r));
  expect(flat).toContain('Gone AB');
  expect(flat).toContain('Lost to competitor in May');
  expect(spec.notes).toEqual({ col: C.notes, keyCol: C.account, headerRow: TOP20_HEADER_ROW });
});

test('without cost data the profit columns stay empty; without a comparison, growth does', () => {
  const spec = buildTop20Sheet(analysis(['A', 'B'], false, false));
  expect(cellAt(spec, FIRST, C.grossProfit)).toBeNull();
  expect(cellAt(spec, FIRST, C.margin)).toBeNull();
  expect(cellAt(spec, FIRST, C.growth)).toBeNull();
  expect(cellAt(spec, FIRST, C.previousRevenue)).toBeNull();
});

test('Swedish headers and sheet name', () => {
  const spec = buildTop20Sheet(analysis(['A']), { lang: 'sv' });
  expect(spec.name).toBe('Topp 20');
  expect(cellAt(spec, TOP20_HEADER_ROW, C.account)).toBe('Kund');
  const growth = cellAt(spec, FIRST, C.growth);
  expect(isFormula(growth!) && growth.formula).toContain('"ny"');
});

test('a Pareto and a whale-curve chart, a frozen header and a one-page landscape print', () => {
  const spec = buildTop20Sheet(analysis(['A', 'B', 'C']));
  expect(spec.charts?.map((c) => c.series.map((s) => s.values))).toEqual([
    ['C9:C11', 'E9:E11'],
    ['AD9:AD12'],
  ]);
  expect(spec.freeze).toEqual({ rows: FIRST, cols: 2 });
  expect(spec.print).toMatchObject({ orientation: 'landscape', fitToPage: true });
});
