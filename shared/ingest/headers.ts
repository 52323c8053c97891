/**
 * Header matching: which input column holds which {@link SalesField} (SPEC §2). Headers are
 * compared case-, accent- and punctuation-insensitively ("Kund-id" ~ "kundid", "Försäljning" ~
 * "forsaljning"), in English and Swedish; the user can override every mapping.
 */
import type { MappedColumn, SalesField } from '../sales-table';
import type { RawCell, RawRow } from '../workbook';
import { UserError } from '../user-error';

/** A user's mapping override: header text or 0-based column index per field. */
export type HeaderOverride = Partial<Record<SalesField, string | number | null>>;

/**
 * Header synonyms per field, in priority order (the first is the one named in messages first).
 * English first, then Swedish.
 */
export const HEADER_SYNONYMS: Readonly<Record<SalesField, readonly string[]>> = {
  accountId: [
    'Customer ID',
    'Customer no',
    'Customer number',
    'Customer nr',
    'Account no',
    'Account ID',
    'Account number',
    'Client ID',
    'Kundnummer',
    'Kundnr',
    'Kund-id',
    'Kundid',
  ],
  account: [
    'Customer',
    'Account',
    'Customer name',
    'Account name',
    'Client',
    'Client name',
    'Kund',
    'Kundnamn',
  ],
  revenue: [
    'Sales',
    'Revenue',
    'Net sales',
    'Amount',
    'Turnover',
    'Net revenue',
    'Sales amount',
    'Försäljning',
    'Belopp',
    'Nettoförsäljning',
    'Omsättning',
    'Intäkt',
  ],
  grossProfit: [
    'Profit',
    'Gross profit',
    'Margin',
    'Gross margin',
    'GP',
    'Täckningsbidrag',
    'TB',
    'Bruttovinst',
    'Marginal',
  ],
  date: [
    'Date',
    'Invoice date',
    'Order date',
    'Transaction date',
    'Datum',
    'Fakturadatum',
    'Orderdatum',
  ],
  subUnit: [
    'Site',
    'Region',
    'Division',
    'Business unit',
    'Department',
    'Enhet',
    'Avdelning',
    'Ort',
    'Affärsområde',
  ],
  product: [
    'Product',
    'Item',
    'SKU',
    'Product name',
    'Item no',
    'Artikel',
    'Produkt',
    'Artikelnummer',
    'Artikelnr',
  ],
  productGroup: [
    'Category',
    'Product group',
    'Product category',
    'Item group',
    'Produktgrupp',
    'Kategori',
    'Artikelgrupp',
  ],
  quantity: ['Quantity', 'Qty', 'Units', 'Volume', 'Antal', 'Kvantitet', 'Volym'],
  cost: ['Cost', 'COGS', 'Cost of goods sold', 'Kostnad', 'Varukostnad', 'Inköpskostnad'],
  discount: ['Discount', 'Discount %', 'Rabatt', 'Rabatt %'],
  listPrice: ['List price', 'Listpris', 'Price list', 'Prislista'],
  costToServe: [
    'Cost to serve',
    'Freight',
    'Service cost',
    'Shipping',
    'Frakt',
    'Servicekostnad',
    'Fraktkostnad',
  ],
  owner: [
    'Salesperson',
    'Account manager',
    'Sales rep',
    'Sales representative',
    'Key account manager',
    'KAM',
    'Seller',
    'Owner',
    'Säljare',
    'Kundansvarig',
    'Ansvarig',
  ],
};

/** The fields without which there is no sales table. */
export const REQUIRED_FIELDS: readonly SalesField[] = ['account', 'revenue'];

/**
 * Field order for automatic matching: the more specific fields claim their headers first
 * ("Customer ID" is an id, not a name; "Cost to serve" is not "Cost").
 */
const MATCH_ORDER: readonly SalesField[] = [
  'accountId',
  'account',
  'revenue',
  'date',
  'listPrice',
  'costToServe',
  'cost',
  'grossProfit',
  'discount',
  'quantity',
  'productGroup',
  'product',
  'subUnit',
  'owner',
];

