/**
 * One line in plain words for each sheet job of the pane (Prepare negotiation, Portfolio risk,
 * KPI trends, Create templates, Log signal), in English and Swedish, from the jobs' JSON figures. Pure: the
 * Excel pane, the preview and the Sheets server all say the same thing.
 */
import type { PrepJson } from '../shared/reports/prep-build';
import type { RiskJson } from '../shared/reports/risk-build';
import type { TrendsJson } from '../shared/reports/trends-build';
import { labels } from '../shared/reports/labels';
import type { PaneLanguage } from './host';

const locale = (lang: PaneLanguage) => (lang === 'sv' ? 'sv-SE' : 'en-US');
const money = (x: number, lang: PaneLanguage) => Math.round(x).toLocaleString(locale(lang));
const pct = (x: number, lang: PaneLanguage) =>
  `${(x * 100).toLocaleString(locale(lang), { maximumFractionDigits: 0 })}${lang === 'sv' ? ' %' : '%'}`;

/**
 * The negotiation prep in one line.
 *
 * @example
 * prepSummary(result.json, 'en')
 * // 'Acme AB: revenue 1,234,567 (rank 1), margin 24%, transparency exposure 12,345, gross profit left without it 2,345,678.'
 */
export function prepSummary(json: PrepJson, lang: PaneLanguage): string {
  const k = json.keyFigures;
  const sv = lang === 'sv';
  const parts = [
    `${json.account}: ${sv ? 'försäljning' : 'revenue'} ${money(k.revenue, lang)}` +
      (k.rank !== null ? ` (${sv ? 'plats' : 'rank'} ${k.rank})` : ''),
  ];
  if (k.margin !== null) parts.push(`${sv ? 'marginal' : 'margin'} ${pct(k.margin, lang)}`);
  if (json.exposure)
    parts.push(
      `${sv ? 'transparensrisk' : 'transparency exposure'} ${money(json.exposure.account, lang)}`,
    );
  if (json.walkAway)
    parts.push(
      `${sv ? 'bruttovinst kvar utan kunden' : 'gross profit left without it'} ${money(json.walkAway.profitLeft, lang)}`,
    );
  const masked = json.shareable
    ? sv
      ? ' Andra kunders namn är maskerade.'
      : " Other customers' names are masked."
    : '';
  return `${parts.join(', ')}.${masked}`;
}

/**
 * The portfolio risk in one line.
 *
 * @example
 * riskSummary(result.json, 'en') // 'HHI 512 (low), 2 dependencies, 3 loss-making accounts, transparency exposure 45,678.'
 */
export function riskSummary(json: RiskJson, lang: PaneLanguage): string {
  const sv = lang === 'sv';
  const band = labels(lang).bands[json.portfolio.hhiBand];
  const deps = json.dependencies.length;
  const losses = json.lossMaking.length;
  const parts = [
    `HHI ${Math.round(json.portfolio.hhi)} (${band})`,
    sv
      ? `${deps} ${deps === 1 ? 'beroende' : 'beroenden'}`
      : `${deps} ${deps === 1 ? 'dependency' : 'dependencies'}`,
    sv
      ? `${losses} ${losses === 1 ? 'olönsam kund' : 'olönsamma kunder'}`
      : `${losses} loss-making ${losses === 1 ? 'account' : 'accounts'}`,
  ];
  if (json.exposure)
    parts.push(
      `${sv ? 'transparensrisk' : 'transparency exposure'} ${money(json.exposure.total, lang)}`,
    );
  if (json.keyPersonRisk && json.keyPersonRisk.length > 0) {
    const n = json.keyPersonRisk.length;
    parts.push(
      sv
        ? `nyckelpersonsrisk hos ${n} ${n === 1 ? 'kund' : 'kunder'}`
        : `key-person risk at ${n} ${n === 1 ? 'account' : 'accounts'}`,
    );
  }
  return `${parts.join(', ')}.`;
}

const MONTHS = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  sv: ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
} as const;

/** A trend bucket's label in words: '2025-11' → 'Nov 2025' / 'nov 2025'; '2026-Q1' → 'Q1 2026'. */
function bucketWords(label: string, lang: PaneLanguage): string {
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (month) return `${MONTHS[lang][Number(month[2]) - 1] ?? month[2]} ${month[1]}`;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(label);
  return quarter ? `Q${quarter[2]} ${quarter[1]}` : label;
}

