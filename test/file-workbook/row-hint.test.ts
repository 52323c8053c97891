/** The used range's last row reaches the core as a size hint when the file states it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileWorkbook } from '../../cli/file-workbook';

const dir = mkdtempSync(join(tmpdir(), 'kam-hint-'));

async function hints(path: string, sheet: string): Promise<(number | undefined)[]> {
  const seen: (number | undefined)[] = [];
  await (
    await FileWorkbook.open(path)
  ).readRows(sheet, (_rows, _first, lastRow) => seen.push(lastRow));
  return seen;
}

test('an .xlsx states its last row; a .csv cannot', async () => {
  const book = FileWorkbook.create();
  const rows = Array.from({ length: 12 }, (_, i) => [`Kund ${i}`, i * 10]);
  await book.writeSheet({
    name: 'Sales',
    blocks: [{ row: 0, col: 0, cells: [['Kund', 'Belopp'], ...rows] }],
  });
  const xlsx = join(dir, 'hint.xlsx');
  await book.save(xlsx);
  expect(await hints(xlsx, 'Sales')).toEqual([13]);

  const csv = join(dir, 'hint.csv');
  writeFileSync(csv, 'Kund;Belopp\nA;1\nB;2\n');
  expect(await hints(csv, 'hint')).toEqual([undefined]);
});
