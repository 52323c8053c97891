/** The fake Excel is honest: it behaves like Office.js where the adapter relies on it. */
import { FakeExcel, PAYLOAD_LIMIT } from '../fakes/fake-excel';

async function rejection(p: Promise<unknown>): Promise<{ name?: string; code?: string }> {
  try {
    await p;
  } catch (e) {
    return e as { name?: string; code?: string };
  }
  throw new Error('expected a rejection');
}

describe('load and sync', () => {
  test('a property read before load() + sync() throws PropertyNotLoaded', async () => {
    const fake = new FakeExcel({ sheets: { S: [['a', 1]] } });
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem('S').getRange('A1:B1');
      expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      range.load('values');
      expect(() => range.values).toThrow(expect.objectContaining({ name: 'RichApi.Error' }));
      await context.sync();
      expect(range.values).toEqual([['a', 1]]);
      expect(() => range.rowCount).toThrow(/call the load method/);
    });
  });

  test('writes apply at sync, in order; a missing sheet fails at sync with ItemNotFound', async () => {
    const fake = new FakeExcel({ sheets: { S: [] } });
    const error = await rejection(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('S').getRange('A1').values = [['before']];
        context.workbook.worksheets.getItem('Nope').getRange('A1').values = [['x']];
        context.workbook.worksheets.getItem('S').getRange('A2').values = [['after']];
        expect(fake.cell('S', 'A1').kind).toBe('blank'); // queued, not applied
        await context.sync();
      }),
    );
    expect(error).toMatchObject({ name: 'RichApi.Error', code: 'ItemNotFound' });
    expect(fake.cell('S', 'A1').value).toBe('before');
    expect(fake.cell('S', 'A2').kind).toBe('blank');
  });

  test('…OrNullObject: isNullObject after a sync', async () => {
    const fake = new FakeExcel({ sheets: { S: [] } });
    await fake.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject('Nope');
      const empty = context.workbook.worksheets.getItem('S').getUsedRangeOrNullObject(true);
      expect(() => missing.isNullObject).toThrow(
        expect.objectContaining({ code: 'PropertyNotLoaded' }),
      );
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(empty.isNullObject).toBe(true);
    });
  });

  test('a batch that ends with unsynced writes is an error', async () => {
    const fake = new FakeExcel({ sheets: { S: [] } });
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('S').getRange('A1').values = [['x']];
      }),
    ).rejects.toThrow(/never synced/);
  });

  test('anything the adapter does not use is not implemented', async () => {
    const fake = new FakeExcel({ sheets: { S: [] } });
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem('S').getRange('A1');
      expect(() => range.text).toThrow(/Range\.text is not implemented in the fake Excel/);
      expect(() => range.format.autofitColumns()).toThrow(/not implemented in the fake/);
      expect(() => context.workbook.names).toThrow(/Workbook\.names is not implemented/);
      expect(() => {
        range.hyperlink = { address: 'http://x' };
      }).toThrow(/not implemented/);
    });
  });
});

describe('values are read as typed', () => {
  async function write(fake: FakeExcel, values: (string | number)[][], format?: string[][]) {
    await fake.run(async (context) => {
      const range = context.workbook.worksheets
        .getItem('S')
        .getRangeByIndexes(0, 0, values.length, 1);
      if (format) range.numberFormat = format;
      range.values = values;
      await context.sync();
    });
  }

  test("'=' (and '+', '-', '@' before non-numbers) becomes a formula, as in Excel", async () => {
    const fake = new FakeExcel({ sheets: { S: [] } });
    await write(fake, [
      ['=HYPERLINK("http://x","y")'],
      ['+46 70 123'],
      ['-Minus AB'],
      ['@SUM(A1)'],
    ]);
    expect(fake.cell('S', 'A1')).toMatchObject({
      kind: 'formula',
      formula: '=HYPERLINK("http://x","y")',
    });
    expect(fake.cell('S', 'A2').formula).toBe('=+46 70 123');
    expect(fake.cell('S', 'A3').formula).toBe('=-Minus AB');
    expect(fake.cell('S', 'A4').formula).toBe('=@SUM(A1)');
    // the fake does not calculate: a formula reads as ''
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem('S').getRange('A1:A4');
      range.load('values');
      await context.sync();
      expect(range.values).toEqual([[''], [''], [''], ['']]);
    });
  });

  test('numbers, booleans and error literals are parsed; other text stays text', async () => {
    const fake = new FakeExcel({ sheets: { S: [] } });
    await write(fake, [['-5'], ['00123'], ['true'], ['#NUM!'], ['Acme AB'], [7]]);
    expect(fake.cell('S', 'A1')).toMatchObject({ kind: 'number', value: -5 });
    expect(fake.cell('S', 'A2')).toMatchObject({ kind: 'number', value: 123 });
    expect(fake.cell('S', 'A3')).toMatchObject({ kind: 'boolean', value: true, display: 'TRUE' });
    expect(fake.cell('S', 'A4')).toMatchObject({ kind: 'error', value: '#NUM!' });
    expect(fake.cell('S', 'A5')).toMatchObject({ kind: 'text', value: 'Acme AB' });
    expect(fake.cell('S', 'A6')).toMatchObject({ kind: 'number', value: 7 });
  });

  test("a leading apostrophe is dropped and makes text; so does the '@' number format", async () => {
    const fake = new FakeExcel({ sheets: { S: [] } });
    await write(fake, [["'=1+1"], ["''quoted"], ["'00123"]]);
    expect(fake.cell('S', 'A1')).toMatchObject({
      kind: 'text',
      value: '=1+1',
      display: '=1+1',
      formula: null,
      quotePrefix: true,
    });
    expect(fake.cell('S', 'A2').value).toBe("'quoted");
    expect(fake.cell('S', 'A3')).toMatchObject({ kind: 'text', value: '00123' });
    const typed = new FakeExcel({ sheets: { S: [] } });
    await write(typed, [['=1+1'], ['00123']], [['@'], ['@']]);
    expect(typed.cell('S', 'A1')).toMatchObject({
      kind: 'text',
      value: '=1+1',
      quotePrefix: false,
    });
    expect(typed.cell('S', 'A2')).toMatchObject({ kind: 'text', value: '00123' });
  });

  test('null in a 2-D write leaves the cell as it was; a size mismatch fails at sync', async () => {
    const fake = new FakeExcel({ sheets: { S: [['keep', 'old']] } });
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('S').getRange('A1:B1').values = [[null, 'new']];
      await context.sync();
    });
    expect(fake.grid('S')).toEqual([['keep', 'new']]);
    const error = await rejection(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('S').getRange('A1:B1').values = [['one']];
        await context.sync();
      }),
    );
    expect(error.code).toBe('InvalidArgument');
  });
});

