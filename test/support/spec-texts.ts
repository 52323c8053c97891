/** Every text a SheetSpec holds, for tests that check a name appears nowhere (shareable sheets). */
import { isFormula, type SheetSpec } from '../../shared/sheet-spec';

/** Cells (values, formulas and cached results), chart titles and series names, drop-down lists, the name. */
export function specTexts(spec: SheetSpec): string[] {
  const out: string[] = [spec.name];
  for (const b of spec.blocks)
    for (const line of b.cells)
      for (const cell of line) {
        if (cell === null) continue;
        if (isFormula(cell)) {
          out.push(cell.formula);
          if (cell.value !== undefined && cell.value !== null) out.push(String(cell.value));
        } else out.push(String(cell));
      }
  for (const c of spec.charts ?? []) out.push(c.title, ...c.series.map((s) => s.name));
  for (const v of spec.validations ?? []) out.push(...v.list);
  return out;
}
