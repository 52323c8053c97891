/**
 * The Top 20 with companion data (issue 6 item 5, issue 7 items 1 and 4): a golden workbook with
 * Stakeholders, Wallet, Account plans and Signals sheets gets the share-of-wallet and role columns
 * and every flag on the right accounts; bad companion rows land on Data issues; without companions
 * the optional columns are hidden and blank, every column keeping its letter.
 */
import { MemoryWorkbook } from '../../shared/memory-workbook';
import { labels } from '../../shared/reports/labels';
import { buildTop20 } from '../../shared/reports/top20-build';
import { TOP20_COL as C, TOP20_HEADER_ROW } from '../../shared/reports/top20-sheet';
import { isFormula, type Cell, type SheetSpec } from '../../shared/sheet-spec';
import type { AccountFlag } from '../../shared/analysis/types';
import type { RawCell, RawRow } from '../../shared/workbook';

const L = labels('en');
/** 2026-11-26 12:00 local time: the build's clock. */
const NOW = new Date(2026, 10, 26, 12, 0);
const PERIOD = { kind: 'r12' } as const;

/**
 * Six accounts; five buy product P (a band of five buyers: 14, 12, 11, 10.5, 9 per unit), so the
 * dearest (Alfa, position 1) and the cheapest (Epsilon, position 0) are price outliers.
 */
function sales(): RawRow[] {
  const rows: RawRow[] = [['Date', 'Customer', 'Product', 'Quantity', 'Sales', 'Cost']];
  const line = (date: string, customer: string, product: string, qty: number, price: number) =>
    rows.push([date, customer, product, qty, qty * price, qty * price * 0.7]);
  line('2026-10-31', 'Alfa AB', 'P', 1000, 14);
  line('2026-06-15', 'Beta AB', 'P', 1000, 12);
  line('2026-05-15', 'Gamma AB', 'P', 900, 11);
  line('2026-04-15', 'Delta AB', 'P', 800, 10.5);
  line('2026-03-15', 'Epsilon AB', 'P', 700, 9);
  line('2026-02-15', 'Zeta AB', 'Q', 100, 50);
  return rows;
}

const COMPANIONS: Record<string, RawRow[]> = {
  Wallet: [
    ['Account', 'Product group', 'Period', 'Estimated total spend'],
    ['Alfa AB', null, null, 28_000], // the current period: 14,000 / 28,000 = 50 %
    ['Beta AB', null, '2025', 40_000], // another period: not on the Top 20
    ['Beta AB', 'Tools', null, 30_000], // one product group: not on the Top 20
    ['GAMMA  ab', null, 'r12', 19_800], // r12 is the build's period: 9,900 / 19,800 = 50 %
    ['Nobody AB', null, null, 1_000], // not in the sales data: Data issues
  ],
  Stakeholders: [
    ['Account', 'Name', 'Level', 'Influence', 'Our contacts'],
    // Beta: a high-influence decision maker only Per Holm knows → key-person risk.
    ['Beta AB', 'Eva Berg', 'central', 'high', 'Per Holm'],
    ['Beta AB', 'Olof Lind', 'local', 'low', 'Per Holm; Ann Ek'],
    // Gamma: Kim Ek is known only by the owner, but the deputy Ann Ek knows Lars Ny → covered.
    ['Gamma AB', 'Kim Ek', 'central', 'high', 'Ola Sten'],
    ['Gamma AB', 'Lars Ny', 'regional', 'low', 'Ann Ek'],
    // Delta: only a medium-influence person is uncovered → no flag. Level "boss": adjusted.
    ['Delta AB', 'Mia Lo', 'boss', 'medium', 'Per Holm'],
  ],
  'Account plans': [
    ['Account', 'Owner', 'Deputy', 'Role today', 'Role target in 12 months', 'Next review'],
    ['Alfa AB', 'Per Holm', '', 'approved supplier', 'strategic partner', '2026-10-01'],
    ['Gamma AB', 'Ola Sten', 'Ann Ek', 'preferred supplier', '', '2026-12-31'],
  ],
  Signals: [
    ['Raised at', 'Account', 'Type', 'Description', 'Acted at'],
    ['2026-11-26 08:00', 'Delta AB', 'price complaint', 'Invoice too high', null], // open, 4 h
    ['2026-11-24 08:00', 'epsilon ab', 'dissatisfaction', 'Late deliveries', null], // overdue
    ['2026-11-20 08:00', 'Zeta AB', 'other', 'Handled', '2026-11-20 10:00'], // acted in time
  ],
};

