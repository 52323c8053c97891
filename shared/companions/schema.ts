/**
 * The companion sheets (SPEC §2): Stakeholders, Wallet, Escalation ladder, Account plans and the
 * Signals log — what the sales data cannot tell. One description per sheet: its name and column headers in English
 * and Swedish, header synonyms for reading sheets users made themselves, and the allowed values
 * of the drop-down columns (each accepted in either language).
 */
import type { Lang } from '../reports/labels';

export type CompanionKind = 'stakeholders' | 'wallet' | 'ladder' | 'plans' | 'signals';

/** How a column's cells are read ('datetime' keeps the time of day, 'date' drops it). */
export type ColumnKind = 'text' | 'number' | 'date' | 'datetime' | 'list' | 'role';

export interface CompanionColumn {
  /** Field name in the parsed rows. */
  readonly field: string;
  readonly kind: ColumnKind;
  readonly required: boolean;
  /** The header written in templates. */
  readonly header: Readonly<Record<Lang, string>>;
  /** More headers that are read as this column (compared like sales headers). */
  readonly synonyms: readonly string[];
  /** For 'list' columns: the allowed values; `value` is what the core uses. */
  readonly values?: readonly ListValue[];
  /** Column width in templates. */
  readonly width: number;
}

export interface ListValue {
  readonly value: string;
  readonly text: Readonly<Record<Lang, string>>;
}

export interface CompanionSchema {
  readonly kind: CompanionKind;
  readonly sheet: Readonly<Record<Lang, string>>;
  readonly columns: readonly CompanionColumn[];
  /** Fields that identify a row: a second row with the same ones is a duplicate. */
  readonly key: readonly string[];
}

const list = (pairs: readonly [string, string][]): ListValue[] =>
  pairs.map(([en, sv]) => ({ value: en, text: { en, sv } }));

export const LEVELS = list([
  ['central', 'central'],
  ['regional', 'regional'],
  ['local', 'lokal'],
]);
export const POWERS = list([
  ['formal', 'formell'],
  ['informal', 'informell'],
  ['both', 'båda'],
]);
export const INFLUENCES = list([
  ['high', 'hög'],
  ['medium', 'medel'],
  ['low', 'låg'],
]);
export const ATTITUDES = list([
  ['supporter', 'förespråkare'],
  ['neutral', 'neutral'],
  ['critic', 'kritiker'],
]);
/**
 * Our role at the customer, on the fixed scale from lowest to highest (the drop-down; any other
 * text is read as it is and has no step on the scale — see analysis/account-plans.ts).
 */
export const ROLES = list([
  ['transactional vendor', 'transaktionell leverantör'],
  ['approved supplier', 'godkänd leverantör'],
  ['preferred supplier', 'föredragen leverantör'],
  ['strategic partner', 'strategisk partner'],
]);
/** The kinds of signal of dissatisfaction (SPEC §2, Signals). */
export const SIGNAL_TYPES = list([
  ['dissatisfaction', 'missnöje'],
  ['termination threat', 'uppsägningshot'],
  ['volume reduction', 'volymminskning'],
  ['price complaint', 'prisklagomål'],
  ['other', 'annat'],
]);

const col = (
  field: string,
  kind: ColumnKind,
  required: boolean,
  en: string,
  sv: string,
  width: number,
  synonyms: readonly string[] = [],
  values?: readonly ListValue[],
): CompanionColumn => ({ field, kind, required, header: { en, sv }, synonyms, values, width });

const ACCOUNT = col('account', 'text', true, 'Account', 'Kund', 28, [
  'Customer',
  'Customer name',
  'Account name',
  'Client',
  'Kundnamn',
]);

export const STAKEHOLDERS: CompanionSchema = {
  kind: 'stakeholders',
  sheet: { en: 'Stakeholders', sv: 'Intressenter' },
  key: ['account', 'name'],
  columns: [
    ACCOUNT,
    col('name', 'text', true, 'Name', 'Namn', 22, ['Decision maker', 'Beslutsfattare', 'Person']),
    col('title', 'text', false, 'Title', 'Titel', 22, ['Position', 'Befattning']),
    col('level', 'list', false, 'Level', 'Nivå', 11, [], LEVELS),
    col('power', 'list', false, 'Power', 'Makt', 11, ['Formal/informal', 'Maktbas'], POWERS),
    col('influence', 'list', false, 'Influence', 'Inflytande', 11, [], INFLUENCES),
    col('attitude', 'list', false, 'Attitude', 'Inställning', 12, [], ATTITUDES),
    col('ourContacts', 'text', false, 'Our contacts', 'Våra kontakter', 30, [
      'Contacts',
      'Known by',
      'Kontakter',
    ]),
    col('lastContact', 'date', false, 'Last contact', 'Senaste kontakt', 14, [
      'Last contact date',
      'Senaste kontaktdatum',
    ]),
  ],
};

