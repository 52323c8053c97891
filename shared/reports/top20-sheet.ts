/**
 * The Top 20 sheet (SPEC §5): who buys most, with what profitability. Derived columns and totals
 * are native formulas so a controller can audit them; measures that need every account (HHI, N80,
 * Gini, whale peak) are values with the formulas that follow from them.
 */
import { roleArrow } from '../analysis/account-plans';
import type { AccountRow, Top20Analysis } from '../analysis/types';
import type { Cell, CellBlock, ChartSpec, ConditionalFormat, SheetSpec } from '../sheet-spec';
import { cellRef, rangeRef } from './a1';
import { accountKey, type KeptNotes } from './kept-notes';
import { labels, type Lang, type Labels } from './labels';
import { HEADER_ROWS, headerBlock, type SourceInfo } from './sheet-header';
import { FORMAT, STYLE } from './styles';

export interface Top20SheetOptions {
  readonly lang?: Lang;
  readonly source?: SourceInfo;
  /** Notes read from the previous build, by account key. */
  readonly keptNotes?: KeptNotes;
  /** Build time (for the header block). */
  readonly builtAt?: Date;
}

/**
 * Columns of the table (0-based), the same on every Top 20. Share of wallet and role today →
 * target are optional (SPEC §5 "when known"): when no listed account has one, the column is
 * written with its header and no values, and hidden — so a sheet without companion data looks as
 * before and every column keeps its letter either way.
 */
export const TOP20_COL = {
  rank: 0,
  account: 1,
  revenue: 2,
  share: 3,
  cumulativeShare: 4,
  grossProfit: 5,
  margin: 6,
  marginVsPortfolio: 7,
  profitRank: 8,
  previousRevenue: 9,
  growth: 10,
  previousRank: 11,
  shareOfWallet: 12,
  role: 13,
  flags: 14,
  owner: 15,
  notes: 16,
} as const;
const C = TOP20_COL;
const WIDTH = 17;
/** 0-based row of the table header. */
export const TOP20_HEADER_ROW = HEADER_ROWS + 1;
const FIRST = TOP20_HEADER_ROW + 1;
/** Whale-curve data columns, right of the charts (anchored at WIDTH + 1, 9 columns wide). */
const WHALE_COL = WIDTH + 11;
const WHALE_POINTS = 200;

/**
 * Builds the Top 20 sheet from the analysis.
 *
 * @example
 * const spec = buildTop20Sheet(analyseTop20(table), { lang: 'sv' });
 * spec.name // 'Topp 20'
 */