/** Characters that NFD does not split into base letter + accent. */
const FOLD: Readonly<Record<string, string>> = { ø: 'o', æ: 'ae', ß: 'ss', đ: 'd', ł: 'l' };

/**
 * Folds a header to its comparison form: lower case, accents removed, everything but letters
 * and digits dropped.
 *
 * @example
 * normaliseHeader('Kund-ID'); // 'kundid'
 * normaliseHeader(' Försäljning '); // 'forsaljning'
 */
export function normaliseHeader(text: string): string {
  return tokens(text).join('');
}

/** The words of a header in comparison form. */
function tokens(text: string): string[] {
  const folded = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[øæßđł]/g, (c) => FOLD[c] ?? c);
  return folded.split(/[^a-z0-9]+/).filter((t) => t !== '');
}

/** Header cell as text ('' for blank). */
export function headerText(cell: RawCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString();
  return String(cell).trim();
}

interface Synonym {
  readonly field: SalesField;
  readonly key: string;
  readonly words: readonly string[];
  readonly rank: number;
}

const SYNONYMS: readonly Synonym[] = MATCH_ORDER.flatMap((field) =>
  HEADER_SYNONYMS[field].map((s, rank) => ({
    field,
    key: normaliseHeader(s),
    words: tokens(s),
    rank,
  })),
);

/** A header containing '%' is a ratio: only the discount field takes it ("Margin %" is not GP). */
function acceptsHeader(field: SalesField, raw: string): boolean {
  return field === 'discount' || !raw.includes('%');
}

