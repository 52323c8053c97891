/**
 * Price functions: PVM (the price-volume-mix bridge), PRICEPOSITION (where a price sits in the
 * band the accounts pay) and EXPOSURE (transparency exposure). The arithmetic is the analysis
 * code's (analysis/pvm.ts, price-band.ts, exposure.ts), shared with the negotiation-prep sheets.
 */
import { transparencyExposure } from '../analysis/exposure';
import { pricePercentile } from '../analysis/price-band';
import { priceVolumeMix, type PvmBridge } from '../analysis/pvm';
import { TextDictionary, textKey, cellText } from '../ingest/accounts';
import { CellError, isCellError } from './cell-error';
import {
  ArgumentPlace,
  NumberGrid,
  isBlank,
  optionalChoice,
  rowsOf,
  shown,
  type CallContext,
  type CellValue,
  type Grid,
} from './cell-values';
import type { FunctionDefinition } from './definition';
import { elementwise } from './elementwise';

const one = (v: CellValue): Grid => [[v]];

/** Number arguments of the same shape, read whole; the first bad cell or shape as an error. */
function sameShape(grids: readonly NumberGrid[]): CellError | null {
  const [first] = grids;
  for (const g of grids) {
    const misfit = g.place.shapeError(first.place);
    if (misfit) return misfit;
    for (const [, problem] of g.problems) return problem;
  }
  return null;
}

const COMPONENTS = ['VOLUME', 'MIX', 'PRICE', 'NEW', 'LOST', 'OTHER', 'TOTAL'] as const;

export const PVM: FunctionDefinition = {
  id: 'PVM',
  description: 'Price-volume-mix bridge of revenue between two periods, per product.',
  help:
    'One row per product: quantity and revenue in the comparison period (0) and the current ' +
    'period (1). Continuing products (quantity > 0 in both) split into volume = (ΣQ₁ − ΣQ₀)·P̄₀, ' +
    'mix = ΣP₀ᵢQ₁ᵢ − ΣQ₁·P̄₀ and price = Σ(P₁ᵢ − P₀ᵢ)·Q₁ᵢ with P̄₀ = ΣP₀ᵢQ₀ᵢ / ΣQ₀ᵢ; new = ' +
    'revenue of products without comparison sales; lost = −revenue of products without current ' +
    'sales; other = the change of products with sales in both periods but no positive quantity ' +
    'in one (credit notes, quantity missing). The six add up to total = R₁ − R₀. Spills a label ' +
    'and a value per component, or one component. Without quantities there is no PVM: #N/A.',
  params: [
    {
      name: 'qty0',
      description: 'Quantity per product, comparison period.',
      type: 'number',
      range: true,
    },
    {
      name: 'revenue0',
      description: 'Revenue per product, comparison period.',
      type: 'number',
      range: true,
    },
    {
      name: 'qty1',
      description: 'Quantity per product, current period.',
      type: 'number',
      range: true,
    },
    {
      name: 'revenue1',
      description: 'Revenue per product, current period.',
      type: 'number',
      range: true,
    },
    {
      name: 'component',
      description: 'VOLUME, MIX, PRICE, NEW, LOST, OTHER or TOTAL for one value (default: all).',
      type: 'text',
      range: false,
      optional: true,
    },
  ],
  result: 'spill',
  returns:
    'Rows of component and value (volume, mix, price, new, lost, other, total), or one value.',
  examples: [
    {
      args: [
        [[1000], [800], [500]],
        [[10000], [12000], [10000]],
        [[1000], [700], [800]],
        [[11000], [10500], [18400]],
      ],
      result: [
        ['volume', 2782.6087],
        ['mix', 1717.3913],
        ['price', 3400],
        ['new', 0],
        ['lost', 0],
        ['other', 0],
        ['total', 7900],
      ],
      note: 'The worked example: A 1000 at 10 → 1000 at 11, B 800 at 15 → 700 at 15, C 500 at 20 → 800 at 23.',
    },
    {
      args: [
        [[1000], [800], [500]],
        [[10000], [12000], [10000]],
        [[1000], [700], [800]],
        [[11000], [10500], [18400]],
        'mix',
      ],
      result: 1717.3913,
    },
  ],
  evaluate: (args, ctx) => {
    const names = ['qty0', 'revenue0', 'qty1', 'revenue1'];
    const grids = names.map((name, i) => NumberGrid.read(args[i], name, ctx));
    const bad = sameShape(grids);
    if (bad) return one(bad);
    const component = optionalChoice(args[4], 'component', null, COMPONENTS, ctx);
    if (isCellError(component)) return one(component);
    const [q0, r0, q1, r1] = grids.map((g) => g.values);
    if (!q0.some((q) => !Number.isNaN(q)) || !q1.some((q) => !Number.isNaN(q))) {
      const which = q0.some((q) => !Number.isNaN(q)) ? grids[2] : grids[0];
      return one(which.place.whole('#N/A', 'has no quantities: price-volume-mix needs them'));
    }
    const bridge = priceVolumeMix(q0, r0, q1, r1);
    if (component !== null) return one(bridge[component.toLowerCase() as keyof PvmBridge]);
    return COMPONENTS.map((c) => {
      const key = c.toLowerCase() as keyof PvmBridge;
      return [key, bridge[key]];
    });
  },
};

