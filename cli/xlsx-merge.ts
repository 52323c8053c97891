/**
 * Puts sheets rendered by ExcelJS (the "overlay" package) into an existing workbook package
 * (the "base"), so that every sheet not rewritten stays byte for byte as the user saved it — with
 * its charts, pivot tables, images and formats — and a million-row input sheet is never parsed
 * into memory.
 *
 * For each written sheet: its cell styles and conditional-format styles are appended to the base
 * styles.xml (indexes shifted), its shared strings become inline strings, and its part replaces
 * the old sheet's part at the same tab position (or is appended). Print areas are rewritten,
 * the calculation chain dropped and a full recalculation on load requested.
 */
import type JSZip from 'jszip';
import {
  addContentType,
  addRelationship,
  attributes,
  readPart,
  relsPathOf,
  resolveTarget,
  sheetPartPath,
  putPart,
  xmlEscape,
} from './xlsx-package';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = `${REL_NS}/`;
const SHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const STYLES_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
/** Relationship types whose targets belong to one sheet and go with it when it is replaced. */
const OWNED = new Set(
  [
    'drawing',
    'vmlDrawing',
    'comments',
    'table',
    'printerSettings',
    'chart',
    'chartUserShapes',
    'threadedComment',
  ].map((t) => REL + t),
);
const OWNED_SUFFIXES = ['/chartStyle', '/chartColorStyle', '/threadedComment'];

/** One written sheet: its name in both packages, and the base sheet it replaces (if any). */
export interface MergeSheet {
  readonly name: string;
  readonly replaces: string | null;
  /** A1 print area, e.g. 'A1:O40'. */
  readonly printArea?: string;
}

/**
 * Merges the written sheets of `overlay` into `base` (in place).
 *
 * @example
 * await mergeSheets(base, overlay, [{ name: 'Top 20', replaces: 'Top 20', printArea: 'A1:O40' }]);
 */
export async function mergeSheets(
  base: JSZip,
  overlay: JSZip,
  sheets: readonly MergeSheet[],
): Promise<void> {
  if (sheets.length === 0) return;
  const offsets = await mergeStyles(base, overlay);
  const strings = await overlayStrings(overlay);
  let workbook = await readPart(base, 'xl/workbook.xml');
  const prefix = /<(\w+:)?workbook\b/.exec(workbook)?.[1] ?? '';
  const relPrefix =
    new RegExp(`xmlns:(\\w+)="${REL_NS.replace(/[./]/g, '\\$&')}"`).exec(workbook)?.[1] ?? null;
  if (relPrefix === null) {
    workbook = workbook.replace(/<(\w+:)?workbook\b/, (m) => `${m} xmlns:r="${REL_NS}"`);
  }
  const r = relPrefix ?? 'r';

  for (const sheet of sheets) {
    const source = await sheetPartPath(overlay, sheet.name);
    const xml = rewriteSheet(await readPart(overlay, source), offsets, strings);
    const part = `xl/worksheets/sheet${freeNumber(base, 'xl/worksheets/sheet')}.xml`;
    putPart(base, part, xml);
    await addContentType(base, part, SHEET_TYPE);
    const target = part.slice('xl/'.length);

    const old = sheet.replaces === null ? null : findSheet(workbook, sheet.replaces);
    if (old !== null) {
      const rid = sheetRid(old.tag);
      await removePartTree(base, await sheetPartPath(base, sheet.replaces as string));
      await retarget(base, rid, target);
      const renamed = old.tag.replace(
        /\bname\s*=\s*("[^"]*"|'[^']*')/,
        `name="${xmlEscape(sheet.name)}"`,
      );
      workbook =
        workbook.slice(0, old.index) + renamed + workbook.slice(old.index + old.tag.length);
    } else {
      const rid = await addRelationship(base, 'xl/workbook.xml', `${REL}worksheet`, target);
      const ids = [...workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) =>
        Number(attributes(m[0]).sheetId ?? 0),
      );
      const tag = `<${prefix}sheet name="${xmlEscape(sheet.name)}" sheetId="${Math.max(0, ...ids) + 1}" ${r}:id="${rid}"/>`;
      workbook = workbook.replace(new RegExp(`</${prefix}sheets>`), `${tag}</${prefix}sheets>`);
    }
  }

  workbook = rewriteDefinedNames(workbook, sheets, prefix);
  workbook = requestFullCalc(workbook, prefix);
  putPart(base, 'xl/workbook.xml', workbook);
  await dropCalcChain(base);
}

// ---------------------------------------------------------------------------------------------
// Styles

interface StyleOffsets {
  readonly xf: number;
  readonly dxf: number;
}

