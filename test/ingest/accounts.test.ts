import {
  AccountIdentity,
  TextDictionary,
  cellText,
  displayText,
  textKey,
} from '../../shared/ingest/accounts';
import type { RawCell } from '../../shared/workbook';

function dictionary(cells: RawCell[], keep: number[] | null = null) {
  const d = new TextDictionary();
  for (const c of cells) d.add(c);
  const kept = keep ? keep.filter((k) => k !== 0).length : cells.length;
  const col = d.finish(keep ? Uint8Array.from(keep) : null, kept);
  return { codes: [...col.codes], values: col.values };
}

function accounts(names: RawCell[], ids?: RawCell[]) {
  const a = new AccountIdentity(ids !== undefined);
  names.forEach((c, i) => a.add(c, ids ? ids[i] : undefined));
  const r = a.finish(null, names.length);
  return { codes: [...r.account.codes], values: r.account.values, ids: r.accountIds };
}

describe('text forms', () => {
  test('display text trims and collapses inner whitespace (incl. NBSP)', () => {
    expect(displayText('  Acme\u00a0 AB ')).toBe('Acme AB');
    expect(displayText('\tA\n B ')).toBe('A B');
  });
  test('key folds case and Unicode form', () => {
    expect(textKey('ACME  AB ')).toBe(textKey('acme ab'));
    expect(textKey('Cafe\u0301')).toBe(textKey('Café'));
    expect(textKey('Åkessons')).toBe('åkessons');
  });
  test('cellText', () => {
    expect(cellText(1001)).toBe('1001');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(new Date(2026, 10, 26))).toBe('2026-11-26');
    expect(cellText(new Date(2026, 10, 26, 14, 5))).toBe('2026-11-26 14:05');
    expect(cellText(undefined)).toBe('');
  });
});

describe('TextDictionary', () => {
  test('"Site A" and "site a " are one value; blank is -1', () => {
    expect(dictionary(['Site A', 'site a ', null, '', '  ', 'Site B', 'SITE A'])).toEqual({
      codes: [0, 0, -1, -1, -1, 1, 0],
      values: ['Site A', 'Site B'],
    });
  });
  test('the most frequent spelling is shown; ties → first seen', () => {
    expect(dictionary(['acme', 'ACME', 'ACME']).values).toEqual(['ACME']);
    expect(dictionary(['acme', 'ACME']).values).toEqual(['acme']);
    // Trailing-space variants count as the same spelling.
    expect(dictionary(['acme', 'ACME ', ' ACME']).values).toEqual(['ACME']);
  });
  test('numbers are text', () => {
    expect(dictionary([1001, '1001', 1002])).toEqual({
      codes: [0, 0, 1],
      values: ['1001', '1002'],
    });
  });
  test('dropped slots are not counted and codes are renumbered', () => {
    expect(dictionary(['a', 'b', 'B', 'c'], [0, 1, 1, 1])).toEqual({
      codes: [0, 0, 1],
      values: ['b', 'c'],
    });
  });
  test('formula-looking text is kept exactly', () => {
    expect(dictionary(['=HYPERLINK("http://x","y")', '+1+2']).values).toEqual([
      '=HYPERLINK("http://x","y")',
      '+1+2',
    ]);
  });
});

describe('AccountIdentity', () => {
  test('without ids: case and spacing variants are one account, most frequent spelling', () => {
    expect(accounts(['ACME AB', 'Acme AB ', 'Acme  AB', 'Beta', 'acme ab'])).toEqual({
      codes: [0, 0, 0, 1, 0],
      values: ['Acme AB', 'Beta'],
      ids: null,
    });
  });
  test('with ids: the id is the key, the name is the most frequent among its rows', () => {
    expect(
      accounts(
        ['Acme AB', 'Acme Sweden AB', 'Acme Sweden AB', 'Acme AB', 'Beta'],
        ['C1', 'C1', 'C1', 'C2', 'C3'],
      ),
    ).toEqual({
      codes: [0, 0, 0, 1, 2],
      values: ['Acme Sweden AB', 'Acme AB', 'Beta'],
      ids: ['C1', 'C2', 'C3'],
    });
  });
  test('ids as numbers and text are one id', () => {
    expect(accounts(['A', 'A'], [1001, '1001 '])).toEqual({
      codes: [0, 0],
      values: ['A'],
      ids: ['1001'],
    });
  });
  test('a row without id joins the id its name has elsewhere; else it stands alone', () => {
    expect(accounts(['Acme', 'ACME', 'Solo', 'Beta'], ['C1', null, '', 'C2'])).toEqual({
      codes: [0, 0, 1, 2],
      values: ['Acme', 'Solo', 'Beta'],
      ids: ['C1', '', 'C2'],
    });
  });
  test('an id without a name takes the name from its other rows, or shows the id', () => {
    expect(accounts([null, 'Acme', null], ['C1', 'C1', 'C9'])).toEqual({
      codes: [0, 0, 1],
      values: ['Acme', 'C9'],
      ids: ['C1', 'C9'],
    });
  });
});
