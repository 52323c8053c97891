/** Result shapes of the Top 20 analysis (SPEC §3). All shares, margins and growth are fractions. */

/** How the user chose the period. */
export type PeriodChoice =
  | { readonly kind: 'r12' }
  | { readonly kind: 'ytd' }
  | { readonly kind: 'year'; readonly year: number }
  | { readonly kind: 'custom'; readonly from: number; readonly to: number }
  | { readonly kind: 'all' };

/** An inclusive range of whole epoch days (see sales-table.ts). */
export interface DayRange {
  readonly from: number;
  readonly to: number;
}

export interface ResolvedPeriods {
  readonly choice: PeriodChoice;
  /** The current period; for 'all' it spans the data. */
  readonly current: DayRange;
  /** The comparison period, or null ('all', or no dates). */
  readonly comparison: DayRange | null;
}

/** Thresholds, with SPEC §3 defaults in `DEFAULT_SETTINGS`. */
export interface AnalysisSettings {
  /** Number of accounts on the Top N sheet (20). */
  readonly topN: number;
  /** Share at or above which an account is a dependency (0.10). */
  readonly dependencyShare: number;
  /** Share at or above which dependency is an alarm (0.20). */
  readonly dependencyAlarmShare: number;
  /** A Top N account whose margin is this many points (fraction) below the portfolio margin is "large but thin" (0.05). */
  readonly thinMarginGap: number;
  /** Growth at or below which an account is declining (-0.10). */
  readonly decliningGrowth: number;
}

export const DEFAULT_SETTINGS: AnalysisSettings = {
  topN: 20,
  dependencyShare: 0.1,
  dependencyAlarmShare: 0.2,
  thinMarginGap: 0.05,
  decliningGrowth: -0.1,
};

export type AccountFlag =
  | 'loss-making'
  | 'thin-margin'
  | 'dependency'
  | 'dependency-alarm'
  | 'declining'
  /**
   * The account pays, revenue-weighted over its products with at least 5 buyers, a price position
   * above the bands' 90th percentile or below their 10th (analysis/top20.ts `pricePositions`).
   */
  | 'price-outlier'
  /** A high-influence decision maker known by at most one of our people, deputies counted. */
  | 'key-person-risk'
  /** The account plan's next review is before the build day. */
  | 'review-overdue'
  /** An open signal on the Signals log, still within its limit (analysis/signals.ts). */
  | 'open-signal'
  /** An open signal past its limit. */
  | 'overdue-signal';

export type HhiBand = 'low' | 'moderate' | 'high';

export interface PortfolioMeasures {
  /** 0–10,000 (0 only when no account has positive revenue). */
  readonly hhi: number;
  readonly hhiBand: HhiBand;
  readonly effectiveCustomers: number;
  readonly cr1: number;
  readonly cr5: number;
  readonly cr20: number;
  readonly n80: number;
  readonly gini: number;
  /** Whale-curve peak as a fraction (1.25 = 125 %), null when total GP ≤ 0 or unknown. */
  readonly whalePeak: number | null;
  readonly lossMakingAccounts: number;
  /** Portfolio margin = ΣGP / ΣR, null when unknown. */
  readonly margin: number | null;
}

/** One account's figures in the current period (index = rank − 1 in `Top20Analysis.ranked`). */
export interface AccountRow {
  /** Account code in the SalesTable dictionary. */
  readonly code: number;
  readonly rank: number;
  readonly account: string;
  readonly accountId: string | null;
  readonly revenue: number;
  readonly share: number;
  readonly cumulativeShare: number;
  /** null when the table has no cost or profit column. */
  readonly grossProfit: number | null;
  readonly margin: number | null;
  readonly marginVsPortfolio: number | null;
  /** Rank by gross profit, 1 = most profitable; null without profit data. */
  readonly profitRank: number | null;
  /** Revenue in the comparison period (0 when none), null when there is no comparison period. */
  readonly previousRevenue: number | null;
  /** Growth; null when there is no comparison period or the account is new. */
  readonly growth: number | null;
  /** True when the account had no comparison revenue (growth "new"). */
  readonly isNew: boolean;
  /** Rank by revenue in the comparison period, null when absent there. */
  readonly previousRank: number | null;
  readonly owner: string | null;
  readonly flags: readonly AccountFlag[];
  /**
   * Revenue-weighted price position over the account's products with at least 5 buyers
   * (0 = the cheapest in every band, 1 = the dearest); null when none or without prices. Set by
   * `withTop20Extras`; absent from a bare `analyseTop20` result.
   */
  readonly pricePosition?: number | null;
  /** The account's estimated total spend for the current period (Wallet sheet), null when unknown. */
  readonly wallet?: number | null;
  /** Share of wallet = revenue / wallet, null when unknown. */
  readonly shareOfWallet?: number | null;
  /** Our role today and the target in 12 months (Account plans, as written), null when unknown. */
  readonly role?: { readonly today: string; readonly target: string } | null;
}

/** Which optional Top 20 columns have data (set by `withTop20Extras`). */
export interface Top20Extras {
  /** At least one listed account has a share of wallet. */
  readonly shareOfWallet: boolean;
  /** At least one listed account has a role today or target. */
  readonly role: boolean;
}

export interface Top20Analysis {
  readonly periods: ResolvedPeriods;
  readonly settings: AnalysisSettings;
  readonly totals: {
    readonly revenue: number;
    readonly grossProfit: number | null;
    readonly accounts: number;
  };
  readonly portfolio: PortfolioMeasures;
  /** Every account with activity in the current period, by revenue descending (ties by name). */
  readonly ranked: readonly AccountRow[];
  /** The first `settings.topN` of `ranked`. */
  readonly top: readonly AccountRow[];
  /** Whale curve points: cumulative GP share after k accounts (k = 1..n), accounts by GP descending. */
  readonly whaleCurve: Float64Array;
  /** The optional columns with data; absent = none (a bare `analyseTop20` result). */
  readonly extras?: Top20Extras;
}
