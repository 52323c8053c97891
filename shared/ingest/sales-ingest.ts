/**
 * Sales ingestion: raw rows (as hosts deliver them, chunk by chunk) → the columnar
 * {@link SalesTable}, with every rejected or adjusted row explained (SPEC §2, "Bad input").
 *
 * Every data row ends exactly once as used or rejected (`rowsRead = rowsUsed + rowsRejected`);
 * a rejected row has exactly one issue with action 'rejected'. Blank rows after the last non-blank
 * row are not data and are not counted; blank rows in between are rejected ("empty row").
 *
 * Decisions that need the whole column — day/month order of `03/04/2026`, whether `1,234` is
 * thousands or a decimal, whether a discount column is in percent — are taken in `finish()`; until
 * then the affected cells are kept pending in compact typed arrays. Raw chunks are never retained.
 *
 * Speed (a million rows): numbers and serial dates take a `typeof` fast path; text cells are read
 * once per distinct string (a last-seen check, per-column caches, a Map); kept rows are written to
 * staged blocks (see `columns.ts`) and copied once into exact-length typed arrays in `finish()`;
 * no object is allocated per row.
 */
import type {
  ColumnNote,
  IngestResult,
  MappedColumn,
  RowIssue,
  SalesField,
  SalesTable,
} from '../sales-table';
import type { RawCell, RawRow } from '../workbook';
import { AccountIdentity, TextDictionary, cellText } from './accounts';
import { BLOCK_SIZE, ColumnArena, StagedColumn, growI32 } from './columns';
import {
  DateColumnReader,
  DateKind,
  EXCEL_EPOCH_OFFSET,
  EXCEL_MAX_SERIAL,
  dateFromDateObject,
  dateFromNumber,
  scanDateText,
} from './dates';
import { type HeaderOverride, matchHeaders } from './headers';
import { NumberColumnReader, NumberKind, scanNumber, type DecimalEvidence } from './numbers';
import { SourceRows } from '../source-rows';
import { isTotalLabel } from './totals';

/** Options of an ingestion. */
export interface IngestOptions {
  /** Overrides of the automatic header matching: header text or 0-based index per field. */
  readonly mapping?: HeaderOverride;
  /** 1-based sheet row of the header (default 1); data rows are numbered from the next row. */
  readonly headerRowNumber?: number;
  /**
   * The number of data rows below the header, when the host knows it (Excel `range.rowCount`,
   * Apps Script `getLastRow()`, the xlsx `<dimension>`). Only a hint for memory: every column is
   * then allocated once at that size and written in place; more rows than the hint still work, and
   * a hint that is too large costs memory until `finish()` trims it. Ignored unless a positive
   * whole number; capped at {@link MAX_EXPECTED_ROWS}.
   */
  readonly expectedRows?: number;
  /**
   * The fields a job reads, when it reads only some (the Top 20 alone: `TOP20_FIELDS`). Mapped
   * columns outside the list are still read and checked — a bad number still rejects its row, so
   * every job sees the same rows and issues — but not kept: their table column is null. The
   * account, its id, the date and the revenue are always kept. Default: every mapped column.
   */
  readonly fields?: readonly SalesField[];
}

const TEXT_FIELDS = ['product', 'productGroup', 'subUnit', 'owner'] as const;

/** The largest row-count hint taken (twice Excel's row limit); larger hints are capped. */
export const MAX_EXPECTED_ROWS = 1 << 21;

/** The capacity a row-count hint asks for (0 = no hint). */
function capacityOf(expectedRows: number | undefined): number {
  if (expectedRows === undefined || !Number.isInteger(expectedRows) || expectedRows <= 0) return 0;
  return Math.min(expectedRows, MAX_EXPECTED_ROWS);
}

/** Words for fields in reasons. */
const LABEL: Readonly<Record<SalesField, string>> = {
  date: 'date',
  account: 'account',
  accountId: 'account id',
  subUnit: 'sub-unit',
  product: 'product',
  productGroup: 'product group',
  quantity: 'quantity',
  revenue: 'revenue',
  cost: 'cost',
  grossProfit: 'gross profit',
  discount: 'discount',
  listPrice: 'list price',
  costToServe: 'cost to serve',
  owner: 'owner',
};

// Module-level copies: imported bindings can cost a getter call per access in CommonJS builds.
const DATE_ORDERED = DateKind.Ordered;
const DATE_PLAIN = DateKind.Date;
const DATE_INVALID = DateKind.Invalid;
const NUMBER_INVALID = NumberKind.Invalid;
const NUMBER_AMBIGUOUS = NumberKind.Ambiguous;
const SERIAL_OFFSET = EXCEL_EPOCH_OFFSET;
const SERIAL_MAX = EXCEL_MAX_SERIAL;
const scanNumberText = scanNumber;
const BLOCK = BLOCK_SIZE;
const scanDate = scanDateText;
const numberDate = dateFromNumber;
const objectDate = dateFromDateObject;

/** {@link SalesIngest} text columns: follows no column, follows the account. */
const NO_PARENT = -1;
const OF_ACCOUNT = -2;

/** Distinct texts remembered per column for numbers and dates (memory bound). */
const TEXT_CACHE_LIMIT = 1 << 16;

