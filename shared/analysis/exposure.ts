/**
 * Transparency exposure (SPEC §3): "what if every customer knew every other customer's terms?"
 * For account a and product k, p*ₐₖ = the best (lowest) unit price any account with the same or a
 * smaller net quantity of k got; exposure = Σₖ max(0, pₐₖ − p*ₐₖ) · Qₐₖ — the revenue we would lose
 * if each customer demanded the best price given to any customer no larger than itself.
 *
 * Input is invoice lines as coded columns (account and product codes, −1 = skip the line). Net
 * quantity and revenue are aggregated per (account, product); only pairs with net Q > 0 are
 * priced. O(n log n): one sort of the lines, then per product one sort of its pairs by quantity
 * with a running minimum of price.
 */
import { addCompensated, compensatedTotal } from './compensated-sum';

/** One (account, product) pair that paid more than a customer no larger than itself. */
export interface ExposureEvidence {
  account: number;
  product: number;
  /** The account's unit net price R / Q of the product. */
  price: number;
  /** The account's net quantity of the product. */
  quantity: number;
  /** The account that got the best price (the smallest code on ties). */
  bestAccount: number;
  /** p*: the best price of any account with the same or a smaller quantity. */
  bestPrice: number;
  bestQuantity: number;
  /** (price − bestPrice) · quantity, > 0. */
  amount: number;
}

/** Exposure per account, in total, and the evidence behind it. */
export interface TransparencyExposure {
  /** Account codes with any priced (account, product) pair, ascending. */
  accounts: Int32Array;
  /** Exposure per account, aligned with `accounts` (0 for an account with nothing to lose). */
  exposure: Float64Array;
  /** Σ exposure. */
  total: number;
  /** One row per (account, product) with amount > 0: largest amount first, then by account and
   * product code. */
  evidence: ExposureEvidence[];
}

/**
 * Whether a line with this code is used (code ≥ 0) or skipped (code < 0). A code that is not a
 * 32-bit integer is a programming error.
 */
function usable(code: number, what: string, line: number): boolean {
  if (Number.isInteger(code) && code <= 0x7fffffff) return code >= 0;
  throw new RangeError(
    `transparencyExposure: ${what} code ${code} on line ${line} is not an int32`,
  );
}

function num(x: number): number {
  return Number.isFinite(x) ? x : 0;
}

const add = addCompensated;

/**
 * Transparency exposure of invoice lines: line i has account code accounts[i], product code
 * products[i] (integers; negative = skip the line), quantity and revenue (non-finite = 0). Net Q
 * and R are summed per (account, product); pairs with net Q > 0 have price p = R / Q, and
 * p*ₐₖ = min{ p_bk : 0 < Q_bk ≤ Qₐₖ } (a itself included, so p* ≤ pₐₖ; an equal quantity counts
 * as "the same or smaller"). Throws a RangeError when the arrays differ in length or a code is
 * not a 32-bit integer.
 *
 * @example
 * // Product 7: account 1 buys 10 for 100 (10 each), account 2 buys 20 for 240 (12 each)
 * transparencyExposure([1, 2], [7, 7], [10, 20], [100, 240])
 * // { accounts: [1, 2], exposure: [0, 40], total: 40, evidence: [{ account: 2, product: 7,
 * //   price: 12, quantity: 20, bestAccount: 1, bestPrice: 10, bestQuantity: 10, amount: 40 }] }
 */
export function transparencyExposure(
  accounts: ArrayLike<number>,
  products: ArrayLike<number>,
  quantities: ArrayLike<number>,
  revenues: ArrayLike<number>,
): TransparencyExposure {
  const n = accounts.length;
  if (products.length !== n || quantities.length !== n || revenues.length !== n) {
    throw new RangeError(
      'transparencyExposure: arrays differ in length ' +
        `(${n}, ${products.length}, ${quantities.length}, ${revenues.length})`,
    );
  }

  // 1. Lines grouped by (product, account).
  const lines: number[] = [];
  for (let i = 0; i < n; i++) {
    if (usable(accounts[i], 'account', i) && usable(products[i], 'product', i)) lines.push(i);
  }
  lines.sort((x, y) => products[x] - products[y] || accounts[x] - accounts[y] || x - y);

  // 2. Net Q and R per pair (compensated: credit notes that reverse an invoice net to 0).
  const pairProduct: number[] = [];
  const pairAccount: number[] = [];
  const pairQ: number[] = [];
  const pairR: number[] = [];
  const acc = new Float64Array(4);
  for (let s = 0; s < lines.length;) {
    const product = products[lines[s]];
    const account = accounts[lines[s]];
    acc.fill(0);
    let e = s;
    for (; e < lines.length; e++) {
      const i = lines[e];
      if (products[i] !== product || accounts[i] !== account) break;
      add(acc, 0, num(quantities[i]));
      add(acc, 2, num(revenues[i]));
    }
    const q = compensatedTotal(acc, 0);
    if (q > 0) {
      pairProduct.push(product);
      pairAccount.push(account);
      pairQ.push(q);
      pairR.push(compensatedTotal(acc, 2));
    }
    s = e;
  }

  // 3. Per product: pairs by quantity ascending, a running best (lowest price, then lowest
  // account code) over all pairs of the same or smaller quantity.
  const byAccount = new Map<number, number>();
  const evidence: ExposureEvidence[] = [];
  const order: number[] = [];
  for (let s = 0; s < pairProduct.length;) {
    const product = pairProduct[s];
    let e = s;
    while (e < pairProduct.length && pairProduct[e] === product) e++;
    order.length = 0;
    for (let j = s; j < e; j++) order.push(j);
    order.sort((x, y) => pairQ[x] - pairQ[y] || pairAccount[x] - pairAccount[y]);
    let best = -1;
    let bestPrice = Infinity;
    for (let g = 0; g < order.length;) {
      // The group of equal quantities: fold all of it in before anyone in it is compared.
      let h = g;
      while (h < order.length && pairQ[order[h]] === pairQ[order[g]]) {
        const j = order[h];
        const p = pairR[j] / pairQ[j];
        if (best < 0 || p < bestPrice || (p === bestPrice && pairAccount[j] < pairAccount[best])) {
          best = j;
          bestPrice = p;
        }
        h++;
      }
      for (let m = g; m < h; m++) {
        const j = order[m];
        const account = pairAccount[j];
        const p = pairR[j] / pairQ[j];
        const amount = p > bestPrice ? (p - bestPrice) * pairQ[j] : 0;
        byAccount.set(account, (byAccount.get(account) ?? 0) + amount);
        if (amount > 0) {
          evidence.push({
            account,
            product,
            price: p,
            quantity: pairQ[j],
            bestAccount: pairAccount[best],
            bestPrice,
            bestQuantity: pairQ[best],
            amount,
          });
        }
      }
      g = h;
    }
    s = e;
  }

  // 4. Per account, ascending; evidence largest first.
  const codes = Int32Array.from(byAccount.keys()).sort();
  const exposure = new Float64Array(codes.length);
  let total = 0;
  for (let i = 0; i < codes.length; i++) {
    exposure[i] = byAccount.get(codes[i]) ?? 0;
    total += exposure[i];
  }
  evidence.sort((x, y) => y.amount - x.amount || x.account - y.account || x.product - y.product);
  return { accounts: codes, exposure, total, evidence };
}