export const WALLET: CompanionSchema = {
  kind: 'wallet',
  sheet: { en: 'Wallet', sv: 'Plånbok' },
  key: ['account', 'productGroup', 'period'],
  columns: [
    ACCOUNT,
    col('productGroup', 'text', false, 'Product group', 'Produktgrupp', 20, [
      'Category',
      'Kategori',
    ]),
    col('period', 'text', false, 'Period', 'Period', 22, ['Year', 'År']),
    col('wallet', 'number', true, 'Estimated total spend', 'Uppskattad total köpvolym', 22, [
      'Wallet',
      'Total spend',
      'Estimated spend',
      'Plånbok',
      'Total köpvolym',
      'Köpvolym',
    ]),
  ],
};

export const LADDER: CompanionSchema = {
  kind: 'ladder',
  sheet: { en: 'Escalation ladder', sv: 'Eskaleringstrappa' },
  key: ['level'],
  columns: [
    col('level', 'number', true, 'Level', 'Nivå', 8, ['Level number', 'Nivånummer', 'Steg']),
    col('title', 'text', false, 'Title', 'Titel', 26, ['Position', 'Befattning']),
    col('person', 'text', true, 'Person', 'Person', 24, ['Name', 'Namn']),
  ],
};

export const PLANS: CompanionSchema = {
  kind: 'plans',
  sheet: { en: 'Account plans', sv: 'Kundplaner' },
  key: ['account'],
  columns: [
    ACCOUNT,
    col('owner', 'text', false, 'Owner', 'Ansvarig', 20, [
      'Account manager',
      'Key account manager',
      'Kundansvarig',
    ]),
    col('deputy', 'text', false, 'Deputy', 'Ersättare', 20, ['Backup', 'Stand-in']),
    col(
      'roleToday',
      'role',
      false,
      'Role today',
      'Roll idag',
      24,
      ['Current role', 'Roll nu'],
      ROLES,
    ),
    col(
      'roleTarget',
      'role',
      false,
      'Role target in 12 months',
      'Målroll om 12 månader',
      24,
      ['Role in 12 months', 'Target role', 'Målroll', 'Roll om 12 månader'],
      ROLES,
    ),
    col('nextReview', 'date', false, 'Next review', 'Nästa uppföljning', 14, ['Review date']),
    col('notes', 'text', false, 'Notes', 'Anteckningar', 40, ['Comments', 'Kommentarer']),
  ],
};

/**
 * The Signals log (SPEC §2): signs of dissatisfaction and when they were acted on. Not one of
 * `COMPANIONS`: its sheet is built with a settings block and live status formulas
 * (reports/signals-sheet.ts) and read by companions/signals-reader.ts. Hours left and status are
 * formulas of the sheet; reading ignores them and recomputes them in the core.
 */
export const SIGNALS: CompanionSchema = {
  kind: 'signals',
  sheet: { en: 'Signals', sv: 'Signaler' },
  key: [],
  columns: [
    col('raisedAt', 'datetime', true, 'Raised at', 'Inkom', 17, [
      'Raised',
      'Date',
      'Time',
      'Datum',
      'Tid',
      'Rapporterad',
    ]),
    ACCOUNT,
    col(
      'type',
      'list',
      false,
      'Type',
      'Typ',
      18,
      ['Signal', 'Signal type', 'Signaltyp'],
      SIGNAL_TYPES,
    ),
    col('description', 'text', false, 'Description', 'Beskrivning', 40, ['What', 'Vad']),
    col('raisedBy', 'text', false, 'Raised by', 'Rapporterad av', 18, ['Reported by', 'Av']),
    col('escalatedTo', 'text', false, 'Escalated to', 'Eskalerad till', 18, ['Escalated']),
    col('escalatedAt', 'datetime', false, 'Escalated at', 'Eskalerad', 17, ['Eskalerad kl']),
    col('actedAt', 'datetime', false, 'Acted at', 'Åtgärdad', 17, [
      'Acted',
      'Action taken at',
      'Åtgärdad kl',
    ]),
    col('action', 'text', false, 'Action', 'Åtgärd', 36, ['Action taken', 'Vidtagen åtgärd']),
  ],
};

/** Every companion sheet, in the order templates are created. */
export const COMPANIONS: readonly CompanionSchema[] = [STAKEHOLDERS, WALLET, LADDER, PLANS];

/** The names of every companion sheet in every language (never read as sales data). */
export const COMPANION_SHEETS: ReadonlySet<string> = new Set(
  [...COMPANIONS, SIGNALS].flatMap((c) => [c.sheet.en, c.sheet.sv]),
);
