/**
 * The Host port over any Workbook adapter: what Excel and the in-browser preview share. The
 * host-specific parts come in as small functions (where the choice is remembered, how a sheet is
 * activated, the language); finding sources and building are the core's jobs.
 */
import { SIGNAL_TYPES, SIGNALS } from '../shared/companions/schema';
import { companionTemplates } from '../shared/companions/templates';
import { textKey } from '../shared/ingest/accounts';
import { dateFromDateObject } from '../shared/ingest/dates';
import { accountList } from '../shared/reports/account-list';
import { findSalesSources, type SalesSource } from '../shared/reports/sales-sources';
import { labels } from '../shared/reports/labels';
import { buildNegotiationPrep } from '../shared/reports/prep-build';
import { buildPortfolioRisk } from '../shared/reports/risk-build';
import {
  appendSignal,
  createSignalsSheet,
  isoTime,
  reportSignals,
} from '../shared/reports/signals-build';
import { signalTypeText } from '../shared/reports/signals-sheet';
import { buildTop20 } from '../shared/reports/top20-build';
import { buildKpiTrends } from '../shared/reports/trends-build';
import { top20Summary } from '../shared/reports/top20-summary';
import { UserError } from '../shared/user-error';
import type { Workbook } from '../shared/workbook';
import type {
  AccountOption,
  BuildOutcome,
  BuildProgress,
  Host,
  HostFailure,
  PaneLanguage,
  SavedChoice,
  SheetJobOutcome,
  SignalInput,
  SignalView,
  TrendsGrain,
} from './host';
import {
  prepSummary,
  riskSummary,
  signalSummary,
  templatesSummary,
  trendsSummary,
} from './job-summary';

/** Where a host keeps the remembered choice (Excel: workbook settings; preview: memory). */
export interface ChoiceStore {
  load(): Promise<SavedChoice | null>;
  save(choice: SavedChoice): Promise<void>;
}

export interface WorkbookHostParts {
  readonly kind: Host['kind'];
  readonly workbook: Workbook;
  readonly store: ChoiceStore;
  readonly language: PaneLanguage;
  readonly showSheet: (name: string) => Promise<void>;
  /** The clock written into the sheets' header blocks. */
  readonly now?: () => Date;
}

/**
 * A failure as the pane shows it: the core's UserError as it is (it is written for users), any
 * other error as a plain sentence (`lead`, by default about building a sheet) with the technical
 * message after it.
 *
 * @example
 * hostFailure(new UserError('There is no sheet "Sales".'), 'en'); // { message: 'There is no sheet "Sales".', userError: true }
 */
export function hostFailure(error: unknown, language: PaneLanguage, lead?: string): HostFailure {
  if (error instanceof UserError) return { message: error.message, userError: true };
  const detail = error instanceof Error ? error.message : String(error);
  const sentence =
    lead ??
    (language === 'sv'
      ? 'Något gick fel när arket skulle byggas; inget befintligt ark har ändrats.'
      : 'Something went wrong while building the sheet; no existing sheet was changed.');
  return { message: detail ? `${sentence} (${detail})` : sentence, userError: false };
}

/** The words of the signal jobs' own failures. */
const SIGNAL_WORDS = {
  en: {
    readFailed: 'The Signals sheet could not be read; nothing was changed.',
    logFailed: 'Something went wrong while logging the signal; no existing row was changed.',
    needAccount: 'Choose the account the signal is about.',
    needType: (types: string) => `Choose the type of signal (${types}).`,
  },
  sv: {
    readFailed: 'Bladet Signaler kunde inte läsas; inget har ändrats.',
    logFailed: 'Något gick fel när signalen skulle loggas; ingen befintlig rad har ändrats.',
    needAccount: 'Välj kunden som signalen gäller.',
    needType: (types: string) => `Välj typ av signal (${types}).`,
  },
} as const;

/**
 * @example
 * const host = new WorkbookHost({ kind: 'preview', workbook, store, language: 'en', showSheet });
 * const outcome = await host.buildTop20(choice, (p) => render(p));
 */
export class WorkbookHost implements Host {
  readonly kind: Host['kind'];

  constructor(private readonly parts: WorkbookHostParts) {
    this.kind = parts.kind;
  }

  language(): PaneLanguage {
    return this.parts.language;
  }

  async findSources(): Promise<SalesSource[]> {
    const { workbook } = this.parts;
    return findSalesSources(workbook, await workbook.sourceNames?.());
  }

  loadChoice(): Promise<SavedChoice | null> {
    return this.parts.store.load();
  }

