/**
 * Reading the companion sheets (SPEC §2) when they exist: headers matched like sales headers
 * (case-, accent- and punctuation-insensitively, English or Swedish, with synonyms), values read
 * like sales values, and every bad row reported as a RowIssue for the Data issues sheet — never
 * silently dropped:
 * - a missing required column: one issue on the header row, the sheet is not read;
 * - a blank required cell, a number that is no number, a bad period, a row for an account that is
 *   not in the sales data, a duplicate of an earlier row (same key): the row is rejected;
 * - an unknown drop-down value (level "boss") or an unreadable date: the cell is left blank and
 *   the row kept (adjusted).
 * Wholly blank rows are no data and are skipped without a word.
 */
import { parsePeriodArg } from '../analysis/periods';
import type { LadderLevel } from '../analysis/escalation';
import type { PeriodChoice } from '../analysis/types';
import { cellText, displayText, textKey } from '../ingest/accounts';
import { parseDate } from '../ingest/dates';
import { headerText, normaliseHeader } from '../ingest/headers';
import { parseNumber } from '../ingest/numbers';
import type { RowIssue, SalesTable } from '../sales-table';
import { UserError } from '../user-error';
import { readAllRows, type RawCell, type RawRow, type Workbook } from '../workbook';
import {
  COMPANIONS,
  WALLET,
  type CompanionColumn,
  type CompanionKind,
  type CompanionSchema,
} from './schema';

/** Finds the account code of an account name or id as written in a companion sheet. */
export type AccountLookup = (text: string) => number | null;

/** A row of the Stakeholders sheet. */
export interface StakeholderRow {
  /** 1-based sheet row. */
  readonly row: number;
  readonly account: string;
  /** Account code in the sales table (null when read without a lookup). */
  readonly accountCode: number | null;
  readonly name: string;
  readonly title: string;
  readonly level: 'central' | 'regional' | 'local' | '';
  readonly power: 'formal' | 'informal' | 'both' | '';
  readonly influence: 'high' | 'medium' | 'low' | '';
  readonly attitude: 'supporter' | 'neutral' | 'critic' | '';
  readonly ourContacts: string;
  /** Epoch day, null when blank. */
  readonly lastContact: number | null;
}

/** A row of the Wallet sheet. */
export interface WalletRow {
  readonly row: number;
  readonly account: string;
  readonly accountCode: number | null;
  /** null = all product groups. */
  readonly productGroup: string | null;
  /** The period as written ('' = the current period). */
  readonly periodText: string;
  /** null = the current period of the build. */
  readonly period: PeriodChoice | null;
  readonly wallet: number;
}

/** A row of the Escalation ladder sheet. */
export interface LadderRow extends LadderLevel {
  readonly row: number;
}

/** A row of the Account plans sheet. */
export interface AccountPlanRow {
  readonly row: number;
  readonly account: string;
  readonly accountCode: number | null;
  readonly owner: string;
  readonly deputy: string;
  readonly roleToday: string;
  readonly roleTarget: string;
  /** Epoch day, null when blank. */
  readonly nextReview: number | null;
  readonly notes: string;
}

export interface CompanionData {
  readonly stakeholders: readonly StakeholderRow[];
  readonly wallet: readonly WalletRow[];
  readonly ladder: readonly LadderRow[];
  readonly plans: readonly AccountPlanRow[];
  /** Every rejected or adjusted row; `reason` starts with the sheet's name. */
  readonly issues: readonly RowIssue[];
  /** The sheets read, by kind. */
  readonly sheets: Partial<Record<CompanionKind, string>>;
}

/** The cells of one parsed row by field: text, number, epoch day or list value; null = blank. */
type Values = Record<string, string | number | null>;

interface Parsed {
  readonly rows: { row: number; values: Values; raw: Record<string, string> }[];
  readonly issues: RowIssue[];
}

/**
 * An account lookup over a sales table: by account name (case and spacing ignored) or account id.
 *
 * @example
 * const find = accountLookup(table);
 * find('ACME  ab') // the code of 'Acme AB'
 */
