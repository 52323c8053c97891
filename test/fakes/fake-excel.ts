/// <reference types="office-js" />
/**
 * An in-memory fake of exactly the Office.js surface ExcelWorkbook uses — and no more: any other
 * property or method throws "… is not implemented in the fake Excel", so a test cannot pass against
 * behaviour the fake only pretends to have.
 *
 * Like Office.js:
 * - every call only queues an action; `context.sync()` runs the queue in order. An action that
 *   fails stops the batch with an error shaped like Office's (`name: 'RichApi.Error'`, a `code`
 *   such as `ItemNotFound`, `InvalidArgument`, `RequestPayloadSizeLimitExceeded`); the actions
 *   before it stay applied;
 * - properties are readable only after `load()` and a `sync()` (else `PropertyNotLoaded`); the
 *   `isNullObject` of a `…OrNullObject` result after a sync;
 * - each sync measures its request (JSON bytes of what was queued: values, formulas, formats,
 *   method arguments) and its response (JSON bytes of what was loaded) and fails with
 *   `RequestPayloadSizeLimitExceeded` when either exceeds 5 MB (nothing is applied or loaded then);
 * - a string written through `values` is read as if typed: a leading apostrophe is dropped and makes
 *   the cell text; in a cell whose number format is '@' it stays text; otherwise `=…` is a formula,
 *   and so is `+…`, `-…` or `@…` unless it is a number; numbers, TRUE/FALSE and error literals
 *   (`#NUM!`) become numbers, booleans and errors. `null` in a 2-D array leaves a cell unchanged.
 *
 * Unlike Excel, the fake does not calculate: a formula cell reads as '' through `values` (its formula
 * through `formulas`), and it does not parse dates or locale-shaped numbers.
 *
 * Tests inspect the workbook through `FakeExcel` (cell, grid, sheetState, snapshot) and can inject
 * a failure at a chosen sync (`failAt`).
 */

/** The request and response limit of Excel on the web. */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** Bytes charged per queued action for its envelope (object path, action type). */
const ACTION_BYTES = 32;
const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

/** An error shaped like OfficeExtension.Error. */
export class FakeRichApiError extends Error {
  override readonly name = 'RichApi.Error';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const notLoaded = (prop: string) =>
  new FakeRichApiError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );

const notImplemented = (kind: string, what: string) =>
  new Error(`${kind}.${what} is not implemented in the fake Excel`);

// ---------------------------------------------------------------------------------------------
// The model

type Scalar = string | number | boolean;

/** Per-cell format as the fake records it. */
export interface FakeCellFormat {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  fill?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrapText?: boolean;
  borderTop?: boolean;
  borderBottom?: boolean;
}

/** A cell as tests see it. */
export interface FakeCellView {
  /** The stored value (null when blank or a formula). */
  readonly value: Scalar | null;
  /** The formula ('=…'), or null. */
  readonly formula: string | null;
  readonly kind: 'blank' | 'text' | 'number' | 'boolean' | 'error' | 'formula';
  /** The text Excel would display, ignoring number formats (null for a formula: not calculated). */
  readonly display: string | null;
  /** Entered with a leading apostrophe. */
  readonly quotePrefix: boolean;
  readonly numberFormat: string;
  readonly format: FakeCellFormat;
}

export interface FakeConditionalFormatRecord {
  type: 'Custom' | 'CellValue' | 'DataBar';
  range: string;
  formula?: string;
  rule?: unknown;
  font: { bold?: boolean; italic?: boolean; color?: string };
  fill?: string;
  dataBar?: {
    lowerBoundRule?: unknown;
    upperBoundRule?: unknown;
    fillColor?: string;
    gradientFill?: boolean;
  };
}

/**
 * A data validation rule set through `range.dataValidation.rule`, as Office.js takes it (ExcelApi
 * 1.8). The fake accepts only list rules (`{ list: { inCellDropDown, source } }`, source a string):
 * any other rule type, a Range source, or a rule with more than one type throws. It does not model
 * overlapping rules (the renderer writes a fresh sheet) nor Excel's checks of the source text.
 */
export interface FakeDataValidationRecord {
  range: string;
  list: { inCellDropDown: boolean; source: string };
}

export interface FakeSeriesRecord {
  name?: string;
  values?: string;
  xValues?: string;
  chartType?: string;
  axisGroup: 'Primary' | 'Secondary';
  fill?: string;
  line?: string;
}

export interface FakeChartRecord {
  type: string;
  source: string;
  seriesBy?: string;
  title?: string;
  legend?: string;
  position?: { start: string; end: string };
  series: FakeSeriesRecord[];
  axes: { primary?: string; secondary?: string };
}

export interface FakePageLayout {
  orientation?: string;
  zoom?: Excel.PageLayoutZoomOptions;
  printArea?: string;
}

/** Everything the fake records about a sheet but its cells. */
export interface FakeSheetState {
  readonly id: string;
  readonly name: string;
  readonly position: number;
  readonly tabColor?: string;
  readonly freeze?: { rows: number; cols: number };
  readonly columnWidths: Record<number, number>;
  readonly hiddenColumns: number[];
  /** Top priority first. */
  readonly conditionalFormats: FakeConditionalFormatRecord[];
  /** In the order they were set. */
  readonly dataValidations: FakeDataValidationRecord[];
  readonly charts: FakeChartRecord[];
  readonly pageLayout: FakePageLayout;
}

const key = (r: number, c: number) => r * MAX_COLS + c;

class SheetModel {
  /** Cell values by row (undefined/null = blank). */
  readonly rows: ((Scalar | null | undefined)[] | undefined)[] = [];
  readonly formulas = new Map<number, string>();
  readonly quoted = new Set<number>();
  readonly errors = new Set<number>();
  readonly numberFormats = new Map<number, string>();
  readonly formats = new Map<number, FakeCellFormat>();
  readonly columnWidths: Record<number, number> = {};
  readonly hiddenColumns = new Set<number>();
  readonly conditionalFormats: FakeConditionalFormatRecord[] = [];
  readonly dataValidations: FakeDataValidationRecord[] = [];
  readonly charts: FakeChartRecord[] = [];
  readonly pageLayout: FakePageLayout = {};
  freeze: { rows: number; cols: number } | undefined = undefined;
  tabColor: string | undefined = undefined;
  deleted = false;

  constructor(
    readonly id: string,
    public name: string,
  ) {}

  value(r: number, c: number): Scalar | null {
    const v = this.rows[r]?.[c];
    return v === undefined || v === '' ? null : v;
  }

  numberFormat(r: number, c: number): string {
    return this.numberFormats.get(key(r, c)) ?? 'General';
  }

