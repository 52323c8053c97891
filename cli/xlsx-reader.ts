/**
 * Streaming reader of an .xlsx package: the sheet list from xl/workbook.xml, and a sheet's cells
 * row chunk by row chunk straight from its XML (never a whole sheet in memory). Values as the core
 * expects them: numbers (dates stay Excel serial numbers), text, booleans, error text, null.
 */
import { PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type JSZip from 'jszip';
import type { RawCell } from '../shared/workbook';
import { attributes, loadPackage, readPart, resolveTarget, xmlUnescape } from './xlsx-package';

/** A zip package that is not a spreadsheet (no xl/workbook.xml). */
export class NotAWorkbook extends Error {}

/** A sheet of the package. */
export interface PackageSheet {
  /** Name as in xl/workbook.xml. */
  readonly name: string;
  /** Zip path of its part, e.g. xl/worksheets/sheet1.xml. */
  readonly part: string;
}

export interface RowChunk {
  readonly rows: RawCell[][];
  readonly firstRow: number;
  /** The last row of the sheet's stated dimension, when it has one (a size hint). */
  readonly lastRow?: number;
}

const SHARED_STRINGS =
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings';
const STYLES = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles';
const WORKSHEET = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
/** Built-in number formats that show dates or times. */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);
/** Days between the 1904 and the 1900 date systems. */
const DAYS_1904 = 1462;

/**
 * An opened .xlsx package.
 *
 * @example
 * const pkg = await XlsxPackage.open(await readFile('sales.xlsx'));
 * for await (const { rows, firstRow } of pkg.rows(pkg.sheets[0])) ingest(rows);
 */
export class XlsxPackage {
  private sharedStrings: string[] | null = null;
  private dateStyles: Set<number> | null = null;

  private constructor(
    readonly zip: JSZip,
    readonly sheets: readonly PackageSheet[],
    private readonly date1904: boolean,
    private readonly parts: { sharedStrings?: string; styles?: string },
  ) {}