/** True when `words` contains `part` as a contiguous run. */
function containsRun(words: readonly string[], part: readonly string[]): boolean {
  outer: for (let i = 0; i + part.length <= words.length; i++) {
    for (let j = 0; j < part.length; j++) if (words[i + j] !== part[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Automatic matching of the fields not yet in `taken`: exact (normalised) matches first, in
 * field and synonym priority order; then headers that contain a synonym as whole words
 * ("Net sales SEK", "Kundnamn (juridiskt)"), longest synonym first. A header serves one field.
 */
function autoMatch(
  headers: readonly string[],
  fields: Map<SalesField, number>,
  taken: Set<number>,
  excluded: ReadonlySet<SalesField> = new Set(),
): void {
  const keys = headers.map(normaliseHeader);
  // Pass 1: exact.
  for (const field of MATCH_ORDER) {
    if (fields.has(field) || excluded.has(field)) continue;
    for (const syn of SYNONYMS) {
      if (syn.field !== field) continue;
      const at = keys.findIndex(
        (k, i) => k === syn.key && !taken.has(i) && acceptsHeader(field, headers[i]),
      );
      if (at >= 0) {
        fields.set(field, at);
        taken.add(at);
        break;
      }
    }
  }
  // Pass 2: whole words contained, longest synonym first.
  const words = headers.map(tokens);
  const candidates: { field: SalesField; index: number; len: number; order: number }[] = [];
  SYNONYMS.forEach((syn, order) => {
    if (fields.has(syn.field) || excluded.has(syn.field)) return;
    words.forEach((w, index) => {
      if (taken.has(index) || w.length === 0 || !acceptsHeader(syn.field, headers[index])) return;
      if (containsRun(w, syn.words)) {
        candidates.push({ field: syn.field, index, len: syn.words.join(' ').length, order });
      }
    });
  });
  candidates.sort((a, b) => b.len - a.len || a.order - b.order || a.index - b.index);
  for (const c of candidates) {
    if (fields.has(c.field) || taken.has(c.index)) continue;
    fields.set(c.field, c.index);
    taken.add(c.index);
  }
}

function foundList(headers: readonly string[]): string {
  const found = headers.filter((h) => h !== '');
  return found.length > 0 ? found.join(', ') : 'none';
}

/**
 * Maps the header row to sales fields. `override` names a column per field by header text
 * (compared like headers are) or by 0-based index; it wins over automatic matching; null keeps a
 * field out (its column is not read even when a header would match). Throws a
 * {@link UserError} when an override names no column, or when a required column (account,
 * revenue) is missing — naming it, the headers looked for, and the headers found.
 *
 * @example
 * matchHeaders(['Datum', 'Kund', 'Belopp']);
 * // [{ field: 'date', index: 0, header: 'Datum' }, { field: 'account', index: 1, header: 'Kund' },
 * //  { field: 'revenue', index: 2, header: 'Belopp' }]
 * matchHeaders(['Kund', 'Summa SEK'], { revenue: 'Summa SEK' }); // revenue → column 1
 */
export function matchHeaders(header: RawRow, override?: HeaderOverride): MappedColumn[] {
  const headers = Array.from(header, headerText);
  const fields = new Map<SalesField, number>();
  const taken = new Set<number>();
  // A field mapped to null is not read at all, even when a header would match it.
  const excluded = new Set<SalesField>();
  if (override) {
    for (const field of Object.keys(override) as SalesField[]) {
      const want = override[field];
      if (want === null && field in HEADER_SYNONYMS) excluded.add(field);
      if (want === undefined || want === null || !(field in HEADER_SYNONYMS)) continue;
      const at = overrideIndex(headers, field, want);
      if (taken.has(at)) {
        const other = [...fields].find(([, i]) => i === at)?.[0];
        throw new UserError(
          `Mapping for "${field}": column "${headers[at] || at}" is already mapped to "${other}".`,
        );
      }
      fields.set(field, at);
      taken.add(at);
    }
  }
  autoMatch(headers, fields, taken, excluded);
  const missing = REQUIRED_FIELDS.filter((f) => !fields.has(f));
  if (missing.length > 0) {
    const parts = missing.map(
      (f) => `Missing column "${f}": looked for ${HEADER_SYNONYMS[f].join(', ')}.`,
    );
    throw new UserError(`${parts.join(' ')} Headers found: ${foundList(headers)}.`);
  }
  return [...fields]
    .map(([field, index]) => ({ field, index, header: headers[index] || columnName(index) }))
    .sort((a, b) => a.index - b.index);
}

function overrideIndex(
  headers: readonly string[],
  field: SalesField,
  want: string | number,
): number {
  if (typeof want === 'number') {
    if (Number.isInteger(want) && want >= 0 && want < headers.length) return want;
    throw new UserError(
      `Mapping for "${field}": there is no column ${want} (columns are numbered from 0 to ${headers.length - 1}). Headers found: ${foundList(headers)}.`,
    );
  }
  const text = want.trim();
  let at = headers.indexOf(text);
  if (at < 0) {
    const key = normaliseHeader(text);
    if (key !== '') at = headers.findIndex((h) => normaliseHeader(h) === key);
  }
  if (at < 0) {
    throw new UserError(
      `Mapping for "${field}": there is no column "${want}". Headers found: ${foundList(headers)}.`,
    );
  }
  return at;
}

/** Spreadsheet column letters for a 0-based index (0 → "Column A"). */
function columnName(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  }
  return `Column ${s}`;
}

/**
 * Index of the header row: the first of the first `maxScan` rows that holds both an account and a
 * revenue header (title rows above the table are common); -1 if none does.
 *
 * @example
 * findHeaderRow([['Sales report 2026'], [], ['Kund', 'Datum', 'Belopp'], ['Acme', 46000, 100]]); // 2
 */
export function findHeaderRow(rows: readonly RawRow[], maxScan = 30): number {
  const end = Math.min(rows.length, maxScan);
  for (let i = 0; i < end; i++) {
    const row = rows[i];
    if (!row || !row.some((c) => typeof c === 'string' && c.trim() !== '')) continue;
    const fields = new Map<SalesField, number>();
    autoMatch(Array.from(row, headerText), fields, new Set());
    if (fields.has('account') && fields.has('revenue')) return i;
  }
  return -1;
}
