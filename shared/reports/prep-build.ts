/**
 * Prepare negotiation: the whole job every host runs for one account — read the sales table and
 * the companion sheets, analyse (SPEC §3: price bands, exposure, discounts, sub-units, walk-away,
 * PVM, white space, share of wallet, coverage, escalation), write the "Negotiation prep — ⟨account⟩"
 * and Data issues sheets. Hosts only supply a Workbook.
 */
import type { HeaderOverride } from '../ingest/headers';
import { accountPvm, type AccountPvm } from '../analysis/account-pvm';
import { keyPersonRisk, contactNames, type KeyPersonRisk } from '../analysis/coverage';
import { discountComparison, type DiscountComparison } from '../analysis/discounts';
import { escalationCheck, type EscalationCheck } from '../analysis/escalation';
import type { ExposureEvidence } from '../analysis/exposure';
import { dataSpan, resolvePeriodsForSpan } from '../analysis/periods';
import {
  accountPricePositions,
  currentRange,
  periodExposure,
  productPriceBands,
  rowFilter,
  type PricePosition,
} from '../analysis/price-bands';
import { subUnitBreakdown, type SubUnitRow } from '../analysis/sub-units';
import type {
  AccountRow,
  AnalysisSettings,
  DayRange,
  PeriodChoice,
  ResolvedPeriods,
  Top20Analysis,
} from '../analysis/types';
import { walkAwayProfit } from '../analysis/walk-away';
import { shareOfWallet } from '../analysis/wallet';
import { whiteSpace, type WhiteSpace } from '../analysis/white-space';
import { isoDay } from '../analysis/calendar';
import {
  accountLookup,
  type AccountPlanRow,
  type CompanionData,
  type StakeholderRow,
} from '../companions/readers';
import { textKey } from '../ingest/accounts';
import type { IngestResult, RowIssue, SalesTable } from '../sales-table';
import { UserError } from '../user-error';
import { readAllRows, type Workbook } from '../workbook';
import { ALL_LABELS, labels, type Lang } from './labels';
import {
  buildNegotiationPrepSheet,
  customerNamer,
  prepSheetName,
  readPrepNotes,
  type KeptGiveGet,
} from './negotiation-prep-sheet';
import { MAX_SHEET_NAME, safeSheetName } from './sheet-names';
import type { SourceInfo } from './sheet-header';
import { analyseSales, writeWithDataIssues } from './top20-build';

export interface PrepBuildOptions {
  /** The account: its name (case and spacing ignored), its id, or a unique part of its name. */
  readonly account: string;
  /** Mask other customers' names ("Customer B") for a version shared outside. */
  readonly shareable?: boolean;
  /** The sheet holding the sales table; default: the first sheet that looks like one. */
  readonly sheet?: string;
  readonly period?: PeriodChoice;
  readonly lang?: Lang;
  readonly mapping?: HeaderOverride;
  readonly settings?: Partial<AnalysisSettings>;
  /** Fixed costs for the walk-away test (default 0). */
  readonly fixedCosts?: number;
  readonly now?: Date;
  /** When false, analyse only (for `--json` without an output file). Default true. */
  readonly write?: boolean;
}

/** A decision maker at the account with their coverage. */
export interface CoverageRow {
  readonly stakeholder: StakeholderRow;
  /** Our distinct people who know them. */
  readonly contacts: readonly string[];
  readonly coverage: number;
  /** Coverage ≤ 1. */
  readonly atRisk: boolean;
}

/** One Wallet row of the account with our revenue against it. */
export interface WalletShare {
  readonly row: number;
  readonly productGroup: string | null;
  readonly periodText: string;
  /** The days our revenue is summed over. */
  readonly range: DayRange | null;
  readonly wallet: number;
  /** null when a product group is given but the sales data has no product group column. */
  readonly ourRevenue: number | null;
  readonly share: number | null;
}

