import fc from 'fast-check';
import { signalHoursLeft, signalStatus } from '../../shared/analysis/signal-clock';
import { day } from './table';

const raised = day('2024-03-04 09:30');

describe('signal clock', () => {
  test('acted in time', () => {
    const acted = day('2024-03-05 08:30');
    expect(signalStatus(raised, acted, 24, day('2024-03-10'))).toEqual({
      hoursElapsed: 23,
      hoursLeft: 1,
      overdue: false,
      acted: true,
    });
    expect(signalHoursLeft(raised, acted, 24, NaN)).toBe(1); // now is not needed once acted
  });

  test('acted late', () => {
    const acted = day('2024-03-05 12:00');
    expect(signalStatus(raised, acted, 24, day('2024-03-05 10:00'))).toEqual({
      hoursElapsed: 26.5,
      hoursLeft: -2.5,
      overdue: true,
      acted: true,
    });
  });

  test('open and overdue', () => {
    const now = day('2024-03-06 09:30');
    expect(signalStatus(raised, NaN, 24, now)).toEqual({
      hoursElapsed: 48,
      hoursLeft: -24,
      overdue: true,
      acted: false,
    });
    expect(signalHoursLeft(raised, NaN, 24, now)).toBe(-24);
  });

  test('open and in time', () => {
    const now = day('2024-03-04 15:45');
    expect(signalStatus(raised, NaN, 24, now)).toEqual({
      hoursElapsed: 6.25,
      hoursLeft: 17.75,
      overdue: false,
      acted: false,
    });
    expect(signalHoursLeft(raised, NaN, 8, now)).toBe(1.75);
  });

  test('exactly at the limit is not overdue, a minute later is', () => {
    for (const [from, to] of [
      ['2024-03-04 10:07', '2024-03-05 10:07'],
      ['2023-12-31 23:59', '2024-01-01 23:59'],
      ['2024-03-30 13:13', '2024-03-31 13:13'],
    ]) {
      const status = signalStatus(day(from), NaN, 24, day(to));
      expect(status.hoursLeft).toBe(0);
      expect(status.overdue).toBe(false);
      expect(signalStatus(day(from), NaN, 24, day(to) + 1 / 1440).overdue).toBe(true);
    }
  });

  test('an action recorded before the signal was raised shows as negative hours', () => {
    const status = signalStatus(raised, raised - 0.5, 24, NaN);
    expect(status.hoursElapsed).toBe(-12);
    expect(status.hoursLeft).toBe(36);
  });

  test('bad input is a RangeError', () => {
    expect(() => signalStatus(NaN, NaN, 24, raised)).toThrow(RangeError);
    expect(() => signalStatus(Infinity, NaN, 24, raised)).toThrow(RangeError);
    expect(() => signalStatus(raised, NaN, 0, raised)).toThrow(RangeError);
    expect(() => signalStatus(raised, NaN, -1, raised)).toThrow(RangeError);
    expect(() => signalStatus(raised, NaN, NaN, raised)).toThrow(RangeError);
    expect(() => signalStatus(raised, NaN, Infinity, raised)).toThrow(RangeError);
    expect(() => signalHoursLeft(raised, NaN, 24, NaN)).toThrow(RangeError);
  });
});

describe('properties', () => {
  const minute = fc.integer({ min: 0, max: 60 * 24 * 365 * 60 });
  test('whole minutes give exact hours; overdue iff elapsed > limit', () => {
    fc.assert(
      fc.property(
        minute,
        fc.integer({ min: 0, max: 60 * 24 * 10 }),
        fc.integer({ min: 1, max: 72 }),
        (start, span, limit) => {
          const status = signalStatus(start / 1440, NaN, limit, (start + span) / 1440);
          expect(status.hoursElapsed).toBe(span / 60);
          expect(status.hoursLeft).toBe(limit - span / 60);
          expect(status.overdue).toBe(span > limit * 60);
        },
      ),
    );
  });
});