/** Result of reading a number cell. */
const OK = 0;
const BLANK = 1;
const INVALID = 2;

/** A numeric column being built, with the scratch state of the current row. */
class NumberColumn {
  /** Values per row slot (NaN = blank). */
  readonly data: StagedColumn;
  readonly reader = new NumberColumnReader();
  readonly label: string;
  // Current row.
  cur = NaN;
  percent = false;
  pending = false;
  whole = 0;
  comma = false;
  text = '';
  // Last-seen text cache.
  private lastText: string | null = null;
  private lastStatus = OK;
  private lastCur = NaN;
  private lastPercent = false;
  private lastPending = false;
  private lastWhole = 0;
  private lastComma = false;
  private lastEvidence = 0 as DecimalEvidence;
  /** Parsed texts (up to {@link TEXT_CACHE_LIMIT} distinct): amounts and prices repeat. */
  private readonly cache = new Map<
    string,
    {
      status: number;
      cur: number;
      percent: boolean;
      pending: boolean;
      whole: number;
      comma: boolean;
      evidence: DecimalEvidence;
    }
  >();
  // Discount only: explicit-percent slots and whether plain values above 1 were seen.
  percentSlots: Int32Array | null = null;
  percentCount = 0;
  plainAbove1 = 0;
  plainSample = NaN;

  /** This column's bit in a row's blank mask (SalesIngest.readRow). */
  bit = 0;

  /** `stored` false: read and checked, not kept (IngestOptions.fields). */
  constructor(
    readonly field: SalesField,
    readonly index: number,
    readonly header: string,
    direct: Float64Array | null,
    readonly stored: boolean,
  ) {
    this.data = new StagedColumn(NaN, direct);
    this.label = LABEL[field];
    if (field === 'discount') this.percentSlots = new Int32Array(0);
  }

  /** Reads a cell into the scratch state; returns OK, BLANK or INVALID. */
  read(v: RawCell): number {
    if (typeof v === 'number') {
      if (v - v !== 0) return INVALID; // NaN, ±Infinity
      this.cur = v;
      this.percent = false;
      this.pending = false;
      return OK;
    }
    if (v === null || v === undefined || v === '') return BLANK;
    if (typeof v !== 'string') return INVALID;
    if (v === this.lastText) {
      this.reader.evidence(this.lastEvidence);
    } else {
      this.lastText = v;
      const cached = this.cache.get(v);
      if (cached !== undefined) {
        this.lastStatus = cached.status;
        this.lastCur = cached.cur;
        this.lastPercent = cached.percent;
        this.lastPending = cached.pending;
        this.lastWhole = cached.whole;
        this.lastComma = cached.comma;
        this.lastEvidence = cached.evidence;
        this.reader.evidence(cached.evidence);
      } else {
        const r = scanNumberText(v);
        if (r.kind === NUMBER_INVALID) {
          this.lastStatus = v.trim() === '' ? BLANK : INVALID;
          this.lastEvidence = 0 as DecimalEvidence;
        } else {
          this.lastStatus = OK;
          this.lastCur = r.value;
          this.lastPercent = r.percent;
          this.lastPending = r.kind === NUMBER_AMBIGUOUS;
          this.lastWhole = r.whole;
          this.lastComma = r.comma;
          this.lastEvidence = r.evidence;
          this.reader.evidence(r.evidence);
        }
        if (this.cache.size < TEXT_CACHE_LIMIT) {
          this.cache.set(v, {
            status: this.lastStatus,
            cur: this.lastCur,
            percent: this.lastPercent,
            pending: this.lastPending,
            whole: this.lastWhole,
            comma: this.lastComma,
            evidence: this.lastEvidence,
          });
        }
      }
    }
    this.cur = this.lastCur;
    this.percent = this.lastPercent;
    this.pending = this.lastPending;
    this.whole = this.lastWhole;
    this.comma = this.lastComma;
    this.text = v;
    return this.lastStatus;
  }

  /** Writes the current row's value (NaN for blank) as slot `slot`, at `off` of the block. */
  commit(slot: number, off: number, status: number): void {
    if (status !== OK) {
      this.data.cur[off] = NaN;
      return;
    }
    this.data.cur[off] = this.cur;
    if (this.pending) this.reader.addPending(slot, this.whole, this.comma, this.percent, this.text);
    if (this.percentSlots !== null) {
      if (this.percent) {
        if (this.percentCount === this.percentSlots.length) {
          this.percentSlots = growI32(this.percentSlots, this.percentCount + 1);
        }
        this.percentSlots[this.percentCount++] = slot;
      } else this.countPlain(this.cur);
    }
  }

  /** Discount only: notes a plain (not explicitly percent) value, for the percent decision. */
  countPlain(v: number): void {
    if (Math.abs(v) > 1) {
      if (this.plainAbove1 === 0) this.plainSample = v;
      this.plainAbove1++;
    }
  }
}

/** Why a number cell cannot be used, in words. */
function numberReason(label: string, v: RawCell): string {
  if (typeof v === 'boolean') return `${label} is not a number (TRUE/FALSE)`;
  if (v instanceof Date) return `${label} is a date, not a number`;
  return `${label} is not a number`;
}