/** Everything the negotiation prep sheet shows for one account. */
export interface NegotiationPrep {
  readonly code: number;
  readonly account: string;
  readonly accountId: string | null;
  readonly periods: ResolvedPeriods;
  /** The account's Top 20 row (rank, revenue, share, margin, growth…); null when it has no sales in the current period. */
  readonly row: AccountRow | null;
  readonly totals: Top20Analysis['totals'];
  readonly portfolioMargin: number | null;
  readonly products: number;
  readonly subUnits: readonly SubUnitRow[] | null;
  readonly prices: readonly PricePosition[] | null;
  readonly exposure: {
    readonly total: number;
    readonly account: number;
    /** Accounts with exposure > 0, largest first. */
    readonly perAccount: readonly { readonly code: number; readonly exposure: number }[];
    /** The account's evidence rows, largest first. */
    readonly evidence: readonly ExposureEvidence[];
  } | null;
  readonly discounts: DiscountComparison | null;
  readonly walkAway: {
    readonly totalProfit: number;
    readonly accountProfit: number;
    readonly fixedCosts: number;
    readonly profitLeft: number;
  } | null;
  readonly pvm: AccountPvm;
  readonly whiteSpace: WhiteSpace | null;
  /** Number of peers white space compares with. */
  readonly peers: number;
  readonly wallet: readonly WalletShare[];
  /** null when the workbook has no Stakeholders sheet. */
  readonly stakeholders: readonly CoverageRow[] | null;
  readonly keyPersonRisk: KeyPersonRisk | null;
  readonly escalation: EscalationCheck;
  readonly plan: AccountPlanRow | null;
}

export interface PrepBuildResult {
  readonly ingest: IngestResult;
  readonly source: SourceInfo;
  readonly companions: CompanionData;
  /** Every row on the Data issues sheet (sales, companion sheets, Signals log). */
  readonly issues: readonly RowIssue[];
  readonly prep: NegotiationPrep;
  readonly json: PrepJson;
  readonly written: readonly string[];
}

/**
 * The account code of a name, id or unique part of a name; a UserError naming candidates else.
 *
 * @example
 * findAccount(table, 'acme  ab') // the code of 'Acme AB'
 */
export function findAccount(table: SalesTable, text: string): number {
  const exact = accountLookup(table)(text);
  if (exact !== null) return exact;
  const key = textKey(text);
  const names = table.account.values;
  const partial = names.flatMap((n, code) =>
    key !== '' && textKey(n).includes(key) ? [code] : [],
  );
  if (partial.length === 1) return partial[0];
  const shown = (partial.length > 0 ? partial.map((c) => names[c]) : []).slice(0, 10);
  throw new UserError(
    partial.length > 1
      ? `"${text}" matches ${partial.length} accounts: ${shown.join(', ')}${partial.length > 10 ? ', …' : ''}. Give the full name.`
      : `There is no account "${text}" in the sales data (${names.length} accounts).`,
  );
}

/**
 * Analyses one account for the negotiation prep (pure: no workbook).
 *
 * @example
 * const top = analyseTop20(table);
 * const prep = analyseNegotiation(table, top, companions, findAccount(table, 'Acme AB'));
 * prep.exposure?.account; prep.pvm; prep.escalation.warning
 */
