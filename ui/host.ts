/**
 * The task pane's only door to the world: the Host port. Excel (Office.js), the Google Sheets
 * sidebar (google.script.run) and the in-browser preview each implement it; the React app and its
 * state talk to nothing else (no Office, no google.script, no window globals in components).
 */
import type { PeriodChoice } from '../shared/analysis/types';
import type { AccountListItem } from '../shared/reports/account-list';
import type { Top20Json } from '../shared/reports/top20-json';
import type { SalesSource } from '../shared/reports/sales-sources';
import type { SalesField } from '../shared/sales-table';

export type PaneLanguage = 'en' | 'sv';

/** The buckets of the KPI trends: calendar months or quarters of the period. */
export type TrendsGrain = 'month' | 'quarter';

/** The user's choice of source, mapping and period, remembered in the workbook. */
export interface SavedChoice {
  readonly sheet: string;
  /** Field → header text (as in the source's headers), for the fields the user corrected or confirmed. */
  readonly mapping: Partial<Record<SalesField, string | null>>;
  readonly period: PeriodChoice;
}

/** What a build reports while it runs. */
export interface BuildProgress {
  readonly phase: 'reading' | 'analysing' | 'writing' | 'done';
  /** Data rows read so far. */
  readonly rowsRead: number;
  /** Data rows the source holds, when known (for a determinate bar). */
  readonly rowsTotal?: number;
}

/** The result of a build, for the pane's summary. */
export interface BuildOutcome {
  /** "Top 20 = 41% of revenue; 3 of them below portfolio margin; largest account 9% …" */
  readonly summary: string;
  readonly json: Top20Json;
  /** Names of the sheets written (Top 20, Data issues), in the workbook's language. */
  readonly top20Sheet: string;
  readonly issuesSheet: string;
  /** Rows on the Data issues sheet (rejected + adjusted). */
  readonly issueCount: number;
}

/** An account for the negotiation picker (Top 20 of the period first, then the rest by revenue). */
export type AccountOption = AccountListItem;

/** The result of Prepare negotiation, Portfolio risk, KPI trends or Create templates, for the pane. */
export interface SheetJobOutcome {
  /** One line in plain words ("Acme AB: revenue 1,234,567 (rank 1), …"). */
  readonly summary: string;
  /** The sheets written, the main one first (Create templates: those added, maybe none). */
  readonly sheets: readonly string[];
  /** The Data issues sheet when the job wrote one, else null. */
  readonly issuesSheet: string | null;
  /** Rows on the Data issues sheet (sales and companion data), 0 when none was written. */
  readonly issueCount: number;
}

/** An open or overdue signal as the pane lists it (plain JSON). */
export interface SignalView {
  /** The 1-based row on the Signals sheet. */
  readonly row: number;
  readonly account: string;
  /** The signal type in the pane's language ('price complaint', 'prisklagomål'), or as written. */
  readonly type: string;
  readonly description: string;
  readonly raisedBy: string;
  readonly escalatedTo: string;
  /** When it was raised, as wall-clock ISO text to the minute ('2026-11-26 14:05'). */
  readonly raisedAt: string;
  /** Hours left on the clock (one decimal); negative when overdue. */
  readonly hoursLeft: number;
  readonly overdue: boolean;
}

/** What the pane's "Log signal" form sends; the host stamps it with its own now. */
export interface SignalInput {
  readonly account: string;
  /** A signal type in English or Swedish (SIGNAL_TYPES). */
  readonly type: string;
  readonly description: string;
  readonly raisedBy: string;
  readonly escalatedTo: string;
}

/** A failure the pane shows in words: never a raw exception. */
export interface HostFailure {
  /** A sentence a sales manager understands ("Column 'Revenue' was not found. Found: …"). */
  readonly message: string;
  /** True when the user's input caused it (shown as a warning, not as a fault). */
  readonly userError: boolean;
}

export interface Host {
  readonly kind: 'excel' | 'sheets' | 'preview';
  /** The UI language (Office display language, Sheets locale, or `?lang=` in the preview). */
  language(): PaneLanguage;
  /** The candidate sales tables, best first. */
  findSources(): Promise<SalesSource[]>;
  /** The choice remembered in this workbook, if any. */
  loadChoice(): Promise<SavedChoice | null>;
  saveChoice(choice: SavedChoice): Promise<void>;
  /** Builds Top 20 + Data issues; rejects with a HostFailure. */
  buildTop20(
    choice: SavedChoice,
    onProgress: (progress: BuildProgress) => void,
  ): Promise<BuildOutcome>;
  /**
   * The accounts of the chosen sales table for the picker: the period's Top 20 first, then the
   * rest by revenue, then those without sales in the period; rejects with a HostFailure.
   */
  listAccounts(choice: SavedChoice): Promise<AccountOption[]>;
  /**
   * Writes "Negotiation prep — ⟨account⟩" and Data issues; `account` is an AccountOption's key.
   * `shareable` masks other customers' names. Rejects with a HostFailure.
   */
  prepareNegotiation(
    choice: SavedChoice,
    account: string,
    shareable: boolean,
  ): Promise<SheetJobOutcome>;
  /** Writes Portfolio risk and Data issues; rejects with a HostFailure. */
  portfolioRisk(choice: SavedChoice): Promise<SheetJobOutcome>;
  /**
   * Writes KPI trends (the period's Top 20 by month or quarter: revenue, growth, margin, share of
   * wallet, price-mix effect) and Data issues; rejects with a HostFailure.
   */
  kpiTrends(choice: SavedChoice, grain: TrendsGrain): Promise<SheetJobOutcome>;
  /**
   * Adds the companion sheets that are missing (Stakeholders, Wallet, Escalation ladder, Account
   * plans) as empty, formatted templates; never replaces one. Rejects with a HostFailure.
   */
  createTemplates(): Promise<SheetJobOutcome>;
  /**
   * The open and overdue signals of the Signals sheet at the host's now, newest first (none when
   * the workbook has no Signals sheet). Rejects with a HostFailure.
   */
  openSignals(): Promise<SignalView[]>;
  /**
   * Logs a signal raised now: appends ONE row to the Signals sheet (created when missing), never
   * rewriting the log (Sheets: under the document lock). `sheets` is the Signals sheet. Rejects
   * with a HostFailure.
   */
  logSignal(input: SignalInput): Promise<SheetJobOutcome>;
  /** Activates a sheet (the summary's links). */
  showSheet(name: string): Promise<void>;
}