function isBlankCell(v: RawCell): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'string' && v.trim() === '');
}

function isBlankRow(row: RawRow): boolean {
  for (let i = 0; i < row.length; i++) if (!isBlankCell(row[i])) return false;
  return true;
}

/**
 * Ingests a sales table chunk by chunk.
 *
 * @example
 * const ingest = new SalesIngest(['Datum', 'Kund', 'Belopp'], { headerRowNumber: 1 });
 * ingest.push([[46352, 'Acme AB', '1 234,50']]);
 * ingest.push([['2026-11-27', 'ACME AB ', 100]]);
 * const { table, rowsUsed } = ingest.finish(); // table.account.values = ['Acme AB'], rowsUsed 2
 */
export class SalesIngest {
  /** The mapped columns, in input order. */
  readonly columns: readonly MappedColumn[];
  private readonly accountIndex: number;
  private readonly accountHeader: string;
  private readonly idIndex: number;
  private readonly dateIndex: number;
  private readonly dateHeader: string;
  private readonly revenue: NumberColumn;
  private readonly extras: NumberColumn[];
  private readonly quantity: NumberColumn | null;
  private readonly cost: NumberColumn | null;
  private readonly profit: NumberColumn | null;
  private readonly discount: NumberColumn | null;
  private readonly listPrice: NumberColumn | null;
  private readonly costToServe: NumberColumn | null;
  private readonly accounts: AccountIdentity;
  private readonly texts: {
    field: SalesField;
    index: number;
    dict: TextDictionary;
  }[];
  /** The text columns' dictionaries and input indexes, for the per-row loop. */
  private readonly textDicts: TextDictionary[];
  private readonly textIndex: number[];
  /**
   * The column each text column mostly follows ({@link TextDictionary.codeFollowing}): a group
   * its product (index into the text columns), a site or an owner the account
   * ({@link OF_ACCOUNT}), a product nothing ({@link NO_PARENT}).
   */
  private readonly textParent: Int32Array;
  /** The current row's text codes. */
  private readonly rowCodes: Int32Array;
  /** Every staged column, rolled together. */
  private readonly staged: StagedColumn[];
  private readonly accountRows: StagedColumn;
  /** Offset of the next row in the current blocks. */
  private off: number;
  /** Length of the current blocks (the capacity hint for the first ones, else BLOCK_SIZE). */
  private blockEnd: number;
  /** Whether the rows went past the direct blocks (no hint, or more rows than it). */
  private rolled: boolean;
  /** The extras' input indexes; those of the kept ones and their direct blocks (cleanRows). */
  private readonly extraIndex: Int32Array;
  private readonly storedIndex: Int32Array;
  private readonly storedOut: Float64Array[];
  private readonly dateReader: DateColumnReader | null;
  /** Direct blocks of the columns written in finish() (row-count hint only). */
  /** Whether a kept row has a blank cost (filled in finish when profit is derived from cost). */
  private blankCost = false;
  private readonly date: StagedColumn | null;
  /**
   * Source row numbers of kept rows, as runs: run k starts at slot runSlot[k] with row
   * runRow[k], and continues one row per slot.
   */
  private readonly runSlot: number[] = [];
  private readonly runRow: number[] = [];
  private lastKeptRow = -2;
  /** The account name and id dictionaries (`accounts.names`, `accounts.ids`). */
  private readonly accountNames: TextDictionary;
  private readonly accountIdDict: TextDictionary | null;
  private n = 0;
  private rowNumber: number;
  private rejected = 0;
  /** Accounts (spellings or pairs) known when the current row started. */
  private accountsAtRowStart = 0;
  /** Whether some account was first seen on a row then rejected (see AccountIdentity.finish). */
  private accountOfRejectedRow = false;
  private blankRun = 0;
  private blankRunStart = 0;
  private readonly issues: RowIssue[] = [];
  /** Slot per issue (-1 for a rejection), to drop adjusted issues of rows rejected in finish(). */
  private issueSlots = new Int32Array(0);
  private readonly totalOfSpelling: number[] = [];
  private lastDateText: string | null = null;
  private readonly dateCache = new Map<string, { kind: DateKind; value: number; alt: number }>();
  private lastDateKind: DateKind = DATE_INVALID;
  private lastDateValue = NaN;
  private lastDateAlt = NaN;
  private result: IngestResult | null = null;
  /** Smallest and largest date of the kept rows, when no date waits for the day/month order. */
  private dateMin = Infinity;
  private dateMax = -Infinity;
  private orderedDates = false;

