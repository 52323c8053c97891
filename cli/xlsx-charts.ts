/**
 * Native Excel charts for the file adapter. ExcelJS cannot write charts, so they are added to the
 * saved package: a DrawingML chart part per ChartSpec (clustered columns and/or lines on a shared
 * category axis, an optional secondary value axis), a drawing part anchoring them to cells, the
 * relationships sheet → drawing → chart, the sheet's `<drawing>` element and the content types.
 *
 * The charts reference the sheet's cells ('Top 20'!$C$8:$C$27), so Excel and LibreOffice draw
 * them from the data; the caches are filled from the spec's values for viewers that do not.
 *
 * ExcelJS drops charts when it re-reads a workbook: charts survive a round-trip only on sheets
 * that are rewritten (with their spec) before saving.
 */
import type JSZip from 'jszip';
import type { CellValue, ChartSeries, ChartSpec, SheetSpec } from '../shared/sheet-spec';
import { isFormula } from '../shared/sheet-spec';
import {
  NS,
  addContentType,
  addRelationship,
  attributes,
  insertWorksheetChild,
  putPart,
  readPart,
  relsPathOf,
  resolveTarget,
  sheetPartPath,
  xmlEscape,
} from './xlsx-package';

const C_NS = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const A_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const XDR_NS = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const CHART_TYPE = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const DRAWING_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A cell's value and number format as the spec wrote them. */
interface SpecCell {
  readonly value: CellValue | undefined;
  readonly format: string | null;
}
type CellLookup = (row: number, col: number) => SpecCell | undefined;

/**
 * Adds the charts of a written sheet to a saved package (no-op without charts).
 *
 * @example
 * const zip = await JSZip.loadAsync(buffer);
 * await addCharts(zip, top20Spec);
 */
export async function addCharts(zip: JSZip, spec: SheetSpec): Promise<void> {
  const charts = spec.charts ?? [];
  if (charts.length === 0) return;
  const sheetPart = await sheetPartPath(zip, spec.name);
  let sheetXml = await readPart(zip, sheetPart);
  const lookup = specLookup(spec);

  // The sheet's drawing: the existing one (images) or a new part.
  let drawingPart: string;
  let drawingXml: string;
  const existing = /<(?:\w+:)?drawing\b[^>]*>/.exec(sheetXml);
  if (existing) {
    const rid = attributes(existing[0])['r:id'];
    const rels = await readPart(zip, relsPathOf(sheetPart));
    const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)]
      .map((m) => attributes(m[0]))
      .find((a) => a.Id === rid);
    if (!rel) throw new Error(`Sheet "${spec.name}" has a drawing without a relationship`);
    drawingPart = resolveTarget(sheetPart, rel.Target);
    drawingXml = await readPart(zip, drawingPart);
  } else {
    drawingPart = `xl/drawings/drawing${freeNumber(zip, 'xl/drawings/drawing')}.xml`;
    drawingXml = `${XML_DECL}<xdr:wsDr xmlns:xdr="${XDR_NS}" xmlns:a="${A_NS}"></xdr:wsDr>`;
    const rid = await addRelationship(
      zip,
      sheetPart,
      NS.drawingRel,
      `../drawings/${drawingPart.split('/').pop()}`,
    );
    sheetXml = insertWorksheetChild(sheetXml, `<drawing r:id="${rid}"/>`);
    if (!/xmlns:r=/.test(sheetXml.slice(0, sheetXml.indexOf('>', sheetXml.indexOf('<worksheet')))))
      sheetXml = sheetXml.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS.rel}"`);
    putPart(zip, sheetPart, sheetXml);
    await addContentType(zip, drawingPart, DRAWING_TYPE);
  }

  let shapeId = Math.max(
    1,
    ...[...drawingXml.matchAll(/<xdr:cNvPr\b[^>]*\bid="(\d+)"/g)].map((m) => Number(m[1])),
  );
  const anchors: string[] = [];
  for (const chart of charts) {
    const chartPart = `xl/charts/chart${freeNumber(zip, 'xl/charts/chart')}.xml`;
    putPart(zip, chartPart, chartXml(chart, spec.name, lookup));
    await addContentType(zip, chartPart, CHART_TYPE);
    const rid = await addRelationship(
      zip,
      drawingPart,
      NS.chartRel,
      `../charts/${chartPart.split('/').pop()}`,
    );
    shapeId++;
    anchors.push(anchorXml(chart, rid, shapeId));
  }
  drawingXml = drawingXml.replace(/<\/xdr:wsDr>\s*$/, `${anchors.join('')}</xdr:wsDr>`);
  putPart(zip, drawingPart, drawingXml);
}

/**
 * The DrawingML chart part for one ChartSpec.
 *
 * @example
 * chartXml(spec.charts[0], 'Top 20') // '<?xml …><c:chartSpace …>'
 */