  /** Stores what a user (or `values`) typed into a cell. */
  enter(r: number, c: number, input: Scalar, allowFormula = true): void {
    const k = key(r, c);
    this.formulas.delete(k);
    this.quoted.delete(k);
    this.errors.delete(k);
    let value: Scalar | null = input;
    if (typeof input === 'string') {
      const typed = parseTyped(input, this.numberFormat(r, c));
      if (typed.kind === 'formula' && allowFormula) {
        this.formulas.set(k, typed.formula);
        value = null;
      } else if (typed.kind === 'formula') {
        value = input;
      } else {
        value = typed.value;
        if (typed.quoted) this.quoted.add(k);
        if (typed.kind === 'error') this.errors.add(k);
      }
    }
    const row = (this.rows[r] ??= []);
    row[c] = value;
  }

  cell(r: number, c: number): FakeCellView {
    const k = key(r, c);
    const formula = this.formulas.get(k) ?? null;
    const value = formula === null ? this.value(r, c) : null;
    const kind: FakeCellView['kind'] =
      formula !== null
        ? 'formula'
        : value === null
          ? 'blank'
          : this.errors.has(k)
            ? 'error'
            : typeof value === 'string'
              ? 'text'
              : typeof value === 'number'
                ? 'number'
                : 'boolean';
    const display =
      kind === 'formula'
        ? null
        : value === null
          ? ''
          : typeof value === 'boolean'
            ? String(value).toUpperCase()
            : String(value);
    return {
      value,
      formula,
      kind,
      display,
      quotePrefix: this.quoted.has(k),
      numberFormat: this.numberFormat(r, c),
      format: { ...(this.formats.get(k) ?? {}) },
    };
  }

  /** Bounding box of cells with a value or formula (and, unless valuesOnly, a format). */
  used(valuesOnly: boolean): Rect | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    const add = (r: number, c: number) => {
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, c);
      right = Math.max(right, c);
    };
    this.rows.forEach((row, r) => {
      if (!row) return;
      for (let c = 0; c < row.length; c++)
        if (row[c] !== undefined && row[c] !== null && row[c] !== '') add(r, c);
    });
    const keys = [...this.formulas.keys()];
    if (!valuesOnly) keys.push(...this.numberFormats.keys(), ...this.formats.keys());
    for (const k of keys) add(Math.floor(k / MAX_COLS), k % MAX_COLS);
    if (bottom < 0) return null;
    return { sheet: this, row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
  }

  format(r: number, c: number): FakeCellFormat {
    const k = key(r, c);
    let f = this.formats.get(k);
    if (!f) this.formats.set(k, (f = {}));
    return f;
  }
}

interface Rect {
  readonly sheet: SheetModel;
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

type Typed =
  | { kind: 'formula'; formula: string }
  | {
      kind: 'text' | 'number' | 'boolean' | 'error' | 'blank';
      value: Scalar | null;
      quoted: boolean;
    };

const ERROR_LITERALS = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
]);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A string as Excel reads it when typed (or written through `values`) into a cell. */
function parseTyped(s: string, numberFormat: string): Typed {
  if (s.startsWith("'")) return { kind: 'text', value: s.slice(1), quoted: true };
  if (s === '') return { kind: 'blank', value: null, quoted: false };
  if (numberFormat === '@') return { kind: 'text', value: s, quoted: false };
  if (s.startsWith('=')) return { kind: 'formula', formula: s };
  if (NUMBER.test(s.trim())) return { kind: 'number', value: Number(s.trim()), quoted: false };
  if (/^[+\-@]/.test(s)) return { kind: 'formula', formula: `=${s}` };
  if (/^(true|false)$/i.test(s)) return { kind: 'boolean', value: /^t/i.test(s), quoted: false };
  if (ERROR_LITERALS.has(s.toUpperCase()))
    return { kind: 'error', value: s.toUpperCase(), quoted: false };
  return { kind: 'text', value: s, quoted: false };
}

/** An Excel table (ListObject): a name over a rectangle of a sheet, header row first. */
interface TableModel {
  readonly name: string;
  readonly rect: Rect;
}

class BookModel {
  readonly sheets: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  active: SheetModel | null = null;
  private nextId = 1;

  find(keyOrId: string): SheetModel | null {
    const k = keyOrId.toLowerCase();
    return this.sheets.find((s) => s.id.toLowerCase() === k || s.name.toLowerCase() === k) ?? null;
  }

  add(name: string): SheetModel {
    checkName(name);
    if (this.find(name))
      throw new FakeRichApiError('ItemAlreadyExists', `A sheet named "${name}" already exists.`);
    const id = `{F4CE0000-0000-4000-8000-${String(this.nextId++).padStart(12, '0')}}`;
    const sheet = new SheetModel(id, name);
    this.sheets.push(sheet);
    this.active ??= sheet;
    return sheet;
  }

  rename(sheet: SheetModel, name: string): void {
    checkName(name);
    const other = this.find(name);
    if (other && other !== sheet)
      throw new FakeRichApiError('InvalidArgument', `A sheet named "${name}" already exists.`);
    sheet.name = name;
  }

  remove(sheet: SheetModel): void {
    const at = this.sheets.indexOf(sheet);
    if (this.sheets.length === 1)
      throw new FakeRichApiError('InvalidOperation', 'A workbook must contain at least one sheet.');
    this.sheets.splice(at, 1);
    sheet.deleted = true;
    if (this.active === sheet) this.active = this.sheets[Math.min(at, this.sheets.length - 1)];
  }

  move(sheet: SheetModel, position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.sheets.length)
      throw new FakeRichApiError('InvalidArgument', `Invalid sheet position ${position}.`);
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.sheets.splice(position, 0, sheet);
  }
}

function checkName(name: string): void {
  if (name === '' || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name))
    throw new FakeRichApiError('InvalidArgument', `Invalid sheet name "${name}".`);
}

// ---------------------------------------------------------------------------------------------
// The request context and its queue

interface Action {
  readonly bytes: number;
  /** Runs at sync; returns response bytes (loads). */
  readonly run: () => number;
}

/** One sync as the fake saw it. */
export interface SyncRecord {
  readonly requestBytes: number;
  readonly responseBytes: number;
  /** `suspendApiCalculationUntilNextSync` was queued in this sync. */
  readonly calculationSuspended: boolean;
  /** Formulas were written in this sync. */
  readonly wroteFormulas: boolean;
  readonly failed?: string;
}

interface Failure {
  at: number;
  afterActions: number;
}

class Ctx {
  queue: Action[] = [];
  /** Objects loaded in the running sync (unloaded when its response is too large). */
  loadedNow: { obj: FakeObject; props: string[] }[] = [];
  calculationSuspended = false;
  wroteFormulas = false;

  constructor(readonly fake: FakeExcel) {}

  /** Queues a write (or any action without a response). */
  enqueue(payload: unknown, run: () => unknown): void {
    this.queue.push({
      bytes: jsonBytes(payload) + ACTION_BYTES,
      run: () => {
        run();
        return 0;
      },
    });
  }

  /** Queues a load: `run` returns the bytes of its response. */
  enqueueLoad(payload: unknown, run: () => number): void {
    this.queue.push({ bytes: jsonBytes(payload) + ACTION_BYTES, run });
  }