  constructor(header: RawRow, options: IngestOptions = {}) {
    this.columns = matchHeaders(header, options.mapping);
    this.rowNumber = options.headerRowNumber ?? 1;
    const capacity = capacityOf(options.expectedRows);
    // With a hint, every column starts with its direct block as the current block.
    this.off = capacity > 0 ? 0 : BLOCK_SIZE;
    this.blockEnd = capacity > 0 ? capacity : BLOCK_SIZE;
    this.rolled = capacity === 0;
    const has = (f: SalesField): boolean => this.columns.some((c) => c.field === f);
    const wanted = (f: SalesField): boolean => options.fields?.includes(f) ?? true;
    // Cost and profit stand in for each other (blank cells): kept together.
    const kept = (f: SalesField): boolean =>
      f === 'revenue' ||
      wanted(f) ||
      ((f === 'cost' || f === 'grossProfit') && (wanted('cost') || wanted('grossProfit')));
    const numbers = (
      [
        'revenue',
        'quantity',
        'cost',
        'grossProfit',
        'discount',
        'listPrice',
        'costToServe',
      ] as const
    ).filter((f) => has(f) && kept(f)).length;
    const textFields = TEXT_FIELDS.filter((f) => has(f) && kept(f));
    const texts = textFields.length;
    const f64Columns = numbers + (has('date') ? 1 : 0);
    const i32Columns = 1 + texts; // account rows, texts
    const arena = capacity > 0 ? new ColumnArena(capacity, f64Columns, i32Columns) : null;
    const f64 = (): Float64Array | null => (arena ? arena.f64() : null);
    const i32 = (): Int32Array | null => (arena ? arena.i32() : null);
    const at = (f: SalesField): MappedColumn | undefined => this.columns.find((c) => c.field === f);
    const account = at('account') as MappedColumn;
    this.accountIndex = account.index;
    this.accountHeader = account.header;
    const id = at('accountId');
    this.idIndex = id ? id.index : -1;
    const date = at('date');
    this.dateIndex = date ? date.index : -1;
    this.dateHeader = date ? date.header : '';
    // Float64 blocks first (the arena's order): revenue, the other numbers in field order, date.
    const revenueDirect = f64();
    this.dateReader = date ? new DateColumnReader() : null;
    const num = (f: SalesField): NumberColumn | null => {
      const c = at(f);
      if (!c) return null;
      return new NumberColumn(f, c.index, c.header, kept(f) ? f64() : null, kept(f));
    };
    const revenue = at('revenue') as MappedColumn;
    this.revenue = new NumberColumn('revenue', revenue.index, revenue.header, revenueDirect, true);
    this.quantity = num('quantity');
    this.cost = num('cost');
    this.profit = num('grossProfit');
    this.discount = num('discount');
    this.listPrice = num('listPrice');
    this.costToServe = num('costToServe');
    this.extras = [
      this.quantity,
      this.cost,
      this.profit,
      this.discount,
      this.listPrice,
      this.costToServe,
    ].filter((c): c is NumberColumn => c !== null);
    this.extras.forEach((c, k) => (c.bit = 1 << k));
    this.extraIndex = Int32Array.from(this.extras, (c) => c.index);
    const stored = this.extras.filter((c) => c.stored);
    this.storedIndex = Int32Array.from(stored, (c) => c.index);
    this.storedOut = this.rolled ? [] : stored.map((c) => c.data.cur as Float64Array);
    this.date = date ? new StagedColumn(NaN, f64()) : null;
    this.accounts = new AccountIdentity(id !== undefined, i32());
    this.texts = textFields
      .map((f) => at(f))
      .filter((c): c is MappedColumn => c !== undefined)
      .map((c) => ({ field: c.field, index: c.index, dict: new TextDictionary(i32()) }));
    this.textDicts = this.texts.map((t) => t.dict);
    this.textIndex = this.texts.map((t) => t.index);
    const fields = this.texts.map((t) => t.field);
    this.textParent = Int32Array.from(fields, (f) =>
      f === 'productGroup' ? fields.indexOf('product') : f === 'product' ? NO_PARENT : OF_ACCOUNT,
    );
    this.rowCodes = new Int32Array(fields.length);
    this.accountRows = this.accounts.rows;
    this.accountNames = this.accounts.names;
    this.accountIdDict = this.accounts.ids;
    this.staged = [
      this.revenue.data,
      ...stored.map((c) => c.data),
      ...(this.date ? [this.date] : []),
      this.accountRows,
      ...this.texts.map((t) => t.dict.ids),
    ];
  }

  /**
   * Ingests the next rows (in sheet order). The rows are not retained after the call returns.
   *
   * @example
   * ingest.push([['2026-01-05', 'Acme AB', 1200], ['Total', '', 1200]]);
   */
  push(rows: readonly RawRow[]): void {
    if (this.result) throw new Error('SalesIngest.push() after finish()');
    let i = this.cleanRows(rows, 0);
    while (i < rows.length) {
      this.rowNumber++;
      this.readRow(rows[i] ?? [], this.rowNumber);
      i = this.cleanRows(rows, i + 1);
    }
  }

