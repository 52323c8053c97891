/**
 * The in-browser preview host: the task pane's Host over a MemoryWorkbook holding the sample sales
 * sheet and the sample's companion sheets (as `kam sample` writes them). The remembered choice lives in memory; "show sheet" switches the preview area's tab. A
 * small store tells the preview area which sheets were built and which one is shown.
 */
import { MemoryWorkbook } from '../../shared/memory-workbook';
import type { SheetSpec } from '../../shared/sheet-spec';
import type { AppendRow, RawRow, Workbook } from '../../shared/workbook';
import type { PaneLanguage, SavedChoice } from '../host';
import { WorkbookHost, type ChoiceStore } from '../workbook-host';
import { sampleWorkbook } from './sample';

/** What the preview area shows: the input sheets, then the built ones, and the active one. */
export interface PreviewState {
  readonly sheets: readonly string[];
  readonly active: string | null;
  /** Bumped on every write, so a rebuilt sheet is drawn again. */
  readonly version: number;
}

/** A tiny external store (for React's useSyncExternalStore). */
export class PreviewStore {
  private state: PreviewState;
  private built = false;
  private readonly listeners = new Set<() => void>();

  constructor(inputSheets: readonly string[] = []) {
    this.state = { sheets: [...inputSheets], active: inputSheets[0] ?? null, version: 0 };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): PreviewState => this.state;

  /** A sheet was written: list it; the first sheet ever built is shown. */
  written(name: string): void {
    const { sheets, active, version } = this.state;
    const first = !this.built;
    this.built = true;
    this.set({
      sheets: sheets.includes(name) ? sheets : [...sheets, name],
      active: first ? name : active,
      version: version + 1,
    });
  }

  show(name: string): void {
    this.set({ ...this.state, active: name });
  }

  private set(state: PreviewState): void {
    this.state = state;
    for (const l of this.listeners) l();
  }
}

/** The workbook, reporting each written sheet to the store. */
class ObservedWorkbook implements Workbook {
  constructor(
    private readonly inner: MemoryWorkbook,
    private readonly onWrite: (name: string) => void,
  ) {}

  sheetNames(): Promise<string[]> {
    return this.inner.sheetNames();
  }

  readRows(
    sheet: string,
    onChunk: (rows: readonly RawRow[], firstRow: number, lastRow?: number) => void,
  ): Promise<void> {
    return this.inner.readRows(sheet, onChunk);
  }

  async writeSheet(spec: SheetSpec): Promise<void> {
    await this.inner.writeSheet(spec);
    this.onWrite(spec.name);
  }

  /** Number formats are a renderer's concern: the memory grid holds values only. */
  appendRows(sheet: string, rows: readonly AppendRow[]): Promise<number> {
    return this.inner.appendRows(sheet, rows);
  }
}

/** The remembered choice, for this page's lifetime. */
export class MemoryChoiceStore implements ChoiceStore {
  private choice: SavedChoice | null = null;

  async load(): Promise<SavedChoice | null> {
    return this.choice;
  }

  async save(choice: SavedChoice): Promise<void> {
    this.choice = choice;
  }
}

export interface Preview {
  readonly host: WorkbookHost;
  readonly workbook: MemoryWorkbook;
  readonly store: PreviewStore;
  /** SheetSpecs of the input sheets (the sample and its companions), for the download. */
  readonly inputSpecs: ReadonlyMap<string, SheetSpec>;
}

/**
 * The preview: sample workbook, host and store.
 *
 * @example
 * const preview = createPreview({ language: 'sv' });
 * await preview.host.buildTop20(choice, () => {}); // preview.store.snapshot().sheets → ['Topp 20', 'Dataproblem']
 */
export function createPreview(options: { language: PaneLanguage; now?: () => Date }): Preview {
  const { sheets } = sampleWorkbook();
  const workbook = new MemoryWorkbook(Object.fromEntries(sheets.map((s) => [s.name, s.rows])));
  const store = new PreviewStore(sheets.map((s) => s.name));
  const host = new WorkbookHost({
    kind: 'preview',
    workbook: new ObservedWorkbook(workbook, (name) => store.written(name)),
    store: new MemoryChoiceStore(),
    language: options.language,
    showSheet: async (name) => store.show(name),
    now: options.now,
  });
  return { host, workbook, store, inputSpecs: new Map(sheets.map((s) => [s.name, s.spec])) };
}

/**
 * The preview's language: `?lang=sv|en`, else the browser's language (sv* → Swedish), else English.
 *
 * @example
 * previewLanguage('?lang=sv', 'en-US') // 'sv'
 * previewLanguage('', 'sv-FI') // 'sv'
 */
export function previewLanguage(search: string, browserLanguage: string | undefined): PaneLanguage {
  const asked = new URLSearchParams(search).get('lang')?.trim().toLowerCase();
  if (asked === 'sv' || asked === 'en') return asked;
  return browserLanguage?.toLowerCase().startsWith('sv') ? 'sv' : 'en';
}
