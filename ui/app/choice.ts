/**
 * The pane's decisions as plain functions (no React, no DOM): the column mapping shown from a
 * found source and a remembered choice, the period form ↔ PeriodChoice, the progress bar's value
 * and text, and any thrown value as a HostFailure the pane can show. Tested in Node.
 */
import { dayOfIso, isoDay } from '../../shared/analysis/calendar';
import type { PeriodChoice } from '../../shared/analysis/types';
import {
  REQUIRED_FIELDS,
  SALES_FIELDS,
  type SalesSource,
} from '../../shared/reports/sales-sources';
import type { SalesField } from '../../shared/sales-table';
import type { BuildProgress, HostFailure, PaneLanguage, SavedChoice } from '../host';
import { formatCount, type Strings } from '../strings';

/** Field → chosen header text, null for none. */
export type Mapping = Record<SalesField, string | null>;

/** The headers a user can pick: the source's non-empty header texts, once each. */
export function headerOptions(source: SalesSource): string[] {
  return [...new Set(source.headers.filter((h) => h !== ''))];
}

/**
 * The mapping to show for a source: the columns found by header, corrected by the remembered
 * choice when it was made for the same sheet (headers that no longer exist are dropped).
 *
 * @example
 * initialMapping(source, null).account // 'Customer'
 */
export function initialMapping(source: SalesSource, saved: SavedChoice | null): Mapping {
  const mapping = Object.fromEntries(SALES_FIELDS.map((f) => [f, null])) as Mapping;
  for (const c of source.columns) mapping[c.field] = c.header;
  if (saved && saved.sheet === source.sheet) {
    const headers = new Set(source.headers);
    for (const field of SALES_FIELDS) {
      const header = saved.mapping[field];
      if (header === null || (header !== undefined && headers.has(header))) mapping[field] = header;
    }
  }
  return mapping;
}

/**
 * The mapping as saved and passed to the build: every field's header, null for '— none —' (the
 * build then leaves that column out even when its header would match).
 */
export function mappingChoice(mapping: Mapping): Partial<Record<SalesField, string | null>> {
  const out: Partial<Record<SalesField, string | null>> = {};
  for (const field of SALES_FIELDS) out[field] = mapping[field];
  return out;
}

/** Required fields without a column. */
export function missingFields(mapping: Mapping): SalesField[] {
  return REQUIRED_FIELDS.filter((f) => mapping[f] === null);
}

/** The period picker's state: every input keeps its value while another kind is selected. */
export interface PeriodForm {
  readonly kind: PeriodChoice['kind'];
  readonly year: number;
  /** ISO dates (`YYYY-MM-DD`, as `<input type="date">` gives them), '' when empty. */
  readonly from: string;
  readonly to: string;
}

/**
 * The form for a remembered period (rolling 12 months when there is none). `today` gives the
 * default calendar year (the last complete one).
 *
 * @example
 * periodForm(undefined, new Date(2026, 10, 27)) // { kind: 'r12', year: 2025, from: '', to: '' }
 */
export function periodForm(choice: PeriodChoice | undefined, today: Date): PeriodForm {
  const form: PeriodForm = { kind: 'r12', year: today.getFullYear() - 1, from: '', to: '' };
  if (!choice) return form;
  switch (choice.kind) {
    case 'year':
      return { ...form, kind: 'year', year: choice.year };
    case 'custom':
      return { ...form, kind: 'custom', from: isoDay(choice.from), to: isoDay(choice.to) };
    default:
      return { ...form, kind: choice.kind };
  }
}

/**
 * The PeriodChoice of a form, or null when a custom range is incomplete or reversed.
 *
 * @example
 * periodChoice({ kind: 'custom', year: 2025, from: '2026-01-01', to: '2026-06-30' }) // { kind: 'custom', from: 20454, to: 20634 }
 */
export function periodChoice(form: PeriodForm): PeriodChoice | null {
  switch (form.kind) {
    case 'year':
      return Number.isInteger(form.year) ? { kind: 'year', year: form.year } : null;
    case 'custom': {
      const from = dayOfIso(form.from);
      const to = dayOfIso(form.to);
      if (from === null || to === null || from > to) return null;
      return { kind: 'custom', from, to };
    }
    default:
      return { kind: form.kind };
  }
}

/** The years the calendar-year picker offers: this year and the nine before it (and `keep`). */
export function yearOptions(today: Date, keep?: number): number[] {
  const now = today.getFullYear();
  const years = Array.from({ length: 10 }, (_, i) => now - i);
  if (keep !== undefined && !years.includes(keep)) years.push(keep);
  return years.sort((a, b) => b - a);
}

/** What the progress bar shows: a value 0..1 (undefined = indeterminate) and a phase text. */
export interface ProgressView {
  readonly value: number | undefined;
  readonly text: string;
}

/**
 * @example
 * progressView({ phase: 'reading', rowsRead: 6000, rowsTotal: 24000 }, strings('en'), 'en') // { value: 0.25, text: 'Reading rows… 6,000 of 24,000' }
 */
export function progressView(p: BuildProgress, s: Strings, language: PaneLanguage): ProgressView {
  switch (p.phase) {
    case 'reading': {
      const known = p.rowsTotal !== undefined && p.rowsTotal > 0;
      return {
        value: known ? Math.min(1, p.rowsRead / (p.rowsTotal as number)) : undefined,
        text: s.phaseReading(
          formatCount(p.rowsRead, language),
          known ? formatCount(p.rowsTotal as number, language) : null,
        ),
      };
    }
    case 'analysing':
      return { value: undefined, text: s.phaseAnalysing };
    case 'writing':
      return { value: undefined, text: s.phaseWriting };
    case 'done':
      return { value: 1, text: s.phaseDone };
  }
}

function isHostFailure(e: unknown): e is HostFailure {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as HostFailure).message === 'string' &&
    typeof (e as HostFailure).userError === 'boolean'
  );
}

/**
 * Whatever a host call rejected with, as words for the pane: a HostFailure as it is, anything else
 * (a bug, a lost connection) as the pane's own sentence — never a raw exception or stack.
 *
 * @example
 * asFailure(new TypeError('x is undefined'), strings('en')) // { message: 'Something went wrong in the pane. …', userError: false }
 */
export function asFailure(e: unknown, s: Strings): HostFailure {
  if (isHostFailure(e) && !(e instanceof Error))
    return { message: e.message, userError: e.userError };
  return { message: s.unexpected, userError: false };
}

/** The choice to save and build with, or null while something required is missing. */
export function savedChoice(
  sheet: string | null,
  mapping: Mapping | null,
  form: PeriodForm,
): SavedChoice | null {
  const period = periodChoice(form);
  if (sheet === null || mapping === null || period === null) return null;
  if (missingFields(mapping).length > 0) return null;
  return { sheet, mapping: mappingChoice(mapping), period };
}