  /**
   * The clean-row path of {@link push}, from `rows[from]`: while rows have every cell in its
   * usual form — an account (or id) already known, not blank and not a total; a finite number for
   * revenue and each number column, a quantity not below 0; a date as a serial number — they are
   * written straight into the direct blocks, with the ingest's state held in locals. Returns the
   * index of the first row left to {@link readRow} (which writes a clean row exactly the same
   * way), or `rows.length`. Without a row-count hint, and past it, every row goes to readRow.
   */
  private cleanRows(rows: readonly RawRow[], from: number): number {
    const end = this.blockEnd;
    let off = this.off;
    const accounts = this.accounts;
    this.accountsAtRowStart = accounts.size;
    if (this.rolled || this.blankRun > 0 || off >= end) return from;
    const names = this.accountNames;
    const byId = this.accountIdDict !== null;
    const totals = this.totalOfSpelling;
    const accountIndex = this.accountIndex;
    const idIndex = this.idIndex;
    const accountOut = this.accountRows.cur as Int32Array;
    const revenueIndex = this.revenue.index;
    const revenueOut = this.revenue.data.cur as Float64Array;
    const dateIndex = this.dateIndex;
    const dateOut = this.date === null ? null : (this.date.cur as Float64Array);
    let dateMin = this.dateMin;
    let dateMax = this.dateMax;
    const extras = this.extras;
    const extraCount = extras.length;
    const extraIndex = this.extraIndex;
    const storedIndex = this.storedIndex;
    const storedOut = this.storedOut;
    const storedCount = storedOut.length;
    const quantityIndex = this.quantity === null ? -1 : this.quantity.index;
    const discount = this.discount !== null && this.discount.stored ? this.discount : null;
    const discountIndex = discount === null ? -1 : discount.index;
    let rowNo = this.rowNumber;
    let lastKept = this.lastKeptRow;
    let i = from;
    let before = 0; // accounts known when row i started
    for (; i < rows.length && off < end; i++) {
      const row = rows[i];
      if (row === undefined || row === null) break;
      const accountCell = row[accountIndex];
      before = accounts.size;
      let value: number;
      let nameId: number;
      if (byId) {
        value = accounts.pairOf(row[idIndex], accountCell);
        nameId = accounts.pairNameOf(value);
        if (nameId < 0 && accounts.pairIdOf(value) < 0) break;
      } else {
        value = nameId = names.code(accountCell);
        if (nameId < 0) break;
      }
      if (nameId >= 0 && totals[nameId] !== 0) break; // a total, or not known yet
      const r = row[revenueIndex];
      if (typeof r !== 'number' || r - r !== 0) break;
      let d = 0;
      if (dateOut !== null) {
        const v = row[dateIndex];
        if (typeof v !== 'number' || !(v >= 61 && v <= SERIAL_MAX)) break;
        d = v - SERIAL_OFFSET;
      }
      let k = 0;
      while (k < extraCount) {
        const v = row[extraIndex[k]];
        if (typeof v !== 'number' || v - v !== 0) break;
        k++;
      }
      if (k < extraCount) break;
      if (quantityIndex >= 0 && (row[quantityIndex] as number) < 0) break; // a credit note
      // Kept.
      rowNo++;
      if (rowNo !== lastKept + 1) {
        this.runSlot.push(off);
        this.runRow.push(rowNo);
      }
      lastKept = rowNo;
      revenueOut[off] = r;
      if (dateOut !== null) {
        dateOut[off] = d;
        if (d < dateMin) dateMin = d;
        if (d > dateMax) dateMax = d;
      }
      accountOut[off] = value;
      for (k = 0; k < storedCount; k++) storedOut[k][off] = row[storedIndex[k]] as number;
      if (discount !== null) discount.countPlain(row[discountIndex] as number);
      this.writeTexts(row, off, value);
      off++;
    }
    // Left at row i by a break (the loop condition still holds): readRow takes it from the start.
    this.accountsAtRowStart = i < rows.length && off < end ? before : accounts.size;
    this.off = off;
    this.n = off;
    this.rowNumber = rowNo;
    this.lastKeptRow = lastKept;
    this.dateMin = dateMin;
    this.dateMax = dateMax;
    return i;
  }

  /** Writes a kept row's text codes at `off` of the current blocks. */
  private writeTexts(row: RawRow, off: number, accountValue: number): void {
    const texts = this.textDicts;
    const textIndex = this.textIndex;
    const parents = this.textParent;
    const codes = this.rowCodes;
    for (let k = 0; k < texts.length; k++) {
      const d = texts[k];
      const p = parents[k];
      const parent = p === OF_ACCOUNT ? accountValue : p === NO_PARENT ? -1 : codes[p];
      const code = d.codeFollowing(row[textIndex[k]], parent);
      codes[k] = code;
      d.ids.cur[off] = code;
    }
  }

  private issue(
    row: number,
    column: string | null,
    value: string,
    reason: string,
    action: 'rejected' | 'adjusted',
    slot: number,
  ): void {
    const k = this.issues.length;
    if (k === this.issueSlots.length) this.issueSlots = growI32(this.issueSlots, k + 1);
    this.issueSlots[k] = slot;
    this.issues.push({ row, column, value, reason, action });
  }

  private reject(row: number, column: string | null, value: RawCell, reason: string): void {
    if (this.accounts.size > this.accountsAtRowStart) this.accountOfRejectedRow = true;
    this.issue(row, column, cellText(value), reason, 'rejected', -1);
    this.rejected++;
  }

  private flushBlankRun(): void {
    for (let i = 0; i < this.blankRun; i++) {
      this.reject(this.blankRunStart + i, null, '', 'empty row');
    }
    this.blankRun = 0;
  }

  private isTotal(spelling: number, text: RawCell): boolean {
    let t = this.totalOfSpelling[spelling];
    if (t === undefined) {
      t = typeof text === 'string' && isTotalLabel(text) ? 1 : 0;
      this.totalOfSpelling[spelling] = t;
    }
    return t === 1;
  }

