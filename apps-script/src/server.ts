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
 *   users, or a double click) never interleave their sheet swaps; so does logging a signal, so two
 *   signals logged at once land on two rows.
 * - Every handler the sidebar calls returns synchronously. The core is async (its Workbook port
 *   is), and it is not certain that google.script.run hands a returned Promise's value (not the
 *   Promise) to the success handler, so the two async jobs go through tickets: `kamFindSources()`
 *   and `kamBuild(choice)` start the job and return `{ ticket }` at once; the job stores its
 *   settled outcome (`{ ok: value }` or `{ error: message, userError }`) in the user's cache
 *   (CacheService, chunked under the 100 KB per-value limit); the synchronous `kamResult(ticket)`
 *   returns it, or null while it is not there yet (the sidebar polls). Every service call is
 *   synchronous, so the job's promise jobs all run before the execution ends.
 * - kamBuildTop20 (the menu) is async and returns nothing: Sheets does not look at its value.
 */
import type { SalesSource } from '../../shared/reports/sales-sources';
import { UserError } from '../../shared/user-error';
import type {
  AccountOption,
  BuildOutcome,
  HostFailure,
  PaneLanguage,
  SavedChoice,
  SheetJobOutcome,
  SignalInput,
  SignalView,
  TrendsGrain,
} from '../../ui/host';
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
  getContent(): string;
  setContent(content: string): SheetsHtmlOutput;
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

/** The user's cache (CacheService.getUserCache()): string values of at most 100 KB. */
export interface SheetsCache {
  get(key: string): string | null;
  put(key: string, value: string, expirationInSeconds: number): void;
}

/** The Apps Script services the server uses. */
export interface SheetsServices {
  readonly SpreadsheetApp: SheetsSpreadsheetApp & { getUi(): SheetsUi };
  readonly LockService: { getDocumentLock(): SheetsLock | null };
  readonly PropertiesService: { getDocumentProperties(): SheetsProperties | null };
  readonly HtmlService: { createHtmlOutputFromFile(filename: string): SheetsHtmlOutput };
  readonly ScriptApp: { readonly AuthMode: { readonly NONE: unknown } };
  readonly CacheService: { getUserCache(): SheetsCache | null };
}

/** Compile-time check that the real Apps Script services fit the seam. */
export type RealServicesFit = Fits<{
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  LockService: GoogleAppsScript.Lock.LockService;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  CacheService: GoogleAppsScript.Cache.CacheService;
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
    'CacheService',
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
    signalsCreated: (sheet: string) =>
      `Added the ${sheet} sheet: log signs of dissatisfaction there or from the sidebar.`,
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
    signalsCreated: (sheet: string) =>
      `Bladet ${sheet} har lagts till: logga tecken på missnöje där eller från sidopanelen.`,
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
 * The sidebar's HTML with the pane's language set: the built Sidebar.html carries
 * `<div id="root" data-lang="en">` before its inlined script, which reads the attribute. (A
 * template scriptlet would do too, but HtmlService would then scan the whole inlined bundle for
 * `<?`.) The first such attribute only: the script's own text is left alone.
 *
 * @example
 * sidebarWithLanguage('<div id="root" data-lang="en"></div>', 'sv') // '<div id="root" data-lang="sv"></div>'
 */
export function sidebarWithLanguage(html: string, language: PaneLanguage): string {
  return html.replace(/(<div id="root" data-lang=")[a-z]*(")/, `$1${language}$2`);
}

/**
 * Shows the sidebar (the task pane's app, built as the 'Sidebar' HTML file) in the spreadsheet's
 * language.
 *
 * @example
 * kamOpenSidebar();
 */
export function kamOpenSidebar(): void {
  const s = services();
  const ctx = context(s);
  const html = s.HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE);
  html.setContent(sidebarWithLanguage(html.getContent(), ctx.language));
  html.setTitle(WORDS[ctx.language].title);
  s.SpreadsheetApp.getUi().showSidebar(html);
}

