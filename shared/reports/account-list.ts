/**
 * The accounts of a sales table for a picker (the task pane's "Prepare negotiation"): every
 * account with sales in the current period by revenue (so the Top 20 come first), then the accounts
 * with sales only outside it, by name. Each carries the key to ask `buildNegotiationPrep` for: the
 * account id when the table has one (names may repeat across ids), else the name.
 */
import type { Top20Analysis } from '../analysis/types';
import type { SalesTable } from '../sales-table';

/** One account as a picker lists it. */
export interface AccountListItem {
  /** What `buildNegotiationPrep({ account })` finds this account by: its id, else its name. */
  readonly key: string;
  /** The account's name (its most frequent spelling). */
  readonly name: string;
  readonly accountId: string | null;
  /** Revenue in the current period (0 when it had no sales there). */
  readonly revenue: number;
  /** Rank by revenue in the current period; null when it had no sales there. */
  readonly rank: number | null;
  /** Among the Top N of the period. */
  readonly top: boolean;
}

/**
 * The accounts for a picker: ranked accounts first (Top N, then the rest by revenue), then the
 * accounts without sales in the current period, by name.
 *
 * @example
 * const list = accountList(table, analyseTop20(table));
 * list[0] // { key: 'Acme AB', name: 'Acme AB', accountId: null, revenue: 1200000, rank: 1, top: true }
 */
export function accountList(
  table: Pick<SalesTable, 'account' | 'accountIds'>,
  analysis: Pick<Top20Analysis, 'ranked' | 'top'>,
): AccountListItem[] {
  const ids = table.accountIds;
  const keyOf = (code: number, name: string) => {
    const id = ids?.[code];
    return id !== undefined && id !== null && id !== '' ? id : name;
  };
  const topCount = analysis.top.length;
  const seen = new Set<number>();
  const out: AccountListItem[] = analysis.ranked.map((r, i) => {
    seen.add(r.code);
    return {
      key: keyOf(r.code, r.account),
      name: r.account,
      accountId: r.accountId,
      revenue: r.revenue,
      rank: r.rank,
      top: i < topCount,
    };
  });
  const rest: AccountListItem[] = [];
  table.account.values.forEach((name, code) => {
    if (seen.has(code)) return;
    const id = ids?.[code];
    rest.push({
      key: keyOf(code, name),
      name,
      accountId: id === undefined || id === '' ? null : id,
      revenue: 0,
      rank: null,
      top: false,
    });
  });
  rest.sort((x, y) => x.name.localeCompare(y.name) || x.key.localeCompare(y.key));
  return [...out, ...rest];
}
