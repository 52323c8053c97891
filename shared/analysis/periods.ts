/**
 * Periods (SPEC §3): turning the user's choice (r12, ytd, a year, a custom range, all) into the
 * current and comparison day ranges, against the dates actually in the data.
 */
import type { SalesTable } from '../sales-table';
import { UserError } from '../user-error';
import { addMonths, dayOfIso, dayOfYmd, isoDay, ymdOfDay } from './calendar';
import type { DayRange, PeriodChoice, ResolvedPeriods } from './types';

/** The first and last whole day with data (inclusive). */
export interface DataSpan {
  readonly first: number;
  readonly last: number;
}

const ACCEPTED =
  'r12 (the 12 months up to the latest date), ytd (year to date), all (the whole data), ' +
  'a year such as 2026, or a range such as 2026-01-01..2026-06-30';

/**
 * Parses a period argument (command line, task pane, custom functions).
 *
 * Accepted (case and surrounding spaces ignored): `r12`, `ytd`, `all`, `YYYY`,
 * `YYYY-MM-DD..YYYY-MM-DD` (inclusive, from ≤ to). Anything else is a UserError listing these forms.
 *
 * @example
 * parsePeriodArg('2025') // { kind: 'year', year: 2025 }
 * parsePeriodArg('2026-01-01..2026-06-30') // { kind: 'custom', from: 20454, to: 20634 }
 */
export function parsePeriodArg(text: string): PeriodChoice {
  const t = text.trim().toLowerCase();
  if (t === 'r12' || t === 'ytd' || t === 'all') return { kind: t };
  if (/^\d{4}$/.test(t)) return { kind: 'year', year: Number(t) };
  const range = /^(\S+)\s*\.\.\s*(\S+)$/.exec(t);
  if (range) {
    const from = dayOfIso(range[1]);
    const to = dayOfIso(range[2]);
    if (from === null || to === null) {
      const bad = from === null ? range[1] : range[2];
      throw new UserError(
        `The period "${text.trim()}" has an invalid date "${bad}" (use YYYY-MM-DD). Accepted periods: ${ACCEPTED}.`,
      );
    }
    if (from > to) {
      throw new UserError(
        `The period "${text.trim()}" ends before it starts. Accepted periods: ${ACCEPTED}.`,
      );
    }
    return { kind: 'custom', from, to };
  }
  throw new UserError(`Unknown period "${text.trim()}". Accepted periods: ${ACCEPTED}.`);
}

/**
 * A short text for a period choice, as the user would type it.
 *
 * @example
 * periodArgText({ kind: 'year', year: 2025 }) // '2025'
 */
export function periodArgText(choice: PeriodChoice): string {
  switch (choice.kind) {
    case 'year':
      return String(choice.year);
    case 'custom':
      return `${isoDay(choice.from)}..${isoDay(choice.to)}`;
    default:
      return choice.kind;
  }
}

/**
 * The first and last whole day of the table's dates, or null when there is no date column or no
 * row has a date.
 *
 * @example
 * dataSpan(table) // { first: 20089, last: 20783 }
 */
export function dataSpan(table: SalesTable): DataSpan | null {
  const date = table.date;
  if (date === null) return null;
  const known = table.dateSpan;
  if (known !== undefined && known.of === date) return { first: known.first, last: known.last };
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < date.length; i++) {
    const d = date[i];
    if (d < first) first = d; // NaN compares false: blanks are skipped
    if (d > last) last = d;
  }
  if (first === Infinity) return null;
  return { first: Math.floor(first), last: Math.floor(last) };
}

/**
 * Resolves a period choice against a data span alone (no check that rows fall inside the period,
 * only that the period overlaps the span). `span` null = no dates: only 'all' is possible, and a
 * missing choice means 'all'; the current range is then { from: NaN, to: NaN } (isoDay gives '').
 *
 * Rules (L = last day with data): r12 (default) = [L − 12 months + 1 day, L], comparison = the 12
 * months before; ytd = Jan 1 of L's year .. L, comparison = the same span a year earlier (Feb 29 →
 * Feb 28); year Y = Y-01-01..Y-12-31, comparison = Y − 1; custom from..to, comparison =
 * [(from − 1 day) − 12 months + 1 day, to − 12 months] (so a custom range equal to r12's gets r12's
 * comparison); all = the data's span, no comparison.
 *
 * @example
 * resolvePeriodsForSpan({ first: 19000, last: dayOfIso('2026-10-31')! }, { kind: 'r12' }).current
 * // { from: <2025-11-01>, to: <2026-10-31> }
 */