/**
 * Prepare negotiation… from the menu: opens the sidebar, where the account is picked (search as
 * you type, Top 20 first) and the prep is built.
 *
 * @example
 * kamPrepareNegotiation(); // the sidebar opens
 */
export function kamPrepareNegotiation(): void {
  kamOpenSidebar();
}

/**
 * Portfolio risk from the menu: the remembered choice (or the first sales table found, rolling 12
 * months), built under the document lock; the summary as a toast, a failure as an alert.
 *
 * @example
 * await kamPortfolioRisk(); // toast "HHI 245 (low), 0 dependencies, …"
 */
export async function kamPortfolioRisk(): Promise<void> {
  await fromMenu(async (ctx, choice) => {
    const outcome = await underDocumentLock(ctx, () => ctx.host.portfolioRisk(choice));
    return outcome.summary;
  });
}

/**
 * Signals log from the menu: creates the Signals sheet (in the spreadsheet's language) when there
 * is none, under the document lock, and activates it; a toast says when it was added. An existing
 * sheet is never replaced. A failure is an alert.
 *
 * @example
 * await kamSignalsLog(); // the Signals sheet is shown
 */
export async function kamSignalsLog(): Promise<void> {
  const s = services();
  const ctx = context(s);
  try {
    const { sheet, created } = await underDocumentLock(ctx, () => ctx.host.signalsSheet());
    showSheetIn(ctx.spreadsheet, sheet, ctx.language);
    if (created)
      ctx.spreadsheet.toast(
        WORDS[ctx.language].signalsCreated(sheet),
        WORDS[ctx.language].title,
        10,
      );
  } catch (e) {
    s.SpreadsheetApp.getUi().alert(failureError(e, ctx.language).message);
  }
}

/**
 * Build Top 20 from the menu: the remembered choice, or the first sales table found with its
 * automatic mapping and the rolling 12 months; the summary as a toast, a failure as an alert.
 *
 * @example
 * await kamBuildTop20(); // toast "Top 20 = 41% of revenue; …"
 */
export async function kamBuildTop20(): Promise<void> {
  await fromMenu(async (ctx, choice) => {
    const outcome = await underDocumentLock(ctx, () => ctx.host.buildTop20(choice, () => {}));
    return outcome.summary;
  });
}

/**
 * Runs a menu job on the remembered choice, or the first sales table found with its automatic
 * mapping and the rolling 12 months: the job's summary as a toast, a failure as an alert.
 */
async function fromMenu(
  job: (ctx: Context, choice: SavedChoice) => Promise<string>,
): Promise<void> {
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
    ctx.spreadsheet.toast(await job(ctx, choice), W.title, 15);
  } catch (e) {
    ui.alert(failureError(e, ctx.language).message);
  }
}

// ---------------------------------------------------------------------------------------------
// Sidebar handlers (google.script.run)

/** What kamFindSources and kamBuild return at once: the ticket to ask kamResult about. */
export interface Ticket {
  readonly ticket: string;
}

/** A job's settled outcome, as kamResult returns it. */
export type Settled<T> =
  { readonly ok: T } | { readonly error: string; readonly userError: boolean };

/** Cache keys start with this (the user cache is shared by every script of the user). */
export const RESULT_KEY = 'kam.result.';
/** How long an outcome waits in the cache for the sidebar (s). */
export const RESULT_TTL_S = 600;
/**
 * Characters per cache value: a value is at most 100 KB and a UTF-16 unit is at most 3 bytes of
 * UTF-8, so 30,000 units always fit.
 */
export const RESULT_CHUNK = 30_000;

