/// <reference types="google-apps-script" />
/**
 * The server side of the Google Sheets add-on: the menu, the functions the sidebar calls through
 * `google.script.run`, and Build Top 20 from the menu. The bundle exposes them on the `KamSheets`
 * global; entry-globals.js declares the top-level functions Sheets calls (menus and
 * google.script.run can only call top-level functions). No business rule lives here: the sidebar
 * handlers delegate to a `WorkbookHost` over `SheetsWorkbook`, as the Excel task pane does.
 *
 * - Services come through one seam (`SheetsServices`): the Apps Script globals by default, a fake
 *   in tests (`useServices`).
 * - Results are plain JSON: google.script.run cannot pass class instances, typed arrays or Dates.
 *   A failure is thrown as an `Error` whose message is the HostFailure message (the sidebar's
 *   failure handler gets it); progress callbacks cannot cross google.script.run, so a build
 *   returns its outcome only.
 * - A build runs under the document lock (`LockService.getDocumentLock()`), so two builds (two
 *   users, or a double click) never interleave their sheet swaps.
 * - kamBuild, kamFindSources and kamBuildTop20 are async because the core's Workbook port is; every
 *   service call is synchronous, so their promise jobs all run before the execution ends. Not yet
 *   checked on a live deployment: that google.script.run hands a returned Promise's value (not the
 *   Promise) to the success handler. The other handlers return synchronously.
 */
import type { SalesSource } from '../../shared/reports/sales-sources';
import { UserError } from '../../shared/user-error';
import type { BuildOutcome, HostFailure, PaneLanguage, SavedChoice } from '../../ui/host';
import { WorkbookHost, hostFailure } from '../../ui/workbook-host';
import {
  SheetsWorkbook,
  type SheetsSheet,
  type SheetsSpreadsheet,
  type SheetsSpreadsheetApp,
} from './sheets-workbook';

// ---------------------------------------------------------------------------------------------
// Services

export interface SheetsMenu {
  addItem(caption: string, functionName: string): SheetsMenu;
  addSeparator(): SheetsMenu;
  addToUi(): void;
}

export interface SheetsHtmlOutput {
  setTitle(title: string): SheetsHtmlOutput;
}

export interface SheetsUi {
  createAddonMenu(): SheetsMenu;
  alert(prompt: string): unknown;
  showSidebar(userInterface: SheetsHtmlOutput): void;
}

export interface SheetsLock {
  tryLock(timeoutInMillis: number): boolean;
  releaseLock(): void;
}

export interface SheetsProperties {
  getProperty(key: string): string | null;
  setProperty(key: string, value: string): unknown;
}

/** The Apps Script services the server uses. */
export interface SheetsServices {
  readonly SpreadsheetApp: SheetsSpreadsheetApp & { getUi(): SheetsUi };
  readonly LockService: { getDocumentLock(): SheetsLock | null };
  readonly PropertiesService: { getDocumentProperties(): SheetsProperties | null };
  readonly HtmlService: { createHtmlOutputFromFile(filename: string): SheetsHtmlOutput };
  readonly ScriptApp: { readonly AuthMode: { readonly NONE: unknown } };
}

/** Compile-time check that the real Apps Script services fit the seam. */
export type RealServicesFit = Fits<{
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  LockService: GoogleAppsScript.Lock.LockService;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
}>;
type Fits<T extends SheetsServices> = T;

let injected: SheetsServices | null = null;

/**
 * Replaces the Apps Script globals (tests); `null` goes back to the globals.
 *
 * @example
 * useServices(fake.services);
 */
export function useServices(services: SheetsServices | null): void {
  injected = services;
}

function services(): SheetsServices {
  if (injected !== null) return injected;
  const g = globalThis as unknown as Partial<Record<keyof SheetsServices, unknown>>;
  const names: (keyof SheetsServices)[] = [
    'SpreadsheetApp',
    'LockService',
    'PropertiesService',
    'HtmlService',
    'ScriptApp',
  ];
  const missing = names.filter((n) => g[n] === undefined);
  if (missing.length > 0) {
    throw new Error(`Not running in Apps Script: ${missing.join(', ')} missing.`);
  }
  return g as unknown as SheetsServices;
}