export function analyseNegotiation(
  table: SalesTable,
  analysis: Top20Analysis,
  companions: Pick<CompanionData, 'stakeholders' | 'wallet' | 'ladder' | 'plans' | 'sheets'>,
  code: number,
  options: { fixedCosts?: number } = {},
): NegotiationPrep {
  const periods = analysis.periods;
  const range = currentRange(periods);
  const row = analysis.ranked.find((r) => r.code === code) ?? null;
  const peerCodes = analysis.top.map((r) => r.code).filter((c) => c !== code);

  const bands = productPriceBands(table, range);
  const exposureAll = periodExposure(table, range);
  let exposure: NegotiationPrep['exposure'] = null;
  if (exposureAll !== null) {
    const at = exposureAll.accounts.indexOf(code);
    const perAccount = Array.from(exposureAll.accounts, (c, i) => ({
      code: c,
      exposure: exposureAll.exposure[i],
    }))
      .filter((e) => e.exposure > 0)
      .sort((x, y) => y.exposure - x.exposure || x.code - y.code);
    exposure = {
      total: exposureAll.total,
      account: at >= 0 ? exposureAll.exposure[at] : 0,
      perAccount,
      evidence: exposureAll.evidence.filter((e) => e.account === code),
    };
  }

  const products = new Set<number>();
  if (table.product) {
    const inRange = rowFilter(table, range);
    for (let i = 0; i < table.length; i++) {
      if (table.account.codes[i] === code && table.product.codes[i] >= 0 && inRange(i))
        products.add(table.product.codes[i]);
    }
  }

  const totalProfit = analysis.totals.grossProfit;
  const fixedCosts = options.fixedCosts ?? 0;
  const accountProfit = row?.grossProfit ?? 0;
  const walkAway =
    totalProfit === null
      ? null
      : {
          totalProfit,
          accountProfit,
          fixedCosts,
          profitLeft: walkAwayProfit(totalProfit, accountProfit, fixedCosts),
        };

  const span = dataSpan(table);
  const wallet: WalletShare[] = companions.wallet
    .filter((w) => w.accountCode === code)
    .map((w) => {
      let r: DayRange | null = range;
      if (w.period !== null) {
        try {
          r = resolvePeriodsForSpan(span, w.period).current;
        } catch (e) {
          if (!(e instanceof UserError)) throw e;
          r = w.period.kind === 'custom' ? { from: w.period.from, to: w.period.to } : range;
        }
        if (r !== null && !Number.isFinite(r.from)) r = null;
      }
      const ours = accountRevenue(table, code, r, w.productGroup);
      return {
        row: w.row,
        productGroup: w.productGroup,
        periodText: w.periodText,
        range: r,
        wallet: w.wallet,
        ourRevenue: ours,
        share: ours === null ? null : shareOfWallet(ours, w.wallet),
      };
    });

  const mine = companions.stakeholders.filter((s) => s.accountCode === code);
  const stakeholders =
    companions.sheets.stakeholders === undefined
      ? null
      : mine.map((s) => {
          const contacts = contactNames(s.ourContacts);
          return {
            stakeholder: s,
            contacts,
            coverage: contacts.length,
            atRisk: contacts.length <= 1,
          };
        });
  const risk = keyPersonRisk(
    mine.map((s) => ({
      account: table.account.values[code],
      name: s.name,
      influence: s.influence,
      ourContacts: s.ourContacts,
    })),
  );

  const plan = companions.plans.find((p) => p.accountCode === code) ?? null;
  const negotiator = (plan?.owner || row?.owner) ?? null;

  return {
    code,
    account: table.account.values[code],
    accountId: table.accountIds ? (table.accountIds[code] ?? null) : null,
    periods,
    row,
    totals: analysis.totals,
    portfolioMargin: analysis.portfolio.margin,
    products: products.size,
    subUnits: subUnitBreakdown(table, periods, code),
    prices: bands === null ? null : accountPricePositions(bands, code),
    exposure,
    discounts: discountComparison(table, range, code),
    walkAway,
    pvm: accountPvm(table, periods, code),
    whiteSpace: whiteSpace(table, range, code, peerCodes),
    peers: peerCodes.length,
    wallet,
    stakeholders,
    keyPersonRisk: risk[0] ?? null,
    escalation: escalationCheck(companions.ladder, negotiator || null),
    plan,
  };
}

/** The account's revenue in a range (null = every row), optionally of one product group. */
function accountRevenue(
  table: SalesTable,
  code: number,
  range: DayRange | null,
  group: string | null,
): number | null {
  let groupCodes: Set<number> | null = null;
  if (group !== null) {
    if (table.productGroup === null) return null;
    const key = textKey(group);
    groupCodes = new Set(
      table.productGroup.values.flatMap((v, c) => (textKey(v) === key ? [c] : [])),
    );
  }
  const inRange = rowFilter(table, range);
  let sum = 0;
  for (let i = 0; i < table.length; i++) {
    if (table.account.codes[i] !== code || !inRange(i)) continue;
    if (groupCodes !== null && !groupCodes.has(table.productGroup!.codes[i])) continue;
    const r = table.revenue[i];
    if (Number.isFinite(r)) sum += r;
  }
  return sum;
}