describe('payload limit: 5 MB per request and per response', () => {
  const big = (rows: number) =>
    Array.from({ length: rows }, (_, i) => [`row ${i} ${'x'.repeat(90)}`]);

  test('a request over 5 MB fails and applies nothing', async () => {
    const fake = new FakeExcel({ sheets: { S: [] } });
    const values = big(60_000); // ~6 MB
    const error = await rejection(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('S').getRangeByIndexes(0, 0, values.length, 1).values =
          values;
        await context.sync();
      }),
    );
    expect(error).toMatchObject({ name: 'RichApi.Error', code: 'RequestPayloadSizeLimitExceeded' });
    expect(fake.syncs[0].requestBytes).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(fake.grid('S')).toEqual([]);
  });

  test('a response over 5 MB fails and loads nothing; under the limit it passes', async () => {
    const fake = new FakeExcel({ sheets: { S: big(60_000) } });
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('S');
      const all = sheet.getRangeByIndexes(0, 0, 60_000, 1);
      all.load('values');
      await expect(context.sync()).rejects.toMatchObject({
        code: 'RequestPayloadSizeLimitExceeded',
      });
      expect(() => all.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      const half = sheet.getRangeByIndexes(0, 0, 30_000, 1);
      half.load('values');
      await context.sync();
      expect(half.values).toHaveLength(30_000);
    });
    expect(fake.syncs.map((s) => s.responseBytes > PAYLOAD_LIMIT)).toEqual([true, false]);
  });
});

describe('sheets, formats and failures', () => {
  test('add, rename, move, delete, activate; names are unique regardless of case', async () => {
    const fake = new FakeExcel({ sheets: { A: [], B: [] } });
    await fake.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const c = sheets.add('C');
      c.position = 0;
      c.activate();
      sheets.getItem('A').name = 'A2';
      sheets.getItem('B').delete();
      await context.sync();
      sheets.add('c');
      await expect(context.sync()).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
      sheets.load('items/name');
      await context.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(['C', 'A2']);
    });
    expect(fake.activeSheet()).toBe('C');
  });

  test('an injected failure fails the whole sync, or only after its first actions', async () => {
    const fake = new FakeExcel({ sheets: { S: [] } });
    fake.failAt(1);
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('S').getRange('A1').values = [['x']];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'GeneralException' });
    expect(fake.grid('S')).toEqual([]);
    fake.failAt(1, 1);
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('S').getRange('A1').values = [['x']];
        context.workbook.worksheets.getItem('S').getRange('A2').values = [['y']];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'GeneralException' });
    expect(fake.grid('S')).toEqual([['x']]);
  });

  test('a new conditional format takes the top priority; calculation suspension is recorded', async () => {
    const fake = new FakeExcel({ sheets: { S: [] } });
    await fake.run(async (context) => {
      context.application.suspendApiCalculationUntilNextSync();
      const range = context.workbook.worksheets.getItem('S').getRange('A1:A3');
      range.conditionalFormats.add('Custom').custom.rule.formula = '=A1>1';
      range.conditionalFormats.add('DataBar').dataBar.positiveFormat.fillColor = '#5B9BD5';
      range.formulas = [['=1'], [null], ['x']];
      await context.sync();
    });
    const state = fake.sheetState('S');
    expect(state.conditionalFormats.map((cf) => cf.type)).toEqual(['DataBar', 'Custom']);
    expect(fake.syncs[0]).toMatchObject({ calculationSuspended: true, wroteFormulas: true });
  });
});
