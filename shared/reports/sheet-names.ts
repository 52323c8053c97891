/**
 * Sheet names within every host's rules: at most 31 characters, none of `[]:*?/\`, not starting
 * or ending with an apostrophe, not blank. Built from user data (account names), so they must be
 * made safe rather than rejected.
 */
import { COMPANION_SHEETS } from '../companions/schema';
import { ALL_LABELS, BUILT_SHEETS } from './labels';

/** The longest sheet name Excel and Google Sheets both accept. */
export const MAX_SHEET_NAME = 31;

/**
 * A safe sheet name: forbidden and control characters become spaces, spacing is collapsed,
 * apostrophes are trimmed from both ends, and the name is cut to 31 characters with "…" when
 * longer (never inside a surrogate pair). A name with nothing left becomes `fallback`.
 *
 * @example
 * safeSheetName('Negotiation prep — Acme [Nordic] AB/Oy') // 'Negotiation prep — Acme Nordic…'
 * safeSheetName("'Q1: *draft*'") // 'Q1 draft'
 */
export function safeSheetName(name: string, fallback = 'Sheet'): string {
  let s = name
    .replace(/[[\]:*?/\\]/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '')
    .trim();
  if (s === '') s = fallback;
  const chars = Array.from(s);
  if (s.length <= MAX_SHEET_NAME) return s;
  // Cut by code points until the UTF-16 length (what hosts count) fits with the ellipsis.
  let cut = chars.length;
  while (cut > 0 && chars.slice(0, cut).join('').length > MAX_SHEET_NAME - 1) cut--;
  return `${chars
    .slice(0, cut)
    .join('')
    .replace(/[\s']+$/, '')}…`;
}

/**
 * True for a sheet the toolkit builds (Top 20, Data issues, a negotiation prep, Portfolio risk,
 * Signals, KPI trends, in any language) or a companion sheet (Stakeholders, Wallet, …): never read
 * as the sales table.
 *
 * @example
 * isToolkitSheet('Topp 20'); // true
 * isToolkitSheet('Sales 2026'); // false
 */
export function isToolkitSheet(name: string): boolean {
  if (BUILT_SHEETS.has(name) || COMPANION_SHEETS.has(name)) return true;
  // The Signals log (a companion, also built) and the KPI trends sheet.
  if (ALL_LABELS.some((L) => name === L.signals.sheet || name === L.trends.sheet)) return true;
  return ALL_LABELS.some((L) => name.startsWith(L.prep.sheet('').trim()) || name === L.risk.sheet);
}
