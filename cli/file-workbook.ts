/**
 * FileWorkbook: the file adapter of the Workbook port.
 *
 * - .xlsx in: the sheet list is read from the package; a sheet's cells are streamed from its XML
 *   when read (./xlsx-reader.ts), so a million-row sheet is never held in memory.
 * - .csv/.txt/.tsv in: one sheet, decoded and parsed in streamed chunks (./csv-file.ts).
 * - Written sheets are rendered by ExcelJS. On save (always .xlsx, to a temp file renamed when
 *   complete) they are merged into the opened package: sheets not rewritten are copied byte for
 *   byte, charts and pivot tables included (./xlsx-merge.ts). A CSV's rows are streamed into the
 *   output as text cells. Charts, which ExcelJS cannot write, are added to the package
 *   (./xlsx-charts.ts).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { Stats } from 'node:fs';
import { open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type JSZip from 'jszip';
import type { SheetSpec } from '../shared/sheet-spec';
import { UserError } from '../shared/user-error';
import type { RawCell, RawRow, Workbook } from '../shared/workbook';
import { csvChunks, sheetNameForFile, sniffCsv, type CsvFormat } from './csv-file';
import { addCharts } from './xlsx-charts';
import { mergeSheets } from './xlsx-merge';
import { NotAWorkbook, XlsxPackage, type PackageSheet } from './xlsx-reader';
import { csvSheetXml, fixPrintAreas, loadPackage, putPart, sheetPartPath } from './xlsx-package';
import { renderSheet } from './xlsx-render';

/** Rows per `readRows` chunk. */
export const CHUNK_ROWS = 10_000;

const CSV_EXTENSIONS = new Set(['.csv', '.txt', '.tsv']);
const MS_PER_DAY = 86_400_000;
/** Days from 1899-12-30 (Excel's serial 0 in the 1900 system) to 1970-01-01. */
const EPOCH_SERIAL = 25_569;

/** ExcelJS's worksheet position, missing from its typings. */
type Ordered = ExcelJS.Worksheet & { orderNo: number };

/** The CSV file behind a sheet: streamed again on every read and on save. */
interface CsvSource {
  readonly path: string;
  readonly format: CsvFormat;
  readonly sheet: string;
  /** Size and modification time when opened: the file must not change before it is re-read. */
  readonly stamp: { readonly size: number; readonly mtimeMs: number };
}

/** A tab of an opened .xlsx: still the file's sheet, or written in this session. */
type Slot =
  | { readonly kind: 'package'; readonly name: string; readonly sheet: PackageSheet }
  | { readonly kind: 'written'; readonly name: string; readonly replaces: string | null };

/** An opened .xlsx: its bytes (sheets not rewritten are copied from them on save) and its tabs. */
interface PackageSource {
  readonly bytes: Buffer;
  readonly pkg: XlsxPackage;
  readonly slots: Slot[];
}

/**
 * A workbook backed by a file: open an .xlsx or .csv, read sheets, write SheetSpecs, save .xlsx.
 *
 * @example
 * const workbook = await FileWorkbook.open('sales.csv');
 * await workbook.writeSheet(spec);
 * await workbook.save('sales.kam.xlsx');
 */
export class FileWorkbook implements Workbook {
  /** Specs written in this session, by sheet name: `save` adds their charts. */
  private readonly written = new Map<string, SheetSpec>();
  /**
   * The sheets ExcelJS renders: every sheet of a new or CSV workbook; only the written sheets of
   * an opened .xlsx (the others stay in `source` untouched).
   */
  private readonly book = new ExcelJS.Workbook();

  private constructor(
    private csv: CsvSource | null,
    private readonly source: PackageSource | null,
  ) {
    this.book.calcProperties.fullCalcOnLoad = true;
    // placeholder: its part is replaced by the CSV's rows on save
    if (csv !== null) this.book.addWorksheet(csv.sheet);
  }

  /**
   * An empty workbook (no sheets).
   *
   * @example
   * const workbook = FileWorkbook.create();
   */
  static create(): FileWorkbook {
    return new FileWorkbook(null, null);
  }