// ---------------------------------------------------------------------------------------------
// Words

/** Where the sidebar's choice is remembered, in the document's properties. */
export const CHOICE_KEY = 'kam.top20.choice';
/** How long a build waits for another build of the same document (ms). */
export const LOCK_WAIT_MS = 30_000;
/** The sidebar's HTML file in the Apps Script project. */
export const SIDEBAR_FILE = 'Sidebar';

const WORDS = {
  en: {
    buildTop20: 'Build Top 20',
    negotiation: 'Prepare negotiation…',
    risk: 'Portfolio risk',
    signals: 'Signals log',
    sidebar: 'Open sidebar',
    title: 'KAM Toolkit',
    later: (what: string) => `${what} is coming in a later version of KAM Toolkit.`,
    locked:
      'Another KAM build is running on this spreadsheet. Try again when it has finished (about a minute).',
    noSource:
      'No sales table found: no sheet has a header row with an account and a revenue column. Open the sidebar (KAM → Open sidebar) to pick the sheet and its columns.',
    missing: (sheet: string, fields: string) =>
      `The sheet "${sheet}" has no ${fields} column that KAM recognises. Open the sidebar (KAM → Open sidebar) to pick the columns.`,
    noSheet: (name: string) => `There is no sheet "${name}".`,
  },
  sv: {
    buildTop20: 'Bygg Topp 20',
    negotiation: 'Förbered förhandling…',
    risk: 'Portföljrisk',
    signals: 'Signallogg',
    sidebar: 'Öppna sidopanelen',
    title: 'KAM Toolkit',
    later: (what: string) => `${what} kommer i en senare version av KAM Toolkit.`,
    locked:
      'En annan KAM-körning pågår i det här kalkylarket. Försök igen när den är klar (ungefär en minut).',
    noSource:
      'Ingen försäljningstabell hittades: inget blad har en rubrikrad med en kund- och en intäktskolumn. Öppna sidopanelen (KAM → Öppna sidopanelen) och välj blad och kolumner.',
    missing: (sheet: string, fields: string) =>
      `Bladet "${sheet}" saknar en kolumn för ${fields} som KAM känner igen. Öppna sidopanelen (KAM → Öppna sidopanelen) och välj kolumnerna.`,
    noSheet: (name: string) => `Det finns inget blad "${name}".`,
  },
} as const;

/**
 * The language of a spreadsheet locale: Swedish for sv*, else English.
 *
 * @example
 * languageOfLocale('sv_SE') // 'sv'
 */
export function languageOfLocale(locale: string | null | undefined): PaneLanguage {
  return /^sv/i.test(locale ?? '') ? 'sv' : 'en';
}

// ---------------------------------------------------------------------------------------------
// The host over the active spreadsheet

interface Context {
  readonly services: SheetsServices;
  readonly spreadsheet: SheetsSpreadsheet;
  readonly workbook: SheetsWorkbook;
  readonly language: PaneLanguage;
  readonly host: WorkbookHost;
}

function context(s: SheetsServices = services()): Context {
  const workbook = new SheetsWorkbook(s.SpreadsheetApp);
  const spreadsheet = workbook.spreadsheet;
  const language = languageOfLocale(spreadsheet.getSpreadsheetLocale());
  const host = new WorkbookHost({
    kind: 'sheets',
    workbook,
    language,
    store: { load: async () => loadChoiceFrom(s), save: async (c) => saveChoiceTo(s, c) },
    showSheet: async (name) => showSheetIn(spreadsheet, name, language),
  });
  return { services: s, spreadsheet, workbook, language, host };
}

function loadChoiceFrom(s: SheetsServices): SavedChoice | null {
  const text = s.PropertiesService.getDocumentProperties()?.getProperty(CHOICE_KEY) ?? null;
  if (text === null || text === '') return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return isChoice(parsed) ? parsed : null;
  } catch {
    return null; // a damaged property is as good as none: the sidebar asks again
  }
}

