/**
 * The Portfolio risk sheet (SPEC §5): concentration measures, the dependency list with the
 * walk-away test, loss-making accounts, the whale curve, key-person risk across accounts and
 * transparency exposure by account. An internal sheet: customer names are shown.
 */
import type { Cell, CellBlock, ChartSpec, SheetSpec } from '../sheet-spec';
import { cellRef, rangeRef } from './a1';
import { labels, type Lang } from './labels';
import type { PortfolioRisk } from './risk-build';
import { HEADER_ROWS, headerBlock, type SourceInfo } from './sheet-header';
import { FORMAT, STYLE } from './styles';

export interface RiskSheetOptions {
  readonly lang?: Lang;
  readonly source?: SourceInfo;
  readonly builtAt?: Date;
}

const WIDTH = 7;
const CHART_COL = WIDTH + 1;
/** Whale-curve data, right of the charts. */
const WHALE_COL = 20;
const WHALE_POINTS = 200;
/** Accounts in the exposure chart. */
const CHART_ACCOUNTS = 15;

/**
 * Builds the Portfolio risk sheet.
 *
 * @example
 * buildPortfolioRiskSheet(analysePortfolioRisk(table, analyseTop20(table), companions)).name
 * // 'Portfolio risk'
 */
export function buildPortfolioRiskSheet(
  risk: PortfolioRisk,
  options: RiskSheetOptions = {},
): SheetSpec {
  const L = labels(options.lang ?? 'en');
  const R = L.risk;
  const header = headerBlock(L, R.title, risk.periods, options);
  const blocks: CellBlock[] = [...header.blocks];
  const charts: ChartSpec[] = [];
  let row = HEADER_ROWS + 1;
  const section = (title: string) => {
    blocks.push({ row, col: 0, cells: [[title]], style: STYLE.section });
    row++;
  };
  const text = (t: string) => {
    blocks.push({ row, col: 0, cells: [[t]] });
    row++;
  };
  const table = (head: string[], body: Cell[][], formats: (string | null)[]) => {
    blocks.push({ row, col: 0, cells: [head], style: STYLE.tableHeader });
    const first = row + 1;
    if (body.length > 0) blocks.push({ row: first, col: 0, cells: body, numberFormats: formats });
    row = first + body.length;
    return { first, last: first + body.length - 1 };
  };

  // Concentration.
  const p = risk.portfolio;
  section(L.measures);
  const measures: [string, Cell, string | null][] = [
    [L.hhi, p.hhi, FORMAT.integer],
    [L.hhiBand, L.bands[p.hhiBand], null],
    [L.effective, p.effectiveCustomers, FORMAT.decimal1],
    [L.cr1, p.cr1, FORMAT.percent],
    [L.cr5, p.cr5, FORMAT.percent],
    [L.cr20, p.cr20, FORMAT.percent],
    [L.n80, p.n80, FORMAT.integer],
    [L.gini, p.gini, FORMAT.decimal2],
    [L.whalePeak, p.whalePeak ?? L.noProfitData, FORMAT.percent0],
    [L.lossMaking, p.margin === null ? L.noProfitData : p.lossMakingAccounts, FORMAT.integer],
    [L.portfolioMargin, p.margin ?? L.noProfitData, FORMAT.percent],
  ];
  measures.forEach(([label, value, format], i) =>
    blocks.push({ row: row + i, col: 0, cells: [[label, value]], numberFormats: [null, format] }),
  );
  const hhiRef = cellRef(row, 1);
  blocks.push({
    row: row + 2,
    col: 1,
    cells: [[{ formula: `IF(${hhiRef}=0,"",10000/${hhiRef})`, value: p.effectiveCustomers }]],
    numberFormats: [FORMAT.decimal1],
  });
  row += measures.length + 1;

  // Dependency.
  section(R.dependencyTitle);
  const totalRevenue = risk.totals.revenue;
  if (risk.dependencies.length === 0) text(R.noDependency);
  else {
    const first = row + 1;
    table(
      [L.account, L.revenue, L.share, R.dependencyLevel, L.grossProfit, R.profitLeft],
      risk.dependencies.map((d, i) => [
        d.row.account,
        d.row.revenue,
        {
          formula: `${cellRef(first + i, 1)}/${totalRevenue}`,
          value: d.row.share,
        },
        L.flagText[d.alarm ? 'dependency-alarm' : 'dependency'],
        d.row.grossProfit,
        d.profitLeft,
      ]),
      [null, FORMAT.money, FORMAT.percent, null, FORMAT.money, FORMAT.money],
    );
  }
  row++;

  // Loss-making.
  section(R.lossTitle);
  if (risk.lossMaking.length === 0)
    text(risk.totals.grossProfit === null ? L.noProfitData : R.noLoss);
  else {
    const first = row + 1;
    table(
      [L.account, L.revenue, L.grossProfit, L.margin, R.gainIfLost],
      risk.lossMaking.map((a, i) => {
        const r = first + i;
        return [
          a.account,
          a.revenue,
          a.grossProfit,
          {
            formula: `IF(${cellRef(r, 1)}=0,"",${cellRef(r, 2)}/${cellRef(r, 1)})`,
            value: a.margin ?? '',
          },
          { formula: `-${cellRef(r, 2)}`, value: -(a.grossProfit as number) },
        ];
      }),
      [null, FORMAT.money, FORMAT.money, FORMAT.percent, FORMAT.money],
    );
  }
  row++;

  // Key-person risk.
  section(R.keyPersonTitle);
  if (risk.keyPersonRisk === null) text(R.noStakeholderSheet);
  else if (risk.keyPersonRisk.length === 0) text(R.noKeyPersonRisk);
  else {
    table(
      [L.account, R.uncoveredCount, R.highUncovered, R.critical],
      risk.keyPersonRisk.map((k) => [
        k.account,
        k.uncovered,
        k.highUncovered,
        k.criticalPeople.join(', '),
      ]),
      [null, FORMAT.integer, FORMAT.integer, null],
    );
  }
  row++;

  // Exposure.
  section(R.exposureTitle);
  if (risk.exposure === null) text(R.noExposureData);
  else {
    const ex = risk.exposure;
    const t = table(
      [L.account, L.revenue, R.exposure, R.exposureShare],
      ex.accounts.map((a, i) => {
        const r = row + 1 + i;
        return [
          a.account,
          a.revenue,
          a.exposure,
          {
            formula: `IF(${cellRef(r, 1)}>0,${cellRef(r, 2)}/${cellRef(r, 1)},"")`,
            value: a.revenue > 0 ? a.exposure / a.revenue : '',
          },
        ];
      }),
      [null, FORMAT.money, FORMAT.money, FORMAT.percent],
    );
    blocks.push({
      row,
      col: 0,
      cells: [
        [
          R.total,
          totalRevenue,
          ex.accounts.length > 0
            ? { formula: `SUM(${rangeRef(t.first, 2, t.last, 2)})`, value: ex.total }
            : ex.total,
          totalRevenue > 0 ? ex.total / totalRevenue : '',
        ],
      ],
      numberFormats: [null, FORMAT.money, FORMAT.money, FORMAT.percent],
      style: STYLE.total,
    });
    row++;
    if (ex.accounts.length > 0) {
      const last = Math.min(t.last, t.first + CHART_ACCOUNTS - 1);
      charts.push({
        title: R.exposureChart,
        categories: rangeRef(t.first, 0, last, 0),
        series: [
          {
            name: R.exposure,
            values: rangeRef(t.first, 2, last, 2),
            type: 'column',
            color: 'C00000',
          },
        ],
        anchor: { row: 21, col: CHART_COL, rows: 20, cols: 9 },
        valueFormat: FORMAT.money,
      });
    }
  }

  // Whale curve data and chart.
  const curve = risk.whaleCurve;
  if (curve.length > 0) {
    const n = curve.length;
    let peakAt = 0;
    for (let k = 1; k < n; k++) if (curve[k] > curve[peakAt]) peakAt = k;
    const ks = new Set<number>([peakAt, n - 1]);
    const step = Math.max(1, n / WHALE_POINTS);
    for (let x = 0; x < n; x += step) ks.add(Math.floor(x));
    const cells: Cell[][] = [
      [L.accountsShare, L.cumulativeProfit],
      [0, 0],
      ...[...ks].sort((a, b) => a - b).map((k) => [(k + 1) / n, curve[k]]),
    ];
    const top = HEADER_ROWS + 1;
    blocks.push({
      row: top,
      col: WHALE_COL,
      cells,
      numberFormats: [FORMAT.percent0, FORMAT.percent0],
    });
    charts.push({
      title: L.whaleChart,
      categories: rangeRef(top + 1, WHALE_COL, top + cells.length - 1, WHALE_COL),
      series: [
        {
          name: L.cumulativeProfit,
          values: rangeRef(top + 1, WHALE_COL + 1, top + cells.length - 1, WHALE_COL + 1),
          type: 'line',
          color: '548235',
        },
      ],
      anchor: { row: 0, col: CHART_COL, rows: 20, cols: 9 },
      valueFormat: FORMAT.percent0,
    });
  }

  return {
    name: R.sheet,
    blocks,
    columns: [34, 14, 12, 22, 14, 16, 14].map((width) => ({ width })),
    freeze: { rows: HEADER_ROWS, cols: 0 },
    charts,
    print: { orientation: 'portrait', fitToPage: false, area: rangeRef(0, 0, row, WIDTH - 1) },
    tabColor: 'C00000',
  };
}
