/**
 * The custom-function catalog (SPEC §4): every KAM function once, in the order the docs list them.
 * Excel's functions.json, the Apps Script globals and docs/functions.md are generated from it.
 */
import { CellError } from './cell-error';
import type { CallContext, Grid } from './cell-values';
import type { FunctionDefinition } from './definition';
import { CONCENTRATION, SHARE, TOPN, WHALE } from './portfolio';
import { EXPOSURE, PRICEPOSITION, PVM } from './pricing';
import { GROWTH, MARGIN, SHAREOFWALLET, WALKAWAY } from './profitability';
import { COVERAGE, SIGNALCLOCK } from './relationships';

/** Every function, in the order of SPEC §4. */
export const FUNCTIONS: readonly FunctionDefinition[] = [
  MARGIN,
  GROWTH,
  SHARE,
  CONCENTRATION,
  TOPN,
  WHALE,
  WALKAWAY,
  SHAREOFWALLET,
  PVM,
  PRICEPOSITION,
  EXPOSURE,
  COVERAGE,
  SIGNALCLOCK,
];

const BY_ID = new Map(FUNCTIONS.map((f) => [f.id, f]));

/**
 * The definition of a function id (`MARGIN`); throws for an unknown id (a host wiring bug).
 *
 * @example
 * functionById('MARGIN').params.map((p) => p.name); // ['revenue', 'cost']
 */
export function functionById(id: string): FunctionDefinition {
  const f = BY_ID.get(id);
  if (!f) throw new Error(`No KAM function ${id}`);
  return f;
}

/**
 * Calls a function the way both hosts do: arguments as the host delivered them (omitted =
 * undefined), the result as rows of cells with errors as {@link CellError} values. Too many
 * arguments, or a failure inside the implementation, become a #VALUE! cell naming the function.
 *
 * @example
 * callFunction('MARGIN', [[[1000], [400]], 750], { name: 'KAM.MARGIN', now: () => 0 });
 * // [[0.25], [-0.875]]
 */
export function callFunction(id: string, args: readonly unknown[], ctx: CallContext): Grid {
  const f = functionById(id);
  let last = args.length;
  while (last > 0 && args[last - 1] === undefined) last--;
  if (last > f.params.length) {
    return [
      [
        new CellError(
          '#VALUE!',
          `${ctx.name}: takes at most ${f.params.length} arguments, got ${last}`,
        ),
      ],
    ];
  }
  const required = f.params.filter((p) => !p.optional).length;
  for (let i = 0; i < required; i++) {
    if (args[i] === undefined) {
      return [[new CellError('#VALUE!', `${ctx.name}: ${f.params[i].name} is missing`)]];
    }
  }
  try {
    return f.evaluate(args, ctx);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return [[new CellError('#VALUE!', `${ctx.name}: could not compute (${why})`)]];
  }
}