function newTicket(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

function userCache(s: SheetsServices): SheetsCache {
  const cache = s.CacheService.getUserCache();
  if (cache === null) throw new Error('This script has no user cache to pass results through.');
  return cache;
}

/**
 * Stores an outcome under a ticket: the parts first (`kam.result.<ticket>.<i>`), then the head
 * (`kam.result.<ticket>` = number of parts), so a head means every part was written.
 */
function storeOutcome(cache: SheetsCache, ticket: string, outcome: Settled<unknown>): void {
  const text = JSON.stringify(outcome);
  const parts = Math.max(1, Math.ceil(text.length / RESULT_CHUNK));
  for (let i = 0; i < parts; i++) {
    const part = text.slice(i * RESULT_CHUNK, (i + 1) * RESULT_CHUNK);
    cache.put(`${RESULT_KEY}${ticket}.${i}`, part, RESULT_TTL_S);
  }
  cache.put(`${RESULT_KEY}${ticket}`, String(parts), RESULT_TTL_S);
}

/**
 * Starts an async job and returns its ticket at once; the job's outcome lands in the user cache
 * when it settles (for a host without async, before this execution ends).
 */
function startJob<T>(s: SheetsServices, language: PaneLanguage, job: () => Promise<T>): Ticket {
  const cache = userCache(s);
  const ticket = newTicket();
  const settle = async (): Promise<void> => {
    let outcome: Settled<unknown>;
    try {
      outcome = { ok: plain(await job()) };
    } catch (e) {
      const failure: HostFailure = isHostFailure(e) ? e : hostFailure(e, language);
      outcome = { error: failure.message, userError: failure.userError };
    }
    try {
      storeOutcome(cache, ticket, outcome);
    } catch (e) {
      // The cache refused (too large, or down): say so in one small value.
      storeOutcome(cache, ticket, { error: hostFailure(e, language).message, userError: false });
    }
  };
  void settle();
  return { ticket };
}

/**
 * Starts looking for the candidate sales tables; kamResult(ticket) gives them (best first).
 *
 * @example
 * google.script.run.withSuccessHandler(({ ticket }) => poll(ticket)).kamFindSources();
 */
export function kamFindSources(): Ticket {
  const s = services();
  const ctx = context(s);
  return startJob<SalesSource[]>(s, ctx.language, () => ctx.host.findSources());
}

/**
 * Starts Build Top 20 and Data issues under the document lock; kamResult(ticket) gives the
 * outcome as plain JSON, or the failure the pane shows.
 *
 * @example
 * google.script.run.withSuccessHandler(({ ticket }) => poll(ticket)).kamBuild(choice);
 */
export function kamBuild(choice: SavedChoice): Ticket {
  const s = services();
  const ctx = context(s);
  return startJob<BuildOutcome>(s, ctx.language, () =>
    underDocumentLock(ctx, () => ctx.host.buildTop20(choice, () => {})),
  );
}

/**
 * Starts listing the accounts of the chosen sales table (the negotiation picker's list);
 * kamResult(ticket) gives them.
 *
 * @example
 * google.script.run.withSuccessHandler(({ ticket }) => poll(ticket)).kamListAccounts(choice);
 */
export function kamListAccounts(choice: SavedChoice): Ticket {
  const s = services();
  const ctx = context(s);
  return startJob<AccountOption[]>(s, ctx.language, () => ctx.host.listAccounts(choice));
}

/**
 * Starts writing "Negotiation prep — ⟨account⟩" and Data issues under the document lock
 * (`account` is an AccountOption's key; `shareable` masks other customers' names).
 *
 * @example
 * google.script.run.withSuccessHandler(({ ticket }) => poll(ticket)).kamBuildNegotiation(choice, key, false);
 */
export function kamBuildNegotiation(
  choice: SavedChoice,
  account: string,
  shareable: boolean,
): Ticket {
  const s = services();
  const ctx = context(s);
  return startJob<SheetJobOutcome>(s, ctx.language, () =>
    underDocumentLock(ctx, () => ctx.host.prepareNegotiation(choice, account, shareable)),
  );
}

/**
 * Starts writing Portfolio risk and Data issues under the document lock.
 *
 * @example
 * google.script.run.withSuccessHandler(({ ticket }) => poll(ticket)).kamBuildRisk(choice);
 */
export function kamBuildRisk(choice: SavedChoice): Ticket {
  const s = services();
  const ctx = context(s);
  return startJob<SheetJobOutcome>(s, ctx.language, () =>
    underDocumentLock(ctx, () => ctx.host.portfolioRisk(choice)),
  );
}

/**
 * Starts writing KPI trends (the period's Top 20 by month or quarter) and Data issues under the
 * document lock.
 *
 * @example
 * google.script.run.withSuccessHandler(({ ticket }) => poll(ticket)).kamBuildTrends(choice, 'quarter');
 */
export function kamBuildTrends(choice: SavedChoice, grain: TrendsGrain): Ticket {
  const s = services();
  const ctx = context(s);
  return startJob<SheetJobOutcome>(s, ctx.language, () =>
    underDocumentLock(ctx, () => ctx.host.kpiTrends(choice, grain)),
  );
}

/**
 * Starts adding the missing companion sheets (empty, formatted templates) under the document lock.
 *
 * @example
 * google.script.run.withSuccessHandler(({ ticket }) => poll(ticket)).kamCreateTemplates();
 */
export function kamCreateTemplates(): Ticket {
  const s = services();
  const ctx = context(s);
  return startJob<SheetJobOutcome>(s, ctx.language, () =>
    underDocumentLock(ctx, () => ctx.host.createTemplates()),
  );
}

/**
 * Starts reading the open and overdue signals (newest first) at this moment; kamResult(ticket)
 * gives them as plain JSON.
 *
 * @example
 * google.script.run.withSuccessHandler(({ ticket }) => poll(ticket)).kamOpenSignals();
 */
export function kamOpenSignals(): Ticket {
  const s = services();
  const ctx = context(s);
  return startJob<SignalView[]>(s, ctx.language, () => ctx.host.openSignals());
}

/**
 * Starts logging a signal raised now: under the document lock, one row is appended to the Signals
 * sheet (created when missing); no other row is written, so a colleague's rows are kept.
 *
 * @example
 * google.script.run.withSuccessHandler(({ ticket }) => poll(ticket)).kamLogSignal({ account: 'Acme AB', type: 'price complaint', description: '', raisedBy: 'Eva', escalatedTo: '' });
 */
export function kamLogSignal(input: SignalInput): Ticket {
  const s = services();
  const ctx = context(s);
  const given = (typeof input === 'object' && input !== null ? input : {}) as Partial<SignalInput>;
  const text = (x: unknown) => (typeof x === 'string' ? x : '');
  const signal: SignalInput = {
    account: text(given.account),
    type: text(given.type),
    description: text(given.description),
    raisedBy: text(given.raisedBy),
    escalatedTo: text(given.escalatedTo),
  };
  return startJob<SheetJobOutcome>(s, ctx.language, () =>
    underDocumentLock(ctx, () => ctx.host.logSignal(signal)),
  );
}

/**
 * The settled outcome of a ticket's job, or null while it runs (or after the cache let it go).
 *
 * @example
 * kamResult('lq3k-4f9a') // { ok: { summary: 'Top 20 = 41% …', … } } or null
 */
export function kamResult(ticket: string): Settled<unknown> | null {
  if (typeof ticket !== 'string' || !/^[a-z0-9-]{1,64}$/.test(ticket)) {
    throw new Error('Not a ticket of this add-on.');
  }
  const cache = userCache(services());
  const head = cache.get(`${RESULT_KEY}${ticket}`);
  if (head === null) return null;
  let text = '';
  for (let i = 0; i < Number(head); i++) {
    const part = cache.get(`${RESULT_KEY}${ticket}.${i}`);
    if (part === null) {
      return {
        error: 'The result expired before the sidebar read it: try again.',
        userError: false,
      };
    }
    text += part;
  }
  return JSON.parse(text) as Settled<unknown>;
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