  private readRow(row: RawRow, rowNo: number): void {
    const accountCell = row[this.accountIndex];
    // Account: the name's spelling id (no id column) or the pair of id and name spellings.
    const accounts = this.accounts;
    let nameId: number;
    let idId = -1;
    let accountValue: number;
    if (this.accountIdDict === null) {
      nameId = this.accountNames.code(accountCell);
      accountValue = nameId;
    } else {
      accountValue = accounts.pairOf(row[this.idIndex], accountCell);
      nameId = accounts.pairNameOf(accountValue);
      idId = accounts.pairIdOf(accountValue);
    }
    if (nameId < 0 && idId < 0 && isBlankRow(row)) {
      if (this.blankRun === 0) this.blankRunStart = rowNo;
      this.blankRun++;
      return;
    }
    if (this.blankRun > 0) this.flushBlankRun();
    if (nameId >= 0 && this.isTotal(nameId, accountCell)) {
      this.reject(rowNo, this.accountHeader, accountCell, 'total row detected and skipped');
      return;
    }
    // Revenue.
    const rev = this.revenue;
    const revCell = row[rev.index];
    // NumberColumn.read's number path, inlined here and for the extras below: ~10 ms per
    // million rows (measured A/B), as read() is too large for V8 to inline.
    let revStatus = OK;
    if (typeof revCell === 'number' && revCell - revCell === 0) {
      rev.cur = revCell;
      rev.percent = false;
      rev.pending = false;
    } else revStatus = rev.read(revCell);
    if (nameId < 0 && idId < 0) {
      const dateBlank = this.dateIndex < 0 || isBlankCell(row[this.dateIndex]);
      if (revStatus === OK && dateBlank) {
        this.reject(rowNo, this.accountHeader, accountCell, 'total row detected and skipped');
      } else {
        this.reject(rowNo, this.accountHeader, accountCell, 'account is blank');
      }
      return;
    }
    if (revStatus !== OK) {
      const reason = revStatus === BLANK ? 'revenue is blank' : numberReason('revenue', revCell);
      this.reject(rowNo, rev.header, revCell, reason);
      return;
    }
    if (rev.percent) {
      this.reject(rowNo, rev.header, revCell, 'revenue is a percentage, not an amount');
      return;
    }
    // Date.
    let dateValue = NaN;
    let dateAlt = NaN;
    let dateKind: DateKind = DATE_PLAIN;
    let dateText = '';
    if (this.dateIndex >= 0) {
      const v = row[this.dateIndex];
      if (typeof v === 'number') {
        dateValue = v >= 61 && v <= SERIAL_MAX ? v - SERIAL_OFFSET : numberDate(v);
      } else if (typeof v === 'string') {
        if (v !== this.lastDateText) {
          this.lastDateText = v;
          const cached = this.dateCache.get(v);
          if (cached !== undefined) {
            this.lastDateKind = cached.kind;
            this.lastDateValue = cached.value;
            this.lastDateAlt = cached.alt;
          } else {
            const s = scanDate(v);
            this.lastDateKind = s.kind;
            this.lastDateValue = s.value;
            this.lastDateAlt = s.alt;
            if (this.dateCache.size < TEXT_CACHE_LIMIT) {
              this.dateCache.set(v, { kind: s.kind, value: s.value, alt: s.alt });
            }
          }
        }
        dateKind = this.lastDateKind;
        dateValue = this.lastDateValue;
        dateAlt = this.lastDateAlt;
        dateText = v;
        if (dateKind === DATE_INVALID) dateValue = NaN;
      } else if (v instanceof Date) {
        dateValue = objectDate(v);
      }
      if (dateKind !== DATE_ORDERED && Number.isNaN(dateValue)) {
        const reason = isBlankCell(v) ? 'date is blank' : 'date is not a readable date';
        this.reject(rowNo, this.dateHeader, v, reason);
        return;
      }
    }
    // Optional numbers.
    const extras = this.extras;
    let blanks = 0; // bit k set = extras[k] blank
    for (let k = 0; k < extras.length; k++) {
      const c = extras[k];
      const v = row[c.index];
      let st = OK;
      if (typeof v === 'number' && v - v === 0) {
        c.cur = v;
        c.percent = false;
        c.pending = false;
      } else st = c.read(v);
      if (st === INVALID) {
        this.reject(rowNo, c.header, v, numberReason(c.label, v));
        return;
      }
      if (st === BLANK) blanks |= 1 << k;
      else if (c.percent && c.field !== 'discount') {
        this.reject(rowNo, c.header, v, `${c.label} is a percentage, not an amount`);
        return;
      }
    }
    // Keep the row: write every column's current block at the shared offset.
    const slot = this.n++;
    let off = this.off;
    if (off === this.blockEnd) {
      const staged = this.staged;
      for (let k = 0; k < staged.length; k++) staged[k].roll();
      off = 0;
      this.blockEnd = BLOCK;
      this.rolled = true;
    }
    this.off = off + 1;
    if (rowNo !== this.lastKeptRow + 1) {
      this.runSlot.push(slot);
      this.runRow.push(rowNo);
    }
    this.lastKeptRow = rowNo;
    if (rev.pending) rev.commit(slot, off, OK);
    else rev.data.cur[off] = rev.cur;
    if (this.date !== null) {
      this.date.cur[off] = dateValue;
      if (dateKind === DATE_ORDERED) {
        this.dateReader?.add(slot, dateValue, dateAlt, dateText);
        this.orderedDates = true;
      } else {
        if (dateValue < this.dateMin) this.dateMin = dateValue;
        if (dateValue > this.dateMax) this.dateMax = dateValue;
      }
    }
    this.accountRows.cur[off] = accountValue;
    for (let k = 0; k < extras.length; k++) {
      const c = extras[k];
      if (!c.stored) continue;
      if ((blanks >> k) & 1) c.data.cur[off] = NaN;
      else if (!c.pending && c.percentSlots === null) c.data.cur[off] = c.cur;
      else c.commit(slot, off, OK);
    }
    if (this.cost !== null && (blanks & this.cost.bit) !== 0) this.blankCost = true;
    // Text columns: a comparison or one Map lookup per cell; counting and normalisation wait
    // for finish().
    this.writeTexts(row, off, accountValue);
    if (blanks !== 0 || (this.quantity !== null && this.quantity.cur < 0)) {
      this.adjustments(row, rowNo, slot, blanks);
    }
  }

