/**
 * Low-level edits of a saved .xlsx package (a zip of XML parts), for what ExcelJS cannot write:
 * finding a sheet's part, adding relationships and content types, inserting elements into a
 * worksheet in OOXML order, and streaming a CSV's rows as a worksheet of inline strings.
 */
import JSZip from 'jszip';
import type { CsvChunk } from './csv-file';

export const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  pkgRel: 'http://schemas.openxmlformats.org/package/2006/relationships',
  drawingRel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing',
  chartRel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart',
} as const;

const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * Escapes text for XML content or attributes, dropping characters XML 1.0 cannot hold and
 * keeping carriage returns (as `&#13;`, which parsers would otherwise turn into line feeds).
 *
 * @example
 * xmlEscape('A & B <"x">') // 'A &amp; B &lt;&quot;x&quot;&gt;'
 */
export function xmlEscape(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[&<>"'\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g,
    (c) => {
      switch (c) {
        case '&':
          return '&amp;';
        case '<':
          return '&lt;';
        case '>':
          return '&gt;';
        case '"':
          return '&quot;';
        case "'":
          return '&apos;';
        case '\r':
          return '&#13;';
        default:
          return '';
      }
    },
  );
}

/**
 * Decodes the five predefined XML entities and numeric character references.
 *
 * @example
 * xmlUnescape('A &amp; B &#13;') // 'A & B \r'
 */
export function xmlUnescape(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    switch (e.toLowerCase()) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(
          e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10),
        );
    }
  });
}

/**
 * The attributes of one XML start tag, unescaped.
 *
 * @example
 * attributes('<sheet name="R&amp;D" r:id="rId2"/>') // { name: 'R&D', 'r:id': 'rId2' }
 */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g))
    out[m[1]] = xmlUnescape(m[3] ?? m[4] ?? '');
  return out;
}

/**
 * Writes a part (text, bytes or a Node stream) without adding folder entries to the zip.
 *
 * @example
 * putPart(zip, 'xl/charts/chart1.xml', xml);
 */
export function putPart(
  zip: JSZip,
  path: string,
  data: string | Buffer | NodeJS.ReadableStream,
): void {
  zip.file(path, data, { createFolders: false });
}

/**
 * Opens a saved package for editing (no folder entries).
 *
 * @example
 * const zip = await loadPackage(await book.xlsx.writeBuffer());
 */
export async function loadPackage(data: Buffer): Promise<JSZip> {
  return JSZip.loadAsync(data, { createFolders: false });
}

/**
 * Reads a part as text; throws when the package lacks it.
 *
 * @example
 * const xml = await readPart(zip, 'xl/workbook.xml');
 */
export async function readPart(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (file === null) throw new Error(`The workbook package has no ${path}`);
  return file.async('string');
}

/**
 * Resolves a relationship target against the folder of the part that owns the .rels.
 *
 * @example
 * resolveTarget('xl/worksheets/sheet1.xml', '../drawings/drawing1.xml') // 'xl/drawings/drawing1.xml'
 */
export function resolveTarget(ownerPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ownerPart.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  }
  return parts.join('/');
}

/**
 * The .rels part of a part.
 *
 * @example
 * relsPathOf('xl/worksheets/sheet1.xml') // 'xl/worksheets/_rels/sheet1.xml.rels'
 */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/**
 * The zip path of a worksheet's part, found through xl/workbook.xml and its relationships (never
 * by assuming sheetN numbering).
 *
 * @example
 * await sheetPartPath(zip, 'Top 20') // 'xl/worksheets/sheet2.xml'
 */
export async function sheetPartPath(zip: JSZip, sheetName: string): Promise<string> {
  const workbook = await readPart(zip, 'xl/workbook.xml');
  let rid: string | undefined;
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const a = attributes(m[0]);
    if (a.name === sheetName)
      rid = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
  }
  if (rid === undefined) throw new Error(`No sheet "${sheetName}" in xl/workbook.xml`);
  const rels = await readPart(zip, 'xl/_rels/workbook.xml.rels');
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attributes(m[0]);
    if (a.Id === rid) return resolveTarget('xl/workbook.xml', a.Target);
  }
  throw new Error(`No relationship ${rid} for sheet "${sheetName}"`);
}

/**
 * Adds a relationship to the .rels of `ownerPart` (creating the .rels) and returns its id.
 *
 * @example
 * const rid = await addRelationship(zip, 'xl/worksheets/sheet1.xml', NS.drawingRel, '../drawings/drawing1.xml');
 */
