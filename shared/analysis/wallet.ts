/** Share of wallet (SPEC §3): how much of the customer's spend we win. */

/**
 * Our revenue from the account / the account's estimated total spend; null when the wallet is not
 * positive (no estimate to measure against). Above 1 means the estimate is below what we already
 * sell: the estimate needs revising.
 *
 * @example
 * shareOfWallet(250, 1000) // 0.25
 * shareOfWallet(250, 0) // null
 */
export function shareOfWallet(ourRevenue: number, wallet: number): number | null {
  return wallet > 0 ? ourRevenue / wallet : null;
}