export function accountLookup(table: SalesTable): AccountLookup {
  const byKey = new Map<string, number>();
  table.account.values.forEach((name, code) => {
    if (!byKey.has(textKey(name))) byKey.set(textKey(name), code);
  });
  (table.accountIds ?? []).forEach((id, code) => byKey.set(textKey(id), code));
  return (text) => byKey.get(textKey(text)) ?? null;
}

/**
 * Parses one companion sheet's cells (rows from sheet row 1) by its schema.
 *
 * @example
 * parseCompanion(STAKEHOLDERS, 'Stakeholders', [['Account', 'Name', 'Level'], ['Acme', 'Eva', 'boss']])
 * // rows: [{ row: 2, values: { account: 'Acme', name: 'Eva', level: null, … } }],
 * // issues: [{ row: 2, column: 'Level', value: 'boss', reason: 'Stakeholders: unknown level …', action: 'adjusted' }]
 */
export function parseCompanion(
  schema: CompanionSchema,
  sheet: string,
  rows: readonly RawRow[],
  lookup?: AccountLookup,
): Parsed {
  const issues: RowIssue[] = [];
  const found = findHeader(schema, rows);
  if (found.at < 0) {
    const headerRow = found.bestRow;
    const missing = schema.columns.filter((c) => c.required && !found.best.has(c.field));
    if (rows.some((r) => r.some((c) => headerText(c) !== ''))) {
      issues.push({
        row: headerRow + 1,
        column: null,
        value: '',
        reason:
          `${sheet}: no ${missing.map((c) => `"${c.header.en}"`).join(' or ')} column ` +
          `(looked for ${missing.map((c) => [c.header.en, c.header.sv, ...c.synonyms].join(', ')).join('; ')}); the sheet was not read`,
        action: 'rejected',
      });
    }
    return { rows: [], issues };
  }
  const columns = found.columns;
  const header = rows[found.at];
  const out: Parsed['rows'] = [];
  const seen = new Map<string, number>();
  for (let r = found.at + 1; r < rows.length; r++) {
    const line = rows[r];
    const rowNumber = r + 1;
    if (!columns.some(([, i]) => cellText(line[i]).trim() !== '')) continue;
    const values: Values = {};
    const raw: Record<string, string> = {};
    let rejected: RowIssue | null = null;
    const rowIssues: RowIssue[] = [];
    for (const column of schema.columns) {
      const index = columns.find(([c]) => c === column)?.[1];
      const cell: RawCell = index === undefined ? null : line[index];
      const text = displayText(cellText(cell));
      raw[column.field] = text;
      const headerName = index === undefined ? column.header.en : headerText(header[index]);
      const issue = (reason: string, action: RowIssue['action']): RowIssue => ({
        row: rowNumber,
        column: headerName,
        value: text,
        reason: `${sheet}: ${reason}`,
        action,
      });
      if (text === '') {
        values[column.field] = null;
        if (column.required && rejected === null)
          rejected = issue(`${column.header.en.toLowerCase()} is blank`, 'rejected');
        continue;
      }
      const read = readCell(column, cell, text);
      if (read.ok) {
        values[column.field] = read.value;
        continue;
      }
      values[column.field] = null;
      if (column.required) {
        if (rejected === null) rejected = issue(read.reason, 'rejected');
      } else rowIssues.push(issue(`${read.reason}; left blank`, 'adjusted'));
    }
    if (rejected === null && lookup && typeof values.account === 'string') {
      if (lookup(values.account) === null) {
        const index = columns.find(([c]) => c.field === 'account')?.[1] ?? 0;
        rejected = {
          row: rowNumber,
          column: headerText(header[index]),
          value: values.account,
          reason: `${sheet}: the account "${values.account}" is not in the sales data`,
          action: 'rejected',
        };
      }
    }
    if (rejected === null && schema.key.length > 0) {
      const key = schema.key
        .map((f) => {
          const v = values[f];
          if (f === 'account' && typeof v === 'string' && lookup) return String(lookup(v));
          return typeof v === 'string' ? textKey(v) : String(v);
        })
        .join('\u0000');
      const first = seen.get(key);
      if (first !== undefined) {
        rejected = {
          row: rowNumber,
          column: null,
          value: schema.key
            .map((f) => raw[f])
            .filter((t) => t !== '')
            .join(' / '),
          reason: `${sheet}: duplicate of row ${first} (same ${schema.key.map((f) => fieldName(schema, f)).join(' and ')}); only row ${first} is used`,
          action: 'rejected',
        };
      } else seen.set(key, rowNumber);
    }
    if (rejected !== null) {
      issues.push(rejected);
      continue;
    }
    issues.push(...rowIssues);
    out.push({ row: rowNumber, values, raw });
  }
  return { rows: out, issues };
}

