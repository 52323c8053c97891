/**
 * Portfolio functions over lists of account figures: SHARE, CONCENTRATION, TOPN, WHALE. They use
 * the analysis definitions (analysis/concentration.ts, analysis/whale.ts) that the Top 20 sheet
 * uses, so a figure in a cell and on the sheet are the same number.
 */
import {
  concentrationRatio,
  effectiveNumber,
  gini,
  hhi,
  n80,
  shares,
} from '../analysis/concentration';
import { whaleCurve, whalePeak } from '../analysis/whale';
import { TextDictionary } from '../ingest/accounts';
import { CellError, isCellError } from './cell-error';
import {
  ArgumentPlace,
  NumberGrid,
  isBlank,
  optionalChoice,
  optionalFlag,
  optionalNumber,
  rowsOf,
  shown,
  type CallContext,
  type CellValue,
  type Grid,
} from './cell-values';
import type { FunctionDefinition } from './definition';

const one = (v: CellValue): Grid => [[v]];

/** The list's total, or an error when there is nothing positive to share. */
function positiveTotal(list: Float64Array, place: ArgumentPlace): number | CellError {
  let sum = 0;
  for (let i = 0; i < list.length; i++) sum += list[i];
  if (list.length === 0) return place.whole('#DIV/0!', 'has no numbers');
  if (!(sum > 0)) return place.whole('#DIV/0!', `sum to ${sum}: no positive total to share`);
  return sum;
}

export const SHARE: FunctionDefinition = {
  id: 'SHARE',
  description: 'Each value’s share of the total of the range (spills in the range’s shape).',
  help:
    'Share sₐ = Rₐ / ΣR. Blank cells stay blank and are not counted; credit notes ' +
    '(negative values) are part of the total. A total of 0 or less is #DIV/0!.',
  params: [
    { name: 'values', description: 'Revenue per account: a range.', type: 'number', range: true },
  ],
  result: 'spill',
  returns: 'The shares, in the shape of values.',
  examples: [{ args: [[[50], [30], [20]]], result: [[0.5], [0.3], [0.2]] }],
  evaluate: (args, ctx) => {
    const grid = NumberGrid.read(args[0], 'values', ctx);
    const list = grid.list();
    if (isCellError(list)) return one(list);
    const total = positiveTotal(list, grid.place);
    if (isCellError(total)) return one(total);
    const s = shares(grid.values);
    const out: Grid = [];
    for (let r = 0; r < grid.rows; r++) {
      const line: CellValue[] = [];
      for (let c = 0; c < grid.cols; c++) {
        const v = s[r * grid.cols + c];
        line.push(Number.isNaN(v) ? '' : v);
      }
      out.push(line);
    }
    return out;
  },
};

const MEASURES = ['HHI', 'CR', 'N80', 'GINI', 'EFFECTIVE'] as const;

export const CONCENTRATION: FunctionDefinition = {
  id: 'CONCENTRATION',
  description:
    'A concentration measure of a list of account revenues: HHI, CR, N80, GINI, EFFECTIVE.',
  help:
    'HHI = Σ(100·sₐ)² over accounts with positive revenue (below 1,000 low, 1,000–1,800 ' +
    'moderate, above 1,800 high); EFFECTIVE = 10,000 / HHI, the number of equal customers with ' +
    'the same concentration; CR = share of the n largest (n defaults to 5); N80 = fewest accounts ' +
    'that make 80 % of revenue; GINI over positive revenues. Blanks are skipped. The ' +
    'result does not depend on the order of the values nor on their unit.',
  params: [
    { name: 'values', description: 'Revenue per account: a range.', type: 'number', range: true },
    {
      name: 'measure',
      description: 'HHI, CR, N80, GINI or EFFECTIVE.',
      type: 'text',
      range: false,
      optional: true,
      default: '"HHI"',
    },
    {
      name: 'n',
      description: 'For CR: how many of the largest accounts (default 5).',
      type: 'number',
      range: false,
      optional: true,
      default: '5',
    },
  ],
  result: 'value',
  returns: 'The measure.',
  examples: [
    { args: [[[50], [30], [20]]], result: 3800 },
    { args: [[[50], [30], [20]], 'CR', 1], result: 0.5 },
    { args: [[[50], [30], [20]], 'N80'], result: 2 },
    { args: [[[50], [30], [20]], 'EFFECTIVE'], result: 2.63157894737 },
  ],
  evaluate: (args, ctx) => {
    const grid = NumberGrid.read(args[0], 'values', ctx);
    const list = grid.list();
    if (isCellError(list)) return one(list);
    const measure = optionalChoice(args[1], 'measure', 'HHI', MEASURES, ctx);
    if (isCellError(measure)) return one(measure);
    const n = optionalNumber(args[2], 'n', 5, ctx);
    if (isCellError(n)) return one(n);
    const nPlace = new ArgumentPlace(ctx, 'n', 1, 1);
    if (measure !== 'CR' && !isBlank(rowsOf(args[2])[0]?.[0])) {
      return one(nPlace.whole('#VALUE!', `applies to CR only, not ${measure}`));
    }
    if (!(n >= 1)) return one(nPlace.whole('#NUM!', `is ${n}; use a whole number of 1 or more`));
    const total = positiveTotal(list, grid.place);
    if (isCellError(total)) return one(total);
    switch (measure) {
      case 'HHI':
        return one(hhi(list));
      case 'EFFECTIVE':
        return one(effectiveNumber(hhi(list)));
      case 'CR':
        return one(concentrationRatio(list, Math.floor(n)));
      case 'N80':
        return one(n80(list));
      case 'GINI':
        return one(gini(list));
    }
  },
};