const NEW_FLAGS: readonly AccountFlag[] = [
  'price-outlier',
  'key-person-risk',
  'review-overdue',
  'open-signal',
  'overdue-signal',
];

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

async function build(sheets: Record<string, RawRow[]>, lang: 'en' | 'sv' = 'en') {
  const workbook = new MemoryWorkbook({ Sales: sales(), ...sheets });
  const result = await buildTop20(workbook, { sheet: 'Sales', period: PERIOD, lang, now: NOW });
  return { workbook, result, spec: workbook.spec(labels(lang).top20Sheet) as SheetSpec };
}

const FIRST = TOP20_HEADER_ROW + 1;

describe('a workbook with companion sheets and a Signals log', () => {
  test('every new flag lands on the right account, in JSON and on the sheet', async () => {
    const { result, spec } = await build(COMPANIONS);
    const flags = Object.fromEntries(
      result.json.rows.map((r) => [r.account, r.flags.filter((f) => NEW_FLAGS.includes(f))]),
    );
    expect(flags).toEqual({
      'Alfa AB': ['price-outlier', 'review-overdue'],
      'Beta AB': ['key-person-risk'],
      'Gamma AB': [],
      'Delta AB': ['open-signal'],
      'Epsilon AB': ['price-outlier', 'overdue-signal'],
      'Zeta AB': [],
    });
    const row = (account: string) =>
      FIRST + result.json.rows.findIndex((r) => r.account === account);
    expect(cellAt(spec, row('Alfa AB'), C.flags)).toContain(L.flagText['price-outlier']);
    expect(cellAt(spec, row('Alfa AB'), C.flags)).toContain(L.flagText['review-overdue']);
    expect(cellAt(spec, row('Beta AB'), C.flags)).toContain(L.flagText['key-person-risk']);
    expect(cellAt(spec, row('Delta AB'), C.flags)).toContain(L.flagText['open-signal']);
    expect(cellAt(spec, row('Epsilon AB'), C.flags)).toContain(L.flagText['overdue-signal']);
    // Price positions: revenue-weighted percentile in P's band of five.
    const position = Object.fromEntries(result.json.rows.map((r) => [r.account, r.pricePosition]));
    expect(position).toEqual({
      'Alfa AB': 1,
      'Beta AB': 0.75,
      'Gamma AB': 0.5,
      'Delta AB': 0.25,
      'Epsilon AB': 0,
      'Zeta AB': null,
    });
  });

  test('share of wallet (a native formula) and role today → target are shown', async () => {
    const { result, spec } = await build(COMPANIONS);
    expect(cellAt(spec, TOP20_HEADER_ROW, C.shareOfWallet)).toBe(L.top20ShareOfWallet);
    expect(cellAt(spec, TOP20_HEADER_ROW, C.role)).toBe(L.top20Role);
    expect(spec.columns?.[C.shareOfWallet]?.hidden).toBeFalsy();
    expect(spec.columns?.[C.role]?.hidden).toBeFalsy();
    const byAccount = Object.fromEntries(result.json.rows.map((r, i) => [r.account, { r, i }]));
    expect(byAccount['Alfa AB'].r).toMatchObject({ wallet: 28_000, shareOfWallet: 0.5 });
    expect(byAccount['Gamma AB'].r).toMatchObject({ wallet: 19_800, shareOfWallet: 0.5 });
    for (const other of ['Beta AB', 'Delta AB', 'Epsilon AB', 'Zeta AB'])
      expect(byAccount[other].r).toMatchObject({ wallet: null, shareOfWallet: null });

    const alfa = FIRST + byAccount['Alfa AB'].i;
    const share = cellAt(spec, alfa, C.shareOfWallet);
    expect(isFormula(share!) && share).toEqual({ formula: `C${alfa + 1}/28000`, value: 0.5 });
    expect(cellAt(spec, FIRST + byAccount['Beta AB'].i, C.shareOfWallet)).toBeNull();
    expect(cellAt(spec, alfa, C.role)).toBe('approved supplier → strategic partner');
    expect(cellAt(spec, FIRST + byAccount['Gamma AB'].i, C.role)).toBe('preferred supplier → ?');
    expect(cellAt(spec, FIRST + byAccount['Beta AB'].i, C.role)).toBeNull();
    expect(byAccount['Alfa AB'].r).toMatchObject({
      roleToday: 'approved supplier',
      roleTarget: 'strategic partner',
    });
  });

  test('in Swedish the role and the flags are Swedish', async () => {
    const { result, spec } = await build(COMPANIONS, 'sv');
    const sv = labels('sv');
    const alfa = FIRST + result.json.rows.findIndex((r) => r.account === 'Alfa AB');
    expect(cellAt(spec, TOP20_HEADER_ROW, C.role)).toBe(sv.top20Role);
    expect(cellAt(spec, alfa, C.role)).toBe('godkänd leverantör → strategisk partner');
    expect(cellAt(spec, alfa, C.flags)).toContain(sv.flagText['price-outlier']);
    expect(cellAt(spec, alfa, C.flags)).toContain(sv.flagText['review-overdue']);
  });

  test('bad companion rows land on Data issues with their row; the Top 20 is built', async () => {
    const { workbook, result } = await build(COMPANIONS);
    expect(result.written).toEqual([L.top20Sheet, L.issuesSheet]);
    const reasons = result.issues.map((i) => `${i.row}: ${i.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^6: Wallet: the account "Nobody AB" is not in the sales data/),
        expect.stringMatching(/^6: Stakeholders: unknown level "boss"/),
      ]),
    );
    expect(result.ingest.issues).toHaveLength(0);
    expect(result.json.issues).toBe(result.issues.length);
    const issuesText = workbook.rows(L.issuesSheet).flat().map(String).join('\n');
    expect(issuesText).toContain('Nobody AB');
    expect(issuesText).toContain('boss');
  });

  test('an unreadable companion sheet is one issue, never a failed build', async () => {
    class Broken extends MemoryWorkbook {
      override async readRows(
        sheet: string,
        onChunk: (rows: readonly RawRow[], firstRow: number, lastRow?: number) => void,
      ): Promise<void> {
        if (sheet === 'Stakeholders' || sheet === 'Signals')
          throw new Error(`cannot read ${sheet}`);
        return super.readRows(sheet, onChunk);
      }
    }
    const workbook = new Broken({ Sales: sales(), ...COMPANIONS });
    const result = await buildTop20(workbook, { sheet: 'Sales', period: PERIOD, now: NOW });
    expect(result.written).toEqual([L.top20Sheet, L.issuesSheet]);
    expect(result.issues.map((i) => i.reason)).toEqual([
      expect.stringContaining('cannot read Stakeholders'),
      expect.stringContaining('cannot read Signals'),
    ]);
    // Price outliers need no companion sheet.
    expect(result.json.rows[0].flags).toContain('price-outlier');
  });
});

describe('a workbook without companion sheets', () => {
  test('the optional columns are hidden and blank; other columns keep their letters', async () => {
    const { result, spec } = await build({});
    expect(result.issues).toEqual([]);
    expect(spec.columns?.[C.shareOfWallet]?.hidden).toBe(true);
    expect(spec.columns?.[C.role]?.hidden).toBe(true);
    expect(spec.columns?.filter((c) => c.hidden)).toHaveLength(2);
    for (let i = 0; i < result.json.rows.length; i++) {
      expect(cellAt(spec, FIRST + i, C.shareOfWallet)).toBeNull();
      expect(cellAt(spec, FIRST + i, C.role)).toBeNull();
      expect(cellAt(spec, FIRST + i, C.account)).toBe(result.json.rows[i].account);
    }
    expect(cellAt(spec, TOP20_HEADER_ROW, C.flags)).toBe(L.flags);
    expect(cellAt(spec, TOP20_HEADER_ROW, C.owner)).toBe(L.owner);
    expect(cellAt(spec, TOP20_HEADER_ROW, C.notes)).toBe(L.notes);
    expect(spec.notes).toEqual({ col: C.notes, keyCol: C.account, headerRow: TOP20_HEADER_ROW });
    const flags = result.json.rows.flatMap((r) => r.flags);
    for (const f of ['key-person-risk', 'review-overdue', 'open-signal', 'overdue-signal'] as const)
      expect(flags).not.toContain(f);
    expect(result.json.rows.every((r) => r.shareOfWallet === null && r.roleToday === null)).toBe(
      true,
    );
  });

  test('a Wallet sheet whose rows match no listed account keeps the column hidden', async () => {
    const wallet: RawCell[][] = [
      ['Account', 'Period', 'Estimated total spend'],
      ['Beta AB', '2025', 40_000],
    ];
    const { spec } = await build({ Wallet: wallet });
    expect(spec.columns?.[C.shareOfWallet]?.hidden).toBe(true);
  });
});
