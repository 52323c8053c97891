/**
 * Every word the task pane shows, in English and Swedish: one object per language with the same
 * keys (the type makes a missing key a compile error; a test checks it too). Sheet words reuse
 * shared/reports/labels.ts where they fit, so the pane and the sheets say the same thing.
 */
import { SIGNALS } from '../shared/companions/schema';
import { labels } from '../shared/reports/labels';
import type { SalesField } from '../shared/sales-table';
import type { PaneLanguage } from './host';

const enSheet = labels('en');
const svSheet = labels('sv');
/** The Signals sheet's column headers, by field, in a language. */
const signalHeader = (field: string, lang: 'en' | 'sv'): string =>
  SIGNALS.columns.find((c) => c.field === field)?.header[lang] ?? field;

const en = {
  appTitle: 'KAM Toolkit',
  loading: 'Looking for the sales table…',
  sourceTitle: 'Sales data',
  sourceSheet: 'Sheet',
  sourceHeaderRow: (row: number) => `Headers in row ${row}`,
  noSources:
    'No sales table was found. Add a sheet whose first rows hold headers such as "Customer" and "Net sales", then reload the pane.',
  columnsTitle: 'Columns',
  columnsSummary: (found: number, all: number) => `${found} of ${all} columns recognised`,
  columnsMissing: (fields: string) => `Choose the column for: ${fields}`,
  required: 'required',
  none: '— none —',
  noneHint: 'Columns left at "— none —" are not read, even when their header would match.',
  fields: {
    date: 'Invoice date',
    account: enSheet.account,
    accountId: 'Account ID',
    subUnit: 'Sub-unit (site, region)',
    product: 'Product',
    productGroup: 'Product group',
    quantity: 'Quantity',
    revenue: enSheet.revenue,
    cost: 'Cost',
    grossProfit: enSheet.grossProfit,
    discount: 'Discount',
    listPrice: 'List price',
    costToServe: 'Cost to serve',
    owner: enSheet.owner,
  } satisfies Record<SalesField, string>,
  periodTitle: enSheet.period,
  periodR12: 'Rolling 12 months',
  periodYtd: 'Year to date',
  periodYear: 'Calendar year',
  periodCustom: 'Custom range',
  periodAll: 'All data',
  periodFrom: 'From',
  periodTo: 'To',
  periodYearLabel: 'Year',
  periodInvalid: 'Enter both dates; the range must not end before it starts.',
  build: 'Build Top 20',
  building: 'Building…',
  phaseReading: (read: string, total: string | null) =>
    total === null ? `Reading rows… ${read}` : `Reading rows… ${read} of ${total}`,
  phaseAnalysing: 'Analysing the accounts…',
  phaseWriting: 'Writing the sheets…',
  phaseDone: 'Done',
  resultTitle: 'Result',
  openTop20: (sheet: string) => `Open the ${sheet} sheet`,
  issuesLink: (n: number) => (n === 1 ? '1 data issue' : `${n} data issues`),
  noIssues: 'No data issues',
  failedTitle: 'The Top 20 was not built',
  warningTitle: 'Please check the data',
  unexpected:
    'Something went wrong in the pane. Nothing in the workbook was changed; try again, or reload the pane.',
  negotiationTitle: 'Negotiation and risk',
  accountLabel: 'Account',
  accountPlaceholder: 'Type to search the accounts',
  accountsLoading: 'Loading the accounts…',
  accountsTop: (n: number) => `Top ${n} of the period`,
  accountsRest: 'Other accounts',
  accountsMore: (n: number) => `${n} more: type to narrow the list`,
  accountsNone: 'No account matches',
  accountDetail: (rank: string | null, revenue: string) =>
    rank === null ? `no sales in the period` : `#${rank} · ${revenue}`,
  shareable: "Shareable: mask other customers' names",
  shareableHint:
    'For a version you can send outside: price evidence shows "Customer B", not names.',
  prepare: 'Prepare negotiation',
  risk: 'Portfolio risk',
  trends: enSheet.trends.sheet,
  trendsGrain: 'KPI trends by',
  trendsByMonth: 'Month',
  trendsByQuarter: 'Quarter',
  templates: 'Create templates',
  templatesHint:
    'Adds empty Stakeholders, Wallet, Escalation ladder and Account plans sheets with drop-down lists; the negotiation prep reads them.',
  jobRunning: {
    prep: 'Reading the sales and companion sheets, then writing the prep…',
    risk: 'Reading the sales data, then writing the portfolio risk…',
    trends: 'Reading the sales data, then writing the KPI trends…',
    templates: 'Adding the sheets…',
  },
  jobFailed: {
    prep: 'The negotiation prep was not built',
    risk: 'The portfolio risk was not built',
    trends: 'The KPI trends were not built',
    templates: 'The templates were not added',
  },
  openSheet: (sheet: string) => `Open ${sheet}`,
  needChoice: 'Choose the sales sheet and its columns above first.',
  signalsTitle: 'Signals',
  signalsLoading: 'Reading the Signals sheet…',
  signalsNone: 'None open: no signal is waiting for action.',
  signalsCount: (open: number, overdue: number) =>
    overdue > 0 ? `${open} open, ${overdue} overdue` : `${open} open`,
  signalsReadFailed: 'The signals could not be read',
  signalHoursLeft: (hours: string) => `${hours} h left`,
  signalOverdueBy: (hours: string) => `overdue by ${hours} h`,
  signalRaised: (at: string, by: string) => (by === '' ? `Raised ${at}` : `Raised ${at} by ${by}`),
  signalEscalated: (to: string) => `escalated to ${to}`,
  signalFormTitle: 'Log a signal',
  signalFormOpen: 'Log a signal…',
  signalAccountPlaceholder: 'Type or pick the account',
  signalType: signalHeader('type', 'en'),
  signalTypePlaceholder: 'Choose the type',
  signalDescription: signalHeader('description', 'en'),
  signalRaisedBy: signalHeader('raisedBy', 'en'),
  signalEscalatedTo: signalHeader('escalatedTo', 'en'),
  signalHint:
    'Signs of dissatisfaction go to top management and are acted on within 24 hours. The signal is added as a new row of the Signals sheet, stamped with the current time; no other row is touched.',
  logSignal: 'Log signal',
  loggingSignal: 'Logging the signal…',
  signalLogFailed: 'The signal was not logged',
  previewTitle: 'Preview workbook',
  previewIntro:
    'This is the in-browser preview: the pane runs on a sample sales sheet instead of Excel.',
  previewEmpty: 'Build the Top 20 to see the sheets here.',
  previewRowsCut: (shown: number, all: number) => `Showing the first ${shown} of ${all} rows.`,
  download: 'Download .xlsx',
  downloading: 'Preparing the workbook…',
  downloadHint:
    'The sample sheet and the built sheets as an Excel workbook. Charts are left out of the preview download; the add-in and `kam top20` write them.',
  downloadFailed: 'The workbook could not be prepared for download.',
};