/** The `kam prep --json` contract: money unrounded, shares and margins as fractions. */
export interface PrepJson {
  readonly account: string;
  readonly accountId: string | null;
  readonly shareable: boolean;
  readonly period: { from: string; to: string } | null;
  readonly comparison: { from: string; to: string } | null;
  readonly input: { rowsRead: number; rowsUsed: number; rowsRejected: number };
  readonly keyFigures: {
    rank: number | null;
    revenue: number;
    share: number;
    grossProfit: number | null;
    margin: number | null;
    previousRevenue: number | null;
    growth: number | null;
    products: number;
    owner: string | null;
  };
  readonly walkAway: (NonNullable<NegotiationPrep['walkAway']> & { lossMaking: boolean }) | null;
  readonly subUnits: readonly SubUnitRow[] | null;
  readonly prices:
    | readonly {
        product: string;
        price: number;
        quantity: number;
        min: number;
        median: number;
        max: number;
        spread: number | null;
        percentile: number;
        buyers: number;
      }[]
    | null;
  readonly exposure: {
    total: number;
    account: number;
    perAccount: readonly { account: string; exposure: number }[];
    evidence: readonly {
      product: string;
      price: number;
      quantity: number;
      bestPrice: number;
      bestQuantity: number;
      bestCustomer: string;
      amount: number;
    }[];
  } | null;
  readonly discounts: DiscountComparison | null;
  readonly pvm:
    | {
        available: true;
        volume: number;
        mix: number;
        price: number;
        new: number;
        lost: number;
        other: number;
        total: number;
        revenue0: number;
        revenue1: number;
      }
    | { available: false; reason: string };
  readonly whiteSpace: WhiteSpace | null;
  readonly wallet: readonly (Omit<WalletShare, 'range'> & {
    from: string | null;
    to: string | null;
  })[];
  readonly coverage:
    | readonly {
        name: string;
        title: string;
        level: string;
        influence: string;
        attitude: string;
        ourContacts: readonly string[];
        coverage: number;
        keyPersonRisk: boolean;
      }[]
    | null;
  readonly criticalPeople: readonly string[];
  readonly escalation: {
    negotiator: string | null;
    level: number | null;
    referee: { level: number; title: string; person: string } | null;
    warning: string | null;
  };
  readonly plan: { owner: string; deputy: string; roleToday: string; roleTarget: string } | null;
}

const days = (r: DayRange | null) =>
  r === null || !Number.isFinite(r.from) ? null : { from: isoDay(r.from), to: isoDay(r.to) };

/**
 * The prep's figures as plain JSON (other customers masked when `shareable`).
 *
 * @example
 * JSON.stringify(prepJson(prep, ingest, { shareable: true }))
 */
export function prepJson(
  prep: NegotiationPrep,
  ingest: Pick<IngestResult, 'rowsRead' | 'rowsUsed' | 'rowsRejected'>,
  options: { shareable?: boolean; lang?: Lang; names: readonly string[] },
): PrepJson {
  const shareable = options.shareable ?? false;
  const name = customerNamer(options.names, prep.code, shareable, labels(options.lang ?? 'en'));
  const r = prep.row;
  const ex = prep.exposure;
  const productName = (code: number) => prep.prices?.find((p) => p.product === code)?.name ?? '';
  const evidence = ex
    ? ex.evidence.map((e) => ({
        product: productName(e.product),
        price: e.price,
        quantity: e.quantity,
        bestPrice: e.bestPrice,
        bestQuantity: e.bestQuantity,
        bestCustomer: name(e.bestAccount),
        amount: e.amount,
      }))
    : [];
  return {
    account: prep.account,
    accountId: prep.accountId,
    shareable,
    period: days(currentRange(prep.periods) ?? prep.periods.current),
    comparison: days(prep.periods.comparison),
    input: {
      rowsRead: ingest.rowsRead,
      rowsUsed: ingest.rowsUsed,
      rowsRejected: ingest.rowsRejected,
    },
    keyFigures: {
      rank: r?.rank ?? null,
      revenue: r?.revenue ?? 0,
      share: r?.share ?? 0,
      grossProfit: r?.grossProfit ?? null,
      margin: r?.margin ?? null,
      previousRevenue: r?.previousRevenue ?? null,
      growth: r?.growth ?? null,
      products: prep.products,
      owner: r?.owner ?? null,
    },
    walkAway: prep.walkAway && { ...prep.walkAway, lossMaking: prep.walkAway.accountProfit < 0 },
    subUnits: prep.subUnits,
    prices:
      prep.prices?.map((p) => ({
        product: p.name,
        price: p.price,
        quantity: p.quantity,
        min: p.band.min,
        median: p.band.median,
        max: p.band.max,
        spread: Number.isFinite(p.band.spread) ? p.band.spread : null,
        percentile: p.percentile,
        buyers: p.band.count,
      })) ?? null,
    exposure: ex && {
      total: ex.total,
      account: ex.account,
      evidence,
      perAccount: ex.perAccount.map((e) => ({ account: name(e.code), exposure: e.exposure })),
    },
    discounts: prep.discounts,
    pvm: prep.pvm.available
      ? {
          available: true,
          ...prep.pvm.bridge,
          revenue0: prep.pvm.revenue0,
          revenue1: prep.pvm.revenue1,
        }
      : { available: false, reason: prep.pvm.reason },
    whiteSpace: prep.whiteSpace,
    wallet: prep.wallet.map(({ range, ...w }) => ({
      ...w,
      from: days(range)?.from ?? null,
      to: days(range)?.to ?? null,
    })),
    coverage:
      prep.stakeholders?.map((c) => ({
        name: c.stakeholder.name,
        title: c.stakeholder.title,
        level: c.stakeholder.level,
        influence: c.stakeholder.influence,
        attitude: c.stakeholder.attitude,
        ourContacts: c.contacts,
        coverage: c.coverage,
        keyPersonRisk: c.atRisk,
      })) ?? null,
    criticalPeople: prep.keyPersonRisk?.criticalPeople ?? [],
    escalation: {
      negotiator: prep.escalation.negotiator,
      level: prep.escalation.negotiatorLevel?.level ?? null,
      referee: prep.escalation.referee && {
        level: prep.escalation.referee.level,
        title: prep.escalation.referee.title,
        person: prep.escalation.referee.person,
      },
      warning: prep.escalation.warning,
    },
    plan: prep.plan && {
      owner: prep.plan.owner,
      deputy: prep.plan.deputy,
      roleToday: prep.plan.roleToday,
      roleTarget: prep.plan.roleTarget,
    },
  };
}