  async sync(): Promise<void> {
    await Promise.resolve();
    const queue = this.queue;
    this.queue = [];
    this.loadedNow = [];
    this.calculationSuspended = false;
    this.wroteFormulas = false;
    const requestBytes = queue.reduce((s, a) => s + a.bytes, 0);
    const record = (responseBytes: number, failed?: string) =>
      this.fake.syncs.push({
        requestBytes,
        responseBytes,
        calculationSuspended: this.calculationSuspended,
        wroteFormulas: this.wroteFormulas,
        ...(failed ? { failed } : {}),
      });
    const failure = this.fake.takeFailure();
    if (failure) {
      for (const action of queue.slice(0, failure.afterActions)) action.run();
      record(0, 'injected');
      throw new FakeRichApiError('GeneralException', 'Injected failure (fake Excel).');
    }
    if (requestBytes > PAYLOAD_LIMIT) {
      record(0, 'RequestPayloadSizeLimitExceeded');
      throw new FakeRichApiError(
        'RequestPayloadSizeLimitExceeded',
        `The request payload size has exceeded the limit (${requestBytes} bytes).`,
      );
    }
    let responseBytes = 0;
    for (const action of queue) {
      try {
        responseBytes += action.run();
      } catch (e) {
        record(responseBytes, e instanceof FakeRichApiError ? e.code : 'error');
        throw e;
      }
    }
    if (responseBytes > PAYLOAD_LIMIT) {
      for (const { obj, props } of this.loadedNow) obj.unload(props);
      record(responseBytes, 'RequestPayloadSizeLimitExceeded');
      throw new FakeRichApiError(
        'RequestPayloadSizeLimitExceeded',
        `The response payload size has exceeded the limit (${responseBytes} bytes).`,
      );
    }
    record(responseBytes);
  }
}

/** Names that JS machinery probes on any object (await, JSON, Jest): answered with undefined. */
const PROBES = new Set(['then', 'toJSON', 'asymmetricMatch', '$$typeof', 'nodeType', 'tagName']);

/** Wraps a fake object so that anything it does not define throws "not implemented". */
function honest<T extends object>(obj: T, kind: string): T {
  return new Proxy(obj, {
    get(target, prop, receiver) {
      if (typeof prop === 'symbol' || PROBES.has(prop) || prop in target)
        return Reflect.get(target, prop, receiver);
      throw notImplemented(kind, prop);
    },
    set(target, prop, value, receiver) {
      if (typeof prop === 'symbol' || prop in target)
        return Reflect.set(target, prop, value, receiver);
      throw notImplemented(kind, `${prop} (set)`);
    },
  });
}

/** Base of the proxy objects: load() and loaded properties. */
abstract class FakeObject {
  private readonly loadedProps = new Map<string, unknown>();
  nullState: boolean | undefined = undefined;

  constructor(
    readonly ctx: Ctx,
    readonly kind: string,
  ) {}

  load(props?: string | string[]): this {
    const list = (Array.isArray(props) ? props : (props ?? '').split(','))
      .map((p) => p.trim())
      .filter((p) => p !== '');
    if (list.length === 0) throw notImplemented(this.kind, 'load() without property names');
    this.ctx.enqueueLoad(list, () => {
      if (this.isNull()) return 0;
      let bytes = 0;
      for (const p of list) {
        const v = this.snapshot(p);
        this.loadedProps.set(p, v);
        bytes += jsonBytes(v);
      }
      this.ctx.loadedNow.push({ obj: this, props: list });
      return bytes;
    });
    return this;
  }

  unload(props: string[]): void {
    for (const p of props) this.loadedProps.delete(p);
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw notLoaded('isNullObject');
    return this.nullState;
  }

  protected loaded<T>(prop: string): T {
    if (!this.loadedProps.has(prop)) throw notLoaded(prop);
    return this.loadedProps.get(prop) as T;
  }

  /** Registers the null check of an …OrNullObject result with the next sync. */
  protected checkNullAtSync(): void {
    this.ctx.enqueue(null, () => {
      this.nullState = this.isNull();
    });
  }

  /** True when this is a null object (resolves it). */
  protected isNull(): boolean {
    return false;
  }

  /** A property's value for load(). */
  protected abstract snapshot(prop: string): unknown;
}

// ---------------------------------------------------------------------------------------------
// Workbook objects

class FakeContext {
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;
  constructor(readonly ctx: Ctx) {
    this.workbook = honest(new FakeWorkbook(ctx), 'Workbook');
    this.application = honest(new FakeApplication(ctx), 'Application');
  }
  sync(): Promise<void> {
    return this.ctx.sync();
  }
}

class FakeApplication {
  constructor(private readonly ctx: Ctx) {}
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.enqueue(null, () => {
      this.ctx.calculationSuspended = true;
    });
  }
}

class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  constructor(ctx: Ctx) {
    this.worksheets = honest(new FakeWorksheetCollection(ctx), 'WorksheetCollection');
    this.tables = honest(new FakeTableCollection(ctx), 'TableCollection');
  }
}

/** The workbook's tables: their names (`load('items/name')`) and one by name. */
class FakeTableCollection extends FakeObject {
  private names: { name: string }[] | undefined = undefined;

  constructor(ctx: Ctx) {
    super(ctx, 'TableCollection');
  }

  get items(): { name: string }[] {
    if (this.names === undefined) throw notLoaded('items');
    return this.names;
  }

  override load(props?: string | string[]): this {
    if (props !== 'items/name') throw notImplemented(this.kind, `load(${JSON.stringify(props)})`);
    this.ctx.enqueueLoad(props, () => {
      // Excel lists tables in sheet order, then by position on the sheet.
      const book = this.ctx.fake.book;
      const order = (t: TableModel) => [book.sheets.indexOf(t.rect.sheet), t.rect.row, t.rect.col];
      const sorted = [...book.tables].sort((a, b) => {
        const [x, y] = [order(a), order(b)];
        return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
      });
      this.names = sorted.filter((t) => !t.rect.sheet.deleted).map((t) => ({ name: t.name }));
      return jsonBytes(this.names);
    });
    return this;
  }

  protected snapshot(prop: string): unknown {
    throw notImplemented(this.kind, prop);
  }

  getItemOrNullObject(name: string): FakeTable {
    return honest(new FakeTable(this.ctx, name), 'Table');
  }
}

class FakeTable extends FakeObject {
  constructor(
    ctx: Ctx,
    private readonly key: string,
  ) {
    super(ctx, 'Table');
    this.checkNullAtSync();
  }

  private find(): TableModel | null {
    const k = this.key.toLowerCase();
    const t = this.ctx.fake.book.tables.find((x) => x.name.toLowerCase() === k);
    return t && !t.rect.sheet.deleted ? t : null;
  }

  protected override isNull(): boolean {
    return this.find() === null;
  }

  protected snapshot(prop: string): unknown {
    throw notImplemented(this.kind, `load('${prop}')`);
  }