  /**
   * The remembered choice, or else the first source found with the columns matched by their
   * headers and the rolling 12 months: what a one-click build (the ribbon, the menu) uses.
   *
   * @example
   * await host.buildTop20(await host.choiceOrDefault(), () => {});
   */
  async choiceOrDefault(): Promise<SavedChoice> {
    const saved = await this.loadChoice();
    if (saved) return saved;
    const [source] = await this.findSources();
    if (!source) {
      throw hostFailure(
        new UserError(
          this.parts.language === 'sv'
            ? 'Ingen försäljningstabell hittades: ett blad behöver rubriker med kund och belopp.'
            : 'No sales table found: a sheet needs a header row with a customer and an amount column.',
        ),
        this.parts.language,
      );
    }
    return {
      sheet: source.sheet,
      mapping: Object.fromEntries(source.columns.map((c) => [c.field, c.header])),
      period: { kind: 'r12' },
    };
  }

  saveChoice(choice: SavedChoice): Promise<void> {
    return this.parts.store.save(choice);
  }

  async buildTop20(
    choice: SavedChoice,
    onProgress: (progress: BuildProgress) => void,
  ): Promise<BuildOutcome> {
    const lang = this.parts.language;
    try {
      let read = 0;
      onProgress({ phase: 'reading', rowsRead: 0 });
      const result = await buildTop20(this.parts.workbook, {
        sheet: choice.sheet,
        mapping: choice.mapping,
        period: choice.period,
        lang,
        now: this.parts.now?.(),
        onProgress: (rowsRead, rowsTotal) => {
          read = rowsRead;
          onProgress({ phase: 'reading', rowsRead, rowsTotal });
        },
        onPhase: (phase) => onProgress({ phase, rowsRead: read }),
      });
      onProgress({ phase: 'done', rowsRead: result.ingest.rowsRead });
      const L = labels(lang);
      return {
        summary: top20Summary(result.analysis, lang),
        json: result.json,
        top20Sheet: L.top20Sheet,
        issuesSheet: L.issuesSheet,
        issueCount: result.issues.length,
      };
    } catch (e) {
      throw hostFailure(e, lang);
    }
  }

  /**
   * @example
   * const accounts = await host.listAccounts(choice); // [{ key, name, revenue, rank: 1, top: true }, …]
   */
  async listAccounts(choice: SavedChoice): Promise<AccountOption[]> {
    try {
      const result = await buildTop20(this.parts.workbook, {
        sheet: choice.sheet,
        mapping: choice.mapping,
        period: choice.period,
        write: false,
      });
      return accountList(result.ingest.table, result.analysis);
    } catch (e) {
      throw hostFailure(e, this.parts.language);
    }
  }

  /**
   * @example
   * const outcome = await host.prepareNegotiation(choice, accounts[0].key, true);
   * outcome.sheets[0] // 'Negotiation prep — Acme AB'
   */
  prepareNegotiation(
    choice: SavedChoice,
    account: string,
    shareable: boolean,
  ): Promise<SheetJobOutcome> {
    return this.sheetJob(
      choice,
      (options) => buildNegotiationPrep(this.parts.workbook, { ...options, account, shareable }),
      (result, lang) => prepSummary(result.json, lang),
    );
  }

  /**
   * @example
   * (await host.portfolioRisk(choice)).sheets // ['Portfolio risk', 'Data issues']
   */
  portfolioRisk(choice: SavedChoice): Promise<SheetJobOutcome> {
    return this.sheetJob(
      choice,
      (options) => buildPortfolioRisk(this.parts.workbook, options),
      (result, lang) => riskSummary(result.json, lang),
    );
  }

  /**
   * @example
   * (await host.kpiTrends(choice, 'quarter')).sheets // ['KPI trends', 'Data issues']
   */
  kpiTrends(choice: SavedChoice, grain: TrendsGrain): Promise<SheetJobOutcome> {
    return this.sheetJob(
      choice,
      (options) => {
        // The sidebar's argument crosses google.script.run: anything but the two grains is refused.
        if (grain !== 'month' && grain !== 'quarter') {
          throw new UserError(
            options.lang === 'sv'
              ? 'Välj om KPI-trenderna ska visas per månad eller per kvartal.'
              : 'Choose whether the KPI trends go by month or by quarter.',
          );
        }
        return buildKpiTrends(this.parts.workbook, { ...options, grain });
      },
      (result, lang) => {
        const previous = result.trends.totals.previousRevenue.reduce((a, b) => a + b, 0);
        return trendsSummary(result.json, lang, previous);
      },
    );
  }

  /**
   * Runs a report job (prep, risk, trends) on the choice and turns its result into the pane's
   * outcome: its summary, the sheets written and the Data issues rows; any failure in words.
   */
  private async sheetJob<R extends { written: readonly string[]; issues: readonly unknown[] }>(
    choice: SavedChoice,
    run: (options: {
      sheet: string;
      mapping: SavedChoice['mapping'];
      period: SavedChoice['period'];
      lang: PaneLanguage;
      now: Date | undefined;
    }) => Promise<R>,
    summary: (result: R, lang: PaneLanguage) => string,
  ): Promise<SheetJobOutcome> {
    const lang = this.parts.language;
    try {
      const { sheet, mapping, period } = choice;
      const result = await run({ sheet, mapping, period, lang, now: this.parts.now?.() });
      return {
        summary: summary(result, lang),
        sheets: result.written,
        issuesSheet: labels(lang).issuesSheet,
        issueCount: result.issues.length,
      };
    } catch (e) {
      throw hostFailure(e, lang);
    }
  }

