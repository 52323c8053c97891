/**
 * What a catalog entry says about a custom function: its id (`MARGIN`, shown as `KAM.MARGIN` in
 * Excel and `KAM_MARGIN` in Google Sheets), help text, arguments, what it returns, a worked example,
 * and its implementation. The Excel metadata, the Apps Script globals and docs/functions.md are all
 * generated from these entries.
 */
import type { ErrorKind } from './cell-error';
import type { CallContext, Grid } from './cell-values';

/** What one argument holds; decides the help text and the host's parameter type. */
export type ParamType = 'number' | 'text' | 'boolean' | 'datetime' | 'any';

/** One argument of a function. */
export interface ParamDefinition {
  /** As the formula help shows it: `revenue`, `limit_hours`. */
  readonly name: string;
  readonly description: string;
  readonly type: ParamType;
  /** True when a range is accepted (else a single value). */
  readonly range: boolean;
  readonly optional?: boolean;
  /** The default of an optional argument, as text for the help (`20`, `"HHI"`). */
  readonly default?: string;
}

/** A cell of an example's result: a value, or an error of a kind (its message is not compared). */
export type ExampleCell = number | string | boolean | { readonly error: ErrorKind };

/** A worked example: the arguments (a range as rows of cells) and the result. */
export interface FunctionExample {
  readonly args: readonly unknown[];
  /** One value, or rows of cells for a spill. Numbers are compared to 9 significant digits. */
  readonly result: ExampleCell | readonly (readonly ExampleCell[])[];
  /** What the example shows, for the docs. */
  readonly note?: string;
}

/** A catalog entry. */
export interface FunctionDefinition {
  /** `MARGIN`: upper case letters only, the same in every host. */
  readonly id: string;
  /** One sentence for formula autocomplete. */
  readonly description: string;
  /** Longer help for the docs: definition, edge cases. */
  readonly help: string;
  readonly params: readonly ParamDefinition[];
  /** `value`: one value; `spill`: a range whose shape follows the arguments or the result. */
  readonly result: 'value' | 'spill';
  /** What the result is, for the help (`@returns`). */
  readonly returns: string;
  /** True when the result depends on the clock (recalculated on every change). */
  readonly volatile?: boolean;
  readonly examples: readonly FunctionExample[];
  /** The implementation: arguments in order (omitted = undefined); errors are cell values. */
  readonly evaluate: (args: readonly unknown[], ctx: CallContext) => Grid;
}

/** `KAM.MARGIN`: a function's name in Excel. */
export function excelName(id: string): string {
  return `KAM.${id}`;
}

/** `KAM_MARGIN`: a function's name in Google Sheets (a dot is impossible there). */
export function sheetsName(id: string): string {
  return `KAM_${id}`;
}
