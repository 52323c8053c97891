/** The preview's grids: number formats applied simply, formulas as their cached values. */
import { MemoryWorkbook } from '../../shared/memory-workbook';
import { buildTop20 } from '../../shared/reports/top20-build';
import type { SheetSpec } from '../../shared/sheet-spec';
import { formatValue, sheetGrid } from '../../ui/preview/grid';
import { sampleSheet, SAMPLE_SHEET } from '../../ui/preview/sample';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\u2212/g, '-');

test.each([
  [0.4123, '0.0%', 'en', '41.2%'],
  [0.4123, '0.0%', 'sv', '41,2 %'],
  [0.09, '0%', 'en', '9%'],
  [0.034, '+0.0%;-0.0%;0.0%', 'en', '+3.4%'],
  [-0.192, '+0.0%;-0.0%;0.0%', 'en', '-19.2%'],
  [0, '+0.0%;-0.0%;0.0%', 'en', '0.0%'],
  [1234567.8, '#,##0', 'en', '1,234,568'],
  [1234567.8, '#,##0', 'sv', '1 234 568'],
  [-96266.4, '#,##0', 'en', '-96,266'],
  [1234.5, '#,##0.00', 'en', '1,234.50'],
  [40.83, '0.0', 'en', '40.8'],
  [7, '0', 'en', '7'],
  [46352, 'yyyy-mm-dd', 'en', '2026-11-26'],
  [24001, null, 'en', '24001'],
  [0.123456789, null, 'en', '0.1235'],
] as const)('formatValue(%p, %p, %s) is %p', (value, format, lang, expected) => {
  expect(nbsp(formatValue(value, format, lang))).toBe(expected);
});

test('text, booleans, blanks and non-finite numbers', () => {
  expect(formatValue('=HYPERLINK("x")', '0%', 'en')).toBe('=HYPERLINK("x")');
  expect(formatValue(true, null, 'en')).toBe('TRUE');
  expect(formatValue(null, '0%', 'en')).toBe('');
  expect(formatValue(Number.NaN, '0%', 'en')).toBe('#NUM!');
});

test('a spec becomes a dense grid: formulas show their cached value, styles carried, rows cut', () => {
  const spec: SheetSpec = {
    name: 'T',
    blocks: [
      { row: 0, col: 0, cells: [['Title']], style: { bold: true } },
      {
        row: 2,
        col: 1,
        cells: [
          [1000, { formula: 'SUM(B3:B3)', value: 0.5 }],
          [2000, { formula: 'X()' }],
        ],
        numberFormats: ['#,##0', '0%'],
      },
    ],
    columns: [{ width: 20 }],
  };
  const grid = sheetGrid(spec, 'en');
  expect(grid.width).toBe(3);
  expect(grid.totalRows).toBe(4);
  expect(grid.widths).toEqual([20, undefined, undefined]);
  expect(grid.rows.map((r) => r.map((c) => c.text))).toEqual([
    ['Title', '', ''],
    ['', '', ''],
    ['', '1,000', '50%'],
    ['', '2,000', ''],
  ]);
  expect(grid.rows[0][0].style).toEqual({ bold: true });
  expect(grid.rows[2][1].numeric).toBe(true);
  expect(sheetGrid(spec, 'en', 2).rows).toHaveLength(2);
});

test('the built Top 20 shows its first account at the rank-1 row', async () => {
  const workbook = new MemoryWorkbook({ [SAMPLE_SHEET]: sampleSheet().rows });
  const result = await buildTop20(workbook, { period: { kind: 'r12' } });
  const grid = sheetGrid(workbook.spec('Top 20') as SheetSpec, 'en');
  const header = grid.rows.findIndex((r) => r.some((c) => c.text === 'Account'));
  const col = grid.rows[header].findIndex((c) => c.text === 'Account');
  expect(grid.rows[header + 1][col].text).toBe(result.analysis.top[0].account);
  expect(grid.rows[header + 1][0].text).toBe('1');
});