export function resolvePeriodsForSpan(
  span: DataSpan | null,
  choice?: PeriodChoice,
): ResolvedPeriods {
  if (span === null) {
    if (choice === undefined || choice.kind === 'all') {
      return { choice: { kind: 'all' }, current: { from: NaN, to: NaN }, comparison: null };
    }
    throw new UserError(
      `The sales table has no dates (no date column, or the column is empty), so the period "${periodArgText(choice)}" cannot be used; only "all" is possible.`,
    );
  }
  const c = choice ?? { kind: 'r12' };
  const resolved = rangesFor(c, span);
  const { current } = resolved;
  if (current.to < span.first || current.from > span.last) {
    throw noDataError(c, current, span);
  }
  return resolved;
}

/**
 * Resolves a period choice against a sales table (SPEC §3). Like `resolvePeriodsForSpan`, and also
 * a UserError when no row of the table falls in the current period (naming the period and the
 * data's date range).
 *
 * @example
 * resolvePeriods(table) // r12: the 12 months up to the latest date, and the 12 before
 * resolvePeriods(table, parsePeriodArg('2025')).comparison // 2024-01-01..2024-12-31
 */
export function resolvePeriods(table: SalesTable, choice?: PeriodChoice): ResolvedPeriods {
  const span = dataSpan(table);
  const resolved = resolvePeriodsForSpan(span, choice);
  if (span === null || resolved.choice.kind === 'all') return resolved;
  const date = table.date as Float64Array;
  const { from, to } = resolved.current;
  for (let i = 0; i < date.length; i++) {
    const d = Math.floor(date[i]);
    if (d >= from && d <= to) return resolved;
  }
  throw noDataError(resolved.choice, resolved.current, span);
}

function rangesFor(choice: PeriodChoice, span: DataSpan): ResolvedPeriods {
  const last = span.last;
  switch (choice.kind) {
    case 'r12': {
      const start = addMonths(last, -12) + 1;
      return {
        choice,
        current: { from: start, to: last },
        comparison: { from: addMonths(last, -24) + 1, to: start - 1 },
      };
    }
    case 'ytd': {
      const { y } = ymdOfDay(last);
      return {
        choice,
        current: { from: dayOfYmd(y, 1, 1), to: last },
        comparison: { from: dayOfYmd(y - 1, 1, 1), to: addMonths(last, -12) },
      };
    }
    case 'year':
      if (!Number.isInteger(choice.year) || choice.year < 1900 || choice.year > 9999) {
        throw new UserError(`The year ${choice.year} is not a calendar year (1900–9999).`);
      }
      return {
        choice,
        current: { from: dayOfYmd(choice.year, 1, 1), to: dayOfYmd(choice.year, 12, 31) },
        comparison: {
          from: dayOfYmd(choice.year - 1, 1, 1),
          to: dayOfYmd(choice.year - 1, 12, 31),
        },
      };
    case 'custom': {
      const from = Math.floor(choice.from);
      const to = Math.floor(choice.to);
      if (from > to) {
        throw new UserError(`The period ${isoDay(from)}..${isoDay(to)} ends before it starts.`);
      }
      return {
        choice,
        current: { from, to },
        // A span longer than 12 months would overlap its comparison: the comparison ends where
        // the current period starts.
        comparison: {
          from: addMonths(from - 1, -12) + 1,
          to: Math.min(addMonths(to, -12), from - 1),
        },
      };
    }
    case 'all':
      return { choice, current: { from: span.first, to: span.last }, comparison: null };
  }
}

function noDataError(choice: PeriodChoice, current: DayRange, span: DataSpan): UserError {
  return new UserError(
    `The period "${periodArgText(choice)}" (${isoDay(current.from)} to ${isoDay(current.to)}) has no sales rows: the data runs from ${isoDay(span.first)} to ${isoDay(span.last)}.`,
  );
}