export function buildTop20Sheet(
  analysis: Top20Analysis,
  options: Top20SheetOptions = {},
): SheetSpec {
  const lang = options.lang ?? 'en';
  const L = labels(lang);
  const top = analysis.top;
  const n = top.length;
  const last = FIRST + n - 1;
  const topRow = last + 2;
  const restRow = topRow + 1;
  const totalRow = topRow + 2;
  const hasProfit = analysis.totals.grossProfit !== null;
  const hasComparison = analysis.periods.comparison !== null;
  const totalRevenue = cellRef(totalRow, C.revenue, true);
  const totalMargin = cellRef(totalRow, C.margin, true);
  const notes = options.keptNotes ?? new Map();

  const header = headerBlock(L, L.top20Title(analysis.settings.topN), analysis.periods, {
    source: options.source,
    builtAt: options.builtAt,
  });

  const tableHeader: Cell[] = [
    L.rank,
    L.account,
    L.revenue,
    L.share,
    L.cumulativeShare,
    L.grossProfit,
    L.margin,
    L.marginVsPortfolio,
    L.profitRank,
    L.previousRevenue,
    L.growth,
    L.previousRank,
    L.top20ShareOfWallet,
    L.top20Role,
    L.flags,
    L.owner,
    L.notes,
  ];

  const used = new Set<string>();
  const body = top.map((a, i) => {
    const r = FIRST + i;
    const key = accountKey(a.account);
    used.add(key);
    return accountCells(a, r, L, {
      lang,
      totalRevenue,
      totalMargin,
      hasProfit,
      hasComparison,
      note: notes.get(key)?.note ?? null,
    });
  });

  const sumOf = (col: number) => `SUM(${rangeRef(FIRST, col, last, col)})`;
  const topRevenue = top.reduce((s, a) => s + a.revenue, 0);
  const topProfit = top.reduce((s, a) => s + (a.grossProfit ?? 0), 0);
  const total = analysis.totals;
  const totalProfit = total.grossProfit ?? 0;
  /** A footer line: revenue and profit given (values or formulas), share and margin derived. */
  const footerRow = (
    label: string,
    row: number,
    revenue: Cell,
    profit: Cell,
    r: number,
    gp: number,
  ) => {
    const cells: Cell[] = new Array<Cell>(WIDTH).fill(null);
    const ref = (col: number) => cellRef(row, col);
    cells[C.account] = label;
    cells[C.revenue] = revenue;
    cells[C.share] = { formula: `${ref(C.revenue)}/${totalRevenue}`, value: r / total.revenue };
    if (hasProfit) {
      cells[C.grossProfit] = profit;
      cells[C.margin] = {
        formula: `IF(${ref(C.revenue)}=0,"",${ref(C.grossProfit)}/${ref(C.revenue)})`,
        value: r === 0 ? '' : gp / r,
      };
    }
    return cells;
  };
  const footer: Cell[][] = [
    footerRow(
      L.topTotal(n),
      topRow,
      { formula: sumOf(C.revenue), value: topRevenue },
      { formula: sumOf(C.grossProfit), value: topProfit },
      topRevenue,
      topProfit,
    ),
    footerRow(
      L.restTotal(total.accounts - n),
      restRow,
      {
        formula: `${totalRevenue}-${cellRef(topRow, C.revenue)}`,
        value: total.revenue - topRevenue,
      },
      {
        formula: `${cellRef(totalRow, C.grossProfit)}-${cellRef(topRow, C.grossProfit)}`,
        value: totalProfit - topProfit,
      },
      total.revenue - topRevenue,
      totalProfit - topProfit,
    ),
    footerRow(
      L.portfolioTotal(total.accounts),
      totalRow,
      total.revenue,
      total.grossProfit,
      total.revenue,
      totalProfit,
    ),
  ];

  const measuresRow = totalRow + 2;
  const measures = measureRows(analysis, L, measuresRow, { totalRevenue, totalMargin, last });

  const blocks: CellBlock[] = [
    ...header.blocks,
    { row: TOP20_HEADER_ROW, col: 0, cells: [tableHeader], style: STYLE.tableHeader },
    { row: FIRST, col: 0, cells: body, numberFormats: COLUMN_FORMATS },
    { row: topRow, col: 0, cells: footer, numberFormats: COLUMN_FORMATS, style: STYLE.total },
    { row: measuresRow, col: C.account, cells: [[L.measures]], style: STYLE.section },
    ...measures.blocks,
  ];

  // Notes of accounts no longer in the list are kept below, never dropped.
  const orphans = [...notes.entries()].filter(([key]) => !used.has(key));
  let lastRow = measuresRow + measures.rows;
  if (orphans.length > 0) {
    const at = lastRow + 2;
    blocks.push({ row: at, col: C.account, cells: [[L.keptNotesTitle]], style: STYLE.section });
    const head: Cell[] = new Array<Cell>(WIDTH - 1).fill(null);
    head[0] = L.account;
    head[C.notes - C.account] = L.notes;
    blocks.push({ row: at + 1, col: C.account, cells: [head], style: STYLE.tableHeader });
    blocks.push({
      row: at + 2,
      col: C.account,
      cells: orphans.map(([, kept]) => {
        const cells: Cell[] = new Array<Cell>(WIDTH - 1).fill(null);
        cells[0] = kept.account;
        cells[C.notes - C.account] = kept.note;
        return cells;
      }),
    });
    lastRow = at + 2 + orphans.length;
  }

  const whale = whaleBlock(analysis.whaleCurve, L);
  if (whale) blocks.push(whale.block);

  return {
    name: L.top20Sheet,
    blocks,
    columns: COLUMN_WIDTHS.map((width, c) =>
      (c === C.shareOfWallet && !analysis.extras?.shareOfWallet) ||
      (c === C.role && !analysis.extras?.role)
        ? { width, hidden: true }
        : { width },
    ),
    freeze: { rows: FIRST, cols: C.account + 1 },
    conditionalFormats: n > 0 ? conditionalFormats(analysis, last) : [],
    charts: charts(L, last, whale?.lastRow ?? null),
    print: { orientation: 'landscape', fitToPage: true, area: rangeRef(0, 0, lastRow, WIDTH - 1) },
    notes: { col: C.notes, keyCol: C.account, headerRow: TOP20_HEADER_ROW },
    tabColor: '1F4E78',
  };
}

const COLUMN_FORMATS = [
  FORMAT.integer,
  null,
  FORMAT.money,
  FORMAT.percent,
  FORMAT.percent,
  FORMAT.money,
  FORMAT.percent,
  FORMAT.percentPoints,
  FORMAT.integer,
  FORMAT.money,
  FORMAT.percent,
  FORMAT.integer,
  FORMAT.percent,
  null,
  null,
  null,
  null,
];
const COLUMN_WIDTHS = [6, 32, 14, 9, 11, 14, 9, 12, 8, 14, 9, 9, 10, 36, 30, 18, 40];