interface Section {
  readonly items: string[];
  /** Where the section is (start, end) in the XML; null when absent. */
  readonly at: { start: number; end: number } | null;
  readonly prefix: string;
}

function section(xml: string, tag: string, item: string): Section {
  const re = new RegExp(`<(\\w+:)?${tag}\\b[^>]*?(?:\\/>|>([\\s\\S]*?)<\\/(?:\\w+:)?${tag}>)`);
  const m = re.exec(xml);
  if (m === null) return { items: [], at: null, prefix: '' };
  const inner = m[2] ?? '';
  const items = [
    ...inner.matchAll(
      new RegExp(`<(?:\\w+:)?${item}\\b[^>]*?(?:\\/>|>[\\s\\S]*?<\\/(?:\\w+:)?${item}>)`, 'g'),
    ),
  ].map((x) => x[0]);
  return { items, at: { start: m.index, end: m.index + m[0].length }, prefix: m[1] ?? '' };
}

/** Appends the overlay's formats, fonts, fills, borders, cell formats and dxfs to the base. */
async function mergeStyles(base: JSZip, overlay: JSZip): Promise<StyleOffsets> {
  const overlayXml = await readPart(overlay, 'xl/styles.xml');
  const stylesPart = await partOfType(base, 'styles');
  if (stylesPart === null) {
    // A base without styles (rare): take the overlay's as they are.
    putPart(base, 'xl/styles.xml', overlayXml);
    await addRelationship(base, 'xl/workbook.xml', `${REL}styles`, 'styles.xml');
    await addContentType(base, 'xl/styles.xml', STYLES_TYPE);
    return { xf: 0, dxf: 0 };
  }
  let xml = await readPart(base, stylesPart);
  const root = /<(\w+:)?styleSheet\b/.exec(xml);
  const ns = root?.[1] ? ` xmlns="${MAIN_NS}"` : ''; // prefixed base: declare the default ns on added items
  const adopt = (item: string) => (ns ? item.replace(/^<(\w+)/, `<$1${ns}`) : item);

  // Number formats: reuse a base id for the same code, else a new id ≥ 164.
  const baseFormats = section(xml, 'numFmts', 'numFmt');
  const codeToId = new Map<string, number>();
  let nextId = 164;
  for (const f of baseFormats.items) {
    const a = attributes(f);
    codeToId.set(a.formatCode, Number(a.numFmtId));
    nextId = Math.max(nextId, Number(a.numFmtId) + 1);
  }
  const fmtMap = new Map<number, number>();
  const newFormats: string[] = [];
  for (const f of section(overlayXml, 'numFmts', 'numFmt').items) {
    const a = attributes(f);
    let id = codeToId.get(a.formatCode);
    if (id === undefined) {
      id = nextId++;
      codeToId.set(a.formatCode, id);
      newFormats.push(adopt(`<numFmt numFmtId="${id}" formatCode="${xmlEscape(a.formatCode)}"/>`));
    }
    fmtMap.set(Number(a.numFmtId), id);
  }

  const counts = {
    fonts: section(xml, 'fonts', 'font').items.length,
    fills: section(xml, 'fills', 'fill').items.length,
    borders: section(xml, 'borders', 'border').items.length,
    cellXfs: section(xml, 'cellXfs', 'xf').items.length,
    dxfs: section(xml, 'dxfs', 'dxf').items.length,
  };
  const shift = (attr: string, by: number) => (tag: string) =>
    tag.replace(new RegExp(`\\b${attr}="(\\d+)"`), (_, n: string) => `${attr}="${Number(n) + by}"`);
  const xfs = section(overlayXml, 'cellXfs', 'xf').items.map((xf) => {
    let out = xf.replace(/^<(?:\w+:)?xf\b[^>]*>/, (open) => {
      let t = shift('fontId', counts.fonts)(open);
      t = shift('fillId', counts.fills)(t);
      t = shift('borderId', counts.borders)(t);
      return t.replace(/\bnumFmtId="(\d+)"/, (m0, n: string) => {
        const mapped = fmtMap.get(Number(n));
        return mapped === undefined ? m0 : `numFmtId="${mapped}"`;
      });
    });
    out = adopt(out);
    return out;
  });

  // Later sections first, so that earlier positions stay valid.
  const edits: { tag: string; item: string; add: string[] }[] = [
    { tag: 'numFmts', item: 'numFmt', add: newFormats },
    { tag: 'fonts', item: 'font', add: section(overlayXml, 'fonts', 'font').items.map(adopt) },
    { tag: 'fills', item: 'fill', add: section(overlayXml, 'fills', 'fill').items.map(adopt) },
    {
      tag: 'borders',
      item: 'border',
      add: section(overlayXml, 'borders', 'border').items.map(adopt),
    },
    { tag: 'cellXfs', item: 'xf', add: xfs },
    { tag: 'dxfs', item: 'dxf', add: section(overlayXml, 'dxfs', 'dxf').items.map(adopt) },
  ];
  for (const edit of edits.reverse()) {
    if (edit.add.length === 0) continue;
    const current = section(xml, edit.tag, edit.item);
    const p = current.prefix || root?.[1] || '';
    const items = [...current.items, ...edit.add];
    const replacement = `<${p}${edit.tag} count="${items.length}">${items.join('')}</${p}${edit.tag}>`;
    if (current.at !== null) {
      xml = xml.slice(0, current.at.start) + replacement + xml.slice(current.at.end);
    } else if (edit.tag === 'numFmts') {
      xml = xml.replace(/<(\w+:)?styleSheet\b[^>]*>/, (m) => m + replacement);
    } else {
      // dxfs: before tableStyles/colors/extLst, else at the end of the stylesheet.
      const next = /<(?:\w+:)?(?:tableStyles|colors|extLst)\b|<\/(?:\w+:)?styleSheet>/.exec(xml);
      const at = next ? next.index : xml.length;
      xml = xml.slice(0, at) + replacement + xml.slice(at);
    }
  }
  putPart(base, stylesPart, xml);
  return { xf: counts.cellXfs, dxf: counts.dxfs };
}