export const PRICEPOSITION: FunctionDefinition = {
  id: 'PRICEPOSITION',
  description: 'Where a price sits in the band of prices paid: 0 = the cheapest, 1 = the dearest.',
  help:
    'The percentile of the price among the unit prices the accounts pay for the product (its price ' +
    'band): inside the band it equals PERCENTRANK.INC (without its rounding to 3 digits); ' +
    'below the band 0, above it 1. A range of prices gives a range of positions. Blanks in the ' +
    'band are skipped.',
  params: [
    {
      name: 'price',
      description: 'The unit price to place: a number or a range.',
      type: 'number',
      range: true,
    },
    {
      name: 'band_prices',
      description: 'The unit prices of all accounts: a range.',
      type: 'number',
      range: true,
    },
  ],
  result: 'spill',
  returns: 'The position as a fraction from 0 to 1, in the shape of price.',
  examples: [
    { args: [3, [[1], [2], [3], [4], [5]]], result: 0.5 },
    {
      args: [
        [[2.5], [6]],
        [[1], [2], [3], [4], [5]],
      ],
      result: [[0.375], [1]],
    },
  ],
  evaluate: (args, ctx) => {
    const band = NumberGrid.read(args[1], 'band_prices', ctx).list();
    if (isCellError(band)) return one(band);
    if (band.length === 0) {
      return one(new ArgumentPlace(ctx, 'band_prices', 1, 1).whole('#N/A', 'has no prices'));
    }
    return elementwise(ctx, [{ name: 'price', value: args[0] }], ([price]) =>
      pricePercentile(price, band),
    );
  },
};

/** Text codes of a key argument (accounts, products), one per cell row-major; -1 = blank. */
/** A key argument's cells. */
interface KeyColumn {
  /** One code per cell, row-major (-1 = blank); one per distinct name (case and spacing aside). */
  readonly codes: Int32Array;
  readonly values: readonly string[];
  readonly place: ArgumentPlace;
}

function keyCodes(arg: unknown, name: string, ctx: CallContext): KeyColumn | CellError {
  const rows = rowsOf(arg);
  const cols = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const place = new ArgumentPlace(ctx, name, rows.length, cols);
  const dictionary = new TextDictionary();
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < cols; c++) {
      const cell = rows[r][c];
      if (isCellError(cell) || typeof cell === 'boolean') {
        return place.error('#VALUE!', `is ${shown(cell)}`, r, c, 'not a name');
      }
      dictionary.add(isBlank(cell) ? null : (cell as string | number | Date));
    }
  }
  const { codes, values } = dictionary.finish(null, rows.length * cols);
  return { codes, values, place };
}

