/**
 * White space (SPEC §3): product groups an account does not buy but that at least half of its
 * peers buy, with the potential = median share of that group in the buying peers' revenue × the
 * account's revenue.
 *
 * Decisions: "buys" = positive revenue of the group in the period; the median runs over the peers
 * that buy the group (the share a customer like ours gives the group once it buys it), so the
 * potential is what the account would spend if it bought like them. Without a product group
 * column, products stand in for groups.
 */
import type { SalesTable } from '../sales-table';
import { priceBand } from './price-band';
import { rowFilter } from './price-bands';
import type { DayRange } from './types';

/** One product group the account could buy. */
export interface WhiteSpaceRow {
  readonly group: string;
  /** Peers that bought the group. */
  readonly peersBuying: number;
  /** Median share of the group in the buying peers' revenue. */
  readonly medianShare: number;
  /** medianShare × the account's revenue. */
  readonly potential: number;
}

export interface WhiteSpace {
  /** What "group" means here: product groups, or products when there is no group column. */
  readonly by: 'productGroup' | 'product';
  /** The account's revenue in the range. */
  readonly accountRevenue: number;
  /** Number of peers with positive revenue (those compared). */
  readonly peers: number;
  /** Largest potential first, then by group name. */
  readonly rows: readonly WhiteSpaceRow[];
}

/**
 * White space of `account` against `peers` (account codes; the account itself is ignored among
 * them) in the range. Null without product group and product columns.
 *
 * @example
 * // Peers P1, P2 buy Tools (20 % and 30 % of their revenue); Acme (1000) does not
 * whiteSpace(table, null, acme, [p1, p2])!.rows
 * // [{ group: 'Tools', peersBuying: 2, medianShare: 0.25, potential: 250 }]
 */
export function whiteSpace(
  table: SalesTable,
  range: DayRange | null,
  account: number,
  peers: readonly number[],
): WhiteSpace | null {
  const column = table.productGroup ?? table.product;
  if (column === null) return null;
  const by = table.productGroup ? 'productGroup' : 'product';
  const groups = column.values.length;
  const peerSet = new Set(peers.filter((p) => p !== account));
  const index = new Map<number, number>(); // account code → slot
  const members = [account, ...peerSet];
  members.forEach((a, k) => index.set(a, k));
  const byGroup = new Float64Array(members.length * groups);
  const total = new Float64Array(members.length);
  const inRange = rowFilter(table, range);
  for (let i = 0; i < table.length; i++) {
    const k = index.get(table.account.codes[i]);
    if (k === undefined || !inRange(i)) continue;
    const r = table.revenue[i];
    if (!Number.isFinite(r)) continue;
    total[k] += r;
    const g = column.codes[i];
    if (g >= 0) byGroup[k * groups + g] += r;
  }
  const compared: number[] = [];
  for (let k = 1; k < members.length; k++) if (total[k] > 0) compared.push(k);
  const rows: WhiteSpaceRow[] = [];
  for (let g = 0; g < groups; g++) {
    if (byGroup[g] > 0) continue; // the account buys it
    const shares: number[] = [];
    for (const k of compared) {
      const r = byGroup[k * groups + g];
      if (r > 0) shares.push(r / total[k]);
    }
    if (shares.length === 0 || 2 * shares.length < compared.length) continue;
    const medianShare = (priceBand(shares) as NonNullable<ReturnType<typeof priceBand>>).median;
    rows.push({
      group: column.values[g],
      peersBuying: shares.length,
      medianShare,
      potential: medianShare * Math.max(0, total[0]),
    });
  }
  rows.sort((x, y) => y.potential - x.potential || (x.group < y.group ? -1 : 1));
  return { by, accountRevenue: total[0], peers: compared.length, rows };
}
