/** The walk-away test (SPEC §3): "can we say no?" */

/**
 * Profit left after losing an account: total GP − the account's GP − fixed costs. A loss-making
 * account (negative GP) raises the profit left: losing it is a gain.
 *
 * @example
 * walkAwayProfit(1000, 300) // 700
 * walkAwayProfit(1000, -50) // 1050 (the account destroys profit)
 * walkAwayProfit(1000, 300, 200) // 500
 */
export function walkAwayProfit(totalProfit: number, accountProfit: number, fixedCosts = 0): number {
  return totalProfit - accountProfit - fixedCosts;
}
