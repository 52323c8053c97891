/**
 * Build KPI trends: the job every host runs — read the sales table (as the Top 20 does), pick the
 * Top 20 of the current period or the accounts asked for, read the Wallet sheet's periods, and
 * write the KPI trends and Data issues sheets.
 */
import type { HeaderOverride } from '../ingest/headers';
import {
  analyseKpiTrends,
  type KpiTrends,
  type TrendGrain,
  type TrendWallet,
} from '../analysis/kpi-trends';
import { isoDay } from '../analysis/calendar';
import { dataSpan, resolvePeriodsForSpan } from '../analysis/periods';
import type { AnalysisSettings, PeriodChoice, ResolvedPeriods } from '../analysis/types';
import type { IngestResult, RowIssue } from '../sales-table';
import { UserError } from '../user-error';
import type { Workbook } from '../workbook';
import { buildKpiTrendsSheet } from './kpi-trends-sheet';
import type { Lang } from './labels';
import { findAccount } from './prep-build';
import type { SourceInfo } from './sheet-header';
import { analyseSales, writeWithDataIssues } from './top20-build';

export interface TrendsBuildOptions {
  readonly sheet?: string;
  readonly period?: PeriodChoice;
  readonly lang?: Lang;
  readonly mapping?: HeaderOverride;
  readonly settings?: Partial<AnalysisSettings>;
  /** Default 'month'. */
  readonly grain?: TrendGrain;
  /** Account names (or ids, or unique parts of names); default the Top 20 of the period. */
  readonly accounts?: readonly string[];
  readonly now?: Date;
  /** When false, analyse only. Default true. */
  readonly write?: boolean;
}

/** `kam trends --json`. */
export interface TrendsJson {
  readonly grain: TrendGrain;
  readonly periods: readonly { label: string; from: string; to: string }[];
  readonly accounts: readonly {
    account: string;
    revenue: readonly number[];
    growth: readonly (number | null)[];
    margin: readonly (number | null)[] | null;
    shareOfWallet: readonly (number | null)[] | null;
    priceMix: readonly (number | null)[] | null;
  }[];
  readonly totals: { revenue: readonly number[] };
}

export interface TrendsBuildResult {
  readonly ingest: IngestResult;
  /** Every row on the Data issues sheet (sales, companion sheets, Signals log). */
  readonly issues: readonly RowIssue[];
  readonly periods: ResolvedPeriods;
  readonly trends: KpiTrends;
  readonly source: SourceInfo;
  readonly json: TrendsJson;
  readonly written: readonly string[];
}

/**
 * Runs Build KPI trends against a workbook.
 *
 * @example
 * const result = await buildKpiTrends(workbook, { grain: 'quarter' });
 * result.json.totals.revenue // per quarter, the Top 20's revenue
 */
export async function buildKpiTrends(
  workbook: Workbook,
  options: TrendsBuildOptions = {},
): Promise<TrendsBuildResult> {
  const lang = options.lang ?? 'en';
  const top = await analyseSales(workbook, options);
  const table = top.ingest.table;
  const periods = top.analysis.periods;
  const span = dataSpan(table);
  if (span === null)
    throw new UserError('KPI trends need dates: the sales table has no date column.');
  const chosen = options.accounts !== undefined && options.accounts.length > 0;
  const codes = chosen
    ? [...new Set((options.accounts as readonly string[]).map((a) => findAccount(table, a)))]
    : top.analysis.top.map((a) => a.code);
  const { companions } = top;
  const wallet: TrendWallet[] = companions.wallet.flatMap((w) =>
    w.period !== null && w.productGroup === null && w.accountCode !== null
      ? [
          {
            accountCode: w.accountCode,
            range: resolvePeriodsForSpan(span, w.period).current,
            wallet: w.wallet,
          },
        ]
      : [],
  );
  const trends = analyseKpiTrends(table, {
    range: periods.current,
    grain: options.grain ?? 'month',
    accounts: codes,
    wallet,
  });
  const json = trendsJson(trends);
  const base = {
    ingest: top.ingest,
    issues: top.issues,
    periods,
    trends,
    source: top.source,
    json,
  };
  if (options.write === false) return { ...base, written: [] };
  const common = { lang, source: top.source, builtAt: options.now };
  const sheet = buildKpiTrendsSheet(trends, { ...common, periods, chosen });
  const written = await writeWithDataIssues(workbook, sheet, top, {
    lang,
    now: options.now,
    periods,
  });
  return { ...base, written };
}

/**
 * The trends as JSON (days as ISO dates).
 *
 * @example
 * trendsJson(trends).periods[0] // { label: '2025-12', from: '2025-12-01', to: '2025-12-31' }
 */
export function trendsJson(trends: KpiTrends): TrendsJson {
  return {
    grain: trends.grain,
    periods: trends.periods.map((p) => ({
      label: p.label,
      from: isoDay(p.from),
      to: isoDay(p.to),
    })),
    accounts: trends.accounts.map((a) => ({
      account: a.account,
      revenue: a.revenue,
      growth: a.growth,
      margin: a.margin,
      shareOfWallet: a.shareOfWallet,
      priceMix: a.priceMix,
    })),
    totals: { revenue: trends.totals.revenue },
  };
}
