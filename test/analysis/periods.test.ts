import { dayOfIso, isoDay } from '../../shared/analysis/calendar';
import {
  dataSpan,
  parsePeriodArg,
  periodArgText,
  resolvePeriods,
  resolvePeriodsForSpan,
} from '../../shared/analysis/periods';
import type { DayRange, PeriodChoice, ResolvedPeriods } from '../../shared/analysis/types';
import { UserError } from '../../shared/user-error';
import { makeTable } from './table';

const iso = (text: string) => dayOfIso(text) as number;
const text = (r: DayRange | null) => (r ? `${isoDay(r.from)}..${isoDay(r.to)}` : null);
const show = (p: ResolvedPeriods) => ({ current: text(p.current), comparison: text(p.comparison) });

/** Resolves against a table whose dates run from `first` to `latest` (with a row on each day). */
function resolveFor(first: string, latest: string, choice?: PeriodChoice) {
  const table = makeTable([
    { date: first, account: 'A', revenue: 1 },
    { date: latest, account: 'B', revenue: 1 },
  ]);
  return show(resolvePeriods(table, choice));
}

/** Resolves against a data span only (no check for rows inside the period). */
function resolveSpan(first: string, latest: string, choice?: PeriodChoice) {
  return show(resolvePeriodsForSpan({ first: iso(first), last: iso(latest) }, choice));
}

function userError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('expected a UserError');
}

describe('resolvePeriods: r12 (default)', () => {
  test('latest at a month end', () => {
    expect(resolveFor('2024-06-01', '2026-10-31')).toEqual({
      current: '2025-11-01..2026-10-31',
      comparison: '2024-11-01..2025-10-31',
    });
  });

  test('latest mid-month, with a time of day', () => {
    expect(resolveFor('2025-12-01', '2026-11-26 14:05', { kind: 'r12' })).toEqual({
      current: '2025-11-27..2026-11-26',
      comparison: '2024-11-27..2025-11-26',
    });
  });

  test('latest on a leap day', () => {
    expect(resolveFor('2023-06-01', '2024-02-29')).toEqual({
      current: '2023-03-01..2024-02-29',
      comparison: '2022-03-01..2023-02-28',
    });
  });

  test('latest on 28 Feb after a leap year: the current period takes 29 Feb', () => {
    expect(resolveFor('2024-06-01', '2025-02-28')).toEqual({
      current: '2024-02-29..2025-02-28',
      comparison: '2023-03-01..2024-02-28',
    });
  });

  test('latest on 31 Mar: February in the middle does not clamp', () => {
    expect(resolveFor('2025-06-01', '2026-03-31')).toEqual({
      current: '2025-04-01..2026-03-31',
      comparison: '2024-04-01..2025-03-31',
    });
  });

  test('records the choice; defaults to r12', () => {
    const table = makeTable([{ date: '2026-01-01', account: 'A', revenue: 1 }]);
    expect(resolvePeriods(table).choice).toEqual({ kind: 'r12' });
  });
});

describe('resolvePeriods: ytd, year, custom, all', () => {
  test('ytd', () => {
    expect(resolveFor('2025-01-01', '2026-11-26', { kind: 'ytd' })).toEqual({
      current: '2026-01-01..2026-11-26',
      comparison: '2025-01-01..2025-11-26',
    });
  });

  test('ytd ending on a leap day compares with 28 Feb', () => {
    expect(resolveFor('2023-01-01', '2024-02-29', { kind: 'ytd' })).toEqual({
      current: '2024-01-01..2024-02-29',
      comparison: '2023-01-01..2023-02-28',
    });
  });

  test('ytd on 1 January', () => {
    expect(resolveFor('2025-01-01', '2026-01-01 08:00', { kind: 'ytd' })).toEqual({
      current: '2026-01-01..2026-01-01',
      comparison: '2025-01-01..2025-01-01',
    });
  });

  test('calendar year', () => {
    expect(resolveSpan('2024-03-01', '2026-11-26', { kind: 'year', year: 2025 })).toEqual({
      current: '2025-01-01..2025-12-31',
      comparison: '2024-01-01..2024-12-31',
    });
    expect(resolveFor('2024-03-01', '2024-11-26', { kind: 'year', year: 2024 })).toEqual({
      current: '2024-01-01..2024-12-31',
      comparison: '2023-01-01..2023-12-31',
    });
  });

  test('custom range: the same span 12 months earlier', () => {
    const custom = (from: string, to: string) =>
      resolveSpan('2020-01-01', '2026-11-26', { kind: 'custom', from: iso(from), to: iso(to) });
    expect(custom('2026-01-01', '2026-06-30')).toEqual({
      current: '2026-01-01..2026-06-30',
      comparison: '2025-01-01..2025-06-30',
    });
    expect(custom('2024-02-29', '2024-03-31')).toEqual({
      current: '2024-02-29..2024-03-31',
      comparison: '2023-03-01..2023-03-31',
    });
    expect(custom('2024-01-15', '2024-02-29')).toEqual({
      current: '2024-01-15..2024-02-29',
      comparison: '2023-01-15..2023-02-28',
    });
    // Longer than 12 months: the comparison stops where the current period starts, no overlap.
    expect(custom('2024-01-01', '2025-06-30')).toEqual({
      current: '2024-01-01..2025-06-30',
      comparison: '2023-01-01..2023-12-31',
    });
    // A custom range equal to r12's current period gets r12's comparison.
    expect(custom('2025-11-27', '2026-11-26')).toEqual({
      current: '2025-11-27..2026-11-26',
      comparison: '2024-11-27..2025-11-26',
    });
  });

  test('all: the whole span, no comparison', () => {
    expect(resolveFor('2024-03-05 10:00', '2026-11-26 23:59', { kind: 'all' })).toEqual({
      current: '2024-03-05..2026-11-26',
      comparison: null,
    });
  });
});

