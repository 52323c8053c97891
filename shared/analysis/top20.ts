/**
 * The Top 20 analysis (SPEC §3, §5 "Top 20"): rank the accounts active in the current period by
 * revenue, with share, profitability, growth against the comparison period, owner, flags, and the
 * portfolio's concentration measures.
 */
import type { SalesTable } from '../sales-table';
import { UserError } from '../user-error';
import { aggregateAccounts, type PeriodAggregates } from './accounts';
import { concentrationRatio, effectiveNumber, gini, hhi, hhiBand, n80 } from './concentration';
import { growth } from './growth';
import { resolvePeriods } from './periods';
import {
  DEFAULT_SETTINGS,
  type AccountFlag,
  type AccountRow,
  type AnalysisSettings,
  type PeriodChoice,
  type PortfolioMeasures,
  type Top20Analysis,
} from './types';
import { whaleCurve, whalePeak } from './whale';

export interface Top20Options {
  /** Default: r12 with a date column, 'all' without. */
  readonly period?: PeriodChoice;
  /** Overrides of DEFAULT_SETTINGS. */
  readonly settings?: Partial<AnalysisSettings>;
}

/**
 * Thresholds are compared with this tolerance, so that a value equal to the threshold to rounding
 * (a margin of 21/60 against 0.40 − 0.05) counts as "at" the threshold, as the user reads it.
 */
const EPS = 1e-12;

/** Code-unit order of two strings (locale-independent, so the ranking is the same everywhere). */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Account codes active in a period (lines > 0), by revenue descending; ties by name, then id,
 * then code.
 */
function rankByRevenue(period: PeriodAggregates, table: SalesTable): Int32Array {
  const names = table.account.values;
  const ids = table.accountIds;
  const active: number[] = [];
  for (let a = 0; a < period.lines.length; a++) if (period.lines[a] > 0) active.push(a);
  const R = period.revenue;
  active.sort(
    (a, b) =>
      R[b] - R[a] ||
      cmp(names[a], names[b]) ||
      (ids ? cmp(ids[a] ?? '', ids[b] ?? '') : 0) ||
      a - b,
  );
  return Int32Array.from(active);
}

/**
 * Runs the Top 20 analysis on a sales table.
 *
 * - Period: `options.period` resolved by `resolvePeriods` (r12 by default; 'all' without dates).
 * - Ranked: every account with at least one row in the current period, revenue descending.
 * - share = R / ΣR over the ranked accounts (0 when ΣR ≤ 0); cumulative share along the ranking.
 * - margin = GP / R (null when R = 0 or no profit data); portfolio margin = ΣGP / ΣR.
 * - profitRank: by GP descending, ties by revenue rank.
 * - previousRevenue / previousRank from the comparison period; growth via `growth()`.
 * - flags in order: loss-making, thin-margin (Top N only), dependency, dependency-alarm, declining;
 *   thresholds compare with a 1e-12 tolerance (a value at the threshold to rounding is "at" it).
 *
 * @example
 * const result = analyseTop20(table, { period: { kind: 'year', year: 2025 } });
 * result.top[0].account; result.portfolio.hhi; result.portfolio.hhiBand
 */
