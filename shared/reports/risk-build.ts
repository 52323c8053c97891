/**
 * Portfolio risk: the whole job every host runs — read the sales table and the Stakeholders
 * sheet, analyse the portfolio's risks (SPEC §5: concentration, dependency, whale curve,
 * loss-making accounts, key-person risk across accounts, transparency exposure by account) and
 * write the Portfolio risk and Data issues sheets.
 */
import type { HeaderOverride } from '../ingest/headers';
import { keyPersonRisk } from '../analysis/coverage';
import { currentRange, periodExposure } from '../analysis/price-bands';
import type {
  AccountRow,
  AnalysisSettings,
  PeriodChoice,
  PortfolioMeasures,
  ResolvedPeriods,
  Top20Analysis,
} from '../analysis/types';
import { walkAwayProfit } from '../analysis/walk-away';
import { isoDay } from '../analysis/calendar';
import type { CompanionData } from '../companions/readers';
import type { IngestResult, RowIssue } from '../sales-table';
import type { Workbook } from '../workbook';
import type { Lang } from './labels';
import { buildPortfolioRiskSheet } from './portfolio-risk-sheet';
import type { SourceInfo } from './sheet-header';
import { analyseSales, writeWithDataIssues } from './top20-build';

export interface RiskBuildOptions {
  readonly sheet?: string;
  readonly period?: PeriodChoice;
  readonly lang?: Lang;
  readonly mapping?: HeaderOverride;
  readonly settings?: Partial<AnalysisSettings>;
  readonly now?: Date;
  /** When false, analyse only. Default true. */
  readonly write?: boolean;
}

/** Key-person risk at one account, counted. */
export interface AccountKeyPersonRisk {
  readonly code: number;
  readonly account: string;
  /** Decision makers with coverage ≤ 1. */
  readonly uncovered: number;
  /** Of which high influence. */
  readonly highUncovered: number;
  readonly criticalPeople: readonly string[];
}

export interface PortfolioRisk {
  readonly periods: ResolvedPeriods;
  readonly settings: AnalysisSettings;
  readonly totals: Top20Analysis['totals'];
  readonly portfolio: PortfolioMeasures;
  /** Accounts at or above the dependency share, largest first, with the walk-away result. */
  readonly dependencies: readonly {
    readonly row: AccountRow;
    readonly alarm: boolean;
    readonly profitLeft: number | null;
  }[];
  /** Loss-making accounts, most negative gross profit first. */
  readonly lossMaking: readonly AccountRow[];
  readonly whaleCurve: Float64Array;
  /** null when there is no Stakeholders sheet; accounts with most high-influence gaps first. */
  readonly keyPersonRisk: readonly AccountKeyPersonRisk[] | null;
  /** null without product or quantity column; accounts with exposure > 0, largest first. */
  readonly exposure: {
    readonly total: number;
    readonly accounts: readonly {
      readonly code: number;
      readonly account: string;
      readonly revenue: number;
      readonly exposure: number;
    }[];
  } | null;
}

/**
 * Analyses the portfolio's risks (pure: no workbook).
 *
 * @example
 * const risk = analysePortfolioRisk(table, analyseTop20(table), companions);
 * risk.dependencies.map((d) => d.row.account)
 */
export function analysePortfolioRisk(
  table: IngestResult['table'],
  analysis: Top20Analysis,
  companions: Pick<CompanionData, 'stakeholders' | 'sheets'>,
): PortfolioRisk {
  const s = analysis.settings;
  const EPS = 1e-12;
  const totalProfit = analysis.totals.grossProfit;
  const dependencies = analysis.ranked
    .filter((r) => r.share >= s.dependencyShare - EPS)
    .map((row) => ({
      row,
      alarm: row.share >= s.dependencyAlarmShare - EPS,
      profitLeft:
        totalProfit === null || row.grossProfit === null
          ? null
          : walkAwayProfit(totalProfit, row.grossProfit),
    }));
  const lossMaking = analysis.ranked
    .filter((r) => r.grossProfit !== null && r.grossProfit < 0)
    .sort((x, y) => (x.grossProfit as number) - (y.grossProfit as number) || x.rank - y.rank);

  let keyPerson: AccountKeyPersonRisk[] | null = null;
  if (companions.sheets.stakeholders !== undefined) {
    const byCode = new Map<number, typeof companions.stakeholders>();
    for (const st of companions.stakeholders) {
      if (st.accountCode === null) continue;
      byCode.set(st.accountCode, [...(byCode.get(st.accountCode) ?? []), st]);
    }
    keyPerson = [];
    for (const [code, rows] of byCode) {
      const risk = keyPersonRisk(
        rows.map((st) => ({
          account: table.account.values[code],
          name: st.name,
          influence: st.influence,
          ourContacts: st.ourContacts,
        })),
      )[0];
      if (risk === undefined) continue;
      keyPerson.push({
        code,
        account: table.account.values[code],
        uncovered: risk.uncovered.length,
        highUncovered: risk.uncovered.filter((u) => u.influence === 'high').length,
        criticalPeople: risk.criticalPeople,
      });
    }
    keyPerson.sort(
      (x, y) =>
        y.highUncovered - x.highUncovered ||
        y.uncovered - x.uncovered ||
        (x.account < y.account ? -1 : 1),
    );
  }

  const ex = periodExposure(table, currentRange(analysis.periods));
  const revenueOf = new Map(analysis.ranked.map((r) => [r.code, r.revenue]));
  const exposure = ex && {
    total: ex.total,
    accounts: Array.from(ex.accounts, (code, i) => ({
      code,
      account: table.account.values[code],
      revenue: revenueOf.get(code) ?? 0,
      exposure: ex.exposure[i],
    }))
      .filter((e) => e.exposure > 0)
      .sort((x, y) => y.exposure - x.exposure || x.code - y.code),
  };

  return {
    periods: analysis.periods,
    settings: s,
    totals: analysis.totals,
    portfolio: analysis.portfolio,
    dependencies,
    lossMaking,
    whaleCurve: analysis.whaleCurve,
    keyPersonRisk: keyPerson,
    exposure,
  };
}