  /**
   * Opens an .xlsx workbook, or a .csv/.txt/.tsv file as a one-sheet workbook whose sheet is
   * named after the file. Problems with the file are `UserError`s with one-line messages.
   * Nothing is parsed up front beyond the sheet list: sheets are streamed when read.
   *
   * @example
   * const workbook = await FileWorkbook.open('sales.xlsx');
   */
  static async open(path: string): Promise<FileWorkbook> {
    const name = basename(path);
    const ext = extname(path).toLowerCase();
    const isCsv = CSV_EXTENSIONS.has(ext);
    if (!isCsv && ext !== '.xlsx') {
      const hint = ['.xls', '.xlsm', '.xlsb', '.ods'].includes(ext)
        ? ' (save it as .xlsx first)'
        : '';
      throw new UserError(`Cannot read ${name}: only .xlsx and .csv files are supported${hint}.`);
    }
    const info = await checkReadable(path);
    if (isCsv) {
      let format: CsvFormat;
      try {
        format = await sniffCsv(path, ext === '.tsv' ? '\t' : undefined);
      } catch (e) {
        throw new UserError(`Cannot read ${name}: ${ioReason(e)}.`);
      }
      const stamp = { size: info.size, mtimeMs: info.mtimeMs };
      return new FileWorkbook({ path, format, sheet: sheetNameForFile(path), stamp }, null);
    }
    await checkXlsxSignature(path);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (e) {
      throw new UserError(`Cannot read ${name}: ${ioReason(e)}.`);
    }
    let pkg: XlsxPackage;
    try {
      pkg = await XlsxPackage.open(bytes);
    } catch (e) {
      const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 120);
      if (e instanceof NotAWorkbook)
        throw new UserError(`Cannot read ${name}: it is not an Excel workbook (${reason}).`);
      throw new UserError(
        `Cannot read ${name}: the workbook is damaged or is not an Excel workbook (${reason}).`,
      );
    }
    if (pkg.sheets.length === 0)
      throw new UserError(`Cannot read ${name}: it is not an Excel workbook (no sheets found).`);
    const slots: Slot[] = pkg.sheets.map((sheet) => ({ kind: 'package', name: sheet.name, sheet }));
    return new FileWorkbook(null, { bytes, pkg, slots });
  }

  /**
   * Names of the sheets in workbook order.
   *
   * @example
   * await workbook.sheetNames() // ['Sales', 'Top 20']
   */
  async sheetNames(): Promise<string[]> {
    return this.source !== null
      ? this.source.slots.map((s) => s.name)
      : this.book.worksheets.map((ws) => ws.name);
  }

  /**
   * Reads a sheet from row 1 in chunks of 10,000 rows: numbers, text, booleans, null for blanks;
   * dates as Excel serial numbers; formulas as their cached results; errors as their text.
   * CSV cells are text (or null when empty).
   *
   * @example
   * await workbook.readRows('Sales', (rows, firstRow) => ingest.push(rows));
   */
  async readRows(
    sheet: string,
    onChunk: (rows: readonly RawRow[], firstRow: number, lastRow?: number) => void,
  ): Promise<void> {
    if (this.csv !== null && this.csv.sheet === sheet) {
      await checkUnchanged(this.csv);
      for await (const { rows, firstRow } of csvChunks(this.csv.path, this.csv.format, CHUNK_ROWS))
        onChunk(rows, firstRow);
      return;
    }
    const slot = this.source?.slots.find((s) => s.name === sheet);
    if (slot !== undefined && slot.kind === 'package') {
      for await (const { rows, firstRow, lastRow } of this.source!.pkg.rows(slot.sheet, CHUNK_ROWS))
        onChunk(rows, firstRow, lastRow);
      return;
    }
    const ws = this.book.worksheets.find((w) => w.name === sheet);
    if (ws === undefined) {
      const names = await this.sheetNames();
      throw new UserError(
        `There is no sheet "${sheet}". Sheets: ${names.length > 0 ? names.join(', ') : '(none)'}.`,
      );
    }
    readWorksheet(ws, onChunk);
  }

  /**
   * Creates the sheet, or replaces it in place (same tab position; other sheets untouched). The
   * new sheet is built completely before the old one is removed.
   *
   * @example
   * await workbook.writeSheet({ name: 'Top 20', blocks: [{ row: 0, col: 0, cells: [['Hi']] }] });
   */
  async writeSheet(spec: SheetSpec): Promise<void> {
    checkSheetName(spec.name);
    const key = spec.name.toLowerCase();
    const old = this.book.worksheets.find((w) => w.name.toLowerCase() === key);
    const ws = this.book.addWorksheet(`~kam ${randomBytes(6).toString('hex')}`);
    try {
      renderSheet(ws, spec);
    } catch (e) {
      this.book.removeWorksheet(ws.id);
      throw e;
    }
    if (old !== undefined) {
      // ExcelJS orders sheets by `orderNo` (not in its typings): take the old sheet's place.
      (ws as Ordered).orderNo = (old as Ordered).orderNo;
      this.book.removeWorksheet(old.id);
      if (this.csv !== null && this.csv.sheet === old.name) this.csv = null;
    }
    for (const name of this.written.keys())
      if (name.toLowerCase() === key) this.written.delete(name);
    ws.name = spec.name;
    this.written.set(spec.name, spec);

    if (this.source !== null) {
      const slots = this.source.slots;
      const at = slots.findIndex((s) => s.name.toLowerCase() === key);
      if (at < 0) slots.push({ kind: 'written', name: spec.name, replaces: null });
      else {
        const slot = slots[at];
        const replaces = slot.kind === 'package' ? slot.sheet.name : slot.replaces;
        slots[at] = { kind: 'written', name: spec.name, replaces };
      }
    }
  }

  /**
   * Saves as .xlsx (whatever the extension): to a temporary file in the same folder, renamed over
   * `path` only when complete, so a failure never leaves a half-written file. Sheets of an opened
   * .xlsx that were not rewritten are copied as they are (charts, pivot tables and all).
   *
   * @example
   * await workbook.save('report.xlsx');
   */
  async save(path: string): Promise<void> {
    const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const zip = await this.package();
      if (zip === null) await writeFile(temp, this.source!.bytes);
      else {
        for (const spec of this.written.values())
          if ((spec.charts ?? []).length > 0) await addCharts(zip, spec);
        if (this.csv !== null) {
          await checkUnchanged(this.csv);
          const { path: csvPath, format, sheet } = this.csv;
          const part = await sheetPartPath(zip, sheet);
          const xml = csvSheetXml(csvChunks(csvPath, format, CHUNK_ROWS));
          putPart(zip, part, Readable.from(xml));
        }
        await pipeline(
          zip.generateNodeStream({
            type: 'nodebuffer',
            streamFiles: true,
            compression: 'DEFLATE',
            compressionOptions: { level: 6 },
          }),
          createWriteStream(temp),
        );
      }
      await rename(temp, path);
    } catch (e) {
      await unlink(temp).catch(() => undefined);
      if (e instanceof UserError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM' || code === 'EBUSY') {
        throw new UserError(`Cannot write ${path}: ${ioReason(e)}.`);
      }
      throw e;
    }
  }

  /** The package to save (before charts and CSV rows), or null when the file is unchanged. */
  private async package(): Promise<JSZip | null> {
    if (this.source === null) {
      if (this.book.worksheets.length === 0)
        throw new Error('Nothing to save: the workbook has no sheets (Excel needs one).');
      const zip = await loadPackage(Buffer.from(await this.book.xlsx.writeBuffer()));
      if (this.book.worksheets.some((ws) => ws.pageSetup.printArea)) await fixPrintAreas(zip);
      return zip;
    }
    const sheets = this.source.slots.flatMap((slot) =>
      slot.kind === 'written'
        ? [
            {
              name: slot.name,
              replaces: slot.replaces,
              printArea: this.written.get(slot.name)?.print?.area,
            },
          ]
        : [],
    );
    if (sheets.length === 0) return null;
    const base = await loadPackage(this.source.bytes);
    const overlay = await loadPackage(Buffer.from(await this.book.xlsx.writeBuffer()));
    await mergeSheets(base, overlay, sheets);
    return base;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

function readWorksheet(
  ws: ExcelJS.Worksheet,
  onChunk: (rows: readonly RawRow[], firstRow: number) => void,
): void {
  const last = ws.rowCount;
  const width = ws.columnCount;
  for (let first = 1; first <= last; first += CHUNK_ROWS) {
    const end = Math.min(last, first + CHUNK_ROWS - 1);
    const rows: RawCell[][] = [];
    for (let r = first; r <= end; r++) {
      const out = new Array<RawCell>(width).fill(null);
      const row = ws.findRow(r);
      if (row !== undefined) {
        row.eachCell((cell, col) => {
          if (cell.type === ExcelJS.ValueType.Merge) return;
          out[col - 1] = rawCell(cell.value);
        });
      }
      rows.push(out);
    }
    onChunk(rows, first);
  }
}

/**
 * An ExcelJS cell value as the core expects it.
 *
 * @example
 * rawCell(new Date(Date.UTC(2026, 10, 26))) // 46352
 */
export function rawCell(value: ExcelJS.CellValue | undefined): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string')
    return value;
  if (value instanceof Date) return dateToSerial(value);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) {
    return rawCell((value as { result?: ExcelJS.CellValue }).result);
  }
  if ('hyperlink' in value) {
    const text = (value as { text?: unknown }).text;
    if (typeof text === 'string') return text;
    if (text !== null && typeof text === 'object' && 'richText' in text)
      return (text as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
    return value.hyperlink;
  }
  return null;
}

