/**
 * The Top 20 analysis (SPEC §3, §5 "Top 20"): rank the accounts active in the current period by
 * revenue, with share, profitability, growth against the comparison period, owner, flags, and the
 * portfolio's concentration measures.
 */
import { accountLookup } from '../companions/readers';
import type { SalesField, SalesTable } from '../sales-table';
import { UserError } from '../user-error';
import { aggregateAccounts, type PeriodAggregates } from './accounts';
import { keyPersonRiskWithDeputies, planStatuses, type AccountPlan } from './account-plans';
import { concentrationRatio, effectiveNumber, gini, hhi, hhiBand, n80 } from './concentration';
import type { Stakeholder } from './coverage';
import { growth } from './growth';
import { dataSpan, resolvePeriods, resolvePeriodsForSpan } from './periods';
import { countBelow } from './price-band';
import { currentRange, productPriceBands } from './price-bands';
import { withSignalFlags, type AssessedSignal } from './signals';
import {
  DEFAULT_SETTINGS,
  type AccountFlag,
  type AccountRow,
  type AnalysisSettings,
  type DayRange,
  type PeriodChoice,
  type PortfolioMeasures,
  type Top20Analysis,
} from './types';
import { shareOfWallet } from './wallet';
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
 * The fields {@link analyseTop20} reads: an ingest for it alone may keep only these
 * (`IngestOptions.fields`). `withTop20Extras` needs more (product, quantity for price positions).
 *
 * @example
 * new SalesIngest(header, { fields: TOP20_FIELDS });
 */
export const TOP20_FIELDS: readonly SalesField[] = [
  'date',
  'account',
  'accountId',
  'revenue',
  'cost',
  'grossProfit',
  'owner',
];

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
 *   `withTop20Extras` adds price outlier, key-person risk, review overdue and signal flags, share
 *   of wallet and role.
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

// ---------------------------------------------------------------------------------------------
// The companion data on the Top 20 (SPEC §5: share of wallet, role, price outlier, key-person
// risk, open/overdue signal; issue 7: overdue account-plan reviews)

/** A product's price band counts for the price position only with at least this many buyers. */
export const PRICE_OUTLIER_MIN_BUYERS = 5;
/** A price position above this is a price outlier (the account pays the most). */
export const PRICE_OUTLIER_HIGH = 0.9;
/** A price position below this is a price outlier (the account pays the least). */
export const PRICE_OUTLIER_LOW = 0.1;

/**
 * Each account's price position in the range: over the products it bought whose band has at least
 * `PRICE_OUTLIER_MIN_BUYERS` buyers, the revenue-weighted mean of its percentile in each band
 * (pricePercentile: buyers paying less / (buyers − 1); 0 = the cheapest, 1 = the dearest). Pairs
 * with revenue ≤ 0 carry no weight. Accounts without such a product are absent; an empty map
 * without product or quantity column.
 *
 * @example
 * // Product A bought by 5 accounts at 10, 11, 12, 13, 14: the one paying 14 has position 1
 * pricePositions(table, null).get(code) // 1
 */
export function pricePositions(table: SalesTable, range: DayRange | null): Map<number, number> {
  const bands = productPriceBands(table, range) ?? [];
  const weighted = new Map<number, { sum: number; weight: number }>();
  for (const b of bands) {
    const n = b.prices.length;
    if (n < PRICE_OUTLIER_MIN_BUYERS) continue;
    const sorted = Float64Array.from(b.prices).sort();
    for (let j = 0; j < n; j++) {
      const revenue = b.prices[j] * b.quantities[j];
      if (!(revenue > 0)) continue;
      const position = countBelow(sorted, b.prices[j]) / (n - 1);
      const acc = weighted.get(b.accounts[j]) ?? { sum: 0, weight: 0 };
      acc.sum += revenue * position;
      acc.weight += revenue;
      weighted.set(b.accounts[j], acc);
    }
  }
  const out = new Map<number, number>();
  for (const [code, { sum, weight }] of weighted) out.set(code, sum / weight);
  return out;
}

/**
 * Whether a price position makes the account a price outlier: above 0.9 or below 0.1 (strictly,
 * to the 1e-12 tolerance).
 *
 * @example
 * isPriceOutlier(0.95) // true
 * isPriceOutlier(0.9) // false
 */
export function isPriceOutlier(position: number | null | undefined): boolean {
  if (position === null || position === undefined || !Number.isFinite(position)) return false;
  return position > PRICE_OUTLIER_HIGH + EPS || position < PRICE_OUTLIER_LOW - EPS;
}

/** A Wallet row as the Top 20 needs it (companions/readers WalletRow fits). */
export interface Top20WalletRow {
  /** Account code in the sales table; null = matched by `account`. */
  readonly accountCode: number | null;
  readonly account: string;
  /** null = all product groups (only those rows count on the Top 20). */
  readonly productGroup: string | null;
  /** null = the build's current period. */
  readonly period: PeriodChoice | null;
  readonly wallet: number;
}

/** What the Top 20 reads beside the sales table (every part optional). */
export interface Top20ExtraData {
  /** Stakeholders rows (companions/readers StakeholderRow fits). */
  readonly stakeholders?: readonly (Stakeholder & { readonly accountCode: number | null })[];
  readonly wallet?: readonly Top20WalletRow[];
  /** Account plans rows (companions/readers AccountPlanRow fits). */
  readonly plans?: readonly (AccountPlan & { readonly accountCode: number | null })[];
  /** The Signals log's signals with their clocks (analysis/signals assessSignals). */
  readonly signals?: readonly AssessedSignal[];
  /** The day reviews are judged at (epoch days; the time of day is ignored). */
  readonly asOf: number;
}

