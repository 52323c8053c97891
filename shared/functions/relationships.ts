/**
 * Relationship functions: COVERAGE (how many of our people know a decision maker) and
 * SIGNALCLOCK (hours left to act on a signal of dissatisfaction). The definitions are
 * analysis/coverage.ts and analysis/signal-clock.ts, shared with the stakeholder map and the
 * Signals sheet.
 */
import { coverage } from '../analysis/coverage';
import { signalHoursLeft } from '../analysis/signal-clock';
import { cellText } from '../ingest/accounts';
import { isCellError } from './cell-error';
import {
  ArgumentPlace,
  isBlank,
  optionalNumber,
  readTimestamp,
  rowsOf,
  singleCell,
  shown,
  type CellValue,
  type Grid,
} from './cell-values';
import type { FunctionDefinition } from './definition';

export const COVERAGE: FunctionDefinition = {
  id: 'COVERAGE',
  description: 'How many distinct people of ours know the decision maker (names separated by ;).',
  help:
    'Coverage = the number of distinct people of ours in the “our contacts” cell, names ' +
    'separated by semicolons or line breaks, compared without case and extra spaces. ' +
    'A blank cell is 0: nobody knows them. Coverage ≤ 1 is a key-person risk. A range gives a ' +
    'range of counts.',
  params: [
    {
      name: 'our_contacts',
      description: 'Our people who know the decision maker, separated by ;: a cell or a range.',
      type: 'text',
      range: true,
    },
  ],
  result: 'spill',
  returns: 'The number of distinct people, in the shape of our_contacts.',
  examples: [
    { args: ['Per Holm; Svensson, Anna; per holm'], result: 2 },
    { args: [[['Per Holm'], [''], ['Ann Ek; Per Holm']]], result: [[1], [0], [2]] },
  ],
  evaluate: (args, ctx) => {
    const rows = rowsOf(args[0]);
    const cols = rows.reduce((m, r) => Math.max(m, r.length), 0);
    const place = new ArgumentPlace(ctx, 'our_contacts', rows.length, cols);
    return rows.map((row, r) =>
      Array.from({ length: cols }, (_, c): CellValue => {
        const cell = row[c];
        if (isBlank(cell)) return 0;
        if (isCellError(cell) || typeof cell === 'boolean' || cell instanceof Date) {
          return place.error('#VALUE!', `is ${shown(cell)}`, r, c, 'not names');
        }
        return coverage(cellText(cell as string | number));
      }),
    );
  },
};

export const SIGNALCLOCK: FunctionDefinition = {
  id: 'SIGNALCLOCK',
  description: 'Hours left to act on a signal (negative = overdue), on a 24-hour clock by default.',
  help:
    'Hours left = limit − hours from raised to acted, or to now while no action is recorded. ' +
    'Negative means overdue: the signal waited longer than the limit. ' +
    'Times are date-times (serial numbers, dates or text such as 2026-11-26 14:05). Without now ' +
    'the workbook’s clock is used and the cell recalculates on every change; give now (e.g. ' +
    'NOW()) to control it. Ranges of raised and acted times give a range.',
  params: [
    {
      name: 'raised_at',
      description: 'When the signal was raised: a date-time or a range.',
      type: 'datetime',
      range: true,
    },
    {
      name: 'acted_at',
      description: 'When it was acted on (blank = still open): a date-time or a range.',
      type: 'datetime',
      range: true,
      optional: true,
    },
    {
      name: 'limit_hours',
      description: 'Hours allowed before a signal is overdue (default 24).',
      type: 'number',
      range: false,
      optional: true,
      default: '24',
    },
    {
      name: 'now',
      description: 'The time to measure open signals against (default: now).',
      type: 'datetime',
      range: false,
      optional: true,
    },
  ],
  result: 'spill',
  returns: 'Hours left; negative = overdue.',
  volatile: true,
  examples: [
    {
      args: ['2026-11-26 09:00', '2026-11-26 15:30'],
      result: 17.5,
      note: 'Acted after 6.5 hours.',
    },
    {
      args: [[['2026-11-26 09:00'], ['2026-11-25 08:00']], undefined, 24, '2026-11-26 12:00'],
      result: [[21], [-4]],
      note: 'Two open signals at noon: 21 hours left, and one 4 hours overdue.',
    },
  ],
  evaluate: (args, ctx) => {
    const limit = optionalNumber(args[2], 'limit_hours', 24, ctx);
    if (isCellError(limit)) return [[limit]];
    const limitPlace = new ArgumentPlace(ctx, 'limit_hours', 1, 1);
    if (!(limit > 0)) return [[limitPlace.whole('#NUM!', `is ${limit}; use hours above 0`)]];
    const nowCell = singleCell(args[3], 'now', ctx);
    if (isCellError(nowCell)) return [[nowCell]];
    const given = readTimestamp(nowCell.cell, nowCell.place, 0, 0);
    if (isCellError(given)) return [[given]];
    const now = Number.isNaN(given) ? ctx.now() : given;

    const raised = rowsOf(args[0]);
    const acted = rowsOf(args[1]);
    const cols = raised.reduce((m, r) => Math.max(m, r.length), 0);
    const actedCols = acted.reduce((m, r) => Math.max(m, r.length), 0);
    const raisedPlace = new ArgumentPlace(ctx, 'raised_at', raised.length, cols);
    const actedPlace = new ArgumentPlace(ctx, 'acted_at', acted.length, actedCols);
    const single = acted.length * actedCols <= 1;
    const misfit = single ? null : actedPlace.shapeError(raisedPlace);
    if (misfit) return [[misfit]];
    const out: Grid = [];
    for (let r = 0; r < raised.length; r++) {
      const line: CellValue[] = [];
      for (let c = 0; c < cols; c++) {
        const from = readTimestamp(raised[r][c], raisedPlace, r, c);
        const actedCell = single ? acted[0]?.[0] : acted[r][c];
        const to = readTimestamp(actedCell, actedPlace, single ? 0 : r, single ? 0 : c);
        if (isCellError(from)) line.push(from);
        else if (isCellError(to)) line.push(to);
        else if (Number.isNaN(from)) {
          line.push(
            Number.isNaN(to)
              ? ''
              : raisedPlace.error('#VALUE!', 'is blank', r, c, `where acted_at is set`),
          );
        } else line.push(signalHoursLeft(from, to, limit, now));
      }
      out.push(line);
    }
    return out;
  },
};
