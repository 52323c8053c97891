/** SheetSpecs used by the file adapter tests. */
import type { SheetSpec } from '../../shared/sheet-spec';

/** Text that looks like a formula and must stay text. */
export const FORMULA_LIKE = [
  '=HYPERLINK("http://x","y")',
  '+1+2',
  '-3',
  '@SUM(A1)',
  '\tTab',
  '=1+1',
];

/** A sheet with every SheetSpec feature. */
export function fullSpec(name = 'Top 20'): SheetSpec {
  return {
    name,
    blocks: [
      {
        row: 0,
        col: 0,
        cells: [['Top 20 accounts']],
        style: { bold: true, size: 14, color: '1F4E78' },
      },
      {
        row: 2,
        col: 0,
        cells: [['Rank', 'Account', 'Revenue', 'Share', 'Since', 'Loss']],
        style: { bold: true, fill: 'DDEBF7', align: 'center', wrap: true, borderBottom: true },
      },
      {
        row: 3,
        col: 0,
        cells: [
          [1, 'Acme AB', 1000, { formula: 'C4/$C$7', value: 0.5 }, 46352, false],
          [2, FORMULA_LIKE[0], 600, { formula: 'C5/$C$7', value: 0.3 }, 46353, true],
          [3, FORMULA_LIKE[1], 400, { formula: '=C6/$C$7', value: 0.2 }, null, false],
        ],
        numberFormats: [null, '@', '#,##0', '0.0%', 'yyyy-mm-dd', null],
      },
      {
        row: 6,
        col: 0,
        cells: [
          [
            'Total',
            FORMULA_LIKE[2],
            { formula: 'SUM(C4:C6)', value: 2000 },
            { formula: 'SUM(D4:D6)' },
            FORMULA_LIKE[3],
            FORMULA_LIKE[4],
          ],
          [
            FORMULA_LIKE[5],
            { formula: 'IF(C7>0,"ok","no")', value: 'ok' },
            { formula: 'C7>0', value: true },
          ],
        ],
        numberFormats: [null, null, '#,##0'],
        style: { italic: true, borderTop: true },
      },
    ],
    columns: [
      { width: 6 },
      { width: 30 },
      { width: 14 },
      { width: 10 },
      { width: 12 },
      { hidden: true },
    ],
    freeze: { rows: 3, cols: 2 },
    conditionalFormats: [
      {
        kind: 'cellIs',
        range: 'C4:C6',
        operator: 'lessThan',
        values: [500],
        style: { color: '9C0006', fill: 'FFC7CE' },
      },
      {
        kind: 'cellIs',
        range: 'D4:D6',
        operator: 'between',
        values: [0.25, 0.6],
        style: { bold: true },
      },
      { kind: 'expression', range: 'A4:F6', formula: '$F4=TRUE', style: { fill: 'FCE4D6' } },
      { kind: 'dataBar', range: 'C4:C6', color: '5B9BD5' },
    ],
    charts: [
      {
        title: 'Revenue and share',
        categories: 'B4:B6',
        series: [
          { name: 'Revenue', values: 'C4:C6', type: 'column', color: '1F4E78' },
          { name: 'Share', values: 'D4:D6', type: 'line', secondaryAxis: true, color: 'C00000' },
        ],
        anchor: { row: 9, col: 1, rows: 15, cols: 6 },
        valueFormat: '#,##0',
        secondaryFormat: '0%',
      },
      {
        title: 'Revenue',
        categories: 'A4:A6',
        series: [{ name: 'Revenue', values: 'C4:C6', type: 'line' }],
        anchor: { row: 25, col: 1, rows: 12, cols: 5 },
      },
    ],
    print: { orientation: 'landscape', fitToPage: true, area: 'A1:F8' },
    notes: { col: 6, keyCol: 1, headerRow: 2 },
    tabColor: '1F4E78',
  };
}