function fieldName(schema: CompanionSchema, field: string): string {
  return (schema.columns.find((c) => c.field === field)?.header.en ?? field).toLowerCase();
}

type Read = { ok: true; value: string | number } | { ok: false; reason: string };

function readCell(column: CompanionColumn, cell: RawCell, text: string): Read {
  const name = column.header.en.toLowerCase();
  switch (column.kind) {
    case 'text':
      // "Our contacts" keeps its line breaks (they separate names).
      return { ok: true, value: column.field === 'ourContacts' ? cellText(cell).trim() : text };
    case 'number': {
      const v = typeof cell === 'number' ? cell : parseNumber(text);
      return Number.isFinite(v)
        ? { ok: true, value: v }
        : { ok: false, reason: `${name} is not a number` };
    }
    case 'date':
    case 'datetime': {
      const v = parseDate(cell);
      if (!Number.isFinite(v)) return { ok: false, reason: `${name} is not a date` };
      return { ok: true, value: column.kind === 'date' ? Math.floor(v) : v };
    }
    case 'list':
    case 'role': {
      const key = textKey(text);
      const hit = (column.values ?? []).find(
        (v) => textKey(v.text.en) === key || textKey(v.text.sv) === key,
      );
      if (hit) return { ok: true, value: hit.value };
      if (column.kind === 'role') return { ok: true, value: text };
      const allowed = (column.values ?? []).map((v) => v.value).join(', ');
      return { ok: false, reason: `unknown ${name} "${text}" (use ${allowed})` };
    }
  }
}

/**
 * Where a companion sheet's header row is (0-based index into `rows`, first 10 rows) and the
 * 0-based column of each field found there; null when no row holds every required column.
 *
 * @example
 * findCompanionColumns(SIGNALS, rows) // { headerIndex: 4, columns: Map { 'raisedAt' => 0, … } }
 */
export function findCompanionColumns(
  schema: CompanionSchema,
  rows: readonly RawRow[],
): { headerIndex: number; columns: Map<string, number> } | null {
  const found = findHeader(schema, rows);
  if (found.at < 0) return null;
  return { headerIndex: found.at, columns: new Map(found.columns.map(([c, i]) => [c.field, i])) };
}

/** The header row (first 10 rows) with every required column, and the columns it maps. */
function findHeader(
  schema: CompanionSchema,
  rows: readonly RawRow[],
): {
  at: number;
  columns: [CompanionColumn, number][];
  best: Set<string>;
  bestRow: number;
} {
  let best = new Set<string>();
  let bestRow = 0;
  for (let r = 0; r < Math.min(rows.length, 10); r++) {
    const keys = Array.from(rows[r], (c) => normaliseHeader(headerText(c)));
    const columns: [CompanionColumn, number][] = [];
    const taken = new Set<number>();
    for (const column of schema.columns) {
      const names = [column.header.en, column.header.sv, ...column.synonyms].map(normaliseHeader);
      const at = keys.findIndex((k, i) => k !== '' && !taken.has(i) && names.includes(k));
      if (at >= 0) {
        columns.push([column, at]);
        taken.add(at);
      }
    }
    const fields = new Set(columns.map(([c]) => c.field));
    if (schema.columns.every((c) => !c.required || fields.has(c.field))) {
      return { at: r, columns, best: fields, bestRow: r };
    }
    if (fields.size > best.size) {
      best = fields;
      bestRow = r;
    }
  }
  return { at: -1, columns: [], best, bestRow };
}