/** The `kam risk --json` contract. */
export interface RiskJson {
  readonly period: { from: string; to: string } | null;
  readonly comparison: { from: string; to: string } | null;
  readonly totals: Top20Analysis['totals'];
  readonly portfolio: PortfolioMeasures;
  readonly dependencies: readonly {
    account: string;
    revenue: number;
    share: number;
    alarm: boolean;
    grossProfit: number | null;
    profitLeft: number | null;
  }[];
  readonly lossMaking: readonly {
    account: string;
    revenue: number;
    grossProfit: number;
    margin: number | null;
  }[];
  readonly keyPersonRisk: readonly Omit<AccountKeyPersonRisk, 'code'>[] | null;
  readonly exposure: {
    total: number;
    perAccount: readonly { account: string; revenue: number; exposure: number }[];
  } | null;
}

/**
 * The portfolio risk figures as plain JSON.
 *
 * @example
 * riskJson(analysePortfolioRisk(table, analysis, companions)).exposure?.total
 */
export function riskJson(risk: PortfolioRisk): RiskJson {
  const days = (r: { from: number; to: number } | null) =>
    r === null || !Number.isFinite(r.from) ? null : { from: isoDay(r.from), to: isoDay(r.to) };
  return {
    period: days(risk.periods.current),
    comparison: days(risk.periods.comparison),
    totals: risk.totals,
    portfolio: risk.portfolio,
    dependencies: risk.dependencies.map((d) => ({
      account: d.row.account,
      revenue: d.row.revenue,
      share: d.row.share,
      alarm: d.alarm,
      grossProfit: d.row.grossProfit,
      profitLeft: d.profitLeft,
    })),
    lossMaking: risk.lossMaking.map((r) => ({
      account: r.account,
      revenue: r.revenue,
      grossProfit: r.grossProfit as number,
      margin: r.margin,
    })),
    keyPersonRisk: risk.keyPersonRisk?.map(({ code: _code, ...k }) => k) ?? null,
    exposure: risk.exposure && {
      total: risk.exposure.total,
      perAccount: risk.exposure.accounts.map(({ code: _code, ...e }) => e),
    },
  };
}

export interface RiskBuildResult {
  readonly ingest: IngestResult;
  readonly source: SourceInfo;
  readonly companions: CompanionData;
  /** Every row on the Data issues sheet (sales, companion sheets, Signals log). */
  readonly issues: readonly RowIssue[];
  readonly risk: PortfolioRisk;
  readonly json: RiskJson;
  readonly written: readonly string[];
}

/**
 * Runs Portfolio risk against a workbook.
 *
 * @example
 * const result = await buildPortfolioRisk(workbook, { lang: 'sv' });
 * result.written // ['Portföljrisk', 'Dataproblem']
 */
export async function buildPortfolioRisk(
  workbook: Workbook,
  options: RiskBuildOptions = {},
): Promise<RiskBuildResult> {
  const lang = options.lang ?? 'en';
  const top = await analyseSales(workbook, options);
  const table = top.ingest.table;
  const { companions } = top;
  const risk = analysePortfolioRisk(table, top.analysis, companions);
  const base = {
    ingest: top.ingest,
    issues: top.issues,
    source: top.source,
    companions,
    risk,
    json: riskJson(risk),
  };
  if (options.write === false) return { ...base, written: [] };
  const common = { lang, source: top.source, builtAt: options.now };
  const sheet = buildPortfolioRiskSheet(risk, common);
  const written = await writeWithDataIssues(workbook, sheet, top, {
    lang,
    now: options.now,
    periods: risk.periods,
  });
  return { ...base, written };
}