export const EXPOSURE: FunctionDefinition = {
  id: 'EXPOSURE',
  description:
    'Transparency exposure: revenue at risk if every customer knew every other customer’s terms.',
  help:
    'From invoice lines (account, product, quantity, revenue): per account and product the unit ' +
    'price p = R / Q (net quantity > 0 only); the best price p* any account with the same or a ' +
    'smaller volume of that product got; exposure = Σ max(0, p − p*)·Q. The total over ' +
    'all accounts, or for the one account named. Rows where quantity and revenue are blank are skipped.',
  params: [
    {
      name: 'accounts',
      description: 'Account per invoice line: a range.',
      type: 'text',
      range: true,
    },
    {
      name: 'products',
      description: 'Product per line, the same shape.',
      type: 'text',
      range: true,
    },
    {
      name: 'quantities',
      description: 'Quantity per line, the same shape.',
      type: 'number',
      range: true,
    },
    {
      name: 'revenues',
      description: 'Revenue per line, the same shape.',
      type: 'number',
      range: true,
    },
    {
      name: 'account',
      description: 'One account to give the exposure of (default: the total of all).',
      type: 'text',
      range: false,
      optional: true,
    },
  ],
  result: 'value',
  returns: 'The exposure in revenue.',
  examples: [
    {
      args: [
        [['Big'], ['Small'], ['Mid']],
        [['P1'], ['P1'], ['P1']],
        [[100], [10], [50]],
        [[900], [80], [500]],
      ],
      result: 200,
      note: 'Small, the smallest, pays 8 a unit; Mid pays 10 and Big 9: (10 − 8) · 50 + (9 − 8) · 100.',
    },
    {
      args: [
        [['Big'], ['Small'], ['Mid']],
        [['P1'], ['P1'], ['P1']],
        [[100], [10], [50]],
        [[900], [80], [500]],
        'big',
      ],
      result: 100,
      note: 'Big pays 9 a unit; Small’s 8 is the best price of an account no larger: (9 − 8) · 100.',
    },
  ],
  evaluate: (args, ctx) => {
    const accounts = keyCodes(args[0], 'accounts', ctx);
    if (isCellError(accounts)) return one(accounts);
    const products = keyCodes(args[1], 'products', ctx);
    if (isCellError(products)) return one(products);
    const quantities = NumberGrid.read(args[2], 'quantities', ctx);
    const revenues = NumberGrid.read(args[3], 'revenues', ctx);
    for (const k of [products, quantities, revenues]) {
      const misfit = k.place.shapeError(accounts.place);
      if (misfit) return one(misfit);
    }
    const bad = sameShape([quantities, revenues]);
    if (bad) return one(bad);
    for (let i = 0; i < accounts.codes.length; i++) {
      if (Number.isNaN(quantities.values[i]) && Number.isNaN(revenues.values[i])) continue;
      const blank = accounts.codes[i] < 0 ? accounts : products.codes[i] < 0 ? products : null;
      if (blank) {
        const { cols } = blank.place;
        return one(
          blank.place.error(
            '#VALUE!',
            'is blank',
            Math.floor(i / cols),
            i % cols,
            'on a line with a quantity or revenue',
          ),
        );
      }
    }
    const exposure = transparencyExposure(
      accounts.codes,
      products.codes,
      quantities.values,
      revenues.values,
    );
    const rows = rowsOf(args[4]);
    const wanted = rows[0]?.[0];
    if (rows.length === 0 || isBlank(wanted)) return one(exposure.total);
    const key = textKey(cellText(wanted as string | number));
    const code = accounts.values.findIndex((v) => textKey(v) === key);
    if (code < 0) {
      return one(
        new ArgumentPlace(ctx, 'account', 1, 1).whole(
          '#N/A',
          `${shown(wanted)} is not among accounts`,
        ),
      );
    }
    const at = exposure.accounts.indexOf(code);
    return one(at < 0 ? 0 : exposure.exposure[at]);
  },
};
