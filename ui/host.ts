/**
 * The task pane's only door to the world: the Host port. Excel (Office.js), the Google Sheets
 * sidebar (google.script.run) and the in-browser preview each implement it; the React app and its
 * state talk to nothing else (no Office, no google.script, no window globals in components).
 */
import type { PeriodChoice } from '../shared/analysis/types';
import type { Top20Json } from '../shared/reports/top20-json';
import type { SalesSource } from '../shared/reports/sales-sources';
import type { SalesField } from '../shared/sales-table';

export type PaneLanguage = 'en' | 'sv';

/** The user's choice of source, mapping and period, remembered in the workbook. */
export interface SavedChoice {
  readonly sheet: string;
  /** Field → header text (as in the source's headers), for the fields the user corrected or confirmed. */
  readonly mapping: Partial<Record<SalesField, string>>;
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
  /** Activates a sheet (the summary's links). */
  showSheet(name: string): Promise<void>;
}