interface RowContext {
  readonly lang: Lang;
  readonly totalRevenue: string;
  readonly totalMargin: string;
  readonly hasProfit: boolean;
  readonly hasComparison: boolean;
  readonly note: Cell;
}

function accountCells(a: AccountRow, r: number, L: Labels, ctx: RowContext): Cell[] {
  const ref = (col: number) => cellRef(r, col);
  const cells: Cell[] = new Array<Cell>(WIDTH).fill(null);
  cells[C.rank] = a.rank;
  cells[C.account] = a.account;
  cells[C.revenue] = a.revenue;
  cells[C.share] = { formula: `${ref(C.revenue)}/${ctx.totalRevenue}`, value: a.share };
  cells[C.cumulativeShare] = {
    formula: `SUM(${cellRef(FIRST, C.revenue, true)}:${ref(C.revenue)})/${ctx.totalRevenue}`,
    value: a.cumulativeShare,
  };
  if (ctx.hasProfit) {
    cells[C.grossProfit] = a.grossProfit;
    cells[C.margin] = {
      formula: `IF(${ref(C.revenue)}=0,"",${ref(C.grossProfit)}/${ref(C.revenue)})`,
      value: a.margin ?? '',
    };
    cells[C.marginVsPortfolio] = {
      formula: `IF(${ref(C.margin)}="","",${ref(C.margin)}-${ctx.totalMargin})`,
      value: a.marginVsPortfolio ?? '',
    };
    cells[C.profitRank] = a.profitRank;
  }
  if (ctx.hasComparison) {
    cells[C.previousRevenue] = a.previousRevenue ?? 0;
    cells[C.growth] = {
      formula: `IF(${ref(C.previousRevenue)}=0,"${L.newAccount}",(${ref(C.revenue)}-${ref(C.previousRevenue)})/ABS(${ref(C.previousRevenue)}))`,
      value: a.growth ?? L.newAccount,
    };
    cells[C.previousRank] = a.previousRank;
  }
  const wallet = a.wallet ?? null;
  if (a.shareOfWallet !== null && a.shareOfWallet !== undefined && wallet !== null) {
    // Revenue / the Wallet sheet's estimate, written into the formula so a reader sees it.
    const literal = String(wallet);
    cells[C.shareOfWallet] = /^[0-9.]+$/.test(literal)
      ? { formula: `${ref(C.revenue)}/${literal}`, value: a.shareOfWallet }
      : a.shareOfWallet;
  }
  if (a.role) cells[C.role] = roleArrow(a.role.today, a.role.target, ctx.lang);
  cells[C.flags] = a.flags.map((f) => L.flagText[f]).join(', ');
  cells[C.owner] = a.owner;
  cells[C.notes] = ctx.note;
  return cells;
}

interface MeasureRefs {
  readonly totalRevenue: string;
  readonly totalMargin: string;
  readonly last: number;
}

function measureRows(
  analysis: Top20Analysis,
  L: Labels,
  headRow: number,
  refs: MeasureRefs,
): { blocks: CellBlock[]; rows: number } {
  const p = analysis.portfolio;
  const n = analysis.top.length;
  const first = headRow + 1;
  const hhiRef = cellRef(first, C.revenue);
  /** CRk as a formula over the sheet's rows when they hold the k largest accounts, else a value. */
  const cr = (k: number, value: number): Cell =>
    n >= Math.min(k, analysis.totals.accounts)
      ? {
          formula: `SUM(${rangeRef(FIRST, C.revenue, FIRST + Math.min(k, n) - 1, C.revenue)})/${refs.totalRevenue}`,
          value,
        }
      : value;
  const rows: [string, Cell, string | null][] = [
    [L.hhi, p.hhi, FORMAT.integer],
    [
      L.hhiBand,
      {
        formula: `IF(${hhiRef}<1000,"${L.bands.low}",IF(${hhiRef}<=1800,"${L.bands.moderate}","${L.bands.high}"))`,
        value: L.bands[p.hhiBand],
      },
      null,
    ],
    [
      L.effective,
      { formula: `IF(${hhiRef}=0,"",10000/${hhiRef})`, value: p.effectiveCustomers },
      FORMAT.decimal1,
    ],
    [L.cr1, cr(1, p.cr1), FORMAT.percent],
    [L.cr5, cr(5, p.cr5), FORMAT.percent],
    [L.cr20, cr(20, p.cr20), FORMAT.percent],
    [L.n80, p.n80, FORMAT.integer],
    [L.gini, p.gini, FORMAT.decimal2],
    [L.whalePeak, p.whalePeak ?? L.noProfitData, FORMAT.percent0],
    [L.lossMaking, p.margin === null ? L.noProfitData : p.lossMakingAccounts, FORMAT.integer],
    [
      L.portfolioMargin,
      p.margin === null
        ? L.noProfitData
        : { formula: refs.totalMargin.replace(/\$/g, ''), value: p.margin },
      FORMAT.percent,
    ],
  ];
  const blocks: CellBlock[] = rows.map(([label, value, format], i) => ({
    row: first + i,
    col: C.account,
    cells: [[label, value]],
    numberFormats: [null, format],
  }));
  return { blocks, rows: rows.length };
}