describe('resolvePeriods: no dates and no data', () => {
  const undated = makeTable([{ account: 'A', revenue: 1 }]);

  test('a table without a date column is "all"', () => {
    const p = resolvePeriods(undated);
    expect(p.choice).toEqual({ kind: 'all' });
    expect(p.comparison).toBeNull();
    expect(Number.isNaN(p.current.from) && Number.isNaN(p.current.to)).toBe(true);
    expect(resolvePeriods(undated, { kind: 'all' }).choice).toEqual({ kind: 'all' });
  });

  test('a table without a date column refuses other periods', () => {
    for (const choice of ['r12', 'ytd', '2025', '2025-01-01..2025-03-31']) {
      const message = userError(() => resolvePeriods(undated, parsePeriodArg(choice)));
      expect(message).toMatch(/no dates/);
      expect(message).toContain(`"${choice}"`);
      expect(message).toContain('"all"');
    }
  });

  test('a date column with only blanks counts as no dates', () => {
    const blank = makeTable([{ account: 'A', revenue: 1 }], { dates: true });
    expect(dataSpan(blank)).toBeNull();
    expect(resolvePeriods(blank).choice).toEqual({ kind: 'all' });
    expect(userError(() => resolvePeriods(blank, { kind: 'r12' }))).toMatch(/no dates/);
  });

  test('a period outside the data names the period and the data range', () => {
    const message = userError(() =>
      resolveFor('2024-03-05', '2026-11-26', { kind: 'year', year: 2019 }),
    );
    expect(message).toBe(
      'The period "2019" (2019-01-01 to 2019-12-31) has no sales rows: the data runs from 2024-03-05 to 2026-11-26.',
    );
  });

  test('a period inside the span but without rows is refused too', () => {
    const table = makeTable([
      { date: '2024-06-01', account: 'A', revenue: 1 },
      { date: '2026-06-01', account: 'A', revenue: 1 },
    ]);
    expect(userError(() => resolvePeriods(table, { kind: 'year', year: 2025 }))).toContain(
      '"2025" (2025-01-01 to 2025-12-31) has no sales rows: the data runs from 2024-06-01 to 2026-06-01',
    );
    // The span-only resolver cannot see the gap.
    expect(show(resolvePeriodsForSpan(dataSpan(table), { kind: 'year', year: 2025 }))).toEqual({
      current: '2025-01-01..2025-12-31',
      comparison: '2024-01-01..2024-12-31',
    });
  });

  test('a custom range that ends before it starts', () => {
    expect(
      userError(() =>
        resolvePeriodsForSpan(
          { first: 0, last: 30000 },
          { kind: 'custom', from: iso('2026-02-01'), to: iso('2026-01-01') },
        ),
      ),
    ).toMatch(/ends before it starts/);
  });
});

describe('parsePeriodArg', () => {
  test('accepted forms', () => {
    expect(parsePeriodArg('r12')).toEqual({ kind: 'r12' });
    expect(parsePeriodArg(' YTD ')).toEqual({ kind: 'ytd' });
    expect(parsePeriodArg('All')).toEqual({ kind: 'all' });
    expect(parsePeriodArg('2025')).toEqual({ kind: 'year', year: 2025 });
    expect(parsePeriodArg('2026-01-01..2026-06-30')).toEqual({
      kind: 'custom',
      from: 20454,
      to: 20634,
    });
    expect(parsePeriodArg('2024-02-29 .. 2024-02-29')).toEqual({
      kind: 'custom',
      from: iso('2024-02-29'),
      to: iso('2024-02-29'),
    });
  });

  test('round-trips through periodArgText', () => {
    for (const t of ['r12', 'ytd', 'all', '2025', '2026-01-01..2026-06-30']) {
      expect(periodArgText(parsePeriodArg(t))).toBe(t);
    }
  });

  test('bad text is a UserError listing the accepted forms', () => {
    for (const bad of [
      '',
      'r13',
      'last year',
      '25',
      '20255',
      '2026-01-01',
      '2026-01-01..',
      '2026/01/01..2026/02/01',
    ]) {
      const message = userError(() => parsePeriodArg(bad));
      for (const form of ['r12', 'ytd', 'all', '2026', '2026-01-01..2026-06-30']) {
        expect(message).toContain(form);
      }
    }
    expect(userError(() => parsePeriodArg('2023-02-29..2023-03-31'))).toContain(
      'invalid date "2023-02-29"',
    );
    expect(userError(() => parsePeriodArg('2026-05-01..2026-04-01'))).toContain(
      'ends before it starts',
    );
  });
});

test('a year that is not a calendar year is a clear error', () => {
  expect(() => resolveSpan('2020-01-01', '2026-11-26', { kind: 'year', year: 2026.5 })).toThrow(
    'The year 2026.5 is not a calendar year (1900–9999).',
  );
});