  /**
   * Opens the package; throws `NotAWorkbook` for a zip without a workbook, else plain Errors.
   *
   * @example
   * const pkg = await XlsxPackage.open(bytes); // pkg.sheets: [{ name: 'Sales', part: 'xl/worksheets/sheet1.xml' }]
   */
  static async open(bytes: Buffer): Promise<XlsxPackage> {
    const zip = await loadPackage(bytes);
    if (zip.file('xl/workbook.xml') === null || zip.file('xl/_rels/workbook.xml.rels') === null)
      throw new NotAWorkbook('no xl/workbook.xml');
    const workbook = await readPart(zip, 'xl/workbook.xml');
    const rels = relationships(await readPart(zip, 'xl/_rels/workbook.xml.rels'));
    const sheets: PackageSheet[] = [];
    for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
      const a = attributes(m[0]);
      const rid = Object.entries(a).find(([k]) => /(^|:)id$/.test(k) && k !== 'sheetId')?.[1];
      const rel = rels.find((r) => r.id === rid);
      if (rel === undefined || rel.type !== WORKSHEET) continue; // chart sheets, dialog sheets
      sheets.push({ name: a.name, part: resolveTarget('xl/workbook.xml', rel.target) });
    }
    const pr = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(workbook);
    const date1904 = pr !== null && /^(1|true)$/.test(attributes(pr[0]).date1904 ?? '');
    const target = (type: string) => {
      const rel = rels.find((r) => r.type === type);
      return rel ? resolveTarget('xl/workbook.xml', rel.target) : undefined;
    };
    return new XlsxPackage(zip, sheets, date1904, {
      sharedStrings: target(SHARED_STRINGS),
      styles: target(STYLES),
    });
  }

  /**
   * The sheet's rows from row 1, in chunks: blank rows inside are rows of nulls, blank rows at
   * the end are dropped; the rows of a chunk have one width (the sheet's used width when known).
   *
   * @example
   * for await (const { rows, firstRow } of pkg.rows(pkg.sheets[0], 10_000)) ingest(rows, firstRow);
   */
  async *rows(sheet: PackageSheet, chunkRows = 10_000): AsyncGenerator<RowChunk> {
    const strings = await this.strings();
    const dates = this.date1904 ? await this.dateStyleSet() : null;
    const file = this.zip.file(sheet.part);
    if (file === null) throw new Error(`The workbook package has no ${sheet.part}`);

    let width = 0;
    let lastRowHint: number | undefined;
    let pending: RawCell[][] = [];
    let blanks = 0;
    let nextRow = 1; // sheet row of the next row to add to `pending`
    let firstRow = 1; // sheet row of pending[0]
    const add = (r: number, cells: RawCell[] | null): void => {
      if (r < nextRow) return; // out-of-order rows: ignore duplicates
      blanks += r - nextRow;
      nextRow = r + 1;
      if (cells === null) {
        blanks++;
        return;
      }
      for (; blanks > 0; blanks--) pending.push(new Array<RawCell>(width).fill(null));
      while (cells.length < width) cells.push(null);
      pending.push(cells);
    };

    const decoder = new StringDecoder('utf8');
    let text = '';
    let started = false;
    let lastRow = 0;
    const consume = (upTo: number): void => {
      const segment = text.slice(0, upTo);
      text = text.slice(upTo);
      for (const m of segment.matchAll(ROW)) {
        const ra = /\br="(\d+)"/.exec(m[1]);
        const r = ra ? Number(ra[1]) : lastRow + 1;
        lastRow = r;
        add(r, m[2] === undefined ? null : parseCells(m[2], strings, dates));
      }
    };

    let rowEnd = '</row>';
    // JSZip's stream is not async-iterable: pipe it through a core stream (keeps backpressure).
    const source = file.nodeStream('nodebuffer');
    const stream = new PassThrough();
    source.on('error', (e: Error) => stream.destroy(e));
    source.pipe(stream);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      text += decoder.write(chunk);
      if (!started) {
        const data = /<(\w+:)?sheetData\b/.exec(text);
        if (data === null) continue;
        rowEnd = `</${data[1] ?? ''}row>`;
        const dim = /<(?:\w+:)?dimension\b[^>]*\bref="(?:[A-Z]+\d+:)?([A-Z]+)(\d+)"/.exec(text);
        if (dim) {
          width = columnIndex(dim[1]) + 1;
          lastRowHint = Number(dim[2]);
        }
        text = text.slice(data.index);
        started = true;
      }
      // Consume whole rows only: up to the end of the last closed row.
      const end = text.lastIndexOf(rowEnd);
      if (end >= 0) consume(end + rowEnd.length);
      while (pending.length >= chunkRows) {
        const rows = pending.slice(0, chunkRows);
        pending = pending.slice(chunkRows);
        width = pad(rows, width);
        yield { rows, firstRow, lastRow: lastRowHint };
        firstRow += rows.length;
      }
    }
    text += decoder.end();
    consume(text.length);
    for (let start = 0; start < pending.length; start += chunkRows) {
      const rows = pending.slice(start, start + chunkRows);
      width = pad(rows, width);
      yield { rows, firstRow, lastRow: lastRowHint };
      firstRow += rows.length;
    }
  }

  private async strings(): Promise<string[]> {
    if (this.sharedStrings !== null) return this.sharedStrings;
    const part = this.parts.sharedStrings;
    const file = part === undefined ? null : this.zip.file(part);
    const out: string[] = [];
    if (file !== null) {
      const xml = await file.async('string');
      for (const m of xml.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g))
        out.push(m[1] === undefined ? '' : richText(m[1]));
    }
    this.sharedStrings = out;
    return out;
  }

  /** Indexes of cellXfs whose number format shows a date (needed for 1904 workbooks only). */
  private async dateStyleSet(): Promise<Set<number>> {
    if (this.dateStyles !== null) return this.dateStyles;
    const out = new Set<number>();
    const part = this.parts.styles;
    const file = part === undefined ? null : this.zip.file(part);
    if (file !== null) {
      const xml = await file.async('string');
      const custom = new Map<number, string>();
      for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b[^>]*>/g)) {
        const a = attributes(m[0]);
        custom.set(Number(a.numFmtId), a.formatCode ?? '');
      }
      const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
      let i = 0;
      for (const m of xfs.matchAll(/<(?:\w+:)?xf\b[^>]*>/g)) {
        const id = Number(attributes(m[0]).numFmtId ?? 0);
        const code = custom.get(id);
        if (code !== undefined ? isDateFormat(code) : DATE_FORMAT_IDS.has(id)) out.add(i);
        i++;
      }
    }
    this.dateStyles = out;
    return out;
  }
}

