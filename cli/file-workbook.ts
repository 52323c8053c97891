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
import { isFormula, type SheetSpec } from '../shared/sheet-spec';
import { UserError } from '../shared/user-error';
import {
  appendedFormula,
  type AppendRow,
  type RawCell,
  type RawRow,
  type Workbook,
} from '../shared/workbook';
import { csvChunks, sheetNameForFile, sniffCsv, type CsvFormat } from './csv-file';
import { addCharts } from './xlsx-charts';
import { mergeSheets } from './xlsx-merge';
import { NotAWorkbook, XlsxPackage, type PackageSheet } from './xlsx-reader';
import {
  columnLetters,
  csvSheetXml,
  fixPrintAreas,
  loadPackage,
  putPart,
  readPart,
  sheetPartPath,
  xmlEscape,
  xmlUnescape,
} from './xlsx-package';
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
  /**
   * Rows appended to sheets of the opened .xlsx that are otherwise kept as they are: on save they
   * are added to the sheet's XML, which is not otherwise touched.
   */
  private readonly appended = new Map<string, PendingAppend[]>();
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
      const pending = this.appended.get(slot.name) ?? [];
      const end = pending.reduce((m, p) => Math.max(m, p.firstRow + p.rows.length - 1), 0);
      let next = 1;
      for await (const { rows, firstRow, lastRow } of this.source!.pkg.rows(
        slot.sheet,
        CHUNK_ROWS,
      )) {
        onChunk(rows, firstRow, lastRow === undefined ? undefined : Math.max(lastRow, end));
        next = firstRow + rows.length;
      }
      for (const p of pending) {
        const gap: RawCell[][] = [];
        for (let r = next; r < p.firstRow; r++) gap.push([]);
        onChunk([...gap, ...p.rows.map(appendedValues)], next, end);
        next = p.firstRow + p.rows.length;
      }
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
    for (const name of this.appended.keys())
      if (name.toLowerCase() === key) this.appended.delete(name);
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
   * Appends rows below the last row holding a value and returns the 1-based row of the first.
   * A sheet of the opened .xlsx keeps its XML: the rows are added to it on save and every
   * existing row stays byte for byte; a sheet written in this session gets the rows in ExcelJS.
   * `{row}` in a formula becomes the row it lands in. A CSV sheet cannot be appended to.
   *
   * @example
   * const row = await workbook.appendRows('Signals', [[46352.5, 'Acme AB']], ['yyyy-mm-dd hh:mm']);
   */
  async appendRows(
    sheet: string,
    rows: readonly AppendRow[],
    numberFormats: readonly (string | null)[] = [],
  ): Promise<number> {
    if (this.csv !== null && this.csv.sheet === sheet)
      throw new UserError(`Cannot append to "${sheet}": it is a CSV file; save it as .xlsx.`);
    const slot = this.source?.slots.find((s) => s.name === sheet);
    if (slot !== undefined && slot.kind === 'package') {
      const first = (await this.lastUsedRow(sheet)) + 1;
      const pending = this.appended.get(sheet) ?? [];
      pending.push({ firstRow: first, rows: [...rows], numberFormats: [...numberFormats] });
      this.appended.set(sheet, pending);
      return first;
    }
    const ws = this.book.worksheets.find((w) => w.name === sheet);
    if (ws === undefined) {
      const names = await this.sheetNames();
      throw new UserError(`There is no sheet "${sheet}". Sheets: ${names.join(', ')}.`);
    }
    let last = ws.rowCount;
    while (last > 0 && !ws.getRow(last).hasValues) last--;
    rows.forEach((line, i) => {
      const r = last + 1 + i;
      line.forEach((cell, c) => {
        if (cell === null) return;
        const target = ws.getCell(r, c + 1);
        if (isFormula(cell)) {
          const result = cell.value ?? undefined;
          target.value = {
            formula: appendedFormula(cell.formula, r),
            ...(result === undefined ? {} : { result }),
          } as ExcelJS.CellFormulaValue;
        } else target.value = cell;
        const format = numberFormats[c];
        if (format) target.numFmt = format;
      });
    });
    return last + 1;
  }

  /** The last 1-based row of a sheet holding any value (0 when none). */
  private async lastUsedRow(sheet: string): Promise<number> {
    let last = 0;
    await this.readRows(sheet, (rows, firstRow) => {
      rows.forEach((row, i) => {
        if (row.some((c) => c !== null && c !== undefined && c !== '')) last = firstRow + i;
      });
    });
    return last;
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
    if (sheets.length === 0 && this.appended.size === 0) return null;
    const base = await loadPackage(this.source.bytes);
    if (sheets.length > 0) {
      const overlay = await loadPackage(Buffer.from(await this.book.xlsx.writeBuffer()));
      await mergeSheets(base, overlay, sheets);
    }
    for (const [sheet, pending] of this.appended) await appendToPart(base, sheet, pending);
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

/** Rows appended to a kept sheet of the opened package, written into its XML on save. */
interface PendingAppend {
  readonly firstRow: number;
  readonly rows: readonly AppendRow[];
  readonly numberFormats: readonly (string | null)[];
}

/** An appended row as readRows delivers it: formulas as their expected values. */
function appendedValues(row: AppendRow): RawCell[] {
  return row.map((cell) => (cell !== null && isFormula(cell) ? (cell.value ?? null) : cell));
}

/**
 * Adds appended rows to a sheet's XML: the new <row> elements go where their row numbers belong
 * (replacing only empty rows there, e.g. rows that hold formats and no values), the dimension
 * grows, and number formats get cell styles added to styles.xml. Nothing else of the part is
 * changed, so every existing row stays byte for byte.
 */
async function appendToPart(
  zip: JSZip,
  sheet: string,
  pending: readonly PendingAppend[],
): Promise<void> {
  const part = await sheetPartPath(zip, sheet);
  let xml = await readPart(zip, part);
  const styles = await numberFormatStyles(
    zip,
    pending.flatMap((p) => p.numberFormats.filter((f): f is string => !!f)),
  );
  const data = /<(\w+:)?sheetData\b[^>]*?(\/?)>/.exec(xml);
  if (data === null) throw new Error(`The sheet "${sheet}" has no sheetData`);
  const ns = data[1] ?? '';
  let maxCol = 0;
  let lastRow = 0;
  const rowsXml: { row: number; xml: string }[] = [];
  for (const p of pending) {
    p.rows.forEach((line, i) => {
      const r = p.firstRow + i;
      lastRow = Math.max(lastRow, r);
      const cells = line
        .map((cell, c) => {
          if (cell === null) return '';
          maxCol = Math.max(maxCol, c + 1);
          const format = p.numberFormats[c];
          return cellXml(
            ns,
            `${columnLetters(c)}${r}`,
            cell,
            r,
            format ? styles.get(format) : undefined,
          );
        })
        .join('');
      rowsXml.push({ row: r, xml: `<${ns}row r="${r}">${cells}</${ns}row>` });
    });
  }
  const firstNew = Math.min(...rowsXml.map((x) => x.row));
  const added = new Set(rowsXml.map((x) => x.row));
  if (data[2] === '/') {
    xml = `${xml.slice(0, data.index)}<${ns}sheetData>${rowsXml.map((x) => x.xml).join('')}</${ns}sheetData>${xml.slice(data.index + data[0].length)}`;
  } else {
    const close = xml.indexOf(`</${ns}sheetData>`, data.index);
    // Existing rows at or below the first new one: only empty ones can be there (appends go
    // below the last value); those at an appended row number are replaced, the others kept.
    const rowRe = new RegExp(
      `<${ns}row\\b[^>]*?\\br="(\\d+)"[^>]*?(?:/>|>[\\s\\S]*?</${ns}row>)`,
      'g',
    );
    rowRe.lastIndex = data.index;
    let tailStart = close;
    const tail: { row: number; xml: string }[] = [];
    for (let m = rowRe.exec(xml); m !== null && m.index < close; m = rowRe.exec(xml)) {
      const r = Number(m[1]);
      if (r < firstNew) continue;
      if (tailStart === close) tailStart = m.index;
      if (!added.has(r)) tail.push({ row: r, xml: m[0] });
    }
    const merged = [...rowsXml, ...tail].sort((a, b) => a.row - b.row);
    xml = xml.slice(0, tailStart) + merged.map((x) => x.xml).join('') + xml.slice(close);
  }
  xml = xml.replace(
    /(<(?:\w+:)?dimension\b[^>]*\bref=")(?:([A-Z]+)(\d+):)?([A-Z]+)(\d+)"/,
    (
      _all,
      open: string,
      c1: string | undefined,
      r1: string | undefined,
      c2: string,
      r2: string,
    ) => {
      const endCol = Math.max(columnIndexOf(c2), maxCol - 1);
      const endRow = Math.max(Number(r2), lastRow);
      return `${open}${c1 ?? 'A'}${r1 ?? '1'}:${columnLetters(endCol)}${endRow}"`;
    },
  );
  putPart(zip, part, xml);
}

function columnIndexOf(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function cellXml(
  ns: string,
  ref: string,
  cell: NonNullable<AppendRow[number]>,
  row: number,
  style: number | undefined,
): string {
  const s = style === undefined ? '' : ` s="${style}"`;
  const c = (type: string, inner: string) =>
    `<${ns}c r="${ref}"${s}${type === '' ? '' : ` t="${type}"`}>${inner}</${ns}c>`;
  if (isFormula(cell)) {
    const f = `<${ns}f>${xmlEscape(appendedFormula(cell.formula, row))}</${ns}f>`;
    const v = cell.value;
    if (typeof v === 'number' && Number.isFinite(v)) return c('', `${f}<${ns}v>${v}</${ns}v>`);
    if (typeof v === 'boolean') return c('b', `${f}<${ns}v>${v ? 1 : 0}</${ns}v>`);
    if (typeof v === 'string') return c('str', `${f}<${ns}v>${xmlEscape(v)}</${ns}v>`);
    return c('', f);
  }
  if (typeof cell === 'number')
    return Number.isFinite(cell)
      ? c('', `<${ns}v>${cell}</${ns}v>`)
      : c('e', `<${ns}v>#NUM!</${ns}v>`);
  if (typeof cell === 'boolean') return c('b', `<${ns}v>${cell ? 1 : 0}</${ns}v>`);
  return c(
    'inlineStr',
    `<${ns}is><${ns}t xml:space="preserve">${xmlEscape(cell)}</${ns}t></${ns}is>`,
  );
}

/**
 * The cell style index of each number format, adding a <numFmt> and a plain <xf> to styles.xml
 * for each (the workbook's other styles are kept).
 */
async function numberFormatStyles(
  zip: JSZip,
  formats: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const wanted = [...new Set(formats)];
  if (wanted.length === 0) return out;
  const path = 'xl/styles.xml';
  let xml = await readPart(zip, path);
  const p = /<(\w+:)?styleSheet\b/.exec(xml)?.[1] ?? '';
  const ids = new Map<string, number>();
  let maxId = 163;
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b[^>]*>/g)) {
    const id = Number(/numFmtId="(\d+)"/.exec(m[0])?.[1]);
    const code = /formatCode="([^"]*)"/.exec(m[0])?.[1];
    if (Number.isFinite(id)) maxId = Math.max(maxId, id);
    if (code !== undefined) ids.set(xmlUnescape(code), id);
  }
  const newFmts: string[] = [];
  for (const f of wanted) {
    if (ids.has(f)) continue;
    ids.set(f, ++maxId);
    newFmts.push(`<${p}numFmt numFmtId="${maxId}" formatCode="${xmlEscape(f)}"/>`);
  }
  if (newFmts.length > 0) {
    const block = /<(\w+:)?numFmts\b[^>]*?(\/?)>/.exec(xml);
    if (block === null) {
      const open = /<(?:\w+:)?styleSheet\b[^>]*>/.exec(xml)!;
      const at = open.index + open[0].length;
      xml = `${xml.slice(0, at)}<${p}numFmts count="${newFmts.length}">${newFmts.join('')}</${p}numFmts>${xml.slice(at)}`;
    } else if (block[2] === '/') {
      xml = `${xml.slice(0, block.index)}<${p}numFmts count="${newFmts.length}">${newFmts.join('')}</${p}numFmts>${xml.slice(block.index + block[0].length)}`;
    } else {
      const close = xml.indexOf(`</${p}numFmts>`, block.index);
      const count = (xml.slice(block.index, close).match(/<(?:\w+:)?numFmt\b/g) ?? []).length;
      xml =
        xml.slice(0, block.index) +
        block[0].replace(/count="\d+"/, `count="${count + newFmts.length}"`) +
        xml.slice(block.index + block[0].length, close) +
        newFmts.join('') +
        xml.slice(close);
    }
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>/.exec(xml);
  if (xfs === null) throw new Error('styles.xml has no cellXfs');
  const close = xml.indexOf(`</${p}cellXfs>`, xfs.index);
  let count = (xml.slice(xfs.index, close).match(/<(?:\w+:)?xf\b/g) ?? []).length;
  const added: string[] = [];
  for (const f of wanted) {
    out.set(f, count++);
    added.push(
      `<${p}xf numFmtId="${ids.get(f)}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
    );
  }
  xml =
    xml.slice(0, xfs.index) +
    xfs[0].replace(/count="\d+"/, `count="${count}"`) +
    xml.slice(xfs.index + xfs[0].length, close) +
    added.join('') +
    xml.slice(close);
  putPart(zip, path, xml);
  return out;
}

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