  /**
   * @example
   * (await host.createTemplates()).sheets // ['Stakeholders', 'Wallet', 'Escalation ladder', 'Account plans']
   */
  async createTemplates(): Promise<SheetJobOutcome> {
    const lang = this.parts.language;
    try {
      const { workbook } = this.parts;
      const specs = companionTemplates(await workbook.sheetNames(), lang);
      for (const spec of specs) await workbook.writeSheet(spec);
      const added = specs.map((s) => s.name);
      return {
        summary: templatesSummary(added, lang),
        sheets: added,
        issuesSheet: null,
        issueCount: 0,
      };
    } catch (e) {
      throw hostFailure(e, lang);
    }
  }

  /** The host's now as wall-clock epoch days (undefined: the core reads the machine's clock). */
  private clock(): number | undefined {
    const now = this.parts.now?.();
    return now === undefined ? undefined : dateFromDateObject(now);
  }

  /**
   * @example
   * (await host.openSignals())[0] // { account: 'Acme AB', raisedAt: '2026-11-27 08:00', hoursLeft: 23, overdue: false, … }
   */
  async openSignals(): Promise<SignalView[]> {
    const lang = this.parts.language;
    try {
      const report = await reportSignals(this.parts.workbook, { now: this.clock() });
      return report.open.map((a): SignalView => ({
        row: a.signal.row,
        account: a.signal.account,
        type: a.signal.type === '' ? '' : signalTypeText(a.signal.type, lang),
        description: a.signal.description,
        raisedBy: a.signal.raisedBy,
        escalatedTo: a.signal.escalatedTo,
        raisedAt: isoTime(a.signal.raisedAt),
        hoursLeft: Math.round(a.hoursLeft * 10) / 10,
        overdue: a.state === 'overdue',
      }));
    } catch (e) {
      throw hostFailure(e, lang, SIGNAL_WORDS[lang].readFailed);
    }
  }

  /**
   * @example
   * (await host.logSignal({ account: 'Acme AB', type: 'price complaint', description: '', raisedBy: 'Eva', escalatedTo: '' })).sheets // ['Signals']
   */
  async logSignal(input: SignalInput): Promise<SheetJobOutcome> {
    const lang = this.parts.language;
    const W = SIGNAL_WORDS[lang];
    try {
      const text = (x: unknown) => (typeof x === 'string' ? x : '');
      const account = text(input?.account).trim();
      if (account === '') throw new UserError(W.needAccount);
      const typeKey = textKey(text(input?.type));
      const type = SIGNAL_TYPES.find(
        (v) => textKey(v.text.en) === typeKey || textKey(v.text.sv) === typeKey,
      );
      if (type === undefined)
        throw new UserError(W.needType(SIGNAL_TYPES.map((v) => v.text[lang]).join(', ')));
      const result = await appendSignal(
        this.parts.workbook,
        {
          account,
          type: type.value,
          description: text(input.description),
          raisedBy: text(input.raisedBy),
          escalatedTo: text(input.escalatedTo),
        },
        { lang, now: this.clock() },
      );
      return {
        summary: signalSummary(
          {
            account: result.signal.account,
            raisedAt: isoTime(result.signal.raisedAt),
            sheet: result.sheet,
            row: result.row,
            created: result.created,
          },
          lang,
        ),
        sheets: [result.sheet],
        issuesSheet: null,
        issueCount: 0,
      };
    } catch (e) {
      throw hostFailure(e, lang, W.logFailed);
    }
  }

  /**
   * The Signals sheet (Sheets menu "Signals log"): created when the workbook has none, in the
   * host's language; never replaced. Rejects with a HostFailure.
   *
   * @example
   * await host.signalsSheet() // { sheet: 'Signals', created: true }
   */
  async signalsSheet(): Promise<{ sheet: string; created: boolean }> {
    const lang = this.parts.language;
    try {
      const { workbook } = this.parts;
      const created = await createSignalsSheet(workbook, { lang, now: this.clock() });
      if (created !== null) return { sheet: created, created: true };
      const wanted = [SIGNALS.sheet.en, SIGNALS.sheet.sv].map((n) => n.toLowerCase());
      const names = await workbook.sheetNames();
      const sheet =
        names.find((n) => wanted.includes(n.trim().toLowerCase())) ?? SIGNALS.sheet[lang];
      return { sheet, created: false };
    } catch (e) {
      throw hostFailure(e, lang);
    }
  }

  showSheet(name: string): Promise<void> {
    return this.parts.showSheet(name);
  }
}
