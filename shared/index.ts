/**
 * The KAM Toolkit core: everything a host needs, nothing of any host. Hosts (cli/, addin/,
 * apps-script/) import from here; the core imports none of them.
 */
export * from './sales-table';
export * from './sheet-spec';
export * from './workbook';
export * from './user-error';
export * from './analysis/types';
export { analyseTop20 } from './analysis/top20';
export { parsePeriodArg, resolvePeriods } from './analysis/periods';
export { SalesIngest, ingestSales, type IngestOptions } from './ingest/sales-ingest';
export { findHeaderRow, matchHeaders } from './ingest/headers';
export { buildTop20, type Top20BuildOptions, type Top20BuildResult } from './reports/top20-build';
export { buildTop20Sheet } from './reports/top20-sheet';
export { buildDataIssuesSheet } from './reports/data-issues-sheet';
export { top20Json, type Top20Json } from './reports/top20-json';
export { top20Summary } from './reports/top20-summary';
export { labels, type Lang } from './reports/labels';
export { MemoryWorkbook } from './memory-workbook';
export {
  findSalesSources,
  REQUIRED_FIELDS,
  SALES_FIELDS,
  type SalesSource,
} from './reports/sales-sources';
export {
  buildNegotiationPrep,
  analyseNegotiation,
  findAccount,
  type NegotiationPrep,
  type PrepBuildOptions,
  type PrepBuildResult,
  type PrepJson,
} from './reports/prep-build';
export { buildNegotiationPrepSheet, prepSheetName } from './reports/negotiation-prep-sheet';
export {
  buildPortfolioRisk,
  analysePortfolioRisk,
  type PortfolioRisk,
  type RiskBuildOptions,
  type RiskBuildResult,
  type RiskJson,
} from './reports/risk-build';
export { buildPortfolioRiskSheet } from './reports/portfolio-risk-sheet';
export { safeSheetName } from './reports/sheet-names';
export { companionTemplate, companionTemplates } from './companions/templates';
export { readCompanions, accountLookup, type CompanionData } from './companions/readers';
export { COMPANIONS, type CompanionKind } from './companions/schema';
export { accountList, type AccountListItem } from './reports/account-list';
export {
  assessSignals,
  openSignals,
  signalCounts,
  signalFlags,
  withSignalFlags,
  DEFAULT_SIGNAL_LIMIT_HOURS,
  type AssessedSignal,
  type Signal,
  type SignalState,
} from './analysis/signals';
export { readSignalLog, parseSignalLog, type SignalLog } from './companions/signals-reader';
export { SIGNALS, SIGNAL_TYPES, ROLES } from './companions/schema';
export { buildSignalsSheet, signalRowCells, SIGNALS_LAYOUT } from './reports/signals-sheet';
export {
  appendSignal,
  createSignalsSheet,
  reportSignals,
  signalsJson,
  signalToAppend,
  type AppendSignalResult,
  type NewSignal,
  type SignalsJson,
  type SignalsReport,
} from './reports/signals-build';
export { appendedFormula, APPEND_ROW_TOKEN, type AppendCell, type AppendRow } from './workbook';
export {
  analyseKpiTrends,
  trendPeriods,
  type KpiTrends,
  type TrendGrain,
} from './analysis/kpi-trends';
export { buildKpiTrendsSheet } from './reports/kpi-trends-sheet';
export {
  buildKpiTrends,
  type TrendsBuildOptions,
  type TrendsBuildResult,
  type TrendsJson,
} from './reports/trends-build';
export {
  keyPersonRiskWithDeputies,
  planStatuses,
  ROLE_SCALE,
  roleArrow,
  roleStep,
  type AccountPlan,
  type PlanStatus,
} from './analysis/account-plans';
export {
  isPriceOutlier,
  pricePositions,
  PRICE_OUTLIER_HIGH,
  PRICE_OUTLIER_LOW,
  PRICE_OUTLIER_MIN_BUYERS,
  withTop20Extras,
  type Top20ExtraData,
  type Top20WalletRow,
} from './analysis/top20';