const sameRange = (a: DayRange | null, b: DayRange | null): boolean =>
  a === null || b === null
    ? a === b
    : (a.from === b.from || (Number.isNaN(a.from) && Number.isNaN(b.from))) &&
      (a.to === b.to || (Number.isNaN(a.to) && Number.isNaN(b.to)));

/**
 * The Top 20 with what the sales table alone cannot tell (SPEC §5 "Top 20"):
 * - pricePosition and the 'price-outlier' flag (see `pricePositions`, `isPriceOutlier`), from the
 *   sales table's prices in the current period;
 * - wallet and shareOfWallet = revenue / wallet, from the first Wallet row of the account with no
 *   product group whose period is blank (= the current period) or resolves to the current period;
 * - role { today, target } from the account's plan when either is filled in;
 * - 'key-person-risk': keyPersonRiskWithDeputies over Stakeholders and Account plans finds a
 *   high-influence decision maker known by at most one of our people;
 * - 'review-overdue': the plan's next review is before `asOf` (planStatuses);
 * - 'open-signal' / 'overdue-signal' last (withSignalFlags).
 * Companion rows match the sales accounts by `accountCode`, else by name or id (case and spacing
 * ignored). `extras` says which optional columns have data among the listed (Top N) accounts.
 *
 * @example
 * const top = withTop20Extras(analyseTop20(table), table, { ...companions, signals, asOf: now });
 * top.top[0].shareOfWallet; top.top[0].flags; top.extras // { shareOfWallet: true, role: true }
 */
export function withTop20Extras(
  analysis: Top20Analysis,
  table: SalesTable,
  data: Top20ExtraData,
): Top20Analysis {
  const lookup = accountLookup(table);
  const codeOf = (row: { accountCode: number | null; account: string }) =>
    row.accountCode ?? lookup(row.account);
  const range = currentRange(analysis.periods);
  const positions = pricePositions(table, range);

  // Wallet: the current period's total estimate per account.
  const wallets = new Map<number, number>();
  const span = dataSpan(table);
  for (const w of data.wallet ?? []) {
    const code = codeOf(w);
    if (code === null || w.productGroup !== null || wallets.has(code)) continue;
    if (w.period !== null) {
      let r: DayRange | null;
      try {
        r = resolvePeriodsForSpan(span, w.period).current;
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        r = w.period.kind === 'custom' ? { from: w.period.from, to: w.period.to } : null;
      }
      if (r === null || !sameRange(r, analysis.periods.current)) continue;
    }
    wallets.set(code, w.wallet);
  }

  // Plans: role and review, first plan per account.
  const plans = new Map<number, AccountPlan>();
  for (const p of data.plans ?? []) {
    const code = codeOf(p);
    if (code !== null && !plans.has(code)) plans.set(code, p);
  }
  const overdue = new Set<number>();
  const planCodes = [...plans.keys()];
  planStatuses(
    planCodes.map((c) => plans.get(c) as AccountPlan),
    data.asOf,
  ).forEach((s, i) => {
    if (s.reviewOverdue) overdue.add(planCodes[i]);
  });

  // Key-person risk, accounts keyed by their code so that two accounts of one name stay apart.
  const keyOf = (code: number) => `#${code}`;
  const stakeholders: Stakeholder[] = [];
  for (const s of data.stakeholders ?? []) {
    const code = codeOf(s);
    if (code === null) continue;
    stakeholders.push({
      account: keyOf(code),
      name: s.name,
      influence: s.influence,
      ourContacts: s.ourContacts,
    });
  }
  const deputies = planCodes.map((c) => ({ ...(plans.get(c) as AccountPlan), account: keyOf(c) }));
  const atRisk = new Set<number>();
  for (const risk of keyPersonRiskWithDeputies(stakeholders, deputies)) {
    if (risk.uncovered.some((u) => u.influence === 'high'))
      atRisk.add(Number(risk.account.slice(1)));
  }

  const enrich = (a: AccountRow): AccountRow => {
    const flags: AccountFlag[] = [...a.flags];
    const position = positions.get(a.code) ?? null;
    if (isPriceOutlier(position)) flags.push('price-outlier');
    if (atRisk.has(a.code)) flags.push('key-person-risk');
    if (overdue.has(a.code)) flags.push('review-overdue');
    const wallet = wallets.get(a.code) ?? null;
    const plan = plans.get(a.code);
    const hasRole =
      plan !== undefined && (plan.roleToday.trim() !== '' || plan.roleTarget.trim() !== '');
    return {
      ...a,
      flags,
      pricePosition: position,
      wallet,
      shareOfWallet: wallet === null ? null : shareOfWallet(a.revenue, wallet),
      role: hasRole ? { today: plan.roleToday, target: plan.roleTarget } : null,
    };
  };
  const ranked = analysis.ranked.map(enrich);
  const top = ranked.slice(0, analysis.top.length);
  const enriched: Top20Analysis = {
    ...analysis,
    ranked,
    top,
    extras: {
      shareOfWallet: top.some((a) => a.shareOfWallet !== null && a.shareOfWallet !== undefined),
      role: top.some((a) => a.role !== null && a.role !== undefined),
    },
  };
  return withSignalFlags(enriched, data.signals ?? []);
}
