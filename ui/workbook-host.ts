/**
 * The Host port over any Workbook adapter: what Excel and the in-browser preview share. The
 * host-specific parts come in as small functions (where the choice is remembered, how a sheet is
 * activated, the language); finding sources and building are the core's jobs.
 */
import { companionTemplates } from '../shared/companions/templates';
import { accountList } from '../shared/reports/account-list';
import { findSalesSources, type SalesSource } from '../shared/reports/sales-sources';
import { labels } from '../shared/reports/labels';
import { buildNegotiationPrep } from '../shared/reports/prep-build';
import { buildPortfolioRisk } from '../shared/reports/risk-build';
import { buildTop20 } from '../shared/reports/top20-build';
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
} from './host';
import { prepSummary, riskSummary, templatesSummary } from './job-summary';

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
 * other error as a plain sentence with the technical message after it.
 *
 * @example
 * hostFailure(new UserError('There is no sheet "Sales".'), 'en'); // { message: 'There is no sheet "Sales".', userError: true }
 */
export function hostFailure(error: unknown, language: PaneLanguage): HostFailure {
  if (error instanceof UserError) return { message: error.message, userError: true };
  const detail = error instanceof Error ? error.message : String(error);
  const lead =
    language === 'sv'
      ? 'Något gick fel när arket skulle byggas; inget befintligt ark har ändrats.'
      : 'Something went wrong while building the sheet; no existing sheet was changed.';
  return { message: detail ? `${lead} (${detail})` : lead, userError: false };
}

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
        issueCount: result.ingest.issues.length,
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
  async prepareNegotiation(
    choice: SavedChoice,
    account: string,
    shareable: boolean,
  ): Promise<SheetJobOutcome> {
    const lang = this.parts.language;
    try {
      const result = await buildNegotiationPrep(this.parts.workbook, {
        account,
        shareable,
        sheet: choice.sheet,
        mapping: choice.mapping,
        period: choice.period,
        lang,
        now: this.parts.now?.(),
      });
      return {
        summary: prepSummary(result.json, lang),
        sheets: result.written,
        issuesSheet: labels(lang).issuesSheet,
        issueCount: result.ingest.issues.length + result.companions.issues.length,
      };
    } catch (e) {
      throw hostFailure(e, lang);
    }
  }

  /**
   * @example
   * (await host.portfolioRisk(choice)).sheets // ['Portfolio risk', 'Data issues']
   */
  async portfolioRisk(choice: SavedChoice): Promise<SheetJobOutcome> {
    const lang = this.parts.language;
    try {
      const result = await buildPortfolioRisk(this.parts.workbook, {
        sheet: choice.sheet,
        mapping: choice.mapping,
        period: choice.period,
        lang,
        now: this.parts.now?.(),
      });
      return {
        summary: riskSummary(result.json, lang),
        sheets: result.written,
        issuesSheet: labels(lang).issuesSheet,
        issueCount: result.ingest.issues.length + result.companions.issues.length,
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

  showSheet(name: string): Promise<void> {
    return this.parts.showSheet(name);
  }
}
