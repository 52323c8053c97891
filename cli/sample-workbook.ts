/** `kam sample`: the built-in sample sales workbook, from the seeded generator of the core. */
import { generateSales } from '../shared/sample/sales-generator';
import type { SheetSpec } from '../shared/sheet-spec';
import { STYLE } from '../shared/reports/styles';
import { FileWorkbook } from './file-workbook';

const FORMATS: Record<string, string> = {
  'Invoice date': 'yyyy-mm-dd',
  Quantity: '#,##0',
  'Net sales': '#,##0.00',
  Cost: '#,##0.00',
};

/**
 * Writes the sample workbook (one "Sales" sheet) and says how big it is.
 *
 * @example
 * await writeSample('sample.xlsx', { seed: 1 }) // { rows: 24000, accounts: 300 }
 */
export async function writeSample(
  path: string,
  options: { rows?: number; seed?: number } = {},
): Promise<{ rows: number; accounts: number }> {
  const { header, rows } = generateSales({ rows: options.rows, seed: options.seed, messy: true });
  const accountCol = header.indexOf('Customer ID');
  const accounts = new Set(rows.map((r) => r[accountCol]).filter((v) => v !== null && v !== ''));
  const spec: SheetSpec = {
    name: 'Sales',
    blocks: [
      { row: 0, col: 0, cells: [header], style: STYLE.tableHeader },
      { row: 1, col: 0, cells: rows, numberFormats: header.map((h) => FORMATS[h] ?? null) },
    ],
    columns: header.map((h) => ({ width: Math.max(12, h.length + 4) })),
    freeze: { rows: 1, cols: 0 },
  };
  const workbook = FileWorkbook.create();
  await workbook.writeSheet(spec);
  await workbook.save(path);
  return { rows: rows.length, accounts: accounts.size };
}