  /** Source row numbers of the kept slots (`keep` null = every slot). */
  private sourceRows(slots: SourceRows, keep: Uint8Array | null, kept: number): SourceRows {
    if (keep === null) return slots;
    const rows = new Int32Array(kept);
    let j = 0;
    let i = 0;
    for (const row of slots) if (keep[i++] !== 0) rows[j++] = row;
    return SourceRows.of(rows);
  }

  /** Adjusted-row issues: blank cost / profit, credit notes. */
  private adjustments(row: RawRow, rowNo: number, slot: number, blanks: number): void {
    const q = this.quantity;
    if (q !== null && q.cur < 0 && (blanks & q.bit) === 0) {
      this.issue(
        rowNo,
        q.header,
        cellText(row[q.index]),
        'credit note (negative quantity) kept',
        'adjusted',
        slot,
      );
    }
    const cost = this.cost;
    const profit = this.profit;
    const costBlank = cost !== null && (blanks & cost.bit) !== 0;
    const profitBlank = profit !== null && (blanks & profit.bit) !== 0;
    if (profit !== null && profitBlank) {
      const reason =
        cost !== null && !costBlank
          ? 'gross profit is blank: computed as revenue − cost'
          : cost !== null
            ? 'gross profit and cost are blank: gross profit counted as 0 (cost taken as equal to revenue)'
            : 'gross profit is blank: counted as 0';
      this.issue(rowNo, profit.header, '', reason, 'adjusted', slot);
    } else if (cost !== null && costBlank) {
      const reason =
        profit !== null
          ? 'cost is blank: taken as revenue − gross profit'
          : 'cost is blank: gross profit counted as 0 (cost taken as equal to revenue)';
      this.issue(rowNo, cost.header, '', reason, 'adjusted', slot);
    }
  }