/** Keys and values read side by side, cell by cell (row-major); blanks skipped. */
interface KeyedList {
  readonly keys: unknown[];
  readonly values: number[];
  readonly profits: number[] | null;
}

function keyedList(
  keysArg: unknown,
  valuesArg: unknown,
  profitsArg: unknown,
  ctx: CallContext,
): KeyedList | CellError {
  const keyRows = rowsOf(keysArg);
  const keyCols = keyRows.reduce((m, r) => Math.max(m, r.length), 0);
  const keyPlace = new ArgumentPlace(ctx, 'keys', keyRows.length, keyCols);
  const values = NumberGrid.read(valuesArg, 'values', ctx);
  const profits = profitsArg === undefined ? null : NumberGrid.read(profitsArg, 'profits', ctx);
  const cells = keyRows.length * keyCols;
  for (const g of profits ? [values, profits] : [values]) {
    const misfit = g.place.shapeError(keyPlace);
    if (misfit) return misfit;
  }
  const out: KeyedList = { keys: [], values: [], profits: profits ? [] : null };
  for (let i = 0; i < cells; i++) {
    const r = Math.floor(i / keyCols);
    const c = i % keyCols;
    const problem = values.problems.get(i) ?? profits?.problems.get(i);
    if (problem) return problem;
    const v = values.values[i];
    const key = keyRows[r][c];
    if (Number.isNaN(v)) continue;
    if (isBlank(key)) return keyPlace.error('#VALUE!', 'is blank', r, c, `where values is ${v}`);
    if (isCellError(key) || key instanceof Date || typeof key === 'boolean') {
      return keyPlace.error('#VALUE!', `is ${shown(key)}`, r, c, 'not an account');
    }
    out.keys.push(key);
    out.values.push(v);
    if (out.profits && profits)
      out.profits.push(Number.isNaN(profits.values[i]) ? 0 : profits.values[i]);
  }
  return out;
}

