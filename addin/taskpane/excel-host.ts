/// <reference types="office-js" />
/**
 * The task pane's Host in Excel: the WorkbookHost over ExcelWorkbook, the choice remembered in
 * the workbook's settings (so it travels with the file), the UI language from Office's display
 * language, and sheet links that activate the sheet. Also the ribbon's **Build Top 20**, which runs
 * in the shared runtime without opening the pane.
 */
import type { PaneLanguage, SavedChoice } from '../../ui/host';
import { WorkbookHost, type ChoiceStore } from '../../ui/workbook-host';
import { ExcelWorkbook, type ExcelRun } from '../workbook/excel-workbook';

/** The workbook setting that remembers the source, mapping and period. */
export const CHOICE_SETTING = 'kam.top20.choice';

/** What the Excel host needs from Office: injectable, so tests pass fakes. */
export interface ExcelEnvironment {
  readonly run: ExcelRun;
  /** `Office.context.document.settings`. */
  readonly settings: Pick<Office.Settings, 'get' | 'set' | 'saveAsync'>;
  /** `Office.context.displayLanguage`, e.g. 'sv-SE'. */
  readonly displayLanguage: string;
}

/** The environment of a running add-in (after Office.onReady). */
export function officeEnvironment(): ExcelEnvironment {
  return {
    run: (batch) => Excel.run(batch),
    settings: Office.context.document.settings,
    displayLanguage: Office.context.displayLanguage,
  };
}

/**
 * The pane language of an Office display language: Swedish for sv-*, else English.
 *
 * @example
 * paneLanguage('sv-SE'); // 'sv'
 * paneLanguage('en-GB'); // 'en'
 */
export function paneLanguage(displayLanguage: string | undefined): PaneLanguage {
  return /^sv\b/i.test(displayLanguage ?? '') ? 'sv' : 'en';
}

function isSavedChoice(value: unknown): value is SavedChoice {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.sheet === 'string' &&
    typeof v.mapping === 'object' &&
    v.mapping !== null &&
    typeof v.period === 'object' &&
    v.period !== null &&
    typeof (v.period as { kind?: unknown }).kind === 'string'
  );
}

/**
 * The choice kept in the workbook's settings (saved with the document).
 *
 * @example
 * const store = settingsChoiceStore(Office.context.document.settings);
 * await store.save({ sheet: 'Sales', mapping: {}, period: { kind: 'r12' } });
 */
export function settingsChoiceStore(settings: ExcelEnvironment['settings']): ChoiceStore {
  return {
    load: async () => {
      const value: unknown = settings.get(CHOICE_SETTING);
      return isSavedChoice(value) ? value : null;
    },
    save: (choice) =>
      new Promise<void>((resolve, reject) => {
        settings.set(CHOICE_SETTING, choice);
        settings.saveAsync((result) => {
          // Office.AsyncResultStatus.Failed is the string 'failed' (no Office global needed here).
          if (String(result.status) === 'failed') reject(new Error(result.error.message));
          else resolve();
        });
      }),
  };
}

/**
 * The task pane's Host in Excel.
 *
 * @example
 * Office.onReady(() => render(createExcelHost()));
 */
export function createExcelHost(env: ExcelEnvironment = officeEnvironment()): WorkbookHost {
  const workbook = new ExcelWorkbook(env.run);
  return new WorkbookHost({
    kind: 'excel',
    workbook,
    store: settingsChoiceStore(env.settings),
    language: paneLanguage(env.displayLanguage),
    showSheet: (name) =>
      env.run(async (context) => {
        context.workbook.worksheets.getItem(name).activate();
        await context.sync();
      }),
    now: () => new Date(),
  });
}

/**
 * The ribbon's Build Top 20: the remembered choice (or the first sales table found, rolling 12
 * months), built and shown; a failure opens the pane, where the user can see and fix the source.
 * Returns the summary, or the failure's message.
 *
 * @example
 * Office.actions.associate('buildTop20', (event) => buildTop20Command(createExcelHost()).finally(() => event.completed()));
 */
export async function buildTop20Command(
  host: WorkbookHost,
  openPane: () => Promise<void> = () => Office.addin.showAsTaskpane(),
): Promise<string> {
  try {
    const outcome = await host.buildTop20(await host.choiceOrDefault(), () => undefined);
    await host.showSheet(outcome.top20Sheet);
    return outcome.summary;
  } catch (e) {
    await openPane();
    return (e as { message?: string }).message ?? String(e);
  }
}

/** Registers the ribbon commands in the shared runtime (call once, after Office.onReady). */
export function registerCommands(host: () => WorkbookHost = createExcelHost): void {
  Office.actions.associate('buildTop20', (event: Office.AddinCommands.Event) => {
    buildTop20Command(host()).finally(() => event.completed());
  });
}
