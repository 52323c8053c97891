/**
 * Calendar arithmetic on epoch days (days since 1970-01-01; see sales-table.ts). Proleptic
 * Gregorian calendar, UTC only: no `Date`, no time zones — a day number means the same calendar
 * day wherever the code runs. The time of day (the fraction) is ignored everywhere here.
 */

/** A calendar date: month 1–12, day 1–31. */
export interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

/**
 * True for leap years of the Gregorian calendar.
 *
 * @example
 * isLeapYear(2024) // true
 * isLeapYear(1900) // false
 */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Number of days in month `m` (1–12) of year `y`.
 *
 * @example
 * daysInMonth(2024, 2) // 29
 */
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1];
}

/**
 * The epoch day of a calendar date (no validation: 2026-02-31 gives 2026-03-03's day).
 *
 * @example
 * dayOfYmd(1970, 1, 1) // 0
 * dayOfYmd(2026, 11, 26) // 20783
 */
export function dayOfYmd(y: number, m: number, d: number): number {
  // Howard Hinnant's days_from_civil.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The calendar date of an epoch day (the fraction, i.e. the time of day, is dropped).
 *
 * @example
 * ymdOfDay(20783.586) // { y: 2026, m: 11, d: 26 }
 */
export function ymdOfDay(day: number): Ymd {
  // Howard Hinnant's civil_from_days.
  const z = Math.floor(day) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * 'YYYY-MM-DD' of an epoch day (fraction ignored); '' for a non-finite day (NaN = no date).
 *
 * @example
 * isoDay(20783.586) // '2026-11-26'
 */
export function isoDay(day: number): string {
  if (!Number.isFinite(day)) return '';
  const { y, m, d } = ymdOfDay(day);
  return `${y < 0 ? '-' + pad(-y, 4) : pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/**
 * The epoch day of an ISO date 'YYYY-MM-DD', or null when the text is not a real date.
 *
 * @example
 * dayOfIso('2026-11-26') // 20783
 * dayOfIso('2023-02-29') // null
 */
export function dayOfIso(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return dayOfYmd(y, m, d);
}

/**
 * Adds `months` (may be negative) to an epoch day, clamping to the end of the target month
 * (2024-02-29 − 12 months = 2023-02-28; 2026-03-31 − 1 month = 2026-02-28). Returns a whole day.
 *
 * @example
 * isoDay(addMonths(dayOfYmd(2024, 2, 29), -12)) // '2023-02-28'
 */
export function addMonths(day: number, months: number): number {
  const { y, m, d } = ymdOfDay(day);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return dayOfYmd(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}
