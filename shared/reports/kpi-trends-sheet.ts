/**
 * The KPI trends sheet (SPEC §5): one block per measure, one row per account and the periods
 * across — the layout sparklines want (select a row, insert a sparkline) — with native line
 * charts beside the blocks. Revenue and gross profit are values with SUM totals; growth and
 * margin are native formulas over those blocks; share of wallet and the price-mix effect are
 * values (they need the Wallet sheet and the product lines).
 */
import { periodCaption, type KpiTrends } from '../analysis/kpi-trends';
import type { ResolvedPeriods } from '../analysis/types';
import type { Cell, CellBlock, ChartSpec, SheetSpec } from '../sheet-spec';
import { cellRef, rangeRef } from './a1';
import { labels, type Lang } from './labels';
import { HEADER_ROWS, headerBlock, type SourceInfo } from './sheet-header';
import { FORMAT, STYLE } from './styles';

export interface KpiTrendsSheetOptions {
  readonly lang?: Lang;
  readonly source?: SourceInfo;
  readonly periods?: ResolvedPeriods | null;
  readonly builtAt?: Date;
  /** True when the accounts were chosen by the user (not the Top 20). */
  readonly chosen?: boolean;
}

/** The measures, in the order of the blocks. */
export type TrendMeasure =
  | 'revenue'
  | 'previousRevenue'
  | 'growth'
  | 'grossProfit'
  | 'margin'
  | 'shareOfWallet'
  | 'priceMix';

/** Where each block's rows are (0-based): title, header, first account row, total row (or -1). */
export interface TrendBlockRows {
  readonly title: number;
  readonly header: number;
  readonly first: number;
  readonly total: number;
}

/** Charts go right of the blocks, this many columns after the last period column. */
const CHART_GAP = 2;
/** Lines per chart: the largest accounts (a chart of 20 lines is unreadable). */
const CHART_LINES = 5;

/**
 * Where each measure's block is on the sheet built from `trends` (for tests and readers).
 *
 * @example
 * trendBlockRows(trends).revenue.first // the row of the first account's revenue
 */
export function trendBlockRows(trends: KpiTrends): Partial<Record<TrendMeasure, TrendBlockRows>> {
  const out: Partial<Record<TrendMeasure, TrendBlockRows>> = {};
  const n = trends.accounts.length;
  let row = HEADER_ROWS + 3;
  for (const m of measuresOf(trends)) {
    const total = m === 'shareOfWallet' || m === 'priceMix' ? -1 : row + 2 + n;
    out[m] = { title: row, header: row + 1, first: row + 2, total };
    row += 2 + n + (total >= 0 ? 1 : 0) + 1;
  }
  return out;
}

function measuresOf(trends: KpiTrends): TrendMeasure[] {
  const a = trends.accounts[0];
  const out: TrendMeasure[] = ['revenue', 'previousRevenue', 'growth'];
  if (trends.totals.grossProfit !== null) out.push('grossProfit', 'margin');
  if (a?.shareOfWallet) out.push('shareOfWallet');
  if (a?.priceMix) out.push('priceMix');
  return out;
}

/**
 * Builds the KPI trends sheet.
 *
 * @example
 * const spec = buildKpiTrendsSheet(analyseKpiTrends(table, options), { lang: 'sv' });
 * spec.name // 'KPI-trender'
 */