// ---------------------------------------------------------------------------------------------
// Sheets

async function overlayStrings(overlay: JSZip): Promise<string[]> {
  const file = overlay.file('xl/sharedStrings.xml');
  if (file === null) return [];
  const xml = await file.async('string');
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => m[1] ?? '<t></t>');
}

/** Shifts style indexes, turns shared strings into inline strings, unselects the tab. */
function rewriteSheet(xml: string, offsets: StyleOffsets, strings: readonly string[]): string {
  const shiftAttr = (tag: string, attr: string, by: number) =>
    tag.replace(
      new RegExp(`(\\s${attr}=")(\\d+)"`),
      (_, a: string, n: string) => `${a}${Number(n) + by}"`,
    );
  let out = xml.replace(/<(c|row|col)\b[^>]*>/g, (tag, name: string) =>
    shiftAttr(tag, name === 'col' ? 'style' : 's', offsets.xf),
  );
  out = out.replace(/<cfRule\b[^>]*>/g, (tag) => shiftAttr(tag, 'dxfId', offsets.dxf));
  out = out.replace(
    /<c\b([^>]*?)\st="s"([^>]*)>\s*<v>(\d+)<\/v>\s*<\/c>/g,
    (_, a: string, b: string, n: string) =>
      `<c${a} t="inlineStr"${b}><is>${strings[Number(n)] ?? '<t></t>'}</is></c>`,
  );
  return out.replace(/\stabSelected="(1|true)"/g, '');
}

function findSheet(workbook: string, name: string): { tag: string; index: number } | null {
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    if (attributes(m[0]).name === name) return { tag: m[0], index: m.index };
  }
  return null;
}

function sheetRid(tag: string): string {
  const a = attributes(tag);
  const rid = Object.entries(a).find(([k]) => /:id$/.test(k))?.[1];
  if (rid === undefined) throw new Error('A sheet without a relationship id in xl/workbook.xml');
  return rid;
}

/** Points workbook relationship `rid` at a new target. */
async function retarget(base: JSZip, rid: string, target: string): Promise<void> {
  const path = 'xl/_rels/workbook.xml.rels';
  const xml = await readPart(base, path);
  const updated = xml.replace(/<Relationship\b[^>]*>/g, (tag) =>
    attributes(tag).Id === rid
      ? tag.replace(/\bTarget\s*=\s*("[^"]*"|'[^']*')/, `Target="${xmlEscape(target)}"`)
      : tag,
  );
  putPart(base, path, updated);
}

/** Removes a part, its .rels, and (recursively) the parts only it owns (drawings, charts, tables…). */
async function removePartTree(base: JSZip, part: string): Promise<void> {
  const relsPath = relsPathOf(part);
  const rels = base.file(relsPath);
  if (rels !== null) {
    const xml = await rels.async('string');
    for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
      const a = attributes(m[0]);
      if (a.TargetMode === 'External') continue;
      if (OWNED.has(a.Type) || OWNED_SUFFIXES.some((s) => a.Type.endsWith(s)))
        await removePartTree(base, resolveTarget(part, a.Target));
    }
    base.remove(relsPath);
  }
  base.remove(part);
  const types = await readPart(base, '[Content_Types].xml');
  putPart(
    base,
    '[Content_Types].xml',
    types.replace(new RegExp(`<Override\\b[^>]*PartName="/${escapeRe(part)}"[^>]*/>`), ''),
  );
}

