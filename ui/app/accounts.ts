/**
 * The account picker's decisions as plain functions (no React, no DOM): which accounts match what
 * the user typed (case, accents and spacing ignored; name or id), split into the period's Top 20
 * and the rest, at most `limit` shown, and the detail line under each name. Tested in Node.
 */
import type { AccountOption, PaneLanguage } from '../host';
import { formatCount, type Strings } from '../strings';

/** What the picker shows for a query. */
export interface AccountMatches {
  readonly top: readonly AccountOption[];
  readonly rest: readonly AccountOption[];
  /** Matches left out (beyond `limit`). */
  readonly more: number;
}

/** Text as compared: lower case, no accents, single spaces, trimmed. */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The accounts matching `query` (every account for an empty query), in list order.
 *
 * @example
 * accountMatches(accounts, 'acme', 50) // { top: [Acme AB], rest: [Acme Oy], more: 0 }
 */
export function accountMatches(
  accounts: readonly AccountOption[],
  query: string,
  limit: number,
): AccountMatches {
  const key = searchKey(query);
  const matching =
    key === ''
      ? accounts
      : accounts.filter(
          (a) =>
            searchKey(a.name).includes(key) ||
            (a.accountId !== null && searchKey(a.accountId).includes(key)),
        );
  const shown = matching.slice(0, Math.max(0, limit));
  return {
    top: shown.filter((a) => a.top),
    rest: shown.filter((a) => !a.top),
    more: matching.length - shown.length,
  };
}

/**
 * The line under an account's name: its rank and revenue in the period, and its id when it has one.
 *
 * @example
 * accountDetail({ rank: 1, revenue: 1234567.8, accountId: 'C1', … }, strings('en'), 'en') // '#1 · 1,234,568 · C1'
 */
export function accountDetail(a: AccountOption, s: Strings, language: PaneLanguage): string {
  const detail = s.accountDetail(
    a.rank === null ? null : formatCount(a.rank, language),
    formatCount(Math.round(a.revenue), language),
  );
  return a.accountId !== null && a.accountId !== a.name ? `${detail} · ${a.accountId}` : detail;
}
