/**
 * Every word the report builders write, in English and Swedish. One place, so a translation is
 * one edit and both languages always have the same keys.
 */
import type { AccountFlag, HhiBand } from '../analysis/types';

export type Lang = 'en' | 'sv';

const en = {
  top20Sheet: 'Top 20',
  issuesSheet: 'Data issues',
  top20Title: (n: number) => `Top ${n} accounts`,
  issuesTitle: 'Data issues',
  source: 'Source',
  sourceText: (sheet: string, first: number, last: number) =>
    `sheet "${sheet}", rows ${first}–${last}`,
  rowsText: (read: number, used: number, rejected: number) =>
    `${read} rows read = ${used} used + ${rejected} rejected`,
  period: 'Period',
  comparison: 'Comparison',
  none: 'none',
  allRows: 'all rows (the table has no date column)',
  filters: 'Filters',
  noFilters: 'none (all accounts, all products)',
  built: 'Built',
  builtBy: 'by KAM Toolkit',
  rank: 'Rank',
  account: 'Account',
  revenue: 'Revenue',
  share: 'Share',
  cumulativeShare: 'Cumulative share',
  grossProfit: 'Gross profit',
  margin: 'Margin',
  marginVsPortfolio: 'Margin vs portfolio (pp)',
  profitRank: 'Profit rank',
  previousRevenue: 'Revenue last period',
  growth: 'Growth',
  previousRank: 'Rank last period',
  flags: 'Flags',
  owner: 'Owner',
  notes: 'Notes / action',
  newAccount: 'new',
  topTotal: (n: number) => `Top ${n} total`,
  restTotal: (n: number) => `Rest of portfolio (${n} accounts)`,
  portfolioTotal: (n: number) => `Total portfolio (${n} accounts)`,
  measures: 'Portfolio concentration',
  hhi: 'HHI (0–10,000)',
  hhiBand: 'HHI band',
  effective: 'Effective number of customers',
  cr1: 'CR1 (largest account)',
  cr5: 'CR5 (five largest)',
  cr20: 'CR20 (twenty largest)',
  n80: 'N80 (accounts making 80% of revenue)',
  gini: 'Gini of account revenues',
  whalePeak: 'Whale-curve peak (% of total gross profit)',
  lossMaking: 'Loss-making accounts',
  portfolioMargin: 'Portfolio margin',
  noProfitData: 'no cost or profit column: profitability unknown',
  bands: { low: 'low', moderate: 'moderate', high: 'high' } satisfies Record<HhiBand, string>,
  flagText: {
    'loss-making': 'loss-making',
    'thin-margin': 'large but thin margin',
    dependency: 'dependency ≥10%',
    'dependency-alarm': 'dependency alarm ≥20%',
    declining: 'declining',
  } satisfies Record<AccountFlag, string>,
  keptNotesTitle: 'Notes kept from earlier builds (accounts no longer in the list)',
  paretoChart: 'Revenue by account and cumulative share (Pareto)',
  whaleChart: 'Whale curve: cumulative gross profit by share of accounts',
  whaleData: 'Whale curve data',
  accountsShare: '% of accounts',
  cumulativeProfit: 'Cumulative % of gross profit',
  row: 'Row',
  column: 'Column',
  value: 'Value',
  reason: 'Reason',
  action: 'Action',
  actions: { rejected: 'rejected', adjusted: 'adjusted' },
  columnNotes: 'How columns were read',
  noIssues: 'No rejected or adjusted rows.',
};

export type Labels = typeof en;

const sv: Labels = {
  top20Sheet: 'Topp 20',
  issuesSheet: 'Dataproblem',
  top20Title: (n) => `Topp ${n} kunder`,
  issuesTitle: 'Dataproblem',
  source: 'Källa',
  sourceText: (sheet, first, last) => `blad "${sheet}", rader ${first}–${last}`,
  rowsText: (read, used, rejected) =>
    `${read} rader lästa = ${used} använda + ${rejected} avvisade`,
  period: 'Period',
  comparison: 'Jämförelse',
  none: 'ingen',
  allRows: 'alla rader (tabellen saknar datumkolumn)',
  filters: 'Filter',
  noFilters: 'inga (alla kunder, alla produkter)',
  built: 'Skapad',
  builtBy: 'av KAM Toolkit',
  rank: 'Rang',
  account: 'Kund',
  revenue: 'Försäljning',
  share: 'Andel',
  cumulativeShare: 'Ackumulerad andel',
  grossProfit: 'Täckningsbidrag',
  margin: 'Marginal',
  marginVsPortfolio: 'Marginal mot portföljen (procentenheter)',
  profitRank: 'Rang efter TB',
  previousRevenue: 'Försäljning föregående period',
  growth: 'Tillväxt',
  previousRank: 'Rang föregående period',
  flags: 'Flaggor',
  owner: 'Kundansvarig',
  notes: 'Anteckningar / åtgärd',
  newAccount: 'ny',
  topTotal: (n) => `Topp ${n} totalt`,
  restTotal: (n) => `Övriga portföljen (${n} kunder)`,
  portfolioTotal: (n) => `Hela portföljen (${n} kunder)`,
  measures: 'Koncentration i portföljen',
  hhi: 'HHI (0–10 000)',
  hhiBand: 'HHI-nivå',
  effective: 'Effektivt antal kunder',
  cr1: 'CR1 (största kunden)',
  cr5: 'CR5 (fem största)',
  cr20: 'CR20 (tjugo största)',
  n80: 'N80 (kunder som står för 80 % av försäljningen)',
  gini: 'Gini för kundernas försäljning',
  whalePeak: 'Valkurvans topp (% av totalt TB)',
  lossMaking: 'Olönsamma kunder',
  portfolioMargin: 'Portföljens marginal',
  noProfitData: 'ingen kostnads- eller TB-kolumn: lönsamheten är okänd',
  bands: { low: 'låg', moderate: 'måttlig', high: 'hög' },
  flagText: {
    'loss-making': 'olönsam',
    'thin-margin': 'stor men tunn marginal',
    dependency: 'beroende ≥10 %',
    'dependency-alarm': 'beroendelarm ≥20 %',
    declining: 'minskande',
  },
  keptNotesTitle: 'Anteckningar sparade från tidigare körningar (kunder som inte längre är med)',
  paretoChart: 'Försäljning per kund och ackumulerad andel (Pareto)',
  whaleChart: 'Valkurva: ackumulerat TB efter andel kunder',
  whaleData: 'Valkurvans data',
  accountsShare: '% av kunderna',
  cumulativeProfit: 'Ackumulerat % av TB',
  row: 'Rad',
  column: 'Kolumn',
  value: 'Värde',
  reason: 'Orsak',
  action: 'Åtgärd',
  actions: { rejected: 'avvisad', adjusted: 'justerad' },
  columnNotes: 'Så lästes kolumnerna',
  noIssues: 'Inga avvisade eller justerade rader.',
};

/**
 * The labels of a language.
 *
 * @example
 * labels('sv').account // 'Kund'
 */
export function labels(lang: Lang): Labels {
  return lang === 'sv' ? sv : en;
}

/** Both languages, for readers that must recognise a sheet built in either. */
export const ALL_LABELS: readonly Labels[] = [en, sv];

/** The names of sheets the toolkit builds, in every language: never read as sales data. */
export const BUILT_SHEETS: ReadonlySet<string> = new Set(
  ALL_LABELS.flatMap((l) => [l.top20Sheet, l.issuesSheet]),
);