/**
 * The sheet to write an account's prep to: its safe name, unless a sheet of that name holds
 * another account's prep (two names cut to the same 31 characters): then "… (2)", "… (3)", ….
 * Returns what users typed in the give-and-get list of the sheet being replaced.
 */
async function prepTarget(
  workbook: Workbook,
  account: string,
  lang: Lang,
): Promise<{ name: string; kept: KeptGiveGet | undefined }> {
  const names = new Map((await workbook.sheetNames()).map((n) => [n.toLowerCase(), n]));
  const titles = new Set(ALL_LABELS.map((L) => L.prep.title(account)));
  const base = prepSheetName(account, lang);
  for (let k = 1; k < 100; k++) {
    const stem =
      base.length <= MAX_SHEET_NAME - 4 ? base : `${base.slice(0, MAX_SHEET_NAME - 5).trimEnd()}…`;
    const name = k === 1 ? base : safeSheetName(`${stem} (${k})`);
    const existing = names.get(name.toLowerCase());
    if (existing === undefined) return { name, kept: undefined };
    const rows = await readAllRows(workbook, existing);
    if (titles.has(String(rows[0]?.[0] ?? ''))) return { name, kept: readPrepNotes(rows) };
  }
  return { name: base, kept: undefined };
}

/**
 * Runs Prepare negotiation against a workbook.
 *
 * @example
 * const result = await buildNegotiationPrep(workbook, { account: 'Acme AB', shareable: true });
 * result.written // ['Negotiation prep — Acme AB', 'Data issues']
 */
export async function buildNegotiationPrep(
  workbook: Workbook,
  options: PrepBuildOptions,
): Promise<PrepBuildResult> {
  const lang = options.lang ?? 'en';
  const top = await analyseSales(workbook, options);
  const table = top.ingest.table;
  const code = findAccount(table, options.account);
  const { companions } = top;
  const prep = analyseNegotiation(table, top.analysis, companions, code, {
    fixedCosts: options.fixedCosts,
  });
  const json = prepJson(prep, top.ingest, {
    shareable: options.shareable,
    lang,
    names: table.account.values,
  });
  const base = {
    ingest: top.ingest,
    issues: top.issues,
    source: top.source,
    companions,
    prep,
    json,
  };
  if (options.write === false) return { ...base, written: [] };
  const common = { lang, source: top.source, builtAt: options.now };
  const target = await prepTarget(workbook, prep.account, lang);
  const sheet = buildNegotiationPrepSheet(prep, {
    ...common,
    shareable: options.shareable,
    names: table.account.values,
    name: target.name,
    kept: target.kept,
  });
  const written = await writeWithDataIssues(workbook, sheet, top, {
    lang,
    now: options.now,
    periods: prep.periods,
  });
  return { ...base, written };
}
