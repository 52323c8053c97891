/**
 * Notes and actions users type into a built sheet survive a rebuild: before a sheet is replaced
 * its notes are read (matched by account) and written back beside the same account.
 */
import type { RawCell, RawRow } from '../workbook';
import { textKey } from '../ingest/accounts';
import { ALL_LABELS } from './labels';

/** A note a user typed, with the account it was typed beside. */
export interface KeptNote {
  readonly account: string;
  readonly note: string | number | boolean;
}

/** Notes by account key (see `accountKey`). */
export type KeptNotes = ReadonlyMap<string, KeptNote>;

/**
 * The key notes are matched by: the account name without differences of case or spacing — the
 * same normalisation that makes `ACME AB` and `Acme AB ` one account on ingestion.
 *
 * @example
 * accountKey('  ACME  AB ') === accountKey('Acme AB') // true
 */
export const accountKey: (name: string) => string = textKey;

const notesHeaders = new Set(ALL_LABELS.map((l) => l.notes.toLocaleLowerCase('sv')));
const accountHeaders = new Set(ALL_LABELS.map((l) => l.account.toLocaleLowerCase('sv')));

function text(cell: RawCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}

/**
 * Reads the notes of a previously built sheet: every table whose header row has an account
 * column and a notes column (in either language), down to its first row without an account.
 *
 * @example
 * readKeptNotes([['Account', 'Notes / action'], ['Acme AB', 'Call Eva']])
 * // Map { 'acme ab' => { account: 'Acme AB', note: 'Call Eva' } }
 */
export function readKeptNotes(rows: readonly RawRow[]): Map<string, KeptNote> {
  const notes = new Map<string, KeptNote>();
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const notesCol = row.findIndex((c) => notesHeaders.has(text(c).toLocaleLowerCase('sv')));
    if (notesCol < 0) continue;
    const keyCol = row.findIndex((c) => accountHeaders.has(text(c).toLocaleLowerCase('sv')));
    if (keyCol < 0) continue;
    for (r = r + 1; r < rows.length; r++) {
      const account = text(rows[r][keyCol]);
      if (account === '') break;
      const note = rows[r][notesCol];
      if (note === null || note === undefined || note === '') continue;
      const value = note instanceof Date ? note.toISOString() : note;
      notes.set(accountKey(account), { account, note: value });
    }
    r--; // the row that ended the table may start another
  }
  return notes;
}