function whaleBlock(curve: Float64Array, L: Labels): { block: CellBlock; lastRow: number } | null {
  const n = curve.length;
  if (n === 0 || !Number.isFinite(curve[n - 1])) return null;
  // Sample the curve to at most WHALE_POINTS points, always keeping the peak.
  let peakAt = 0;
  for (let k = 1; k < n; k++) if (curve[k] > curve[peakAt]) peakAt = k;
  const ks = new Set<number>([peakAt, n - 1]);
  const step = Math.max(1, n / WHALE_POINTS);
  for (let x = 0; x < n; x += step) ks.add(Math.floor(x));
  const points = [...ks].sort((a, b) => a - b);
  const cells: Cell[][] = [
    [L.accountsShare, L.cumulativeProfit],
    [0, 0],
  ];
  for (const k of points) cells.push([(k + 1) / n, curve[k]]);
  return {
    block: {
      row: TOP20_HEADER_ROW,
      col: WHALE_COL,
      cells,
      numberFormats: [FORMAT.percent0, FORMAT.percent0],
    },
    lastRow: TOP20_HEADER_ROW + cells.length - 1,
  };
}

function charts(L: Labels, last: number, whaleLast: number | null): ChartSpec[] {
  const out: ChartSpec[] = [];
  if (last >= FIRST) {
    out.push({
      title: L.paretoChart,
      categories: rangeRef(FIRST, C.account, last, C.account),
      series: [
        {
          name: L.revenue,
          values: rangeRef(FIRST, C.revenue, last, C.revenue),
          type: 'column',
          color: '1F4E78',
        },
        {
          name: L.cumulativeShare,
          values: rangeRef(FIRST, C.cumulativeShare, last, C.cumulativeShare),
          type: 'line',
          secondaryAxis: true,
          color: 'C55A11',
        },
      ],
      anchor: { row: 0, col: WIDTH + 1, rows: 20, cols: 9 },
      valueFormat: FORMAT.money,
      secondaryFormat: FORMAT.percent0,
    });
  }
  if (whaleLast !== null) {
    const first = TOP20_HEADER_ROW + 1;
    out.push({
      title: L.whaleChart,
      categories: rangeRef(first, WHALE_COL, whaleLast, WHALE_COL),
      series: [
        {
          name: L.cumulativeProfit,
          values: rangeRef(first, WHALE_COL + 1, whaleLast, WHALE_COL + 1),
          type: 'line',
          color: '548235',
        },
      ],
      anchor: { row: 21, col: WIDTH + 1, rows: 20, cols: 9 },
      valueFormat: FORMAT.percent0,
    });
  }
  return out;
}

function conditionalFormats(analysis: Top20Analysis, last: number): ConditionalFormat[] {
  const s = analysis.settings;
  const col = (c: number) => rangeRef(FIRST, c, last, c);
  const top = (c: number) => cellRef(FIRST, c);
  return [
    { kind: 'dataBar', range: col(C.revenue), color: '5B9BD5' },
    {
      kind: 'expression',
      range: col(C.share),
      formula: `${top(C.share)}>=${s.dependencyAlarmShare}`,
      style: STYLE.alarm,
    },
    {
      kind: 'expression',
      range: col(C.share),
      formula: `${top(C.share)}>=${s.dependencyShare}`,
      style: STYLE.warning,
    },
    {
      kind: 'expression',
      range: col(C.grossProfit),
      formula: `AND(ISNUMBER(${top(C.grossProfit)}),${top(C.grossProfit)}<0)`,
      style: STYLE.alarm,
    },
    {
      kind: 'expression',
      range: col(C.margin),
      formula: `AND(ISNUMBER(${top(C.margin)}),${top(C.margin)}<0)`,
      style: STYLE.alarm,
    },
    {
      kind: 'expression',
      range: col(C.marginVsPortfolio),
      formula: `AND(ISNUMBER(${top(C.marginVsPortfolio)}),${top(C.marginVsPortfolio)}<-${s.thinMarginGap})`,
      style: STYLE.warning,
    },
    {
      kind: 'expression',
      range: col(C.growth),
      formula: `AND(ISNUMBER(${top(C.growth)}),${top(C.growth)}<=${s.decliningGrowth})`,
      style: STYLE.warning,
    },
  ];
}