export function chartXml(chart: ChartSpec, sheet: string, lookup?: CellLookup): string {
  const all = chart.series.map((s, i) => ({ s, i }));
  const anyPrimary = all.some(({ s }) => !s.secondaryAxis);
  const onSecondary = (s: ChartSeries) => anyPrimary && s.secondaryAxis === true;
  const primary = all.filter(({ s }) => !onSecondary(s));
  const secondary = all.filter(({ s }) => onSecondary(s));
  const AX = { cat: 500001, val: 500002, cat2: 500003, val2: 500004 };

  const groups: string[] = [];
  const addGroups = (list: typeof all, cat: number, val: number): void => {
    const bars = list.filter(({ s }) => s.type === 'column');
    const lines = list.filter(({ s }) => s.type === 'line');
    if (bars.length > 0) {
      groups.push(
        `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
          bars.map(({ s, i }) => seriesXml(s, i, chart, sheet, lookup)).join('') +
          `<c:gapWidth val="80"/><c:axId val="${cat}"/><c:axId val="${val}"/></c:barChart>`,
      );
    }
    if (lines.length > 0) {
      groups.push(
        `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>` +
          lines.map(({ s, i }) => seriesXml(s, i, chart, sheet, lookup)).join('') +
          `<c:marker val="1"/><c:axId val="${cat}"/><c:axId val="${val}"/></c:lineChart>`,
      );
    }
  };
  addGroups(primary, AX.cat, AX.val);
  addGroups(secondary, AX.cat2, AX.val2);

  const axes =
    catAx(AX.cat, AX.val, false) +
    valAx(AX.val, AX.cat, 'l', chart.valueFormat, false) +
    (secondary.length > 0
      ? catAx(AX.cat2, AX.val2, true) +
        valAx(AX.val2, AX.cat2, 'r', chart.secondaryFormat ?? chart.valueFormat, true)
      : '');

  return (
    `${XML_DECL}<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${NS.rel}">` +
    `<c:date1904 val="0"/><c:roundedCorners val="0"/><c:chart>` +
    titleXml(chart.title) +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${groups.join('')}${axes}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>` +
    `</c:chartSpace>`
  );
}

function titleXml(title: string): string {
  return (
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="en-US" sz="1200" b="1"/><a:t>${xmlEscape(title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title>`
  );
}

function seriesXml(
  s: ChartSeries,
  index: number,
  chart: ChartSpec,
  sheet: string,
  lookup: CellLookup | undefined,
): string {
  const color = s.color ? s.color.replace(/^#/, '').toUpperCase() : undefined;
  let spPr = '';
  if (s.type === 'column') {
    spPr = color ? `<c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr>` : '';
  } else {
    const fill = color ? `<a:solidFill><a:srgbClr val="${color}"/></a:solidFill>` : '';
    spPr = `<c:spPr><a:ln w="28575" cap="rnd">${fill}<a:round/></a:ln></c:spPr>`;
  }
  const head =
    `<c:ser><c:idx val="${index}"/><c:order val="${index}"/>` +
    `<c:tx><c:v>${xmlEscape(s.name)}</c:v></c:tx>${spPr}`;
  const refs = categoryXml(chart.categories, sheet, lookup) + valuesXml(s.values, sheet, lookup);
  return s.type === 'column'
    ? `${head}<c:invertIfNegative val="0"/>${refs}</c:ser>`
    : `${head}<c:marker><c:symbol val="none"/></c:marker>${refs}<c:smooth val="0"/></c:ser>`;
}

function categoryXml(range: string, sheet: string, lookup: CellLookup | undefined): string {
  const f = xmlEscape(sheetRange(range, sheet));
  const cells = rangeCells(range, lookup);
  if (cells !== null && cells.length > 0 && cells.every((c) => typeof c.value === 'number')) {
    return `<c:cat><c:numRef><c:f>${f}</c:f>${numCache(cells)}</c:numRef></c:cat>`;
  }
  let cache = '';
  if (cells !== null) {
    const pts = cells
      .map((c, i) =>
        c.value === null || c.value === undefined
          ? ''
          : `<c:pt idx="${i}"><c:v>${xmlEscape(String(c.value))}</c:v></c:pt>`,
      )
      .join('');
    cache = `<c:strCache><c:ptCount val="${cells.length}"/>${pts}</c:strCache>`;
  }
  return `<c:cat><c:strRef><c:f>${f}</c:f>${cache}</c:strRef></c:cat>`;
}

function valuesXml(range: string, sheet: string, lookup: CellLookup | undefined): string {
  const f = xmlEscape(sheetRange(range, sheet));
  const cells = rangeCells(range, lookup);
  return `<c:val><c:numRef><c:f>${f}</c:f>${cells ? numCache(cells) : ''}</c:numRef></c:val>`;
}

function numCache(cells: readonly SpecCell[]): string {
  const format = cells.find((c) => c.format)?.format ?? 'General';
  const pts = cells
    .map((c, i) =>
      typeof c.value === 'number' && Number.isFinite(c.value)
        ? `<c:pt idx="${i}"><c:v>${c.value}</c:v></c:pt>`
        : '',
    )
    .join('');
  return `<c:numCache><c:formatCode>${xmlEscape(format)}</c:formatCode><c:ptCount val="${cells.length}"/>${pts}</c:numCache>`;
}

function catAx(id: number, cross: number, hidden: boolean): string {
  return (
    `<c:catAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="${hidden ? 1 : 0}"/><c:axPos val="b"/>` +
    `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="${hidden ? 'none' : 'out'}"/>` +
    `<c:minorTickMark val="none"/><c:tickLblPos val="${hidden ? 'nextTo' : 'low'}"/><c:crossAx val="${cross}"/>` +
    `<c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>` +
    `<c:noMultiLvlLbl val="0"/></c:catAx>`
  );
}

function valAx(
  id: number,
  cross: number,
  pos: 'l' | 'r',
  format: string | undefined,
  secondary: boolean,
): string {
  const numFmt = format
    ? `<c:numFmt formatCode="${xmlEscape(format)}" sourceLinked="0"/>`
    : `<c:numFmt formatCode="General" sourceLinked="1"/>`;
  return (
    `<c:valAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${pos}"/>${secondary ? '' : '<c:majorGridlines/>'}${numFmt}` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${cross}"/><c:crosses val="${secondary ? 'max' : 'autoZero'}"/>` +
    `<c:crossBetween val="between"/></c:valAx>`
  );
}

function anchorXml(chart: ChartSpec, rid: string, shapeId: number): string {
  const { row, col, rows, cols } = chart.anchor;
  const marker = (tag: string, r: number, c: number) =>
    `<xdr:${tag}><xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">${marker('from', row, col)}${marker('to', row + rows, col + cols)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${shapeId}" name="${xmlEscape(`Chart ${shapeId - 1}`)}" descr="${xmlEscape(chart.title)}"/>` +
    `<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${C_NS}"><c:chart xmlns:c="${C_NS}" xmlns:r="${NS.rel}" r:id="${rid}"/>` +
    `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/**
 * A range of the sheet as a chart reference: 'C7:C26' on 'Top 20' → 'Top 20'!$C$7:$C$26.
 * A range that already names a sheet is kept.
 *
 * @example
 * sheetRange('C7:C26', 'Top 20') // "'Top 20'!$C$7:$C$26"
 */
export function sheetRange(range: string, sheet: string): string {
  if (range.includes('!')) return range;
  const abs = range
    .split(':')
    .map((ref) =>
      ref.replace(
        /^\$?([A-Za-z]+)\$?(\d+)$/,
        (_, c: string, r: string) => `$${c.toUpperCase()}$${r}`,
      ),
    )
    .join(':');
  return `'${sheet.replace(/'/g, "''")}'!${abs}`;
}

/** Cells of a single-row or single-column range, from the spec; null when not a plain range. */
function rangeCells(range: string, lookup: CellLookup | undefined): SpecCell[] | null {
  if (lookup === undefined || range.includes('!')) return null;
  const m = /^\$?([A-Za-z]+)\$?(\d+)(?::\$?([A-Za-z]+)\$?(\d+))?$/.exec(range.trim());
  if (!m) return null;
  const c1 = colIndex(m[1]);
  const r1 = Number(m[2]) - 1;
  const c2 = m[3] ? colIndex(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  const out: SpecCell[] = [];
  for (let r = Math.min(r1, r2); r <= Math.max(r1, r2); r++)
    for (let c = Math.min(c1, c2); c <= Math.max(c1, c2); c++)
      out.push(lookup(r, c) ?? { value: undefined, format: null });
  return out;
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Values and formats of the spec's cells (later blocks win), for the chart caches. */
function specLookup(spec: SheetSpec): CellLookup {
  const cells = new Map<number, SpecCell>();
  const key = (r: number, c: number) => r * 16_384 + c;
  for (const block of spec.blocks) {
    block.cells.forEach((row, i) =>
      row.forEach((cell, j) => {
        const value = isFormula(cell) ? cell.value : cell;
        cells.set(key(block.row + i, block.col + j), {
          value,
          format: block.numberFormats?.[j] ?? null,
        });
      }),
    );
  }
  return (r, c) => cells.get(key(r, c));
}

/** The smallest n ≥ 1 with no `${prefix}${n}.xml` in the package. */
function freeNumber(zip: JSZip, prefix: string): number {
  let n = 1;
  while (zip.file(`${prefix}${n}.xml`) !== null) n++;
  return n;
}