export const TOPN: FunctionDefinition = {
  id: 'TOPN',
  description:
    'The n largest accounts: rank, account, sum, share, cumulative share (and profit, margin).',
  help:
    'Sums values per key (duplicate keys are summed; `ACME AB` and `Acme AB ` are one account, ' +
    'shown with the most frequent spelling), ranks by sum (ties keep first appearance) and spills ' +
    'one row per account: rank, key, sum, share of the total of all values, cumulative share; ' +
    'with profits also profit and margin. Rows where values is blank are skipped.',
  params: [
    { name: 'keys', description: 'Account per row: a range.', type: 'text', range: true },
    {
      name: 'values',
      description: 'Revenue per row, the same shape as keys.',
      type: 'number',
      range: true,
    },
    {
      name: 'n',
      description: 'How many accounts (default 20).',
      type: 'number',
      range: false,
      optional: true,
      default: '20',
    },
    {
      name: 'profits',
      description: 'Gross profit per row, the same shape as keys: adds profit and margin columns.',
      type: 'number',
      range: true,
      optional: true,
    },
  ],
  result: 'spill',
  returns: 'Rows of rank, key, sum, share, cumulative share[, profit, margin].',
  examples: [
    {
      args: [[['Acme AB'], ['Beta AB'], ['ACME AB '], ['Gamma']], [[30], [50], [10], [10]], 2],
      result: [
        [1, 'Beta AB', 50, 0.5, 0.5],
        [2, 'Acme AB', 40, 0.4, 0.9],
      ],
      note: 'Acme AB’s two spellings are one account.',
    },
    {
      args: [[['A'], ['B']], [[60], [40]], 20, [[-6], [10]]],
      result: [
        [1, 'A', 60, 0.6, 0.6, -6, -0.1],
        [2, 'B', 40, 0.4, 1, 10, 0.25],
      ],
    },
  ],
  evaluate: (args, ctx) => {
    const list = keyedList(args[0], args[1], args[3], ctx);
    if (isCellError(list)) return one(list);
    const n = optionalNumber(args[2], 'n', 20, ctx);
    if (isCellError(n)) return one(n);
    if (!(n >= 1)) {
      return one(new ArgumentPlace(ctx, 'n', 1, 1).whole('#NUM!', `is ${n}; use 1 or more`));
    }
    if (list.keys.length === 0)
      return one(new CellError('#N/A', `${ctx.name}: values has no numbers`));
    const dictionary = new TextDictionary();
    for (const key of list.keys) dictionary.add(key as string | number);
    const { codes, values: names } = dictionary.finish(null, list.keys.length);
    const sums = new Float64Array(names.length);
    const profits = new Float64Array(names.length);
    for (let i = 0; i < codes.length; i++) {
      sums[codes[i]] += list.values[i];
      if (list.profits) profits[codes[i]] += list.profits[i];
    }
    const total = sums.reduce((a, b) => a + b, 0);
    if (!(total > 0)) {
      return one(
        new CellError('#DIV/0!', `${ctx.name}: values sum to ${total}: no positive total to share`),
      );
    }
    const share = shares(sums);
    // Codes are in order of first appearance, so a stable sort keeps ties in that order.
    const order = Array.from(names.keys()).sort((a, b) => sums[b] - sums[a]);
    const out: Grid = [];
    let cumulative = 0;
    for (let rank = 1; rank <= Math.min(Math.floor(n), order.length); rank++) {
      const k = order[rank - 1];
      cumulative += share[k];
      const row: CellValue[] = [rank, names[k], sums[k], share[k], cumulative];
      if (list.profits) {
        const margin =
          sums[k] === 0
            ? new CellError(
                '#DIV/0!',
                `${ctx.name}: ${names[k]} has values summing to 0: no margin`,
              )
            : profits[k] / sums[k];
        row.push(profits[k], margin);
      }
      out.push(row);
    }
    return out;
  },
};

export const WHALE: FunctionDefinition = {
  id: 'WHALE',
  description:
    'Whale-curve peak: the most profit the best accounts make, as a share of total profit.',
  help:
    'Accounts sorted by gross profit, largest first; cumulative profit as a share of total profit. ' +
    'The peak (often 1.5–3, i.e. 150–300 %) minus 1 is the profit the loss-making tail ' +
    'destroys. With as_curve TRUE it spills the curve: share of accounts, cumulative share of ' +
    'profit, starting at 0, 0. A total profit of 0 or less is #DIV/0!.',
  params: [
    {
      name: 'profits',
      description: 'Gross profit per account: a range.',
      type: 'number',
      range: true,
    },
    {
      name: 'as_curve',
      description: 'TRUE to spill the whole curve instead of its peak.',
      type: 'boolean',
      range: false,
      optional: true,
      default: 'FALSE',
    },
  ],
  result: 'spill',
  returns: 'The peak as a fraction (1.25 = 125 %), or the curve as two columns.',
  examples: [
    { args: [[[60], [-20], [40]]], result: 1.25 },
    {
      args: [[[60], [-20], [40]], true],
      result: [
        [0, 0],
        [1 / 3, 0.75],
        [2 / 3, 1.25],
        [1, 1],
      ],
    },
  ],
  evaluate: (args, ctx) => {
    const grid = NumberGrid.read(args[0], 'profits', ctx);
    const list = grid.list();
    if (isCellError(list)) return one(list);
    const asCurve = optionalFlag(args[1], 'as_curve', false, ctx);
    if (isCellError(asCurve)) return one(asCurve);
    const peak = whalePeak(list);
    if (peak === null) {
      const total = list.reduce((a, b) => a + b, 0);
      return one(
        grid.place.whole('#DIV/0!', `total ${total}: the curve needs a positive total profit`),
      );
    }
    if (!asCurve) return one(peak);
    const curve = whaleCurve(list);
    const out: Grid = [[0, 0]];
    for (let k = 0; k < curve.length; k++) out.push([(k + 1) / curve.length, curve[k]]);
    return out;
  },
};