  /** The whole table, header row included. */
  getRange(): FakeRange {
    return range(
      this.ctx,
      () => this.find()?.rect ?? fail('InvalidObjectPath', 'No table.'),
      false,
      `table(${this.key})`,
    );
  }

  get worksheet(): FakeWorksheet {
    return worksheet(this.ctx, () => this.find()?.rect.sheet ?? null, false, this.key);
  }
}

class FakeWorksheetCollection extends FakeObject {
  private itemsLoaded: FakeWorksheet[] | undefined = undefined;

  constructor(ctx: Ctx) {
    super(ctx, 'WorksheetCollection');
  }

  get items(): FakeWorksheet[] {
    if (this.itemsLoaded === undefined) throw notLoaded('items');
    return this.itemsLoaded;
  }

  override load(props?: string | string[]): this {
    const list = (Array.isArray(props) ? props : (props ?? '').split(',')).map((p) => p.trim());
    const itemProps = list.map((p) => /^items\/(\w+)$/.exec(p)?.[1]);
    if (itemProps.some((p) => p === undefined))
      throw notImplemented(this.kind, `load(${JSON.stringify(props)})`);
    this.ctx.enqueueLoad(list, () => {
      const book = this.ctx.fake.book;
      this.itemsLoaded = book.sheets.map((sheet) => {
        const ws = worksheet(this.ctx, () => sheet, false);
        ws.setLoaded(itemProps as string[]);
        return ws;
      });
      return jsonBytes(book.sheets.map((s) => s.name));
    });
    return this;
  }

  protected snapshot(prop: string): unknown {
    throw notImplemented(this.kind, prop);
  }

  add(name: string): FakeWorksheet {
    let created: SheetModel | null = null;
    const ws = worksheet(
      this.ctx,
      () => created ?? fail('ItemNotFound', 'The sheet was not added.'),
      false,
    );
    this.ctx.enqueue(name, () => {
      created = this.ctx.fake.book.add(name);
    });
    return ws;
  }

  getItem(key: string): FakeWorksheet {
    return worksheet(this.ctx, () => this.ctx.fake.book.find(key), false, key);
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return worksheet(this.ctx, () => this.ctx.fake.book.find(key), true, key);
  }

  getActiveWorksheet(): FakeWorksheet {
    return worksheet(this.ctx, () => this.ctx.fake.book.active, false);
  }
}

function fail(code: string, message: string): never {
  throw new FakeRichApiError(code, message);
}

function worksheet(
  ctx: Ctx,
  locate: () => SheetModel | null,
  orNull: boolean,
  key?: string,
): FakeWorksheet {
  return honest(new FakeWorksheet(ctx, locate, orNull, key), 'Worksheet');
}

class FakeWorksheet extends FakeObject {
  private target: SheetModel | null | undefined = undefined;
  readonly freezePanes: FakeFreezePanes;
  readonly pageLayout: FakePageLayoutObject;
  readonly charts: FakeChartCollection;

  constructor(
    ctx: Ctx,
    private readonly locate: () => SheetModel | null,
    private readonly orNull: boolean,
    private readonly key?: string,
  ) {
    super(ctx, 'Worksheet');
    this.freezePanes = honest(new FakeFreezePanes(ctx, this), 'WorksheetFreezePanes');
    this.pageLayout = honest(new FakePageLayoutObject(ctx, this), 'PageLayout');
    this.charts = honest(new FakeChartCollection(ctx, this), 'ChartCollection');
    if (orNull) this.checkNullAtSync();
  }

  /** Marks properties as loaded (collection items). */
  setLoaded(props: string[]): void {
    this.load(props);
    const action = this.ctx.queue.pop()!;
    action.run();
  }

  protected override isNull(): boolean {
    if (this.target === undefined) this.target = this.locate();
    return this.target === null || this.target.deleted;
  }

  /** The sheet, resolved at sync time. */
  model(): SheetModel {
    if (this.isNull()) {
      throw this.orNull
        ? new FakeRichApiError('InvalidObjectPath', 'The object is a null object.')
        : new FakeRichApiError(
            'ItemNotFound',
            `The requested sheet "${this.key ?? ''}" does not exist.`,
          );
    }
    return this.target!;
  }

  protected snapshot(prop: string): unknown {
    const sheet = this.model();
    if (prop === 'id') return sheet.id;
    if (prop === 'name') return sheet.name;
    if (prop === 'position') return this.ctx.fake.book.sheets.indexOf(sheet);
    throw notImplemented(this.kind, `load('${prop}')`);
  }

  get id(): string {
    return this.loaded('id');
  }
  get name(): string {
    return this.loaded('name');
  }
  set name(name: string) {
    this.ctx.enqueue(name, () => this.ctx.fake.book.rename(this.model(), name));
  }
  get position(): number {
    return this.loaded('position');
  }
  set position(position: number) {
    this.ctx.enqueue(position, () => this.ctx.fake.book.move(this.model(), position));
  }
  set tabColor(color: string) {
    this.ctx.enqueue(color, () => {
      this.model().tabColor = color;
    });
  }

  delete(): void {
    this.ctx.enqueue(null, () => this.ctx.fake.book.remove(this.model()));
  }

  activate(): void {
    this.ctx.enqueue(null, () => {
      this.ctx.fake.book.active = this.model();
    });
  }

  getRange(address: string): FakeRange {
    return range(
      this.ctx,
      () => {
        const a = parseAddress(address);
        return { sheet: this.model(), ...a };
      },
      false,
      address,
    );
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    return range(
      this.ctx,
      () => {
        const ok = [row, col, rows, cols].every(Number.isInteger) && row >= 0 && col >= 0;
        if (!ok || rows < 1 || cols < 1 || row + rows > MAX_ROWS || col + cols > MAX_COLS)
          fail('InvalidArgument', `Invalid range indexes ${row},${col},${rows},${cols}.`);
        return { sheet: this.model(), row, col, rows, cols };
      },
      false,
      `indexes(${row},${col},${rows},${cols})`,
    );
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return range(this.ctx, () => this.model().used(valuesOnly === true), true, 'usedRange');
  }
}

