import fc from 'fast-check';
import {
  addMonths,
  dayOfIso,
  dayOfYmd,
  daysInMonth,
  isLeapYear,
  isoDay,
  ymdOfDay,
} from '../../shared/analysis/calendar';

const iso = (text: string) => dayOfIso(text) as number;

describe('calendar', () => {
  test('known epoch days', () => {
    expect(dayOfYmd(1970, 1, 1)).toBe(0);
    expect(dayOfYmd(1969, 12, 31)).toBe(-1);
    expect(dayOfYmd(2026, 11, 26)).toBe(20783);
    expect(dayOfYmd(2000, 3, 1)).toBe(11017);
    expect(dayOfYmd(1900, 3, 1)).toBe(-25508);
  });

  test('ymdOfDay drops the time of day', () => {
    expect(ymdOfDay(20783.586)).toEqual({ y: 2026, m: 11, d: 26 });
    expect(ymdOfDay(-0.5)).toEqual({ y: 1969, m: 12, d: 31 });
    expect(ymdOfDay(11016)).toEqual({ y: 2000, m: 2, d: 29 });
  });

  test('isoDay', () => {
    expect(isoDay(20783.999)).toBe('2026-11-26');
    expect(isoDay(0)).toBe('1970-01-01');
    expect(isoDay(-1)).toBe('1969-12-31');
    expect(isoDay(NaN)).toBe('');
    expect(isoDay(dayOfYmd(812, 7, 4))).toBe('0812-07-04');
  });

  test('dayOfIso accepts real dates only', () => {
    expect(dayOfIso('2026-11-26')).toBe(20783);
    expect(dayOfIso(' 2024-02-29 ')).toBe(dayOfYmd(2024, 2, 29));
    expect(dayOfIso('2023-02-29')).toBeNull();
    expect(dayOfIso('2026-13-01')).toBeNull();
    expect(dayOfIso('2026-04-31')).toBeNull();
    expect(dayOfIso('2026-00-10')).toBeNull();
    expect(dayOfIso('26-11-2026')).toBeNull();
    expect(dayOfIso('')).toBeNull();
  });

  test('leap years and month lengths', () => {
    expect([1900, 2000, 2023, 2024].map(isLeapYear)).toEqual([false, true, false, true]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  test('addMonths clamps to the end of the month', () => {
    const cases: [string, number, string][] = [
      ['2024-02-29', -12, '2023-02-28'],
      ['2024-02-29', 12, '2025-02-28'],
      ['2024-02-29', 48, '2028-02-29'],
      ['2026-03-31', -1, '2026-02-28'],
      ['2024-01-31', 1, '2024-02-29'],
      ['2026-10-31', -12, '2025-10-31'],
      ['2026-12-15', 1, '2027-01-15'],
      ['2026-01-15', -1, '2025-12-15'],
      ['2026-05-31', -24, '2024-05-31'],
      ['1970-01-01', -1, '1969-12-01'],
    ];
    for (const [from, months, to] of cases) expect(isoDay(addMonths(iso(from), months))).toBe(to);
    expect(addMonths(iso('2026-11-26') + 0.75, -12)).toBe(iso('2025-11-26'));
  });

  test('property: day → ymd → day and day → iso → day round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: -800000, max: 2900000 }), (day) => {
        const { y, m, d } = ymdOfDay(day);
        expect(m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)).toBe(true);
        expect(dayOfYmd(y, m, d)).toBe(day);
        if (y >= 0 && y <= 9999) expect(dayOfIso(isoDay(day))).toBe(day);
        expect(ymdOfDay(day + 1).d === 1 || ymdOfDay(day + 1).d === d + 1).toBe(true);
      }),
    );
  });

  test('property: adding months matches the month arithmetic and clamps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100000, max: 100000 }),
        fc.integer({ min: -600, max: 600 }),
        (day, months) => {
          const a = ymdOfDay(day);
          const b = ymdOfDay(addMonths(day, months));
          expect(b.y * 12 + b.m - (a.y * 12 + a.m)).toBe(months);
          expect(b.d).toBe(Math.min(a.d, daysInMonth(b.y, b.m)));
        },
      ),
    );
  });
});
