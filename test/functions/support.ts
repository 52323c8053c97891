/** Helpers for custom-function tests: a call context and result comparison. */
import { CellError } from '../../shared/functions/cell-error';
import type { CallContext, CellValue, Grid } from '../../shared/functions/cell-values';
import { callFunction } from '../../shared/functions/catalog';
import { excelName, type ExampleCell } from '../../shared/functions/definition';

/** Excel's context with a fixed clock (2026-11-27 12:00). */
export const ctx: CallContext = { name: 'KAM.TEST', now: () => 20784.5 };

/** Calls a function by id with Excel spelling and the fixed clock. */
export function call(id: string, ...args: unknown[]): Grid {
  return callFunction(id, args, { name: excelName(id), now: ctx.now });
}

/** A result cell as plain data: numbers rounded to 9 significant digits, errors as {error}. */
export function plain(v: CellValue | ExampleCell): unknown {
  if (v instanceof CellError) return { error: v.kind };
  if (typeof v === 'number') return Number(v.toPrecision(9));
  return v;
}

/** A grid (or a single expected value) as plain rows. */
export function plainGrid(
  g: ExampleCell | readonly (readonly (CellValue | ExampleCell)[])[],
): unknown {
  if (Array.isArray(g))
    return (g as readonly (readonly CellValue[])[]).map((row) => row.map(plain));
  return [[plain(g as ExampleCell)]];
}

/** The error cell of a 1×1 result (fails the test if there is none). */
export function errorOf(g: Grid): CellError {
  const v = g[0][0];
  if (!(v instanceof CellError)) throw new Error(`expected an error, got ${JSON.stringify(g)}`);
  return v;
}
