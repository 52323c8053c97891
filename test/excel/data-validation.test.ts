/**
 * Drop-down lists (SheetSpec `validations`) in Excel: ExcelWorkbook renders each as a list data
 * validation (`range.dataValidation.rule = { list: { inCellDropDown: true, source: 'a,b,c' } }`,
 * ExcelApi 1.8) on the fake Excel; the companion templates get theirs; a list Excel cannot take
 * (a value with a comma, a leading '=', over 255 characters) is refused before anything is
 * written. The fake records rules honestly: one type per rule, list rules only.
 */
import { ExcelWorkbook } from '../../addin/workbook/excel-workbook';
import { LIST_SOURCE_LIMIT, listSource } from '../../addin/workbook/sheet-render';
import { COMPANIONS } from '../../shared/companions/schema';
import { companionTemplates } from '../../shared/companions/templates';
import type { SheetSpec } from '../../shared/sheet-spec';
import { FakeExcel } from '../fakes/fake-excel';
import { createExcelHost } from '../../addin/taskpane/excel-host';

const spec = (validations: SheetSpec['validations']): SheetSpec => ({
  name: 'Lists',
  blocks: [{ row: 0, col: 0, cells: [['Level', 'Attitude']] }],
  validations,
});

test('each validation becomes a list rule with an in-cell drop-down on its range', async () => {
  const fake = new FakeExcel({ sheets: { S: [] } });
  await new ExcelWorkbook(fake.run).writeSheet(
    spec([
      { range: 'A2:A501', list: ['central', 'regional', 'local'] },
      { range: 'B2:B501', list: ['supporter', 'neutral', 'critic'] },
    ]),
  );
  expect(fake.sheetState('Lists').dataValidations).toEqual([
    { range: 'A2:A501', list: { inCellDropDown: true, source: 'central,regional,local' } },
    { range: 'B2:B501', list: { inCellDropDown: true, source: 'supporter,neutral,critic' } },
  ]);
  expect(fake.cell('Lists', 'A1').value).toBe('Level');
});

test('Create templates in Excel: the four companion sheets with their drop-downs, once', async () => {
  const fake = new FakeExcel({ sheets: { Sales: [['Customer', 'Net sales']] } });
  const host = createExcelHost({
    run: fake.run,
    settings: { get: () => null, set: () => undefined, saveAsync: () => undefined },
    displayLanguage: 'sv-SE',
  });
  const outcome = await host.createTemplates();
  const specs = companionTemplates(['Sales'], 'sv');
  expect(outcome.sheets).toEqual(specs.map((s) => s.name));
  expect(outcome.sheets).toHaveLength(COMPANIONS.length);
  for (const s of specs) {
    expect(fake.sheetState(s.name).dataValidations).toEqual(
      (s.validations ?? []).map((v) => ({
        range: v.range,
        list: { inCellDropDown: true, source: v.list.join(',') },
      })),
    );
  }
  // Stakeholders: level, power, influence, attitude, in Swedish.
  expect(fake.sheetState('Intressenter').dataValidations[0].list.source).toBe(
    'central,regional,lokal',
  );
  expect((await host.createTemplates()).sheets).toEqual([]);
  expect(fake.sheetNames()).toEqual(['Sales', ...specs.map((s) => s.name)]);
});

test.each([
  ['holds a comma', ['a,b', 'c']],
  ['starts with "="', ['=A1:A3']],
  ['has no values', []],
  ['empty value', ['x', ' ']],
  [`more than ${LIST_SOURCE_LIMIT}`, ['x'.repeat(LIST_SOURCE_LIMIT + 1)]],
])('a list Excel cannot take is refused before anything is written: %s', async (why, list) => {
  expect(() => listSource({ range: 'A2:A9', list })).toThrow(why);
  const fake = new FakeExcel({ sheets: { S: [] } });
  await expect(
    new ExcelWorkbook(fake.run).writeSheet(spec([{ range: 'A2:A9', list }])),
  ).rejects.toThrow(`The drop-down list of A2:A9 cannot be written to Excel`);
  expect(fake.sheetNames()).toEqual(['S']);
  expect(fake.syncs).toHaveLength(0);
});

test('a list of exactly 255 characters is written', () => {
  const list = ['x'.repeat(100), 'y'.repeat(100), 'z'.repeat(LIST_SOURCE_LIMIT - 202)];
  expect(listSource({ range: 'A1', list })).toHaveLength(LIST_SOURCE_LIMIT);
});

test('the fake takes list rules only, one type per rule, and cannot read a rule unloaded', async () => {
  const fake = new FakeExcel({ sheets: { S: [] } });
  await expect(
    fake.run(async (context) => {
      const dv = context.workbook.worksheets.getItem('S').getRange('A1').dataValidation;
      dv.rule = { wholeNumber: { formula1: 1, operator: 'GreaterThan' } };
      await context.sync();
    }),
  ).rejects.toThrow('is not implemented in the fake Excel');
  await expect(
    fake.run(async (context) => {
      const dv = context.workbook.worksheets.getItem('S').getRange('A1').dataValidation;
      dv.rule = {};
      await context.sync();
    }),
  ).rejects.toMatchObject({ code: 'InvalidArgument' });
  await expect(
    fake.run(async (context) => {
      const dv = context.workbook.worksheets.getItem('S').getRange('A1').dataValidation;
      return dv.rule;
    }),
  ).rejects.toMatchObject({ code: 'PropertyNotLoaded' });
  await expect(
    fake.run(async (context) => {
      context.workbook.worksheets.getItem('S').getRange('A1').dataValidation.clear();
    }),
  ).rejects.toThrow('DataValidation.clear is not implemented in the fake Excel');
  expect(fake.sheetState('S').dataValidations).toEqual([]);
});