export function buildKpiTrendsSheet(
  trends: KpiTrends,
  options: KpiTrendsSheetOptions = {},
): SheetSpec {
  const L = labels(options.lang ?? 'en');
  const T = L.trends;
  const B = trends.periods.length;
  const n = trends.accounts.length;
  const totalCol = B + 1;
  const rows = trendBlockRows(trends);
  const header = headerBlock(L, T.title, options.periods ?? null, {
    source: options.source,
    builtAt: options.builtAt,
  });
  const blocks: CellBlock[] = [...header.blocks];
  blocks.push({
    row: HEADER_ROWS + 1,
    col: 0,
    cells: [
      [
        `${options.chosen ? T.chosen(n) : T.accounts(n)}, ${trends.grain === 'month' ? T.byMonth : T.byQuarter}`,
      ],
    ],
    style: STYLE.label,
  });
  const captions = trends.periods.map((p) => periodCaption(p, trends.grain));
  const titles: Record<TrendMeasure, string> = {
    revenue: T.revenue,
    previousRevenue: L.previousRevenue,
    growth: T.growth,
    grossProfit: L.grossProfit,
    margin: T.margin,
    shareOfWallet: T.shareOfWallet,
    priceMix: T.priceMix,
  };
  const formats: Record<TrendMeasure, string> = {
    revenue: FORMAT.money,
    previousRevenue: FORMAT.money,
    growth: FORMAT.percent,
    grossProfit: FORMAT.money,
    margin: FORMAT.percent,
    shareOfWallet: FORMAT.percent,
    priceMix: FORMAT.percent,
  };
  const at = (m: TrendMeasure) => rows[m] as TrendBlockRows;
  /** The cell of measure m for account row i (n = the total row) and column c. */
  const ref = (m: TrendMeasure, i: number, c: number) =>
    cellRef(i === n ? at(m).total : at(m).first + i, c);
  const sumCells = (m: TrendMeasure, values: readonly number[], i: number): Cell[] => [
    ...values,
    { formula: `SUM(${ref(m, i, 1)}:${ref(m, i, B)})`, value: values.reduce((s, v) => s + v, 0) },
  ];
  const ratio = (
    num: TrendMeasure,
    den: TrendMeasure,
    i: number,
    c: number,
    value: number | null,
    growthOf: boolean,
  ): Cell => {
    const d = ref(den, i, c);
    const x = ref(num, i, c);
    return growthOf
      ? {
          formula: `IF(${d}=0,IF(${x}=0,"","${L.newAccount}"),(${x}-${d})/ABS(${d}))`,
          value: value ?? (trendValue(num, i, c) === 0 ? '' : L.newAccount),
        }
      : { formula: `IF(${d}=0,"",${x}/${d})`, value: value ?? '' };
  };
  const totalsOf = trends.totals;
  const trendValue = (m: TrendMeasure, i: number, c: number): number => {
    const b = c - 1;
    const src =
      m === 'revenue'
        ? i === n
          ? totalsOf.revenue
          : trends.accounts[i].revenue
        : i === n
          ? totalsOf.previousRevenue
          : trends.accounts[i].previousRevenue;
    return src[b] ?? 0;
  };
  const ratioValue = (num: number, den: number, growthOf: boolean): number | null =>
    den === 0 ? null : growthOf ? (num - den) / Math.abs(den) : num / den;

  for (const m of measuresOf(trends)) {
    const r = at(m);
    blocks.push({ row: r.title, col: 0, cells: [[titles[m]]], style: STYLE.section });
    const head: Cell[] = [L.account, ...captions];
    if (r.total >= 0 && (m === 'revenue' || m === 'previousRevenue' || m === 'grossProfit'))
      head.push(T.total);
    blocks.push({ row: r.header, col: 0, cells: [head], style: STYLE.tableHeader });
    const lines: Cell[][] = [];
    const count = r.total >= 0 ? n + 1 : n;
    for (let i = 0; i < count; i++) {
      const a = i < n ? trends.accounts[i] : null;
      const name: Cell = a ? a.account : T.total;
      const line: Cell[] = [name];
      switch (m) {
        case 'revenue':
        case 'previousRevenue':
        case 'grossProfit': {
          const values =
            m === 'revenue'
              ? (a?.revenue ?? totalsOf.revenue)
              : m === 'previousRevenue'
                ? (a?.previousRevenue ?? totalsOf.previousRevenue)
                : (a?.grossProfit ?? totalsOf.grossProfit ?? []);
          if (a) line.push(...sumCells(m, values, i));
          else
            line.push(
              ...values.map((v, b) => ({
                formula: `SUM(${ref(m, 0, b + 1)}:${ref(m, n - 1, b + 1)})`,
                value: v,
              })),
              {
                formula: `SUM(${ref(m, i, 1)}:${ref(m, i, B)})`,
                value: values.reduce((s, v) => s + v, 0),
              },
            );
          break;
        }
        case 'growth':
          for (let c = 1; c <= B; c++) {
            const cur = trendValue('revenue', i, c);
            const prev = trendValue('previousRevenue', i, c);
            line.push(ratio('revenue', 'previousRevenue', i, c, ratioValue(cur, prev, true), true));
          }
          break;
        case 'margin':
          for (let c = 1; c <= B; c++) {
            const gp = a ? (a.grossProfit?.[c - 1] ?? 0) : (totalsOf.grossProfit?.[c - 1] ?? 0);
            const rev = trendValue('revenue', i, c);
            line.push(ratio('grossProfit', 'revenue', i, c, ratioValue(gp, rev, false), false));
          }
          break;
        case 'shareOfWallet':
          line.push(...(a?.shareOfWallet ?? []).map((v) => v ?? null));
          break;
        case 'priceMix':
          line.push(...(a?.priceMix ?? []).map((v) => v ?? null));
          break;
      }
      lines.push(line);
    }
    const numberFormats = [null, ...new Array<string>(B + 1).fill(formats[m])];
    if (n > 0) blocks.push({ row: r.first, col: 0, cells: lines.slice(0, n), numberFormats });
    if (r.total >= 0)
      blocks.push({
        row: r.total,
        col: 0,
        cells: [lines[n]],
        numberFormats,
        style: STYLE.total,
      });
  }

  const charts: ChartSpec[] = [];
  const chartCol = totalCol + CHART_GAP;
  const categories = (m: TrendMeasure) => rangeRef(at(m).header, 1, at(m).header, B);
  const lineChart = (m: TrendMeasure, withTotal: boolean, index: number): ChartSpec => {
    const r = at(m);
    const series = trends.accounts.slice(0, CHART_LINES).map((a, i) => ({
      name: a.account,
      values: rangeRef(r.first + i, 1, r.first + i, B),
      type: 'line' as const,
    }));
    if (withTotal && r.total >= 0)
      series.unshift({ name: T.total, values: rangeRef(r.total, 1, r.total, B), type: 'line' });
    return {
      title: T.chart(titles[m]),
      categories: categories(m),
      series,
      anchor: { row: index * 20, col: chartCol, rows: 19, cols: 10 },
      valueFormat: formats[m],
    };
  };
  if (n > 0 && B > 0) {
    const ms = measuresOf(trends);
    charts.push(lineChart('revenue', false, 0));
    charts.push(lineChart('growth', true, 1));
    if (ms.includes('margin')) charts.push(lineChart('margin', true, charts.length));
    if (ms.includes('shareOfWallet')) charts.push(lineChart('shareOfWallet', false, charts.length));
    if (ms.includes('priceMix')) charts.push(lineChart('priceMix', false, charts.length));
  }
  const lastRow = Math.max(
    ...Object.values(rows).map((r) => (r.total >= 0 ? r.total : r.first + n - 1)),
    HEADER_ROWS + 1,
  );
  return {
    name: T.sheet,
    blocks,
    columns: [{ width: 30 }, ...new Array(B + 1).fill({ width: 12 })],
    freeze: { rows: 0, cols: 1 },
    charts,
    print: { orientation: 'landscape', fitToPage: true, area: rangeRef(0, 0, lastRow, totalCol) },
    tabColor: '548235',
  };
}