/** Revenue in a line: millions with one decimal ('12.3 M', '12,3 mn'), else whole units. */
function revenueWords(x: number, lang: PaneLanguage): string {
  if (Math.abs(x) < 1_000_000) return money(x, lang);
  const m = (x / 1_000_000).toLocaleString(locale(lang), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return `${m} ${lang === 'sv' ? 'mn' : 'M'}`;
}

/**
 * The KPI trends in one line: which accounts, by month or quarter, the periods covered, the
 * revenue of the whole span and — given the same periods' revenue a year earlier
 * (`previousRevenue`, the trends' totals) — the growth.
 *
 * @example
 * trendsSummary(result.json, 'en', 11_800_000)
 * // 'KPI trends of the Top 20 by month, Nov 2025 – Oct 2026: revenue 12.3 M, growth +4%.'
 */
export function trendsSummary(
  json: TrendsJson,
  lang: PaneLanguage,
  previousRevenue?: number | null,
): string {
  const sv = lang === 'sv';
  const n = json.accounts.length;
  const L = labels(lang).trends;
  const by = json.grain === 'quarter' ? L.byQuarter : L.byMonth;
  const first = json.periods[0];
  const last = json.periods[json.periods.length - 1];
  const span =
    first === undefined || last === undefined
      ? ''
      : first === last
        ? `, ${bucketWords(first.label, lang)}`
        : `, ${bucketWords(first.label, lang)} – ${bucketWords(last.label, lang)}`;
  const head = sv
    ? `KPI-trender för topp ${n} ${by}${span}`
    : `KPI trends of the Top ${n} ${by}${span}`;
  if (n === 0)
    return sv ? `${head}: ingen försäljning under perioden.` : `${head}: no sales in the period.`;
  const revenue = json.totals.revenue.reduce((a, b) => a + b, 0);
  const parts = [`${sv ? 'försäljning' : 'revenue'} ${revenueWords(revenue, lang)}`];
  if (previousRevenue !== undefined && previousRevenue !== null && previousRevenue > 0) {
    const g = Math.round((revenue / previousRevenue - 1) * 100) / 100 || 0; // no "-0%"
    parts.push(`${sv ? 'tillväxt' : 'growth'} ${g > 0 ? '+' : ''}${pct(g, lang)}`);
  }
  return `${head}: ${parts.join(', ')}.`;
}

/**
 * What Create templates did.
 *
 * @example
 * templatesSummary(['Stakeholders', 'Wallet'], 'en') // 'Added Stakeholders, Wallet: fill them in, then prepare the negotiation.'
 */
export function templatesSummary(added: readonly string[], lang: PaneLanguage): string {
  if (lang === 'sv') {
    return added.length > 0
      ? `Lade till ${added.join(', ')}: fyll i dem och förbered sedan förhandlingen.`
      : 'Alla kompletterande blad finns redan; inget lades till.';
  }
  return added.length > 0
    ? `Added ${added.join(', ')}: fill them in, then prepare the negotiation.`
    : 'Every companion sheet is already there; nothing added.';
}

/** What logging a signal did, for its one line. */
export interface SignalLogged {
  readonly account: string;
  /** ISO wall-clock text to the minute. */
  readonly raisedAt: string;
  readonly sheet: string;
  /** The 1-based row it was appended at. */
  readonly row: number;
  /** True when the Signals sheet was created first. */
  readonly created: boolean;
}

/**
 * A logged signal in one line.
 *
 * @example
 * signalSummary({ account: 'Acme AB', raisedAt: '2026-11-27 09:00', sheet: 'Signals', row: 7, created: false }, 'en')
 * // 'Signal for Acme AB logged at 2026-11-27 09:00 (Signals, row 7).'
 */
export function signalSummary(logged: SignalLogged, lang: PaneLanguage): string {
  const { account, raisedAt, sheet, row, created } = logged;
  if (lang === 'sv') {
    return (
      `Signal för ${account} loggad ${raisedAt} (${sheet}, rad ${row}).` +
      (created ? ` Bladet ${sheet} skapades.` : '')
    );
  }
  return (
    `Signal for ${account} logged at ${raisedAt} (${sheet}, row ${row}).` +
    (created ? ` The ${sheet} sheet was created.` : '')
  );
}
