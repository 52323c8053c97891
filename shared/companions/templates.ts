/**
 * Empty, formatted templates of the companion sheets (SPEC §2): a header row, column widths, a
 * frozen header, date and number formats, and drop-down lists on the list columns (level, power,
 * influence, attitude, role) for the rows users will fill in.
 */
import type { Lang } from '../reports/labels';
import { columnLetter, rangeRef } from '../reports/a1';
import { FORMAT, STYLE } from '../reports/styles';
import type { SheetSpec } from '../sheet-spec';
import { COMPANIONS, type CompanionKind, type CompanionSchema } from './schema';

/** The number format of date-and-time columns (Signals: raised at, acted at). */
export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm';

/** Rows below the header that get the drop-downs and formats. */
export const TEMPLATE_ROWS = 500;

/**
 * The template of one companion sheet.
 *
 * @example
 * const spec = companionTemplate(STAKEHOLDERS, 'sv');
 * spec.name // 'Intressenter'
 * spec.validations?.[0] // { range: 'D2:D501', list: ['central', 'regional', 'lokal'] }
 */
export function companionTemplate(schema: CompanionSchema, lang: Lang = 'en'): SheetSpec {
  const header = schema.columns.map((c) => c.header[lang]);
  const validations = schema.columns.flatMap((c, i) =>
    c.values
      ? [
          {
            range: `${columnLetter(i)}2:${columnLetter(i)}${TEMPLATE_ROWS + 1}`,
            list: c.values.map((v) => v.text[lang]),
          },
        ]
      : [],
  );
  const formats = schema.columns.map((c) =>
    c.kind === 'date'
      ? FORMAT.date
      : c.kind === 'datetime'
        ? DATETIME_FORMAT
        : c.kind === 'number'
          ? FORMAT.money
          : null,
  );
  const blank = schema.columns.map(() => null);
  return {
    name: schema.sheet[lang],
    blocks: [
      { row: 0, col: 0, cells: [header], style: STYLE.tableHeader },
      // One formatted empty row, so the number and date formats are there when users type.
      { row: 1, col: 0, cells: [blank], numberFormats: formats },
    ],
    columns: schema.columns.map((c) => ({ width: c.width })),
    freeze: { rows: 1, cols: 0 },
    validations,
    print: {
      orientation: 'landscape',
      fitToPage: false,
      area: rangeRef(0, 0, TEMPLATE_ROWS, schema.columns.length - 1),
    },
    tabColor: '7030A0',
  };
}

/**
 * The templates to create: every companion sheet (or the `kinds` asked for) whose name, in
 * either language, is not already a sheet of the workbook — an existing sheet is never replaced.
 *
 * @example
 * companionTemplates(['Sales', 'Wallet'], 'en').map((s) => s.name)
 * // ['Stakeholders', 'Escalation ladder', 'Account plans']
 */
export function companionTemplates(
  existing: readonly string[],
  lang: Lang = 'en',
  kinds?: readonly CompanionKind[],
): SheetSpec[] {
  const taken = new Set(existing.map((n) => n.trim().toLowerCase()));
  return COMPANIONS.filter((c) => kinds === undefined || kinds.includes(c.kind))
    .filter((c) => !taken.has(c.sheet.en.toLowerCase()) && !taken.has(c.sheet.sv.toLowerCase()))
    .map((c) => companionTemplate(c, lang));
}
