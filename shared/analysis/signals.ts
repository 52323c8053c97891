/**
 * The signals log (SPEC §3 "Signal clock", §5 "Signals"): signs of dissatisfaction reach top
 * management and are acted on within a limit (24 hours by default). Each signal's clock runs from
 * when it was raised to when it was acted on, or to now while it is open.
 *
 * Time is wall-clock time: epoch days as the sheet shows them (shared/ingest/dates.ts), not UTC
 * instants. Across a daylight-saving change (Europe/Stockholm, 2026-03-29 01:30 → 03:30) the
 * clock counts 2 wall-clock hours, although only 1 hour passed. The Signals sheet's formulas
 * subtract serial numbers, which are wall-clock too, so the sheet and the core always agree; the
 * error is at most one hour, twice a year, and always in the direction the sheet shows.
 */
import { textKey } from '../ingest/accounts';
import { signalStatus } from './signal-clock';
import type { AccountFlag, AccountRow, Top20Analysis } from './types';

/** The limit of the signal clock when the sheet does not set one (hours). */
export const DEFAULT_SIGNAL_LIMIT_HOURS = 24;

/** Where a signal stands: open or overdue while not acted on; acted in time or late. */
export type SignalState = 'open' | 'overdue' | 'acted-in-time' | 'acted-late';

/** One row of the Signals log. Times are epoch days (wall clock); null = blank. */
export interface Signal {
  /** 1-based sheet row (0 for a signal not on a sheet). */
  readonly row: number;
  readonly raisedAt: number;
  readonly account: string;
  /** The type's English value ('dissatisfaction', …) or the text as written. */
  readonly type: string;
  readonly description: string;
  readonly raisedBy: string;
  readonly escalatedTo: string;
  readonly escalatedAt: number | null;
  readonly actedAt: number | null;
  readonly action: string;
}

/** A signal with its clock. */
export interface AssessedSignal {
  readonly signal: Signal;
  /** Hours from raised to acted, or to now while open. */
  readonly hoursElapsed: number;
  /** limit − hours elapsed; negative = over the limit. */
  readonly hoursLeft: number;
  readonly state: SignalState;
}

/**
 * The state of a signal on its clock: not acted on → 'open' (hours left ≥ 0) or 'overdue';
 * acted on → 'acted-in-time' (hours left ≥ 0) or 'acted-late'. Exactly the limit is in time.
 *
 * @example
 * signalState(-3, true) // 'acted-late'
 * signalState(0, false) // 'open'
 */
export function signalState(hoursLeft: number, acted: boolean): SignalState {
  if (acted) return hoursLeft < 0 ? 'acted-late' : 'acted-in-time';
  return hoursLeft < 0 ? 'overdue' : 'open';
}

/**
 * Every signal's clock and state against the limit, at `now` (epoch days, wall clock).
 *
 * @example
 * const [a] = assessSignals([signal], { limitHours: 24, now: 20783.5 });
 * a.state // 'overdue'
 */
export function assessSignals(
  signals: readonly Signal[],
  options: { readonly limitHours?: number; readonly now: number },
): AssessedSignal[] {
  const limit = options.limitHours ?? DEFAULT_SIGNAL_LIMIT_HOURS;
  return signals.map((signal) => {
    const s = signalStatus(signal.raisedAt, signal.actedAt ?? NaN, limit, options.now);
    return {
      signal,
      hoursElapsed: s.hoursElapsed,
      hoursLeft: s.hoursLeft,
      state: signalState(s.hoursLeft, s.acted),
    };
  });
}

/**
 * The signals not yet acted on (open and overdue), newest first (ties: the later sheet row
 * first) — what the pane shows on open and `kam signals` prints.
 *
 * @example
 * openSignals(assessSignals(log, { now })).map((a) => a.signal.account)
 */
export function openSignals(assessed: readonly AssessedSignal[]): AssessedSignal[] {
  return assessed
    .filter((a) => a.state === 'open' || a.state === 'overdue')
    .sort((a, b) => b.signal.raisedAt - a.signal.raisedAt || b.signal.row - a.signal.row);
}

/**
 * How many signals are in each state.
 *
 * @example
 * signalCounts(assessSignals(log, { now })) // { open: 3, overdue: 1, 'acted-in-time': 6, 'acted-late': 2 }
 */
export function signalCounts(assessed: readonly AssessedSignal[]): Record<SignalState, number> {
  const counts: Record<SignalState, number> = {
    open: 0,
    overdue: 0,
    'acted-in-time': 0,
    'acted-late': 0,
  };
  for (const a of assessed) counts[a.state]++;
  return counts;
}

/**
 * The Top 20 flag per account (by account key: case and spacing ignored): 'overdue-signal' when
 * any of its signals is overdue, else 'open-signal' when any is open.
 *
 * @example
 * signalFlags(assessed).get(textKey('Acme AB')) // 'overdue-signal'
 */
export function signalFlags(
  assessed: readonly AssessedSignal[],
): Map<string, 'open-signal' | 'overdue-signal'> {
  const flags = new Map<string, 'open-signal' | 'overdue-signal'>();
  for (const a of assessed) {
    const key = textKey(a.signal.account);
    if (a.state === 'overdue') flags.set(key, 'overdue-signal');
    else if (a.state === 'open' && !flags.has(key)) flags.set(key, 'open-signal');
  }
  return flags;
}

/**
 * The Top 20 analysis with each account's open/overdue signal flag added at the end of its
 * flags (matched by account name or id, case and spacing ignored). The rest is unchanged.
 *
 * @example
 * const flagged = withSignalFlags(analyseTop20(table), assessSignals(log, { now }));
 * flagged.top[0].flags // [..., 'overdue-signal']
 */
export function withSignalFlags(
  analysis: Top20Analysis,
  assessed: readonly AssessedSignal[],
): Top20Analysis {
  const flags = signalFlags(assessed);
  if (flags.size === 0) return analysis;
  const flag = (a: AccountRow): AccountRow => {
    const f =
      flags.get(textKey(a.account)) ??
      (a.accountId !== null ? flags.get(textKey(a.accountId)) : undefined);
    return f === undefined ? a : { ...a, flags: [...a.flags, f as AccountFlag] };
  };
  const ranked = analysis.ranked.map(flag);
  return { ...analysis, ranked, top: ranked.slice(0, analysis.top.length) };
}
