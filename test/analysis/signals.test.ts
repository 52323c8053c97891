import {
  assessSignals,
  openSignals,
  signalCounts,
  signalFlags,
  signalState,
  withSignalFlags,
  type Signal,
} from '../../shared/analysis/signals';
import { analyseTop20 } from '../../shared/analysis/top20';
import { textKey } from '../../shared/ingest/accounts';
import { AS_OF, testLog } from '../companions/signal-log';
import { day, makeTable } from './table';

const log = testLog(0);
const assessed = assessSignals(log, { limitHours: 24, now: AS_OF });
const byDescription = (i: number) => assessed[i];

describe('signal clock over a log', () => {
  test('across midnight', () => {
    expect(byDescription(0)).toMatchObject({ hoursElapsed: 0.75, state: 'acted-in-time' });
    expect(byDescription(1)).toMatchObject({
      hoursElapsed: 25,
      hoursLeft: -1,
      state: 'acted-late',
    });
  });

  test('daylight-saving changes count wall-clock hours, as the sheet does', () => {
    // 2026-03-29 01:30 → 03:30 Europe/Stockholm: 1 real hour, 2 on the wall clock
    expect(byDescription(2).hoursElapsed).toBe(2);
    // 2026-10-25 01:30 → 03:30: 3 real hours, 2 on the wall clock
    expect(byDescription(3).hoursElapsed).toBe(2);
    // noon to noon across the spring change: 24 wall-clock hours, in time at a 24 h limit
    expect(byDescription(4)).toMatchObject({
      hoursElapsed: 24,
      hoursLeft: 0,
      state: 'acted-in-time',
    });
  });

  test('exactly the limit is in time, a minute over is late', () => {
    expect(byDescription(5)).toMatchObject({ hoursLeft: 0, state: 'acted-in-time' });
    expect(byDescription(6).state).toBe('acted-late');
    expect(byDescription(6).hoursLeft).toBeCloseTo(-1 / 60, 12);
  });

  test('missing acted-at: the clock runs to now', () => {
    expect(byDescription(7)).toMatchObject({ hoursElapsed: 2, hoursLeft: 22, state: 'open' });
    expect(byDescription(8)).toMatchObject({ hoursElapsed: 30, hoursLeft: -6, state: 'overdue' });
    expect(byDescription(9)).toMatchObject({ hoursLeft: 0, state: 'open' });
    expect(byDescription(10)).toMatchObject({ hoursElapsed: -6, hoursLeft: 30, state: 'open' });
    expect(byDescription(11)).toMatchObject({ hoursElapsed: -1, state: 'acted-in-time' });
  });

  test('another limit', () => {
    const [a] = assessSignals([log[1]], { limitHours: 48, now: AS_OF });
    expect(a).toMatchObject({ hoursLeft: 23, state: 'acted-in-time' });
  });

  test('signalState', () => {
    expect(signalState(-0.1, false)).toBe('overdue');
    expect(signalState(0, false)).toBe('open');
    expect(signalState(-0.1, true)).toBe('acted-late');
    expect(signalState(0, true)).toBe('acted-in-time');
  });
});

describe('open signals, counts and flags', () => {
  test('open and overdue, newest first', () => {
    expect(openSignals(assessed).map((a) => a.signal.raisedAt)).toEqual([
      day('2026-11-26 18:00'),
      day('2026-11-26 10:00'),
      day('2026-11-25 12:00'),
      day('2026-11-25 06:00'),
    ]);
    expect(signalCounts(assessed)).toEqual({
      open: 3,
      overdue: 1,
      'acted-in-time': 6,
      'acted-late': 2,
    });
  });

  test('an overdue signal outranks an open one of the same account', () => {
    const flags = signalFlags(assessed);
    expect(flags.get(textKey('delta as'))).toBe('overdue-signal');
    expect(flags.get(textKey('Epsilon GmbH'))).toBe('open-signal');
    expect(flags.has(textKey('Acme AB'))).toBe(false);
  });

  test('the Top 20 flags accounts with open or overdue signals', () => {
    const t = makeTable([
      { date: '2026-10-01', account: 'Delta AS', revenue: 100 },
      { date: '2026-10-01', account: 'Acme AB', revenue: 50 },
      { date: '2026-10-01', account: 'EPSILON GMBH', revenue: 10 },
    ]);
    const top = analyseTop20(t);
    const flagged = withSignalFlags(top, assessed);
    expect(flagged.top.map((a) => a.flags.filter((f) => f.endsWith('signal')))).toEqual([
      ['overdue-signal'],
      [],
      ['open-signal'],
    ]);
    expect(flagged.ranked[0]).toBe(flagged.top[0]);
    expect(withSignalFlags(top, [])).toBe(top);
  });

  test('an open signal without a clock start is an error, not a guess', () => {
    const bad: Signal = { ...log[0], raisedAt: NaN };
    expect(() => assessSignals([bad], { now: AS_OF })).toThrow(RangeError);
  });
});