export type Strings = typeof en;

const sv: Strings = {
  appTitle: 'KAM Toolkit',
  loading: 'Letar efter försäljningstabellen…',
  sourceTitle: 'Försäljningsdata',
  sourceSheet: 'Blad',
  sourceHeaderRow: (row) => `Rubriker på rad ${row}`,
  noSources:
    'Ingen försäljningstabell hittades. Lägg till ett blad vars första rader har rubriker som "Kund" och "Försäljning" och ladda om fönstret.',
  columnsTitle: 'Kolumner',
  columnsSummary: (found, all) => `${found} av ${all} kolumner igenkända`,
  columnsMissing: (fields) => `Välj kolumn för: ${fields}`,
  required: 'krävs',
  none: '— ingen —',
  noneHint: 'Kolumner som står på "— ingen —" läses inte, även om rubriken skulle passa.',
  fields: {
    date: 'Fakturadatum',
    account: svSheet.account,
    accountId: 'Kundnummer',
    subUnit: 'Delenhet (anläggning, region)',
    product: 'Produkt',
    productGroup: 'Produktgrupp',
    quantity: 'Antal',
    revenue: svSheet.revenue,
    cost: 'Kostnad',
    grossProfit: svSheet.grossProfit,
    discount: 'Rabatt',
    listPrice: 'Listpris',
    costToServe: 'Kostnad att betjäna',
    owner: svSheet.owner,
  },
  periodTitle: svSheet.period,
  periodR12: 'Rullande 12 månader',
  periodYtd: 'Hittills i år',
  periodYear: 'Kalenderår',
  periodCustom: 'Valfritt intervall',
  periodAll: 'All data',
  periodFrom: 'Från',
  periodTo: 'Till',
  periodYearLabel: 'År',
  periodInvalid: 'Fyll i båda datumen; intervallet får inte sluta innan det börjar.',
  build: 'Bygg topp 20',
  building: 'Bygger…',
  phaseReading: (read, total) =>
    total === null ? `Läser rader… ${read}` : `Läser rader… ${read} av ${total}`,
  phaseAnalysing: 'Analyserar kunderna…',
  phaseWriting: 'Skriver bladen…',
  phaseDone: 'Klart',
  resultTitle: 'Resultat',
  openTop20: (sheet) => `Öppna bladet ${sheet}`,
  issuesLink: (n) => (n === 1 ? '1 dataproblem' : `${n} dataproblem`),
  noIssues: 'Inga dataproblem',
  failedTitle: 'Topp 20 byggdes inte',
  warningTitle: 'Kontrollera data',
  unexpected:
    'Något gick fel i fönstret. Inget i arbetsboken har ändrats; försök igen eller ladda om fönstret.',
  negotiationTitle: 'Förhandling och risk',
  accountLabel: 'Kund',
  accountPlaceholder: 'Skriv för att söka bland kunderna',
  accountsLoading: 'Hämtar kunderna…',
  accountsTop: (n) => `Topp ${n} för perioden`,
  accountsRest: 'Övriga kunder',
  accountsMore: (n) => `${n} till: skriv för att begränsa listan`,
  accountsNone: 'Ingen kund passar',
  accountDetail: (rank, revenue) =>
    rank === null ? 'ingen försäljning under perioden' : `nr ${rank} · ${revenue}`,
  shareable: 'Delbar: maskera andra kunders namn',
  shareableHint:
    'För en version som kan skickas utanför företaget: prisunderlaget visar "Kund B", inte namn.',
  prepare: 'Förbered förhandling',
  risk: 'Portföljrisk',
  trends: svSheet.trends.sheet,
  trendsGrain: 'KPI-trender per',
  trendsByMonth: 'Månad',
  trendsByQuarter: 'Kvartal',
  templates: 'Skapa mallar',
  templatesHint:
    'Lägger till tomma blad för intressenter, plånbok, eskaleringstrappa och kundplaner med listrutor; förhandlingsunderlaget läser dem.',
  jobRunning: {
    prep: 'Läser försäljningen och de kompletterande bladen och skriver underlaget…',
    risk: 'Läser försäljningen och skriver portföljrisken…',
    trends: 'Läser försäljningen och skriver KPI-trenderna…',
    templates: 'Lägger till bladen…',
  },
  jobFailed: {
    prep: 'Förhandlingsunderlaget byggdes inte',
    risk: 'Portföljrisken byggdes inte',
    trends: 'KPI-trenderna byggdes inte',
    templates: 'Mallarna lades inte till',
  },
  openSheet: (sheet) => `Öppna ${sheet}`,
  needChoice: 'Välj först försäljningsbladet och dess kolumner ovan.',
  signalsTitle: 'Signaler',
  signalsLoading: 'Läser bladet Signaler…',
  signalsNone: 'Inga öppna: ingen signal väntar på åtgärd.',
  signalsCount: (open, overdue) =>
    overdue > 0 ? `${open} öppna, ${overdue} försenade` : `${open} öppna`,
  signalsReadFailed: 'Signalerna kunde inte läsas',
  signalHoursLeft: (hours) => `${hours} h kvar`,
  signalOverdueBy: (hours) => `försenad ${hours} h`,
  signalRaised: (at, by) => (by === '' ? `Inkom ${at}` : `Inkom ${at} från ${by}`),
  signalEscalated: (to) => `eskalerad till ${to}`,
  signalFormTitle: 'Logga en signal',
  signalFormOpen: 'Logga en signal…',
  signalAccountPlaceholder: 'Skriv eller välj kunden',
  signalType: signalHeader('type', 'sv'),
  signalTypePlaceholder: 'Välj typ',
  signalDescription: signalHeader('description', 'sv'),
  signalRaisedBy: signalHeader('raisedBy', 'sv'),
  signalEscalatedTo: signalHeader('escalatedTo', 'sv'),
  signalHint:
    'Tecken på missnöje når högsta ledningen och åtgärdas inom 24 timmar. Signalen läggs till som en ny rad på bladet Signaler med aktuell tid; ingen annan rad ändras.',
  logSignal: 'Logga signal',
  loggingSignal: 'Loggar signalen…',
  signalLogFailed: 'Signalen loggades inte',
  previewTitle: 'Förhandsgranskning',
  previewIntro:
    'Det här är förhandsgranskningen i webbläsaren: fönstret körs mot ett exempelblad med försäljning i stället för Excel.',
  previewEmpty: 'Bygg topp 20 för att se bladen här.',
  previewRowsCut: (shown, all) => `Visar de första ${shown} av ${all} raderna.`,
  download: 'Ladda ner .xlsx',
  downloading: 'Förbereder arbetsboken…',
  downloadHint:
    'Exempelbladet och de byggda bladen som en Excel-arbetsbok. Diagrammen ingår inte i förhandsgranskningens nedladdning; tillägget och `kam top20` skriver dem.',
  downloadFailed: 'Arbetsboken kunde inte förberedas för nedladdning.',
};

/** Both languages (for tests that check every key). */
export const STRINGS: Readonly<Record<PaneLanguage, Strings>> = { en, sv };

/**
 * The pane's words in a language.
 *
 * @example
 * strings('sv').build // 'Bygg topp 20'
 */
export function strings(language: PaneLanguage): Strings {
  return STRINGS[language];
}

/**
 * A count as the language writes it (12,000 / 12 000).
 *
 * @example
 * formatCount(12000, 'en') // '12,000'
 */
export function formatCount(n: number, language: PaneLanguage): string {
  return n.toLocaleString(language === 'sv' ? 'sv-SE' : 'en-US');
}
