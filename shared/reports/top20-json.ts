/**
 * The Top 20 as plain JSON (the `kam top20 --json` contract): shares, margins, growth and the
 * whale peak as fractions, HHI on the 0–10,000 scale, money unrounded, dates as ISO days. Price
 * position, wallet, share of wallet and role are null when unknown (no prices, no Wallet row, no
 * account plan); roles are as written on the Account plans sheet.
 */
import { isoDay } from '../analysis/calendar';
import type { AccountFlag, DayRange, HhiBand, Top20Analysis } from '../analysis/types';
import type { IngestResult } from '../sales-table';

export interface Top20Json {
  readonly input: { rowsRead: number; rowsUsed: number; rowsRejected: number };
  readonly period: { from: string; to: string } | null;
  readonly comparison: { from: string; to: string } | null;
  readonly totals: { revenue: number; grossProfit: number | null; accounts: number };
  readonly portfolio: {
    hhi: number;
    hhiBand: HhiBand;
    effectiveCustomers: number;
    cr1: number;
    cr5: number;
    cr20: number;
    n80: number;
    gini: number;
    whalePeak: number | null;
    lossMakingAccounts: number;
    margin: number | null;
  };
  readonly rows: readonly {
    rank: number;
    account: string;
    accountId: string | null;
    revenue: number;
    share: number;
    cumulativeShare: number;
    grossProfit: number | null;
    margin: number | null;
    marginVsPortfolio: number | null;
    profitRank: number | null;
    previousRevenue: number | null;
    growth: number | null;
    new: boolean;
    previousRank: number | null;
    owner: string | null;
    flags: readonly AccountFlag[];
    pricePosition: number | null;
    wallet: number | null;
    shareOfWallet: number | null;
    roleToday: string | null;
    roleTarget: string | null;
  }[];
  readonly issues: number;
}

/** A table without dates has no period to name: null, like a missing comparison. */
const range = (r: DayRange | null) =>
  r && Number.isFinite(r.from) ? { from: isoDay(r.from), to: isoDay(r.to) } : null;

/**
 * The JSON summary of a Top 20 analysis.
 *
 * @example
 * JSON.stringify(top20Json(analyseTop20(result.table), result))
 */
export function top20Json(
  analysis: Top20Analysis,
  input: Pick<IngestResult, 'rowsRead' | 'rowsUsed' | 'rowsRejected' | 'issues'>,
): Top20Json {
  return {
    input: { rowsRead: input.rowsRead, rowsUsed: input.rowsUsed, rowsRejected: input.rowsRejected },
    period: range(analysis.periods.current),
    comparison: range(analysis.periods.comparison),
    totals: { ...analysis.totals },
    portfolio: { ...analysis.portfolio },
    rows: analysis.top.map((a) => ({
      rank: a.rank,
      account: a.account,
      accountId: a.accountId,
      revenue: a.revenue,
      share: a.share,
      cumulativeShare: a.cumulativeShare,
      grossProfit: a.grossProfit,
      margin: a.margin,
      marginVsPortfolio: a.marginVsPortfolio,
      profitRank: a.profitRank,
      previousRevenue: a.previousRevenue,
      growth: a.growth,
      new: a.isNew,
      previousRank: a.previousRank,
      owner: a.owner,
      flags: a.flags,
      pricePosition: a.pricePosition ?? null,
      wallet: a.wallet ?? null,
      shareOfWallet: a.shareOfWallet ?? null,
      roleToday: a.role ? a.role.today : null,
      roleTarget: a.role ? a.role.target : null,
    })),
    issues: input.issues.length,
  };
}