/**
 * An ExcelJS date (UTC-based) as an Excel serial number in the 1900 date system.
 *
 * @example
 * dateToSerial(new Date(Date.UTC(2026, 10, 26))) // 46352
 */
export function dateToSerial(date: Date): number {
  return date.getTime() / MS_PER_DAY + EPOCH_SERIAL;
}

// ---------------------------------------------------------------------------------------------
// Writing

function checkSheetName(name: string): void {
  if (name === '' || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name))
    throw new Error(`Invalid sheet name "${name}" (≤31 characters, none of []:*?/\\).`);
}

// ---------------------------------------------------------------------------------------------
// Files

async function checkReadable(path: string): Promise<Stats> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (e) {
    throw new UserError(`Cannot read ${basename(path)}: ${ioReason(e)}.`);
  }
  if (!info.isFile()) throw new UserError(`Cannot read ${basename(path)}: it is not a file.`);
  return info;
}

/** An .xlsx is a zip package: say plainly what the file is when it is not one. */
async function checkXlsxSignature(path: string): Promise<void> {
  let head: Buffer;
  const file = await open(path, 'r');
  try {
    head = Buffer.alloc(8);
    const { bytesRead } = await file.read(head, 0, 8, 0);
    head = head.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
  const name = basename(path);
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new UserError(
      `Cannot read ${name}: it is password-protected or an old .xls file; save it as an unprotected .xlsx.`,
    );
  }
  if (!head.subarray(0, 2).equals(Buffer.from('PK'))) {
    throw new UserError(
      `Cannot read ${name}: it is not an .xlsx workbook (not a zip package; a CSV or another format renamed?).`,
    );
  }
}

/** A CSV is re-read on every read and on save: refuse if it changed since it was opened. */
async function checkUnchanged(csv: CsvSource): Promise<void> {
  let info: Stats | null = null;
  try {
    info = await stat(csv.path);
  } catch {
    // reported below
  }
  if (info === null || info.size !== csv.stamp.size || info.mtimeMs !== csv.stamp.mtimeMs) {
    throw new UserError(
      `${basename(csv.path)} changed or disappeared while it was being used; run again.`,
    );
  }
}

function ioReason(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EBUSY':
      return 'the file is in use (close it in Excel and try again)';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return (e as Error).message.split('\n')[0];
  }
}