const str = (v: string | number | null | undefined): string => (typeof v === 'string' ? v : '');
const day = (v: string | number | null | undefined): number | null =>
  typeof v === 'number' ? v : null;

/**
 * The sheet of a companion in the workbook: its English or Swedish name, case-insensitively.
 *
 * @example
 * companionSheet(['Sales', 'intressenter'], STAKEHOLDERS) // 'intressenter'
 */
export function companionSheet(names: readonly string[], schema: CompanionSchema): string | null {
  const wanted = new Set([schema.sheet.en, schema.sheet.sv].map((n) => n.toLowerCase()));
  return names.find((n) => wanted.has(n.trim().toLowerCase())) ?? null;
}

/**
 * Reads every companion sheet present in the workbook. Missing sheets give empty lists.
 *
 * @example
 * const companions = await readCompanions(workbook, accountLookup(table));
 * companions.stakeholders.filter((s) => s.accountCode === acme)
 */
export async function readCompanions(
  workbook: Workbook,
  lookup?: AccountLookup,
): Promise<CompanionData> {
  const names = await workbook.sheetNames();
  const issues: RowIssue[] = [];
  const sheets: Partial<Record<CompanionKind, string>> = {};
  const parsed = new Map<CompanionKind, Parsed['rows']>();
  for (const schema of COMPANIONS) {
    const sheet = companionSheet(names, schema);
    if (sheet === null) continue;
    sheets[schema.kind] = sheet;
    const result = parseCompanion(schema, sheet, await readAllRows(workbook, sheet), lookup);
    issues.push(...result.issues);
    parsed.set(schema.kind, result.rows);
  }
  const code = (v: string | number | null): number | null =>
    lookup && typeof v === 'string' ? lookup(v) : null;

  const stakeholders: StakeholderRow[] = (parsed.get('stakeholders') ?? []).map(
    ({ row, values }) => ({
      row,
      account: str(values.account),
      accountCode: code(values.account),
      name: str(values.name),
      title: str(values.title),
      level: str(values.level) as StakeholderRow['level'],
      power: str(values.power) as StakeholderRow['power'],
      influence: str(values.influence) as StakeholderRow['influence'],
      attitude: str(values.attitude) as StakeholderRow['attitude'],
      ourContacts: str(values.ourContacts),
      lastContact: day(values.lastContact),
    }),
  );

  const wallet: WalletRow[] = [];
  for (const { row, values, raw } of parsed.get('wallet') ?? []) {
    const periodText = raw.period ?? '';
    let period: PeriodChoice | null = null;
    if (periodText !== '') {
      try {
        period = parsePeriodArg(periodText);
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        issues.push({
          row,
          column: WALLET.columns[2].header.en,
          value: periodText,
          reason: `${sheets.wallet}: the period "${periodText}" is not r12, ytd, a year (2026) or a range (2026-01-01..2026-06-30)`,
          action: 'rejected',
        });
        continue;
      }
    }
    wallet.push({
      row,
      account: str(values.account),
      accountCode: code(values.account),
      productGroup: str(values.productGroup) || null,
      periodText,
      period,
      wallet: values.wallet as number,
    });
  }

  const ladder: LadderRow[] = (parsed.get('ladder') ?? []).map(({ row, values }) => ({
    row,
    level: values.level as number,
    title: str(values.title),
    person: str(values.person),
  }));

  const plans: AccountPlanRow[] = (parsed.get('plans') ?? []).map(({ row, values }) => ({
    row,
    account: str(values.account),
    accountCode: code(values.account),
    owner: str(values.owner),
    deputy: str(values.deputy),
    roleToday: str(values.roleToday),
    roleTarget: str(values.roleTarget),
    nextReview: day(values.nextReview),
    notes: str(values.notes),
  }));

  return { stakeholders, wallet, ladder, plans, issues, sheets };
}