  /**
   * Ends the ingestion: takes the column-wide decisions, drops the rows they reject, copies every
   * column once into a typed array of its exact length and returns the table with its issues and
   * notes. Calling it again returns the same result.
   *
   * @example
   * const { table, issues, rowsRead, rowsUsed, rowsRejected } = ingest.finish();
   */
  finish(): IngestResult {
    if (this.result) return this.result;
    this.blankRun = 0; // trailing blank rows are not data
    const n = this.n;
    for (const c of this.staged) c.seal(n);
    const notes: ColumnNote[] = [];
    const note = (column: string, text: string | null): void => {
      if (text !== null) notes.push({ column, note: text });
    };
    // Ambiguous thousands / decimals, per column.
    for (const c of [this.revenue, ...this.extras]) {
      if (!c.stored) continue;
      const data = c.data;
      note(
        c.header,
        c.reader.resolve((slot, v) => data.set(slot, v)),
      );
    }
    // Day/month order.
    let keep: Uint8Array | null = null;
    let dateRejected = 0;
    const slotRows = SourceRows.fromRuns(this.runSlot, this.runRow, n);
    if (this.date && this.dateReader) {
      const date = this.date;
      const { rejected, note: dateNote } = this.dateReader.resolve((slot, v) => date.set(slot, v));
      note(this.dateHeader, dateNote);
      if (rejected.length > 0) {
        keep = new Uint8Array(n).fill(1);
        for (const r of rejected) {
          keep[r.slot] = 0;
          this.issue(slotRows.at(r.slot), this.dateHeader, r.text, r.reason, 'rejected', -1);
        }
        dateRejected = rejected.length;
      }
    }
    const kept = n - dateRejected;
    // Discount in percent?
    const d = this.discount !== null && this.discount.stored ? this.discount : null;
    let discountScale: Uint8Array | null = null;
    if (d && d.plainAbove1 > 0) {
      discountScale = new Uint8Array(n).fill(1);
      for (let i = 0; i < d.percentCount; i++) discountScale[(d.percentSlots as Int32Array)[i]] = 0;
      note(
        d.header,
        `Discounts read as percent: values above 1 such as ${d.plainSample} mean ${d.plainSample} %.`,
      );
    }
    // Typed columns, exactly once each.
    const col = (c: NumberColumn | null): Float64Array | null =>
      c !== null && c.stored ? c.data.toFloat64(keep, kept) : null;
    const revenue = this.revenue.data.toFloat64(keep, kept);
    const cost = col(this.cost);
    const grossProfit = this.profit ? col(this.profit) : null;
    if (grossProfit) fillProfit(revenue, cost, grossProfit);
    else if (cost && this.blankCost) fillCost(revenue, cost);
    const discount = col(this.discount);
    if (discount && discountScale) scaleDiscount(discount, discountScale, keep);
    const { account, accountIds } = this.accounts.finish(keep, kept, !this.accountOfRejectedRow);
    const coded = (f: SalesField) => {
      const t = this.texts.find((x) => x.field === f);
      return t ? t.dict.finish(keep, kept, true) : null;
    };
    const dateColumn = this.date ? this.date.toFloat64(keep, kept) : null;
    // The dates' span, known without a pass when every kept date was read as it is.
    const dateSpan =
      dateColumn !== null && keep === null && !this.orderedDates && this.dateMin <= this.dateMax
        ? { of: dateColumn, first: Math.floor(this.dateMin), last: Math.floor(this.dateMax) }
        : undefined;
    const base = {
      length: kept,
      sourceRow: this.sourceRows(slotRows, keep, kept),
      date: dateColumn,
      account,
      accountIds,
      subUnit: coded('subUnit'),
      product: coded('product'),
      productGroup: coded('productGroup'),
      owner: coded('owner'),
      quantity: col(this.quantity),
      revenue,
      cost,
      discount,
      listPrice: col(this.listPrice),
      costToServe: col(this.costToServe),
      columns: this.columns,
      ...(dateSpan ? { dateSpan } : {}),
    };
    const table: SalesTable =
      cost !== null && this.profit === null
        ? withProfitFromCost(base, revenue, cost)
        : { ...base, grossProfit };
    // Drop the adjusted issues of rows rejected just now, order issues by row.
    let issues = this.issues;
    if (keep) {
      const k = keep;
      const slots = this.issueSlots;
      issues = issues.filter((_, i) => slots[i] < 0 || k[slots[i]] !== 0);
      issues.sort((a, b) => a.row - b.row);
    }
    const rowsRejected = this.rejected + dateRejected;
    this.result = {
      table,
      issues,
      notes,
      rowsRead: kept + rowsRejected,
      rowsUsed: kept,
      rowsRejected,
    };
    // Free the builders.
    this.date?.clear();
    for (const c of [this.revenue, ...this.extras]) c.data.clear();
    this.issueSlots = new Int32Array(0);
    return this.result;
  }
}

/**
 * Fills blanks of a profit column and the cost column beside it (kept rows, final arrays): a blank
 * profit is revenue − cost (or 0 without cost), a blank cost is revenue − profit.
 */
function fillProfit(revenue: Float64Array, cost: Float64Array | null, gp: Float64Array): void {
  const n = revenue.length;
  for (let i = 0; i < n; i++) {
    if (gp[i] !== gp[i]) gp[i] = cost !== null && cost[i] === cost[i] ? revenue[i] - cost[i] : 0;
    if (cost !== null && cost[i] !== cost[i]) cost[i] = revenue[i] - gp[i];
  }
}

/** Without a profit column, a blank cost is taken as the revenue (profit 0). */
function fillCost(revenue: Float64Array, cost: Float64Array): void {
  for (let i = 0; i < cost.length; i++) if (cost[i] !== cost[i]) cost[i] = revenue[i];
}

/**
 * The table with gross profit = revenue − cost, computed on first read of `grossProfit` (an
 * analysis that subtracts itself, see `hasProfitFromCost`, never allocates it).
 */
function withProfitFromCost(
  table: Omit<SalesTable, 'grossProfit'>,
  revenue: Float64Array,
  cost: Float64Array,
): SalesTable {
  let profit: Float64Array | null = null;
  return {
    ...table,
    get grossProfit(): Float64Array {
      if (profit === null) {
        profit = new Float64Array(revenue.length);
        for (let i = 0; i < profit.length; i++) profit[i] = revenue[i] - cost[i];
      }
      return profit;
    },
    profitFromCost: { revenue, cost },
  };
}

/** Divides the plain (not explicitly percent) discounts by 100; `scale` is per slot. */
function scaleDiscount(discount: Float64Array, scale: Uint8Array, keep: Uint8Array | null): void {
  let j = 0;
  for (let i = 0; i < scale.length; i++) {
    if (keep !== null && keep[i] === 0) continue;
    if (scale[i] !== 0) discount[j] /= 100;
    j++;
  }
}

/**
 * Ingests a whole table at once.
 *
 * @example
 * const result = ingestSales(['Customer', 'Sales'], [['Acme', '1,234.50'], ['Total', 1234.5]]);
 * result.rowsUsed; // 1 (the total row is rejected)
 */
export function ingestSales(
  header: RawRow,
  rows: readonly RawRow[],
  options?: IngestOptions,
): IngestResult {
  const ingest = new SalesIngest(header, options);
  ingest.push(rows);
  return ingest.finish();
}