const ROW = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
const CELL = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;

/** Pads the rows of a chunk to one width (the sheet's, or the widest row seen); returns it. */
function pad(rows: RawCell[][], width: number): number {
  let w = width;
  for (const row of rows) if (row.length > w) w = row.length;
  for (const row of rows) while (row.length < w) row.push(null);
  return w;
}

function parseCells(
  xml: string,
  strings: readonly string[],
  dates: Set<number> | null,
): RawCell[] | null {
  const cells: RawCell[] = [];
  let col = -1;
  let any = false;
  for (const m of xml.matchAll(CELL)) {
    const attrs = m[1];
    const ref = /\br="([A-Z]+)\d*"/.exec(attrs);
    col = ref ? columnIndex(ref[1]) : col + 1;
    const inner = m[2];
    if (inner === undefined) continue;
    const type = /\bt="(\w+)"/.exec(attrs)?.[1] ?? 'n';
    const v = /<(?:\w+:)?v>([^<]*)<\/(?:\w+:)?v>/.exec(inner)?.[1];
    let value: RawCell = null;
    switch (type) {
      case 's':
        value = v === undefined ? null : (strings[Number(v)] ?? null);
        break;
      case 'inlineStr': {
        const is = /<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/.exec(inner);
        value = is ? richText(is[1]) : null;
        break;
      }
      case 'str':
        value = v === undefined ? null : decodeText(v);
        break;
      case 'b':
        value = v === undefined ? null : v.trim() === '1' || v.trim() === 'true';
        break;
      case 'e':
        value = v === undefined ? null : xmlUnescape(v);
        break;
      case 'd': {
        const ms =
          v === undefined ? NaN : Date.parse(v.endsWith('Z') || v.length <= 10 ? v : `${v}Z`);
        value = Number.isNaN(ms) ? null : ms / 86_400_000 + 25_569;
        break;
      }
      default: {
        if (v === undefined || v.trim() === '') break;
        const n = Number(v);
        value = Number.isNaN(n) ? null : n;
        if (dates !== null && typeof value === 'number') {
          const s = /\bs="(\d+)"/.exec(attrs);
          if (s && dates.has(Number(s[1]))) value += DAYS_1904;
        }
      }
    }
    if (value === null) continue;
    while (cells.length < col) cells.push(null);
    cells[col] = value;
    any = true;
  }
  return any ? cells : null;
}

/** Text of a shared or inline string: its runs, without phonetic hints. */
function richText(xml: string): string {
  const simple = SIMPLE_TEXT.exec(xml);
  if (simple) return decodeText(simple[1]);
  const body = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  let out = '';
  for (const m of body.matchAll(/<(?:\w+:)?t\b[^>]*?(?:\/>|>([^<]*)<\/(?:\w+:)?t>)/g))
    out += m[1] ?? '';
  return decodeText(out);
}

const SIMPLE_TEXT = /^<t(?: xml:space="preserve")?>([^<]*)<\/t>$/;

/** XML entities, then OOXML's `_xHHHH_` escapes (e.g. `_x000D_` for a carriage return). */
function decodeText(text: string): string {
  const unescaped = text.includes('&') ? xmlUnescape(text) : text;
  return unescaped.includes('_x')
    ? unescaped.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
        String.fromCharCode(parseInt(hex, 16)),
      )
    : unescaped;
}

/**
 * A number format shows dates when it has d, m, y, h or s outside quotes, brackets and escapes.
 *
 * @example
 * isDateFormat('dd/mm/yyyy') // true; isDateFormat('#,##0 "kr"') // false
 */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '')
    .split(';')[0];
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n - 1;
}

function relationships(xml: string): { id: string; type: string; target: string }[] {
  return [...xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)].map((m) => {
    const a = attributes(m[0]);
    return { id: a.Id, type: a.Type, target: a.Target };
  });
}
