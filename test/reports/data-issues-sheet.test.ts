import { buildDataIssuesSheet } from '../../shared/reports/data-issues-sheet';
import type { RowIssue } from '../../shared/sales-table';

const issue = (row: number, action: RowIssue['action'], reason: string): RowIssue => ({
  row,
  column: 'Quantity',
  value: '=1+1',
  reason,
  action,
});

test('rejected rows come first, then adjusted ones, each by row; values stay literal text', () => {
  const spec = buildDataIssuesSheet({
    issues: [
      issue(2, 'adjusted', 'credit note'),
      issue(9, 'rejected', 'not a number'),
      issue(4, 'rejected', 'blank'),
    ],
    notes: [],
  });
  const table = spec.blocks[spec.blocks.length - 1].cells;
  expect(table.map((r) => [r[0], r[3], r[4]])).toEqual([
    [4, 'blank', 'rejected'],
    [9, 'not a number', 'rejected'],
    [2, 'credit note', 'adjusted'],
  ]);
  expect(table[0][2]).toBe('=1+1');
});

test('no issues says so in words', () => {
  const spec = buildDataIssuesSheet({ issues: [], notes: [] }, { lang: 'sv' });
  expect(spec.name).toBe('Dataproblem');
  expect(spec.blocks[spec.blocks.length - 1].cells).toEqual([
    [null, null, null, 'Inga avvisade eller justerade rader.', null],
  ]);
});
