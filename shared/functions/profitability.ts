/**
 * Cell-by-cell profitability functions: MARGIN, GROWTH, WALKAWAY, SHAREOFWALLET. Each number
 * argument is a value or a range; the result has the broadcast shape (see elementwise.ts).
 */
import { growth } from '../analysis/growth';
import { walkAwayProfit } from '../analysis/walk-away';
import { shareOfWallet } from '../analysis/wallet';
import type { FunctionDefinition } from './definition';
import { elementwise } from './elementwise';

const num = (name: string, description: string) =>
  ({ name, description, type: 'number', range: true }) as const;

export const MARGIN: FunctionDefinition = {
  id: 'MARGIN',
  description: 'Gross margin: (revenue − cost) / revenue, for a value or cell by cell over ranges.',
  help:
    'Gross margin = (revenue − cost) / revenue. Ranges give a range of the same shape; ' +
    'a single value is applied to every row. A row with revenue 0 is #DIV/0!; a row where both ' +
    'are blank stays blank; a blank cost counts as 0.',
  params: [
    num('revenue', 'Revenue: a number or a range.'),
    num('cost', 'Cost of the same sales: a number or a range.'),
  ],
  result: 'spill',
  returns: 'The margin as a fraction (0.25 = 25 %), in the shape of the arguments.',
  examples: [
    { args: [1000, 750], result: 0.25 },
    {
      args: [
        [[1000], [400], [0]],
        [[750], [500], [10]],
      ],
      result: [[0.25], [-0.25], [{ error: '#DIV/0!' }]],
      note: 'Cell by cell; a loss-making row is negative; revenue 0 is #DIV/0!.',
    },
  ],
  evaluate: (args, ctx) =>
    elementwise(
      ctx,
      [
        { name: 'revenue', value: args[0] },
        { name: 'cost', value: args[1] },
      ],
      ([revenue, cost], place) =>
        revenue === 0 ? place.error('#DIV/0!', 0, 'is 0') : (revenue - cost) / revenue,
    ),
};

export const GROWTH: FunctionDefinition = {
  id: 'GROWTH',
  description:
    'Growth: (current − previous) / |previous|; "new" when there was no previous revenue.',
  help:
    'Growth = (current − previous) / |previous|, so a negative previous (credit notes) ' +
    'still shows a rise as growth. Previous 0 with current revenue gives the text "new"; both 0 ' +
    'is #DIV/0! (nothing to compare). Ranges give a range of the same shape.',
  params: [
    num('current', 'Revenue in the current period: a number or a range.'),
    num('previous', 'Revenue in the comparison period: a number or a range.'),
  ],
  result: 'spill',
  returns: 'Growth as a fraction (0.1 = +10 %), or "new".',
  examples: [
    { args: [110, 100], result: 0.1 },
    {
      args: [
        [[50], [500], [0]],
        [[100], [0], [0]],
      ],
      result: [[-0.5], ['new'], [{ error: '#DIV/0!' }]],
      note: 'Halved; new this period; no revenue in either period.',
    },
  ],
  evaluate: (args, ctx) =>
    elementwise(
      ctx,
      [
        { name: 'current', value: args[0] },
        { name: 'previous', value: args[1] },
      ],
      ([current, previous], place) => {
        const g = growth(current, previous);
        if (g !== null) return g;
        return current === 0 ? place.error('#DIV/0!', 1, 'and current are both 0') : 'new';
      },
    ),
};

export const WALKAWAY: FunctionDefinition = {
  id: 'WALKAWAY',
  description:
    'Walk-away test: the profit left if the account is lost (total − account − fixed costs).',
  help:
    'Profit after losing the account = total profit − the account’s profit − fixed costs ' +
    '("can we say no?"). A loss-making account gives more than the total: losing it ' +
    'raises profit. Ranges give a range of the same shape.',
  params: [
    num('account_profit', 'The account’s gross profit: a number or a range.'),
    num('total_profit', 'Total gross profit of the portfolio: a number or a range.'),
    {
      ...num('fixed_costs', 'Fixed costs that stay when the account goes (default 0).'),
      optional: true,
      default: '0',
    },
  ],
  result: 'spill',
  returns: 'The profit left without the account.',
  examples: [
    { args: [300, 1000], result: 700 },
    { args: [-50, 1000], result: 1050, note: 'Losing a loss-making account raises profit.' },
    { args: [[[300], [200]], 1000, 400], result: [[300], [400]] },
  ],
  evaluate: (args, ctx) =>
    elementwise(
      ctx,
      [
        { name: 'account_profit', value: args[0] },
        { name: 'total_profit', value: args[1] },
        { name: 'fixed_costs', value: args[2] },
      ],
      ([account, total, fixed]) => walkAwayProfit(total, account, fixed),
    ),
};

export const SHAREOFWALLET: FunctionDefinition = {
  id: 'SHAREOFWALLET',
  description: 'Share of wallet: our revenue from the account / its estimated total spend.',
  help:
    'Share of wallet = our revenue / the account’s estimated total spend, per period ' +
    'and, when given, per product group. A wallet of 0 is #DIV/0!, a negative one #NUM!. Above 1 ' +
    'means the estimate is below what we already sell: revise it.',
  params: [
    num('our_revenue', 'Our revenue from the account: a number or a range.'),
    num('wallet', 'The account’s estimated total spend in the same period: a number or a range.'),
  ],
  result: 'spill',
  returns: 'Our share of the customer’s spend as a fraction.',
  examples: [
    { args: [250, 1000], result: 0.25 },
    {
      args: [
        [[250], [90]],
        [[1000], [0]],
      ],
      result: [[0.25], [{ error: '#DIV/0!' }]],
    },
  ],
  evaluate: (args, ctx) =>
    elementwise(
      ctx,
      [
        { name: 'our_revenue', value: args[0] },
        { name: 'wallet', value: args[1] },
      ],
      ([ours, wallet], place) => {
        const share = shareOfWallet(ours, wallet);
        if (share !== null) return share;
        return wallet === 0
          ? place.error('#DIV/0!', 1, 'is 0')
          : place.error('#NUM!', 1, `is ${wallet}, below 0`);
      },
    ),
};