function saveChoiceTo(s: SheetsServices, choice: SavedChoice): void {
  if (!isChoice(choice)) throw new Error('Not a saved choice: sheet, mapping and period expected.');
  const props = s.PropertiesService.getDocumentProperties();
  if (props === null) throw new Error('This script has no document to remember the choice in.');
  props.setProperty(CHOICE_KEY, JSON.stringify(choice));
}

function isChoice(x: unknown): x is SavedChoice {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  return (
    typeof c.sheet === 'string' &&
    typeof c.mapping === 'object' &&
    c.mapping !== null &&
    typeof c.period === 'object' &&
    c.period !== null &&
    typeof (c.period as Record<string, unknown>).kind === 'string'
  );
}

function showSheetIn(ss: SheetsSpreadsheet, name: string, language: PaneLanguage): void {
  const sheet: SheetsSheet | null = ss.getSheetByName(name);
  if (sheet === null) throw new UserError(WORDS[language].noSheet(name));
  ss.setActiveSheet(sheet);
}

/** Runs a job holding the document lock; a UserError when another build holds it. */
async function underDocumentLock<T>(ctx: Context, job: () => Promise<T>): Promise<T> {
  // getDocumentLock is null only outside a document (a standalone script): nothing to share then.
  const lock = ctx.services.LockService.getDocumentLock();
  if (lock !== null && !lock.tryLock(LOCK_WAIT_MS)) {
    throw new UserError(WORDS[ctx.language].locked);
  }
  try {
    return await job();
  } finally {
    lock?.releaseLock();
  }
}

/** A HostFailure (or anything thrown) as the Error google.script.run passes to the pane. */
function failureError(e: unknown, language: PaneLanguage): Error {
  const failure: HostFailure = isHostFailure(e) ? e : hostFailure(e, language);
  return new Error(failure.message);
}

function isHostFailure(e: unknown): e is HostFailure {
  return (
    typeof e === 'object' &&
    e !== null &&
    !(e instanceof Error) &&
    typeof (e as HostFailure).message === 'string' &&
    typeof (e as HostFailure).userError === 'boolean'
  );
}

/** A deep copy holding only what JSON holds (no class instances, typed arrays or Dates). */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

// ---------------------------------------------------------------------------------------------
// Menu

/** The event Sheets passes to onOpen / onInstall (only the auth mode is read). */
export interface OpenEvent {
  readonly authMode?: unknown;
}

/**
 * Adds the KAM add-on menu. In AuthMode.NONE (an add-on not yet used in this document) only the
 * menu is built: no document, properties or locale are touched, so the captions are English.
 *
 * @example
 * onOpen({ authMode: ScriptApp.AuthMode.LIMITED });
 */
export function onOpen(e?: OpenEvent): void {
  const s = services();
  let language: PaneLanguage = 'en';
  if (e?.authMode !== s.ScriptApp.AuthMode.NONE) {
    try {
      language = languageOfLocale(s.SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale());
    } catch {
      // no access to the document yet: English captions
    }
  }
  const W = WORDS[language];
  s.SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(W.buildTop20, 'kamBuildTop20')
    .addItem(W.negotiation, 'kamPrepareNegotiation')
    .addItem(W.risk, 'kamPortfolioRisk')
    .addItem(W.signals, 'kamSignalsLog')
    .addSeparator()
    .addItem(W.sidebar, 'kamOpenSidebar')
    .addToUi();
}

/**
 * Runs when the add-on is installed: the same menu as on open.
 *
 * @example
 * onInstall({ authMode: ScriptApp.AuthMode.FULL });
 */
export function onInstall(e?: OpenEvent): void {
  onOpen(e);
}

/**
 * Shows the sidebar (the task pane's app, built as the 'Sidebar' HTML file).
 *
 * @example
 * kamOpenSidebar();
 */
export function kamOpenSidebar(): void {
  const s = services();
  const ctx = context(s);
  const html = s.HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(
    WORDS[ctx.language].title,
  );
  s.SpreadsheetApp.getUi().showSidebar(html);
}

// Prepare negotiation, Portfolio risk and Signals log belong to later issues: their menu items
// exist so the menu has its final shape, and say honestly that they are not there yet.