export async function addRelationship(
  zip: JSZip,
  ownerPart: string,
  type: string,
  target: string,
): Promise<string> {
  const path = relsPathOf(ownerPart);
  const existing = zip.file(path);
  let xml = existing
    ? await existing.async('string')
    : `${XML_DECL}<Relationships xmlns="${NS.pkgRel}"></Relationships>`;
  xml = xml.replace(/<Relationships([^>]*)\/>/, '<Relationships$1></Relationships>');
  const used = new Set([...xml.matchAll(/\bId="([^"]*)"/g)].map((m) => m[1]));
  let n = used.size + 1;
  while (used.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const rel = `<Relationship Id="${id}" Type="${type}" Target="${xmlEscape(target)}"/>`;
  xml = xml.replace('</Relationships>', `${rel}</Relationships>`);
  putPart(zip, path, xml);
  return id;
}

/**
 * Adds an `<Override>` for a part to [Content_Types].xml (unless one is there).
 *
 * @example
 * await addContentType(zip, 'xl/charts/chart1.xml', 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml');
 */
export async function addContentType(zip: JSZip, part: string, contentType: string): Promise<void> {
  let xml = await readPart(zip, '[Content_Types].xml');
  const name = `/${part}`;
  if (xml.includes(`PartName="${name}"`)) return;
  xml = xml.replace(
    '</Types>',
    `<Override PartName="${xmlEscape(name)}" ContentType="${contentType}"/></Types>`,
  );
  putPart(zip, '[Content_Types].xml', xml);
}

/**
 * Rewrites the print areas of xl/workbook.xml as Excel writes them. ExcelJS writes
 * `'Bob's'!$A1:$F8`: an unescaped quote, which Excel rejects, and relative rows. The sheet is found
 * by `localSheetId`; the result is `'Bob''s'!$A$1:$F$8`.
 *
 * @example
 * await fixPrintAreas(zip);
 */
export async function fixPrintAreas(zip: JSZip): Promise<void> {
  const xml = await readPart(zip, 'xl/workbook.xml');
  const sheets = [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => attributes(m[0]).name);
  const fixed = xml.replace(
    /(<definedName\b[^>]*>)([^<]*)(<\/definedName>)/g,
    (whole, open: string, body: string, close: string) => {
      const a = attributes(open);
      const sheet = sheets[Number(a.localSheetId)];
      if (a.name !== '_xlnm.Print_Area' || sheet === undefined) return whole;
      const areas = xmlUnescape(body)
        .split(',')
        .map((area) => {
          const range = area
            .slice(area.lastIndexOf('!') + 1)
            .replace(/\$?([A-Za-z]{1,3})\$?(\d+)/g, (_, c: string, r: string) => `$${c}$${r}`);
          return `'${sheet.replace(/'/g, "''")}'!${range}`;
        });
      return `${open}${xmlEscape(areas.join(','))}${close}`;
    },
  );
  if (fixed !== xml) putPart(zip, 'xl/workbook.xml', fixed);
}

/** Worksheet children that come after `<drawing>` in CT_Worksheet's sequence. */
const AFTER_DRAWING = new Set([
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
]);

/**
 * Inserts `element` (e.g. `<drawing r:id="rId3"/>`) into worksheet XML before the first
 * top-level child named in `before`, or before `</worksheet>`.
 *
 * @example
 * insertWorksheetChild(xml, '<drawing r:id="rId1"/>') // after pageSetup, before tableParts
 */
export function insertWorksheetChild(
  xml: string,
  element: string,
  before: ReadonlySet<string> = AFTER_DRAWING,
): string {
  const dataEnd = /<(?:\w+:)?sheetData\b[^>]*\/>|<\/(?:\w+:)?sheetData>/.exec(xml);
  let depth = 1;
  const tags = /<(\/?)((?:[\w.-]+:)?([\w.-]+))\b[^>]*?(\/?)>/g;
  tags.lastIndex = dataEnd
    ? dataEnd.index + dataEnd[0].length
    : xml.indexOf('>', xml.indexOf('<worksheet')) + 1;
  for (let m = tags.exec(xml); m !== null; m = tags.exec(xml)) {
    const [, closing, , local, selfClosing] = m;
    if (closing) {
      depth--;
      if (depth === 0) return xml.slice(0, m.index) + element + xml.slice(m.index);
      continue;
    }
    if (depth === 1 && before.has(local))
      return xml.slice(0, m.index) + element + xml.slice(m.index);
    if (!selfClosing) depth++;
  }
  throw new Error('Malformed worksheet XML: no </worksheet>');
}

/**
 * A worksheet part holding CSV rows as inline strings, streamed chunk by chunk (the rows are
 * never all in memory). Column widths come from the first chunk.
 *
 * @example
 * putPart(zip, part, Readable.from(csvSheetXml(csvChunks(path, format))));
 */
export async function* csvSheetXml(chunks: AsyncIterable<CsvChunk>): AsyncGenerator<Buffer> {
  let started = false;
  for await (const { rows, firstRow } of chunks) {
    const parts: string[] = [];
    if (!started) {
      parts.push(sheetStart(columnWidths(rows)));
      started = true;
    }
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const r = firstRow + i;
      if (row.length === 0) continue;
      parts.push(`<row r="${r}">`);
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (v === null) continue;
        const space = /^\s|\s$/.test(v) ? ' xml:space="preserve"' : '';
        parts.push(
          `<c r="${columnLetters(c)}${r}" t="inlineStr"><is><t${space}>${xmlEscape(v)}</t></is></c>`,
        );
      }
      parts.push('</row>');
    }
    yield Buffer.from(parts.join(''), 'utf8');
  }
  if (!started) yield Buffer.from(sheetStart([]), 'utf8');
  yield Buffer.from(
    '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>',
    'utf8',
  );
}

function sheetStart(widths: readonly number[]): string {
  const cols =
    widths.length === 0
      ? ''
      : `<cols>${widths
          .map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`)
          .join('')}</cols>`;
  return (
    `${XML_DECL}<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}">` +
    `<sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>`
  );
}

function columnWidths(rows: readonly (readonly (string | null)[])[]): number[] {
  const widths: number[] = [];
  for (const row of rows.slice(0, 200)) {
    row.forEach((v, c) => {
      const w = Math.min(50, Math.max(8, (v ?? '').length + 2));
      widths[c] = Math.max(widths[c] ?? 8, w);
    });
  }
  return Array.from(widths, (w) => w ?? 8);
}

/**
 * 0-based column index → letters.
 *
 * @example
 * columnLetters(27) // 'AB'
 */
export function columnLetters(col: number): string {
  let letters = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