export function analyseTop20(table: SalesTable, options: Top20Options = {}): Top20Analysis {
  const settings = checkedSettings({ ...DEFAULT_SETTINGS, ...stripUndefined(options.settings) });
  const periods = resolvePeriods(table, options.period);
  const agg = aggregateAccounts(table, {
    current: periods.choice.kind === 'all' ? null : periods.current,
    comparison: periods.comparison,
  });
  const cur = agg.current;
  const prev = agg.comparison;
  const hasProfit = cur.grossProfit !== null;

  const order = rankByRevenue(cur, table);
  const n = order.length;
  const revenues = new Float64Array(n);
  const profits = hasProfit ? new Float64Array(n) : null;
  let totalR = 0;
  let totalGP = 0;
  for (let k = 0; k < n; k++) {
    const a = order[k];
    revenues[k] = cur.revenue[a];
    totalR += revenues[k];
    if (profits) {
      profits[k] = (cur.grossProfit as Float64Array)[a];
      totalGP += profits[k];
    }
  }
  const portfolioMargin = hasProfit && totalR !== 0 ? totalGP / totalR : null;

  // Profit rank: GP descending, ties by revenue rank.
  const profitRank = new Int32Array(n);
  if (profits) {
    const byProfit = Array.from({ length: n }, (_, k) => k);
    byProfit.sort((x, y) => profits[y] - profits[x] || x - y);
    byProfit.forEach((k, i) => (profitRank[k] = i + 1));
  }

  // Rank in the comparison period.
  const previousRank = new Int32Array(agg.accounts);
  if (prev) rankByRevenue(prev, table).forEach((a, i) => (previousRank[a] = i + 1));

  const ranked: AccountRow[] = new Array(n);
  let running = 0;
  let lossMaking = 0;
  for (let k = 0; k < n; k++) {
    const a = order[k];
    const R = revenues[k];
    running += R;
    const share = totalR > 0 ? R / totalR : 0;
    const GP = profits ? profits[k] : null;
    const margin = GP !== null && R !== 0 ? GP / R : null;
    const marginVsPortfolio =
      margin !== null && portfolioMargin !== null ? margin - portfolioMargin : null;
    const previousRevenue = prev ? prev.revenue[a] : null;
    const g = previousRevenue !== null ? growth(R, previousRevenue) : null;
    const isNew = previousRevenue === 0;
    if (GP !== null && GP < 0) lossMaking++;

    const flags: AccountFlag[] = [];
    const loss = GP !== null && GP < 0;
    if (loss) flags.push('loss-making');
    if (
      k < settings.topN &&
      !loss &&
      margin !== null &&
      portfolioMargin !== null &&
      margin < portfolioMargin - settings.thinMarginGap - EPS
    ) {
      flags.push('thin-margin');
    }
    const alarm = share >= settings.dependencyAlarmShare - EPS;
    if (!alarm && share >= settings.dependencyShare - EPS) flags.push('dependency');
    if (alarm) flags.push('dependency-alarm');
    if (g !== null && g <= settings.decliningGrowth + EPS) flags.push('declining');

    const ownerCode = agg.owner ? agg.owner[a] : -1;
    ranked[k] = {
      code: a,
      rank: k + 1,
      account: table.account.values[a],
      accountId: table.accountIds ? (table.accountIds[a] ?? null) : null,
      revenue: R,
      share,
      cumulativeShare: totalR > 0 ? running / totalR : 0,
      grossProfit: GP,
      margin,
      marginVsPortfolio,
      profitRank: profits ? profitRank[k] : null,
      previousRevenue,
      growth: g,
      isNew,
      previousRank: prev && previousRank[a] > 0 ? previousRank[a] : null,
      owner: ownerCode >= 0 ? table.owner!.values[ownerCode] : null,
      flags,
    };
  }

  const h = hhi(revenues);
  const portfolio: PortfolioMeasures = {
    hhi: h,
    hhiBand: hhiBand(h),
    effectiveCustomers: effectiveNumber(h),
    cr1: concentrationRatio(revenues, 1),
    cr5: concentrationRatio(revenues, 5),
    cr20: concentrationRatio(revenues, 20),
    n80: n80(revenues),
    gini: gini(revenues),
    whalePeak: profits ? whalePeak(profits) : null,
    lossMakingAccounts: lossMaking,
    margin: portfolioMargin,
  };

  return {
    periods,
    settings,
    totals: { revenue: totalR, grossProfit: hasProfit ? totalGP : null, accounts: n },
    portfolio,
    ranked,
    top: ranked.slice(0, Math.max(0, settings.topN)),
    whaleCurve: profits ? whaleCurve(profits) : new Float64Array(0),
  };
}

function stripUndefined(
  settings: Partial<AnalysisSettings> | undefined,
): Partial<AnalysisSettings> {
  const out: Record<string, number> = {};
  if (settings) {
    for (const [key, value] of Object.entries(settings)) if (value !== undefined) out[key] = value;
  }
  return out as Partial<AnalysisSettings>;
}

/** Settings a user can type wrong get a clear message instead of a silently empty Top N. */
function checkedSettings(s: AnalysisSettings): AnalysisSettings {
  const bad = (name: keyof AnalysisSettings, rule: string) =>
    new UserError(`The setting ${name} = ${String(s[name])} must be ${rule}.`);
  if (!Number.isInteger(s.topN) || s.topN < 1) throw bad('topN', 'a whole number of at least 1');
  for (const name of ['dependencyShare', 'dependencyAlarmShare'] as const) {
    if (!(s[name] > 0 && s[name] <= 1)) throw bad(name, 'a fraction above 0 and at most 1');
  }
  if (!(s.thinMarginGap >= 0 && s.thinMarginGap < 1))
    throw bad('thinMarginGap', 'a fraction from 0 to 1');
  if (!(s.decliningGrowth > -1 && s.decliningGrowth <= 0))
    throw bad('decliningGrowth', 'between -1 and 0');
  return s;
}