/**
 * Menu item of a later version: says so.
 *
 * @example
 * kamPrepareNegotiation(); // alert "Prepare negotiation… is coming in a later version …"
 */
export function kamPrepareNegotiation(): void {
  comingLater((W) => W.negotiation);
}

/**
 * Menu item of a later version: says so.
 *
 * @example
 * kamPortfolioRisk();
 */
export function kamPortfolioRisk(): void {
  comingLater((W) => W.risk);
}

/**
 * Menu item of a later version: says so.
 *
 * @example
 * kamSignalsLog();
 */
export function kamSignalsLog(): void {
  comingLater((W) => W.signals);
}

function comingLater(what: (W: (typeof WORDS)[PaneLanguage]) => string): void {
  const s = services();
  const W = WORDS[context(s).language];
  s.SpreadsheetApp.getUi().alert(W.later(what(W)));
}

/**
 * Build Top 20 from the menu: the remembered choice, or the first sales table found with its
 * automatic mapping and the rolling 12 months; the summary as a toast, a failure as an alert.
 *
 * @example
 * await kamBuildTop20(); // toast "Top 20 = 41% of revenue; …"
 */
export async function kamBuildTop20(): Promise<void> {
  const s = services();
  const ctx = context(s);
  const W = WORDS[ctx.language];
  const ui = s.SpreadsheetApp.getUi();
  try {
    let choice = loadChoiceFrom(s);
    if (choice === null) {
      const sources = await ctx.host.findSources();
      const first = sources[0];
      if (first === undefined) {
        ui.alert(W.noSource);
        return;
      }
      if (first.missing.length > 0) {
        ui.alert(W.missing(first.sheet, first.missing.join(', ')));
        return;
      }
      choice = { sheet: first.sheet, mapping: {}, period: { kind: 'r12' } };
    }
    const chosen = choice;
    const outcome = await underDocumentLock(ctx, () => ctx.host.buildTop20(chosen, () => {}));
    ctx.spreadsheet.toast(outcome.summary, W.title, 15);
  } catch (e) {
    ui.alert(failureError(e, ctx.language).message);
  }
}

// ---------------------------------------------------------------------------------------------
// Sidebar handlers (google.script.run)

/**
 * The candidate sales tables, best first.
 *
 * @example
 * google.script.run.withSuccessHandler(show).kamFindSources();
 */
export async function kamFindSources(): Promise<SalesSource[]> {
  const ctx = context();
  try {
    return plain(await ctx.host.findSources());
  } catch (e) {
    throw failureError(e, ctx.language);
  }
}

/**
 * The choice remembered in this spreadsheet, or null.
 *
 * @example
 * google.script.run.withSuccessHandler(restore).kamLoadChoice();
 */
export function kamLoadChoice(): SavedChoice | null {
  return loadChoiceFrom(services());
}

/**
 * Remembers the choice in the document's properties (as JSON).
 *
 * @example
 * google.script.run.kamSaveChoice({ sheet: 'Sales', mapping: {}, period: { kind: 'r12' } });
 */
export function kamSaveChoice(choice: SavedChoice): void {
  saveChoiceTo(services(), choice);
}

/**
 * Builds Top 20 and Data issues under the document lock; the outcome as plain JSON, or an Error
 * whose message is the failure the pane shows.
 *
 * @example
 * google.script.run.withSuccessHandler(done).withFailureHandler(fail).kamBuild(choice);
 */
export async function kamBuild(choice: SavedChoice): Promise<BuildOutcome> {
  const ctx = context();
  try {
    return plain(await underDocumentLock(ctx, () => ctx.host.buildTop20(choice, () => {})));
  } catch (e) {
    throw failureError(e, ctx.language);
  }
}

/**
 * Activates a sheet (the summary's links).
 *
 * @example
 * google.script.run.kamShowSheet('Top 20');
 */
export function kamShowSheet(name: string): void {
  const s = services();
  const spreadsheet = s.SpreadsheetApp.getActiveSpreadsheet();
  const language = languageOfLocale(spreadsheet.getSpreadsheetLocale());
  try {
    showSheetIn(spreadsheet, name, language);
  } catch (e) {
    throw failureError(e, language);
  }
}