function parseAddress(address: string): { row: number; col: number; rows: number; cols: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(address);
  if (!m) return fail('InvalidArgument', `Invalid address "${address}".`);
  const c1 = colIndex(m[1]);
  const r1 = Number(m[2]) - 1;
  const c2 = m[3] ? colIndex(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  const row = Math.min(r1, r2);
  const col = Math.min(c1, c2);
  return { row, col, rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

function colLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function rectAddress(r: Rect): string {
  const tl = `${colLetters(r.col)}${r.row + 1}`;
  if (r.rows === 1 && r.cols === 1) return tl;
  return `${tl}:${colLetters(r.col + r.cols - 1)}${r.row + r.rows}`;
}

function range(ctx: Ctx, locate: () => Rect | null, orNull: boolean, label: string): FakeRange {
  return honest(new FakeRange(ctx, locate, orNull, label), 'Range');
}

class FakeRange extends FakeObject {
  private target: Rect | null | undefined = undefined;
  readonly format: FakeRangeFormat;
  readonly conditionalFormats: FakeConditionalFormatCollection;
  readonly dataValidation: FakeDataValidation;

  constructor(
    ctx: Ctx,
    private readonly locate: () => Rect | null,
    orNull: boolean,
    readonly label: string,
  ) {
    super(ctx, 'Range');
    this.format = honest(new FakeRangeFormat(ctx, this), 'RangeFormat');
    this.conditionalFormats = honest(
      new FakeConditionalFormatCollection(ctx, this),
      'ConditionalFormatCollection',
    );
    this.dataValidation = honest(new FakeDataValidation(ctx, this), 'DataValidation');
    if (orNull) this.checkNullAtSync();
  }

  protected override isNull(): boolean {
    if (this.target === undefined) this.target = this.locate();
    return this.target === null;
  }

  /** The rectangle, resolved at sync time. */
  rect(): Rect {
    if (this.isNull()) fail('InvalidObjectPath', 'The range is a null object.');
    return this.target!;
  }

  /** Each cell of the rectangle. */
  each(fn: (sheet: SheetModel, r: number, c: number, i: number, j: number) => void): void {
    const { sheet, row, col, rows, cols } = this.rect();
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) fn(sheet, row + i, col + j, i, j);
  }

  protected snapshot(prop: string): unknown {
    const rect = this.rect();
    const { sheet, row, col, rows, cols } = rect;
    switch (prop) {
      case 'address':
        return `${quoteSheet(sheet.name)}!${rectAddress(rect)}`;
      case 'rowIndex':
        return row;
      case 'columnIndex':
        return col;
      case 'rowCount':
        return rows;
      case 'columnCount':
        return cols;
      case 'values':
      case 'formulas': {
        const out: Scalar[][] = [];
        for (let i = 0; i < rows; i++) {
          const source = sheet.rows[row + i];
          const line: Scalar[] = new Array<Scalar>(cols);
          for (let j = 0; j < cols; j++) {
            const formula =
              sheet.formulas.size > 0 ? sheet.formulas.get(key(row + i, col + j)) : undefined;
            const v = source?.[col + j];
            line[j] = formula !== undefined ? (prop === 'formulas' ? formula : '') : (v ?? '');
          }
          out.push(line);
        }
        return out;
      }
      default:
        throw notImplemented(this.kind, `load('${prop}')`);
    }
  }

  get values(): Scalar[][] {
    return this.loaded('values');
  }
  get formulas(): Scalar[][] {
    return this.loaded('formulas');
  }
  get rowIndex(): number {
    return this.loaded('rowIndex');
  }
  get columnIndex(): number {
    return this.loaded('columnIndex');
  }
  get rowCount(): number {
    return this.loaded('rowCount');
  }
  get columnCount(): number {
    return this.loaded('columnCount');
  }
  get address(): string {
    return this.loaded('address');
  }

  set values(grid: unknown[][]) {
    this.write('values', grid, (sheet, r, c, v) => sheet.enter(r, c, scalar(v)));
  }

  set formulas(grid: unknown[][]) {
    this.write('formulas', grid, (sheet, r, c, v) => {
      sheet.enter(r, c, scalar(v));
      if (typeof v === 'string' && sheet.formulas.has(key(r, c))) this.ctx.wroteFormulas = true;
    });
  }

  set numberFormat(grid: unknown[][]) {
    this.write('numberFormat', grid, (sheet, r, c, v) => {
      if (typeof v !== 'string') fail('InvalidArgument', 'A number format must be a string.');
      if (v === '' || v === 'General') sheet.numberFormats.delete(key(r, c));
      else sheet.numberFormats.set(key(r, c), v);
    });
  }

  set columnHidden(hidden: boolean) {
    this.ctx.enqueue(hidden, () => {
      const { sheet, col, cols } = this.rect();
      for (let c = col; c < col + cols; c++) {
        if (hidden) sheet.hiddenColumns.add(c);
        else sheet.hiddenColumns.delete(c);
      }
    });
  }

  private write(
    what: string,
    grid: unknown[][],
    put: (sheet: SheetModel, r: number, c: number, v: unknown) => void,
  ): void {
    if (!Array.isArray(grid) || !grid.every(Array.isArray))
      throw notImplemented(this.kind, `${what} set to a non-2-D value`);
    this.ctx.enqueue(grid, () => {
      const { rows, cols } = this.rect();
      if (grid.length !== rows || grid.some((line) => line.length !== cols))
        fail(
          'InvalidArgument',
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}).`,
        );
      this.each((sheet, r, c, i, j) => {
        const v = grid[i][j];
        if (v !== null) put(sheet, r, c, v);
      });
    });
  }
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** A value the fake accepts in a 2-D write. */
function scalar(v: unknown): Scalar {
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return fail('InvalidArgument', `Invalid cell value ${String(v)}.`);
}

class FakeRangeFormat {
  readonly font: FakeFont;
  readonly fill: FakeFill;
  readonly borders: FakeBorders;

  constructor(
    private readonly ctx: Ctx,
    private readonly range: FakeRange,
  ) {
    this.font = honest(new FakeFont(ctx, range), 'RangeFont');
    this.fill = honest(new FakeFill(ctx, range), 'RangeFill');
    this.borders = honest(new FakeBorders(ctx, range), 'RangeBorderCollection');
  }

  set horizontalAlignment(v: string) {
    this.ctx.enqueue(v, () =>
      this.range.each((s, r, c) => (s.format(r, c).horizontalAlignment = v)),
    );
  }
  set verticalAlignment(v: string) {
    this.ctx.enqueue(v, () => this.range.each((s, r, c) => (s.format(r, c).verticalAlignment = v)));
  }
  set wrapText(v: boolean) {
    this.ctx.enqueue(v, () => this.range.each((s, r, c) => (s.format(r, c).wrapText = v)));
  }
  set columnWidth(points: number) {
    this.ctx.enqueue(points, () => {
      const { sheet, col, cols } = this.range.rect();
      for (let c = col; c < col + cols; c++) sheet.columnWidths[c] = points;
    });
  }
}

class FakeFont {
  constructor(
    private readonly ctx: Ctx,
    private readonly range: FakeRange,
  ) {}
  private put<K extends 'bold' | 'italic' | 'size' | 'color'>(k: K, v: FakeCellFormat[K]): void {
    this.ctx.enqueue(v, () => this.range.each((s, r, c) => (s.format(r, c)[k] = v)));
  }
  set bold(v: boolean) {
    this.put('bold', v);
  }
  set italic(v: boolean) {
    this.put('italic', v);
  }
  set size(v: number) {
    this.put('size', v);
  }
  set color(v: string) {
    this.put('color', v);
  }
}

class FakeFill {
  constructor(
    private readonly ctx: Ctx,
    private readonly range: FakeRange,
  ) {}
  set color(v: string) {
    this.ctx.enqueue(v, () => this.range.each((s, r, c) => (s.format(r, c).fill = v)));
  }
}

class FakeBorders {
  constructor(
    private readonly ctx: Ctx,
    private readonly range: FakeRange,
  ) {}
  getItem(index: string): FakeBorder {
    if (!['EdgeTop', 'EdgeBottom', 'InsideHorizontal'].includes(index))
      throw notImplemented('RangeBorderCollection', `getItem('${index}')`);
    return honest(new FakeBorder(this.ctx, this.range, index), 'RangeBorder');
  }
}

class FakeBorder {
  constructor(
    private readonly ctx: Ctx,
    private readonly range: FakeRange,
    private readonly index: string,
  ) {}
  set style(style: string) {
    if (style !== 'Continuous') throw notImplemented('RangeBorder', `style '${style}'`);
    this.ctx.enqueue([this.index, style], () => {
      const { rows } = this.range.rect();
      this.range.each((s, r, c, i) => {
        const f = s.format(r, c);
        if (this.index === 'EdgeTop' && i === 0) f.borderTop = true;
        if (this.index === 'EdgeBottom' && i === rows - 1) f.borderBottom = true;
        if (this.index === 'InsideHorizontal') {
          if (i > 0) f.borderTop = true;
          if (i < rows - 1) f.borderBottom = true;
        }
      });
    });
  }
}

class FakeFreezePanes {
  constructor(
    private readonly ctx: Ctx,
    private readonly sheet: FakeWorksheet,
  ) {}
  freezeAt(at: FakeRange | string): void {
    this.ctx.enqueue(typeof at === 'string' ? at : at.label, () => {
      const rect = typeof at === 'string' ? parseAddress(at) : at.rect();
      this.sheet.model().freeze = { rows: rect.row + rect.rows, cols: rect.col + rect.cols };
    });
  }
  freezeRows(count: number): void {
    this.ctx.enqueue(count, () => {
      this.sheet.model().freeze = { rows: count, cols: 0 };
    });
  }
  freezeColumns(count: number): void {
    this.ctx.enqueue(count, () => {
      this.sheet.model().freeze = { rows: 0, cols: count };
    });
  }
}

class FakePageLayoutObject {
  constructor(
    private readonly ctx: Ctx,
    private readonly sheet: FakeWorksheet,
  ) {}
  set orientation(v: string) {
    this.ctx.enqueue(v, () => {
      this.sheet.model().pageLayout.orientation = v;
    });
  }
  set zoom(v: Excel.PageLayoutZoomOptions) {
    this.ctx.enqueue(v, () => {
      this.sheet.model().pageLayout.zoom = { ...v };
    });
  }
  setPrintArea(area: string): void {
    if (typeof area !== 'string') throw notImplemented('PageLayout', 'setPrintArea(Range)');
    this.ctx.enqueue(area, () => {
      parseAddress(area);
      this.sheet.model().pageLayout.printArea = area;
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Conditional formats

class FakeConditionalFormatCollection {
  constructor(
    private readonly ctx: Ctx,
    private readonly range: FakeRange,
  ) {}
  add(type: string): FakeConditionalFormat {
    if (type !== 'Custom' && type !== 'CellValue' && type !== 'DataBar')
      throw notImplemented('ConditionalFormatCollection', `add('${type}')`);
    const cf = honest(new FakeConditionalFormat(this.ctx, type), 'ConditionalFormat');
    this.ctx.enqueue(type, () => {
      const rect = this.range.rect();
      const record: FakeConditionalFormatRecord = { type, range: rectAddress(rect), font: {} };
      // Like Excel: a new conditional format takes the top priority.
      rect.sheet.conditionalFormats.unshift(record);
      cf.record = record;
    });
    return cf;
  }
}

/** `range.dataValidation`: only `rule` can be set (a list rule); reading it needs load(). */
class FakeDataValidation {
  constructor(
    private readonly ctx: Ctx,
    private readonly range: FakeRange,
  ) {}

  /** Reading the rule needs load() and a sync, which the fake does not offer here. */
  get rule(): Excel.DataValidationRule {
    throw notLoaded('rule');
  }

  set rule(rule: Excel.DataValidationRule) {
    const types = Object.keys(rule).filter(
      (k) => (rule as Record<string, unknown>)[k] !== undefined,
    );
    // What the fake cannot do throws at once; what Excel refuses fails the sync, as in Excel.
    for (const type of types) if (type !== 'list') throw notImplemented('DataValidationRule', type);
    const list = rule.list;
    if (list !== undefined && typeof list.source !== 'string')
      throw notImplemented('ListDataValidation', 'source (a Range)');
    this.ctx.enqueue(rule, () => {
      if (list === undefined || types.length !== 1)
        fail('InvalidArgument', 'A data validation rule needs exactly one type.');
      if (typeof list.inCellDropDown !== 'boolean')
        fail('InvalidArgument', 'inCellDropDown must be a boolean.');
      const rect = this.range.rect();
      rect.sheet.dataValidations.push({
        range: rectAddress(rect),
        list: { inCellDropDown: list.inCellDropDown, source: list.source as string },
      });
    });
  }
}

type CfType = FakeConditionalFormatRecord['type'];

class FakeConditionalFormat {
  record: FakeConditionalFormatRecord | null = null;
  constructor(
    private readonly ctx: Ctx,
    private readonly type: CfType,
  ) {}
  /** The record, resolved at sync time, checked to be of the type asked for. */
  of(type: CfType): FakeConditionalFormatRecord {
    if (this.record === null) fail('InvalidObjectPath', 'The conditional format was not added.');
    if (this.type !== type)
      fail('InvalidOperation', `A ${this.type} conditional format has no ${type} properties.`);
    return this.record;
  }
  get custom(): FakeCustomFormat {
    return honest(new FakeCustomFormat(this.ctx, this), 'CustomConditionalFormat');
  }
  get cellValue(): FakeCellValueFormat {
    return honest(new FakeCellValueFormat(this.ctx, this), 'CellValueConditionalFormat');
  }
  get dataBar(): FakeDataBar {
    return honest(new FakeDataBar(this.ctx, this), 'DataBarConditionalFormat');
  }
}

class FakeConditionalRangeFormat {
  readonly font: { bold: boolean; italic: boolean; color: string };
  readonly fill: { color: string };
  constructor(ctx: Ctx, record: () => FakeConditionalFormatRecord) {
    const font = {} as { bold: boolean; italic: boolean; color: string };
    for (const k of ['bold', 'italic', 'color'] as const) {
      Object.defineProperty(font, k, {
        set: (v: never) => ctx.enqueue(v, () => (record().font[k] = v)),
        enumerable: true,
      });
    }
    this.font = honest(font, 'ConditionalRangeFont');
    const fill = {} as { color: string };
    Object.defineProperty(fill, 'color', {
      set: (v: string) => ctx.enqueue(v, () => (record().fill = v)),
      enumerable: true,
    });
    this.fill = honest(fill, 'ConditionalRangeFill');
  }
}

class FakeCustomFormat {
  readonly rule: { formula: string };
  readonly format: FakeConditionalRangeFormat;
  constructor(ctx: Ctx, cf: FakeConditionalFormat) {
    const rule = {} as { formula: string };
    Object.defineProperty(rule, 'formula', {
      set: (v: string) => ctx.enqueue(v, () => (cf.of('Custom').formula = v)),
      enumerable: true,
    });
    this.rule = honest(rule, 'ConditionalFormatRule');
    this.format = honest(
      new FakeConditionalRangeFormat(ctx, () => cf.of('Custom')),
      'ConditionalRangeFormat',
    );
  }
}

class FakeCellValueFormat {
  readonly format: FakeConditionalRangeFormat;
  constructor(
    private readonly ctx: Ctx,
    private readonly cf: FakeConditionalFormat,
  ) {
    this.format = honest(
      new FakeConditionalRangeFormat(ctx, () => cf.of('CellValue')),
      'ConditionalRangeFormat',
    );
  }
  set rule(rule: Excel.ConditionalCellValueRule) {
    this.ctx.enqueue(rule, () => {
      this.cf.of('CellValue').rule = { ...rule };
    });
  }
}

class FakeDataBar {
  readonly positiveFormat: { fillColor: string; gradientFill: boolean };
  constructor(
    private readonly ctx: Ctx,
    private readonly cf: FakeConditionalFormat,
  ) {
    const positive = {} as { fillColor: string; gradientFill: boolean };
    for (const k of ['fillColor', 'gradientFill'] as const) {
      Object.defineProperty(positive, k, {
        set: (v: never) => ctx.enqueue(v, () => (this.bar()[k] = v)),
        enumerable: true,
      });
    }
    this.positiveFormat = honest(positive, 'ConditionalDataBarPositiveFormat');
  }
  private bar(): NonNullable<FakeConditionalFormatRecord['dataBar']> {
    const record = this.cf.of('DataBar');
    return (record.dataBar ??= {});
  }
  set lowerBoundRule(rule: Excel.ConditionalDataBarRule) {
    this.ctx.enqueue(rule, () => (this.bar().lowerBoundRule = { ...rule }));
  }
  set upperBoundRule(rule: Excel.ConditionalDataBarRule) {
    this.ctx.enqueue(rule, () => (this.bar().upperBoundRule = { ...rule }));
  }
}

// ---------------------------------------------------------------------------------------------
// Charts

class FakeChartCollection {
  constructor(
    private readonly ctx: Ctx,
    private readonly sheet: FakeWorksheet,
  ) {}
  add(type: string, source: FakeRange, seriesBy?: string): FakeChart {
    if (!(source instanceof FakeRange)) throw notImplemented('ChartCollection', 'add(non-Range)');
    const chart = honest(new FakeChart(this.ctx), 'Chart');
    this.ctx.enqueue([type, source.label, seriesBy], () => {
      const rect = source.rect();
      if (rect.sheet !== this.sheet.model())
        fail('InvalidArgument', 'The chart source is on another sheet.');
      const series: FakeSeriesRecord[] = [];
      // One series per column (seriesBy 'Columns' or 'Auto' on a tall range).
      for (let j = 0; j < rect.cols; j++) {
        const values = rectAddress({ ...rect, col: rect.col + j, cols: 1 });
        series.push({ values, axisGroup: 'Primary' });
      }
      const record: FakeChartRecord = {
        type,
        source: rectAddress(rect),
        seriesBy,
        series,
        axes: {},
      };
      rect.sheet.charts.push(record);
      chart.record = record;
    });
    return chart;
  }
}

class FakeChart {
  record: FakeChartRecord | null = null;
  readonly title: { text: string };
  readonly legend: { position: string };
  readonly series: FakeSeriesCollection;
  readonly axes: FakeChartAxes;

  constructor(private readonly ctx: Ctx) {
    const title = {} as { text: string };
    Object.defineProperty(title, 'text', {
      set: (v: string) => ctx.enqueue(v, () => (this.chart().title = v)),
      enumerable: true,
    });
    this.title = honest(title, 'ChartTitle');
    const legend = {} as { position: string };
    Object.defineProperty(legend, 'position', {
      set: (v: string) => ctx.enqueue(v, () => (this.chart().legend = v)),
      enumerable: true,
    });
    this.legend = honest(legend, 'ChartLegend');
    this.series = honest(new FakeSeriesCollection(ctx, this), 'ChartSeriesCollection');
    this.axes = honest(new FakeChartAxes(ctx, this), 'ChartAxes');
  }

  chart(): FakeChartRecord {
    if (this.record === null) fail('InvalidObjectPath', 'The chart was not added.');
    return this.record;
  }

  setPosition(start: string, end: string): void {
    if (typeof start !== 'string' || typeof end !== 'string')
      throw notImplemented('Chart', 'setPosition(Range)');
    this.ctx.enqueue([start, end], () => {
      parseAddress(start);
      parseAddress(end);
      this.chart().position = { start, end };
    });
  }
}

class FakeSeriesCollection {
  constructor(
    private readonly ctx: Ctx,
    private readonly chart: FakeChart,
  ) {}
  getItemAt(index: number): FakeSeries {
    return honest(
      new FakeSeries(this.ctx, () => {
        const s = this.chart.chart().series[index];
        return s ?? fail('ItemNotFound', `No series at ${index}.`);
      }),
      'ChartSeries',
    );
  }
  add(name: string): FakeSeries {
    let created: FakeSeriesRecord | null = null;
    this.ctx.enqueue(name, () => {
      created = { name, axisGroup: 'Primary' };
      this.chart.chart().series.push(created);
    });
    return honest(
      new FakeSeries(this.ctx, () => created ?? fail('InvalidObjectPath', 'Series not added.')),
      'ChartSeries',
    );
  }
}

class FakeSeries {
  readonly format: { fill: { setSolidColor(color: string): void }; line: { color: string } };
  constructor(
    private readonly ctx: Ctx,
    private readonly series: () => FakeSeriesRecord,
  ) {
    const fill = honest(
      {
        setSolidColor: (color: string) => ctx.enqueue(color, () => (series().fill = color)),
      },
      'ChartFill',
    );
    const line = {} as { color: string };
    Object.defineProperty(line, 'color', {
      set: (v: string) => ctx.enqueue(v, () => (series().line = v)),
      enumerable: true,
    });
    this.format = honest({ fill, line: honest(line, 'ChartLineFormat') }, 'ChartSeriesFormat');
  }
  set name(v: string) {
    this.ctx.enqueue(v, () => (this.series().name = v));
  }
  set chartType(v: string) {
    this.ctx.enqueue(v, () => (this.series().chartType = v));
  }
  set axisGroup(v: 'Primary' | 'Secondary') {
    this.ctx.enqueue(v, () => (this.series().axisGroup = v));
  }
  setValues(source: FakeRange): void {
    this.ctx.enqueue(source.label, () => (this.series().values = rectAddress(source.rect())));
  }
  setXAxisValues(source: FakeRange): void {
    this.ctx.enqueue(source.label, () => (this.series().xValues = rectAddress(source.rect())));
  }
}

class FakeChartAxes {
  constructor(
    private readonly ctx: Ctx,
    private readonly chart: FakeChart,
  ) {}
  getItem(type: string, group = 'Primary'): { numberFormat: string } {
    if (type !== 'Value') throw notImplemented('ChartAxes', `getItem('${type}')`);
    const axis = {} as { numberFormat: string };
    Object.defineProperty(axis, 'numberFormat', {
      set: (v: string) =>
        this.ctx.enqueue(v, () => {
          const chart = this.chart.chart();
          if (group === 'Secondary') {
            if (!chart.series.some((s) => s.axisGroup === 'Secondary'))
              fail('InvalidArgument', 'The chart has no secondary value axis.');
            chart.axes.secondary = v;
          } else chart.axes.primary = v;
        }),
      enumerable: true,
    });
    return honest(axis, 'ChartAxis');
  }
}

// ---------------------------------------------------------------------------------------------
// The fake

/** Options of a workbook built for a test. */
export interface FakeExcelOptions {
  /** Sheets to create, in order, with raw values (stored as they are, not parsed). */
  readonly sheets?: Readonly<Record<string, readonly (readonly (Scalar | null)[])[]>>;
}

/**
 * A fake Excel workbook: pass `fake.run` where `Excel.run` is expected.
 *
 * @example
 * const fake = new FakeExcel({ sheets: { Sales: [['Customer', 'Net sales'], ['Acme', 10]] } });
 * await new ExcelWorkbook(fake.run).readRows('Sales', (rows) => console.log(rows));
 * fake.syncs.length // 2
 */
export class FakeExcel {
  readonly book = new BookModel();
  /** Every sync so far, in order. */
  readonly syncs: SyncRecord[] = [];
  private failure: Failure | null = null;

  constructor(options: FakeExcelOptions = {}) {
    for (const [name, rows] of Object.entries(options.sheets ?? {})) this.addSheet(name, rows);
  }

  /** Like `Excel.run`: a fresh request context per batch. */
  readonly run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const ctx = new Ctx(this);
    const context = honest(new FakeContext(ctx), 'RequestContext');
    const result = await batch(context as unknown as Excel.RequestContext);
    if (ctx.queue.length > 0)
      throw new Error(
        `fake Excel: the batch ended with ${ctx.queue.length} queued actions never synced`,
      );
    return result;
  };

  /** Adds a sheet holding raw values (row 1 first), as if it had been there all along. */
  addSheet(name: string, rows: readonly (readonly (Scalar | null)[])[] = []): void {
    const sheet = this.book.add(name);
    rows.forEach((row, r) => {
      sheet.rows[r] = row.slice();
    });
  }

  /** Adds an Excel table over `address` of a sheet (header row first), as a user's Format as Table. */
  addTable(sheet: string, name: string, address: string): void {
    this.book.tables.push({ name, rect: { sheet: this.model(sheet), ...parseAddress(address) } });
  }

  /** Sheet names in order. */
  sheetNames(): string[] {
    return this.book.sheets.map((s) => s.name);
  }

  /** The active sheet's name. */
  activeSheet(): string | null {
    return this.book.active?.name ?? null;
  }

  /** Activates a sheet, as a user clicking its tab. */
  activate(sheet: string): void {
    this.book.active = this.model(sheet);
  }

  /** Types into a cell as a user would (same reading as `values`). */
  typeInto(sheet: string, address: string, text: string): void {
    const { row, col } = parseAddress(address);
    this.model(sheet).enter(row, col, text);
  }

  /** One cell. */
  cell(sheet: string, address: string): FakeCellView {
    const { row, col } = parseAddress(address);
    return this.model(sheet).cell(row, col);
  }

  /** Values (formula cells as their formula, blanks as null) from A1 to the used range's end. */
  grid(sheet: string): (Scalar | null)[][] {
    const model = this.model(sheet);
    const used = model.used(true);
    if (!used) return [];
    const out: (Scalar | null)[][] = [];
    for (let r = 0; r < used.row + used.rows; r++) {
      const line: (Scalar | null)[] = [];
      for (let c = 0; c < used.col + used.cols; c++) {
        line.push(model.formulas.get(key(r, c)) ?? model.value(r, c));
      }
      out.push(line);
    }
    return out;
  }

  /** Everything recorded about a sheet but its cells. */
  sheetState(sheet: string): FakeSheetState {
    const m = this.model(sheet);
    return structuredClone({
      id: m.id,
      name: m.name,
      position: this.book.sheets.indexOf(m),
      tabColor: m.tabColor,
      freeze: m.freeze,
      columnWidths: m.columnWidths,
      hiddenColumns: [...m.hiddenColumns].sort((a, b) => a - b),
      conditionalFormats: m.conditionalFormats,
      dataValidations: m.dataValidations,
      charts: m.charts,
      pageLayout: m.pageLayout,
    });
  }

  /** A deep copy of a sheet — cells with their formats, and its state — for before/after checks. */
  snapshot(sheet: string): { state: FakeSheetState; cells: Record<string, FakeCellView> } {
    const m = this.model(sheet);
    const cells: Record<string, FakeCellView> = {};
    const keys = new Set<number>([
      ...m.formulas.keys(),
      ...m.numberFormats.keys(),
      ...m.formats.keys(),
    ]);
    m.rows.forEach((row, r) => row?.forEach((_, c) => keys.add(key(r, c))));
    for (const k of [...keys].sort((a, b) => a - b)) {
      const r = Math.floor(k / MAX_COLS);
      const c = k % MAX_COLS;
      cells[`${colLetters(c)}${r + 1}`] = m.cell(r, c);
    }
    return { state: this.sheetState(sheet), cells };
  }

  /**
   * Makes the `nth` sync from now (1 = the next) fail with a `GeneralException`, after running its
   * first `afterActions` queued actions (0 = none: the whole batch fails).
   */
  failAt(nth: number, afterActions = 0): void {
    this.failure = { at: this.syncs.length + nth, afterActions };
  }

  /** The injected failure, when the sync about to run is the one. */
  takeFailure(): Failure | null {
    if (this.failure === null || this.syncs.length + 1 !== this.failure.at) return null;
    const failure = this.failure;
    this.failure = null;
    return failure;
  }

  private model(sheet: string): SheetModel {
    const m = this.book.find(sheet);
    if (!m) throw new Error(`fake Excel: no sheet "${sheet}"`);
    return m;
  }
}

/** UTF-8 bytes of a value's JSON. */
function jsonBytes(value: unknown): number {
  return value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}
