/** The account picker's matching and detail line, in Node. */
import type { AccountOption } from '../../ui/host';
import { accountDetail, accountMatches, searchKey } from '../../ui/app/accounts';
import { strings } from '../../ui/strings';

const account = (name: string, rank: number | null, top: boolean, id: string | null = null) =>
  ({
    key: id ?? name,
    name,
    accountId: id,
    revenue: rank === null ? 0 : 1000 / rank,
    rank,
    top,
  }) satisfies AccountOption;

const LIST = [
  account('Åkerlund AB', 1, true),
  account('Acme AB', 2, true, 'C7'),
  account('Nordvind  Oy', 3, false),
  account('Acme Oy', null, false),
];

test('an empty query shows every account, Top 20 apart from the rest, in list order', () => {
  const m = accountMatches(LIST, '  ', 10);
  expect(m.top.map((a) => a.name)).toEqual(['Åkerlund AB', 'Acme AB']);
  expect(m.rest.map((a) => a.name)).toEqual(['Nordvind  Oy', 'Acme Oy']);
  expect(m.more).toBe(0);
});

test('typing matches names ignoring case, accents and spacing, and ids', () => {
  expect(accountMatches(LIST, 'ACME', 10).top.map((a) => a.name)).toEqual(['Acme AB']);
  expect(accountMatches(LIST, 'acme', 10).rest.map((a) => a.name)).toEqual(['Acme Oy']);
  expect(accountMatches(LIST, 'aker', 10).top.map((a) => a.name)).toEqual(['Åkerlund AB']);
  expect(accountMatches(LIST, 'nordvind oy', 10).rest.map((a) => a.name)).toEqual(['Nordvind  Oy']);
  expect(accountMatches(LIST, 'c7', 10).top.map((a) => a.name)).toEqual(['Acme AB']);
  expect(accountMatches(LIST, 'zzz', 10)).toEqual({ top: [], rest: [], more: 0 });
  expect(searchKey(' Å  b ')).toBe('a b');
});

test('at most `limit` are shown; the rest are counted', () => {
  const m = accountMatches(LIST, '', 3);
  expect([m.top.length, m.rest.length, m.more]).toEqual([2, 1, 1]);
});

test('the detail line: rank and revenue in the period, the id when there is one', () => {
  expect(accountDetail(LIST[1], strings('en'), 'en')).toBe('#2 · 500 · C7');
  expect(accountDetail(LIST[3], strings('en'), 'en')).toBe('no sales in the period');
  expect(accountDetail(account('X', 1, true), strings('sv'), 'sv')).toBe('nr 1 · 1\u00a0000');
});