/** Replaces the built-in print names of the written sheets; keeps every other defined name. */
function rewriteDefinedNames(
  workbook: string,
  sheets: readonly MergeSheet[],
  prefix: string,
): string {
  const order = [...workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map(
    (m) => attributes(m[0]).name,
  );
  const written = new Set(sheets.map((s) => order.indexOf(s.name)));
  let out = workbook.replace(
    /<(?:\w+:)?definedName\b[^>]*>[^<]*<\/(?:\w+:)?definedName>/g,
    (tag) => {
      const a = attributes(tag);
      const local = a.localSheetId === undefined ? -1 : Number(a.localSheetId);
      return written.has(local) && /^_xlnm\.(Print_Area|Print_Titles|_FilterDatabase)$/.test(a.name)
        ? ''
        : tag;
    },
  );
  const added = sheets
    .filter((s) => s.printArea)
    .map((s) => {
      const range = (s.printArea as string)
        .replace(/\$/g, '')
        .replace(/([A-Za-z]{1,3})(\d+)/g, (_, c: string, r: string) => `$${c.toUpperCase()}$${r}`);
      const ref = `'${s.name.replace(/'/g, "''")}'!${range}`;
      return `<${prefix}definedName name="_xlnm.Print_Area" localSheetId="${order.indexOf(s.name)}">${xmlEscape(ref)}</${prefix}definedName>`;
    })
    .join('');
  if (added === '')
    return out.replace(new RegExp(`<${prefix}definedNames>\\s*</${prefix}definedNames>`), '');
  if (new RegExp(`</${prefix}definedNames>`).test(out)) {
    return out.replace(new RegExp(`</${prefix}definedNames>`), `${added}</${prefix}definedNames>`);
  }
  const block = `<${prefix}definedNames>${added}</${prefix}definedNames>`;
  const next =
    /<(?:\w+:)?(?:calcPr|oleSize|customWorkbookViews|pivotCaches|smartTagPr|smartTagTypes|webPublishing|fileRecoveryPr|webPublishObjects|extLst)\b|<\/(?:\w+:)?workbook>/.exec(
      out,
    );
  const at = next ? next.index : out.length;
  out = out.slice(0, at) + block + out.slice(at);
  return out;
}

/** Asks Excel to recalculate on open (the written formulas may lack cached values). */
function requestFullCalc(workbook: string, prefix: string): string {
  const calc = /<(?:\w+:)?calcPr\b[^>]*?\/?>/.exec(workbook);
  if (calc) {
    const tag = calc[0].replace(/\sfullCalcOnLoad="[^"]*"/, '');
    const updated = tag.replace(/\s*(\/?)>$/, (_, slash: string) => ` fullCalcOnLoad="1"${slash}>`);
    return workbook.slice(0, calc.index) + updated + workbook.slice(calc.index + calc[0].length);
  }
  const next =
    /<(?:\w+:)?(?:oleSize|customWorkbookViews|pivotCaches|smartTagPr|smartTagTypes|webPublishing|fileRecoveryPr|webPublishObjects|extLst)\b|<\/(?:\w+:)?workbook>/.exec(
      workbook,
    );
  const at = next ? next.index : workbook.length;
  return `${workbook.slice(0, at)}<${prefix}calcPr fullCalcOnLoad="1"/>${workbook.slice(at)}`;
}

/** The calculation chain lists formula cells; after a rewrite it is stale, so it goes. */
async function dropCalcChain(base: JSZip): Promise<void> {
  const part = await partOfType(base, 'calcChain');
  if (part === null) return;
  base.remove(part);
  const relsPath = 'xl/_rels/workbook.xml.rels';
  const rels = await readPart(base, relsPath);
  putPart(
    base,
    relsPath,
    rels.replace(/<Relationship\b[^>]*>/g, (tag) =>
      attributes(tag).Type === `${REL}calcChain` ? '' : tag,
    ),
  );
  const types = await readPart(base, '[Content_Types].xml');
  putPart(
    base,
    '[Content_Types].xml',
    types.replace(new RegExp(`<Override\\b[^>]*PartName="/${escapeRe(part)}"[^>]*/>`), ''),
  );
}

/** The workbook's part with relationship type `type` (e.g. 'styles'), or null. */
async function partOfType(zip: JSZip, type: string): Promise<string | null> {
  const rels = await readPart(zip, 'xl/_rels/workbook.xml.rels');
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attributes(m[0]);
    if (a.Type === REL + type) return resolveTarget('xl/workbook.xml', a.Target);
  }
  return null;
}

function freeNumber(zip: JSZip, prefix: string): number {
  let n = 1;
  while (zip.file(`${prefix}${n}.xml`) !== null) n++;
  return n;
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
