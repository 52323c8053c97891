/**
 * Cross-check (issue 3): the catalog registered as a HyperFormula function plugin, a sheet of
 * `=KAM.*` formulas over ranges, evaluated by HyperFormula's own parser, range resolution and
 * spilling, gives the same results as calling the catalog directly.
 *
 * HyperFormula must know a spill's size before it evaluates; the plugin's size method computes it
 * by calling the catalog on the raw cells the formula references (every case here references
 * constant cells of the Data sheet), so no function needs its own size rule in this test.
 */
import {
  ArraySize,
  CellError as HfCellError,
  DetailedCellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
  type ImplementedFunctions,
} from 'hyperformula';
import { CellError, type ErrorKind } from '../../shared/functions/cell-error';
import type { Grid } from '../../shared/functions/cell-values';
import { FUNCTIONS, callFunction } from '../../shared/functions/catalog';
import { excelName } from '../../shared/functions/definition';
import { mulberry32 } from '../../shared/sample/prng';
import { plain } from './support';

const NOW = () => 20784.5;
const HF_ERROR: Record<ErrorKind, ErrorType> = {
  '#DIV/0!': ErrorType.DIV_BY_ZERO,
  '#VALUE!': ErrorType.VALUE,
  '#NUM!': ErrorType.NUM,
  '#N/A': ErrorType.NA,
};
const KIND_OF = new Map(Object.entries(HF_ERROR).map(([k, t]) => [String(t), k as ErrorKind]));

/** One formula to check: a function and its arguments (ranges as rows of cells). */
interface Case {
  readonly id: string;
  readonly args: readonly unknown[];
}

/** The Data sheet: every range argument of every case, each in its own block of columns. */
const data: unknown[][] = [];
let nextColumn = 0;

/** Puts a range in the Data sheet; returns its absolute A1 reference. */
function place(rows: readonly (readonly unknown[])[]): string {
  const col = nextColumn;
  const width = Math.max(...rows.map((r) => r.length));
  nextColumn += width + 1;
  rows.forEach((row, r) => {
    data[r] ??= [];
    row.forEach((v, c) => (data[r][col + c] = v));
  });
  const a1 = (c: number) => {
    let s = '';
    for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26))
      s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  };
  return `Data!$${a1(col)}$1:$${a1(col + width - 1)}$${rows.length}`;
}

function literal(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return `"${v.replace(/"/g, '""')}"`;
  if (typeof v === 'boolean') return v ? 'TRUE()' : 'FALSE()'; // HyperFormula's spelling
  return String(v);
}

function formulaOf(c: Case): string {
  const args = c.args.map((a) => (Array.isArray(a) ? place(a as unknown[][]) : literal(a)));
  while (args.length > 0 && args[args.length - 1] === '') args.pop();
  return `=${excelName(c.id)}(${args.join(', ')})`;
}

/** A HyperFormula argument value as the cell value a host would deliver. */
function hostCell(v: unknown): unknown {
  if (v === EmptyValue) return null;
  if (v instanceof HfCellError) return `#${v.type === ErrorType.DIV_BY_ZERO ? 'DIV/0!' : v.type}`;
  if (typeof v === 'object' && v !== null && 'val' in v) return (v as { val: number }).val;
  return v;
}

function hostArg(v: unknown): unknown {
  if (v instanceof SimpleRangeValue) return v.data.map((row) => row.map(hostCell));
  return v === undefined ? undefined : hostCell(v);
}

/** The raw arguments of a formula, read from the Data sheet and the formula's literals. */
function rawArgs(ast: { args: { type: string; [k: string]: unknown }[] }): unknown[] {
  return ast.args.map((a) => {
    switch (a.type) {
      case 'EMPTY':
        return undefined;
      case 'NUMBER':
      case 'STRING':
        return a.value;
      case 'MINUS_UNARY_OP':
        return -(rawArgs({ args: [a.value as { type: string }] })[0] as number);
      case 'FUNCTION_CALL':
        return (a as unknown as { procedureName: string }).procedureName === 'TRUE';
      case 'CELL_RANGE': {
        const { start, end } = a as unknown as Record<
          'start' | 'end',
          { col: number; row: number }
        >;
        const rows: unknown[][] = [];
        for (let r = start.row; r <= end.row; r++) {
          const row: unknown[] = [];
          for (let c = start.col; c <= end.col; c++) row.push(data[r]?.[c] ?? null);
          rows.push(row);
        }
        return rows;
      }
      default:
        throw new Error(`unexpected argument ${a.type}`);
    }
  });
}

const direct = (id: string, args: readonly unknown[]): Grid =>
  callFunction(id, args, { name: excelName(id), now: NOW });

class KamPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {};
}
for (const f of FUNCTIONS) {
  const name = excelName(f.id);
  KamPlugin.implementedFunctions[name] = {
    method: `call${f.id}`,
    sizeOfResultArrayMethod: `size${f.id}`,
    vectorizationForbidden: true,
    parameters: f.params.map((p) => ({
      argumentType: p.range ? FunctionArgumentType.RANGE : FunctionArgumentType.SCALAR,
      optionalArg: p.optional,
    })),
  };
  const proto = KamPlugin.prototype as unknown as Record<string, unknown>;
  proto[`call${f.id}`] = function (this: KamPlugin, ast: { args: never[] }, state: never) {
    return this.runFunction(ast.args, state, this.metadata(name), (...args: unknown[]): never => {
      const grid = direct(f.id, args.map(hostArg));
      const toHf = (v: unknown) =>
        v instanceof CellError ? new HfCellError(HF_ERROR[v.kind], v.message) : v;
      if (grid.length === 1 && grid[0].length === 1) return toHf(grid[0][0]) as never;
      return SimpleRangeValue.onlyValues(grid.map((row) => row.map(toHf)) as never) as never;
    });
  };
  proto[`size${f.id}`] = function (ast: { args: { type: string }[] }) {
    const grid = direct(f.id, rawArgs(ast));
    return grid.length === 1 && grid[0].length === 1
      ? ArraySize.scalar()
      : new ArraySize(grid[0].length, grid.length);
  };
}

function generatedCases(): Case[] {
  const prng = mulberry32(20261127);
  const n = 300;
  const keys = Array.from({ length: n }, () => [`Account ${Math.floor(prng() * 40)}`]);
  const revenue: (number | null)[][] = Array.from({ length: n }, () => [
    Math.round(prng() * 1e6) / 100,
  ]);
  const cost: (number | null)[][] = revenue.map(([r]) => [
    Math.round((r as number) * (0.5 + prng() * 0.7) * 100) / 100,
  ]);
  const profit = revenue.map(([r], i) => [(r as number) - (cost[i][0] as number)]);
  const qty = revenue.map(([r]) => [
    prng() < 0.05 ? null : Math.round((r as number) / (5 + prng() * 20)),
  ]);
  const products = keys.map(() => [`P${Math.floor(prng() * 12)}`]);
  const raised = keys.map((_k, i) => [46350 + i / 48]);
  const acted = raised.map(([t]) => [prng() < 0.3 ? null : t + prng() * 2]);
  revenue[17] = [0];
  revenue[40] = [null];
  cost[40] = [null];
  return [
    { id: 'MARGIN', args: [revenue, cost] },
    { id: 'GROWTH', args: [revenue, cost] },
    { id: 'WALKAWAY', args: [profit, 50000, 1000] },
    { id: 'SHAREOFWALLET', args: [revenue, 1e6] },
    { id: 'SHARE', args: [revenue] },
    ...['HHI', 'EFFECTIVE', 'N80', 'GINI'].map((m) => ({
      id: 'CONCENTRATION',
      args: [revenue, m],
    })),
    { id: 'CONCENTRATION', args: [revenue, 'CR', 5] },
    { id: 'TOPN', args: [keys, revenue, 20, profit] },
    { id: 'TOPN', args: [keys, revenue] },
    { id: 'WHALE', args: [profit] },
    { id: 'WHALE', args: [profit, true] },
    ...[undefined, 'price', 'TOTAL'].map((component) => ({
      id: 'PVM',
      args: [
        qty.slice(0, 60),
        revenue.slice(0, 60),
        qty.slice(60, 120),
        cost.slice(60, 120),
        component,
      ],
    })),
    { id: 'PRICEPOSITION', args: [revenue.slice(0, 50), revenue] },
    { id: 'EXPOSURE', args: [keys, products, qty, revenue] },
    { id: 'EXPOSURE', args: [keys, products, qty, revenue, keys[3][0]] },
    {
      id: 'COVERAGE',
      args: [keys.map(([k], i) => [i % 3 === 0 ? '' : `${k}; Per Holm; ${k.toUpperCase()}`])],
    },
    { id: 'SIGNALCLOCK', args: [raised, acted, 24, '2026-11-27 08:00'] },
    { id: 'SIGNALCLOCK', args: [raised] },
  ];
}

const cases: Case[] = [
  ...FUNCTIONS.flatMap((f) => f.examples.map((e) => ({ id: f.id, args: e.args }))),
  ...generatedCases(),
];

test('every function is cross-checked', () => {
  expect(new Set(cases.map((c) => c.id))).toEqual(new Set(FUNCTIONS.map((f) => f.id)));
});

describe('a sheet of KAM.* formulas in HyperFormula equals the direct calls', () => {
  const formulas = cases.map(formulaOf);
  const sheets: Record<string, unknown[][]> = { Data: data };
  formulas.forEach((formula, i) => (sheets[`Case${i}`] = [[formula]]));
  HyperFormula.registerFunctionPlugin(KamPlugin, {
    enGB: Object.fromEntries(FUNCTIONS.map((f) => [excelName(f.id), excelName(f.id)])),
  });
  const hf = HyperFormula.buildFromSheets(sheets as never, {
    licenseKey: 'gpl-v3',
    smartRounding: false,
  });
  afterAll(() => {
    hf.destroy();
    HyperFormula.unregisterFunctionPlugin(KamPlugin);
  });

  test.each(cases.map((c, i) => [i, formulas[i], c] as const))('case %i: %s', (i, _formula, c) => {
    const expected = direct(c.id, c.args);
    const sheet = hf.getSheetId(`Case${i}`) as number;
    const got = expected.map((row, r) =>
      row.map((_v, col) => {
        const v = hf.getCellValue({ sheet, row: r, col });
        if (v instanceof DetailedCellError)
          return { error: KIND_OF.get(v.type), message: v.message };
        return plain(v as number);
      }),
    );
    const want = expected.map((row) =>
      row.map((v) => (v instanceof CellError ? { error: v.kind, message: v.message } : plain(v))),
    );
    expect(got).toEqual(want);
  });
});
