/**
 * Signal clock (SPEC §3): the hours from when a signal was raised to when it was acted on (or to
 * now, while it is open), against a limit (24 h by default in the settings); over the limit
 * without action is overdue.
 *
 * Times are epoch days (days since 1970-01-01, the fraction is the time of day); NaN = absent.
 * Elapsed time is rounded to whole milliseconds, so that exactly the limit (e.g. 10:07 → 10:07 the
 * next day) is not overdue through rounding of the day fractions.
 */

/** Where a signal stands on its clock. */
export interface SignalStatus {
  /** Hours from raised to acted (or to now while open). */
  hoursElapsed: number;
  /** limitHours − hoursElapsed; negative = over the limit. */
  hoursLeft: number;
  /** hoursLeft < 0. */
  overdue: boolean;
  /** Whether the signal has been acted on (actedAt is finite). */
  acted: boolean;
}

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

/**
 * The signal's status: hours elapsed from raisedAt to actedAt (when finite) or else to now,
 * hours left = limitHours − hours elapsed, overdue = hours left < 0. An action before the signal
 * was raised gives negative hours elapsed (kept as is: it is a data error to show, not hide).
 * Throws a RangeError when raisedAt is not finite, limitHours is not finite and > 0, or the signal
 * is open and now is not finite.
 *
 * @example
 * // raised 1 Jan 2024 09:00, acted 2 Jan 2024 12:00, limit 24 h
 * signalStatus(19723.375, 19724.5, 24, NaN)
 * // { hoursElapsed: 27, hoursLeft: -3, overdue: true, acted: true }
 */
export function signalStatus(
  raisedAt: number,
  actedAt: number,
  limitHours: number,
  now: number,
): SignalStatus {
  if (!Number.isFinite(raisedAt)) {
    throw new RangeError(`signal clock: raised-at time ${raisedAt} is not a finite epoch day`);
  }
  if (!(Number.isFinite(limitHours) && limitHours > 0)) {
    throw new RangeError(`signal clock: limit ${limitHours} h is not a finite number > 0`);
  }
  const acted = Number.isFinite(actedAt);
  if (!acted && !Number.isFinite(now)) {
    throw new RangeError(`signal clock: the signal is open and now (${now}) is not finite`);
  }
  const end = acted ? actedAt : now;
  const hoursElapsed = Math.round((end - raisedAt) * MS_PER_DAY) / MS_PER_HOUR;
  const hoursLeft = limitHours - hoursElapsed;
  return { hoursElapsed, hoursLeft, overdue: hoursLeft < 0, acted };
}

/**
 * Hours left on the signal clock: limitHours − hours from raisedAt to actedAt (when finite) or
 * else to now; negative = overdue by that many hours. Errors as for signalStatus.
 *
 * @example
 * // raised 1 Jan 2024 09:00, still open at 1 Jan 2024 15:00, limit 24 h
 * signalHoursLeft(19723.375, NaN, 24, 19723.625) // 18
 */
export function signalHoursLeft(
  raisedAt: number,
  actedAt: number,
  limitHours: number,
  now: number,
): number {
  return signalStatus(raisedAt, actedAt, limitHours, now).hoursLeft;
}
