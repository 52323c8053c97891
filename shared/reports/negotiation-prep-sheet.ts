/**
 * The "Negotiation prep — ⟨account⟩" sheet (SPEC §5): everything the account manager needs before
 * the meeting, top to bottom — key figures, walk-away test, sub-units, price band position,
 * transparency exposure with evidence, discounts against peers, the PVM bridge, white space, share
 * of wallet, stakeholder map with coverage, escalation ladder, account plan, give and get.
 *
 * Plain spreadsheet content only (values, native formulas, formats, native charts). In the
 * shareable version every other customer's name is replaced by "Customer A", "Customer B", …
 * (the account's own name stays).
 *
 * Charts: the PVM bridge is a column chart of its steps (SheetSpec charts have neither waterfall
 * nor stacked columns); the price band is the account's price as columns against min, median and
 * max lines.
 */
import type { Cell, CellBlock, ChartSpec, SheetSpec } from '../sheet-spec';
import type { RawCell, RawRow } from '../workbook';
import { ATTITUDES, INFLUENCES, LEVELS, POWERS, ROLES, type ListValue } from '../companions/schema';
import { EXCEL_EPOCH_OFFSET } from '../ingest/dates';
import { cellRef, rangeRef } from './a1';
import { ALL_LABELS, labels, type Labels, type Lang } from './labels';
import type { NegotiationPrep } from './prep-build';
import { HEADER_ROWS, headerBlock, type SourceInfo } from './sheet-header';
import { safeSheetName } from './sheet-names';
import { FORMAT, STYLE } from './styles';

export interface PrepSheetOptions {
  readonly lang?: Lang;
  readonly source?: SourceInfo;
  readonly builtAt?: Date;
  /** Mask other customers' names. */
  readonly shareable?: boolean;
  /** Account names by code (table.account.values), for the evidence rows. */
  readonly names: readonly string[];
  /** The sheet name (default `prepSheetName`), e.g. made unique by the build. */
  readonly name?: string;
  /** What users typed in the give-and-get list of the previous build (`readPrepNotes`). */
  readonly kept?: KeptGiveGet;
}

/** Notes typed in the give-and-get list: per topic (by position), and rows users added. */
export interface KeptGiveGet {
  readonly notes: readonly Cell[];
  readonly extraRows: readonly (readonly Cell[])[];
}

const TOPICS = 5;

/**
 * Reads what users typed in the give-and-get list of a previous prep sheet (either language): the
 * notes of each topic row, and whole rows they added below the topics.
 *
 * @example
 * readPrepNotes(previousRows) // { notes: [null, 'Ask for 3-year deal', …], extraRows: [] }
 */
export function readPrepNotes(rows: readonly RawRow[]): KeptGiveGet {
  const topic = new Set(ALL_LABELS.map((l) => l.prep.topic));
  const notesHeader = new Set(ALL_LABELS.map((l) => l.notes));
  const value = (c: RawCell): Cell =>
    c === undefined || c === null || c === '' ? null : c instanceof Date ? c.toISOString() : c;
  const at = rows.findIndex(
    (r) => topic.has(String(r[0] ?? '')) && notesHeader.has(String(r[3] ?? '')),
  );
  const notes: Cell[] = [];
  const extraRows: Cell[][] = [];
  if (at < 0) return { notes, extraRows };
  for (let r = at + 1; r < rows.length; r++) {
    const cells = [0, 1, 2, 3].map((c) => value(rows[r][c]));
    if (cells.every((c) => c === null)) break;
    if (r - at - 1 < TOPICS) notes.push(cells[3]);
    else extraRows.push(cells);
  }
  return { notes, extraRows };
}

/** Columns of the sheet's tables (A..I); charts sit to the right. */
const WIDTH = 9;
const CHART_COL = WIDTH + 1;
/** Products shown in the price band chart. */
const CHART_PRODUCTS = 15;

/**
 * Names other customers: themselves, or in shareable mode "Customer A", "Customer B", … in the
 * order they are first asked for (the account itself keeps its name).
 *
 * @example
 * const name = customerNamer(['Acme', 'Beta', 'Gamma'], 0, true, labels('en'));
 * name(2) // 'Customer A'; name(1) // 'Customer B'; name(2) // 'Customer A'; name(0) // 'Acme'
 */
export function customerNamer(
  names: readonly string[],
  self: number,
  shareable: boolean,
  L: Labels,
): (code: number) => string {
  if (!shareable) return (code) => names[code] ?? '';
  const tags = new Map<number, string>();
  return (code) => {
    if (code === self) return names[code];
    let tag = tags.get(code);
    if (tag === undefined) {
      tag = L.prep.masked(letters(tags.size));
      tags.set(code, tag);
    }
    return tag;
  };
}

/** 0 → A, 25 → Z, 26 → AA … */
function letters(n: number): string {
  let s = '';
  for (let k = n + 1; k > 0; k = Math.floor((k - 1) / 26))
    s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/**
 * The name of an account's prep sheet within host rules (31 characters, no `[]:*?/\`).
 *
 * @example
 * prepSheetName('Acme AB', 'en') // 'Negotiation prep — Acme AB'
 */
export function prepSheetName(account: string, lang: Lang = 'en'): string {
  return safeSheetName(labels(lang).prep.sheet(account));
}

/** Appends sections top to bottom. */
class Flow {
  row = HEADER_ROWS + 1;
  readonly blocks: CellBlock[] = [];

  section(title: string): void {
    this.blocks.push({ row: this.row, col: 0, cells: [[title]], style: STYLE.section });
    this.row++;
  }

  text(text: string, style?: CellBlock['style']): void {
    this.blocks.push({ row: this.row, col: 0, cells: [[text]], style });
    this.row++;
  }

  /** Label/value rows; returns the 0-based row of each. */
  pairs(rows: readonly [string, Cell, string | null][]): number[] {
    const at = rows.map((_, i) => this.row + i);
    rows.forEach(([label, value, format], i) =>
      this.blocks.push({
        row: this.row + i,
        col: 0,
        cells: [[label, value]],
        numberFormats: [null, format],
      }),
    );
    this.row += rows.length;
    return at;
  }

  /** A table: header row then body; returns the first and last body row (last < first if empty). */
  table(
    header: readonly string[],
    body: readonly (readonly Cell[])[],
    formats: readonly (string | null)[],
  ): { first: number; last: number } {
    this.blocks.push({ row: this.row, col: 0, cells: [header], style: STYLE.tableHeader });
    const first = this.row + 1;
    if (body.length > 0)
      this.blocks.push({ row: first, col: 0, cells: body, numberFormats: formats });
    this.row = first + body.length;
    return { first, last: first + body.length - 1 };
  }

  gap(): void {
    this.row++;
  }
}

const listText = (values: readonly ListValue[], value: string, lang: Lang): string =>
  values.find((v) => v.value === value)?.text[lang] ?? value;

const serial = (day: number | null): number | null =>
  day === null ? null : day + EXCEL_EPOCH_OFFSET;

/**
 * Builds the negotiation prep sheet of one account.
 *
 * @example
 * const prep = analyseNegotiation(table, analyseTop20(table), companions, acme);
 * buildNegotiationPrepSheet(prep, { names: table.account.values, shareable: true }).name
 * // 'Negotiation prep — Acme AB'
 */
export function buildNegotiationPrepSheet(
  prep: NegotiationPrep,
  options: PrepSheetOptions,
): SheetSpec {
  const lang = options.lang ?? 'en';
  const L = labels(lang);
  const P = L.prep;
  const name = customerNamer(options.names, prep.code, options.shareable ?? false, L);
  const header = headerBlock(L, P.title(prep.account), prep.periods, {
    source: options.source,
    builtAt: options.builtAt,
  });
  const f = new Flow();
  const charts: ChartSpec[] = [];
  if (options.shareable) f.text(P.shareable, STYLE.warning);
  const r = prep.row;
  const hasProfit = prep.totals.grossProfit !== null;
  const hasComparison = prep.periods.comparison !== null;

  // Key figures.
  f.section(P.keyFigures);
  const revenue = r?.revenue ?? 0;
  const keyRows: [string, Cell, string | null][] = [
    [L.account, prep.accountId ? `${prep.account} (${prep.accountId})` : prep.account, null],
    [P.accountRank, r ? `${r.rank} / ${prep.totals.accounts}` : L.none, null],
    [L.revenue, revenue, FORMAT.money],
    [P.portfolioShare, r?.share ?? 0, FORMAT.percent],
  ];
  if (hasProfit) {
    keyRows.push([L.grossProfit, r?.grossProfit ?? 0, FORMAT.money]);
    keyRows.push([L.margin, r?.margin ?? '', FORMAT.percent]);
    keyRows.push([P.portfolioMargin, prep.portfolioMargin ?? '', FORMAT.percent]);
  }
  if (hasComparison) {
    keyRows.push([L.previousRevenue, r?.previousRevenue ?? 0, FORMAT.money]);
    keyRows.push([L.growth, r ? (r.growth ?? L.newAccount) : '', FORMAT.percent]);
  }
  keyRows.push([P.products, prep.products, FORMAT.integer]);
  if (prep.subUnits) keyRows.push([P.subUnits, prep.subUnits.length, FORMAT.integer]);
  keyRows.push([P.owner, r?.owner ?? '', null]);
  const keyAt = f.pairs(keyRows);
  if (hasProfit) {
    const rev = cellRef(keyAt[2], 1);
    const gp = cellRef(keyAt[4], 1);
    f.blocks.push({
      row: keyAt[5],
      col: 1,
      cells: [[{ formula: `IF(${rev}=0,"",${gp}/${rev})`, value: r?.margin ?? '' }]],
      numberFormats: [FORMAT.percent],
    });
  }
  f.gap();

  // Walk-away test.
  if (prep.walkAway) {
    const w = prep.walkAway;
    f.section(P.walkAway);
    const at = f.pairs([
      [P.totalProfit, w.totalProfit, FORMAT.money],
      [P.accountProfit, w.accountProfit, FORMAT.money],
      [P.fixedCosts, w.fixedCosts, FORMAT.money],
      [P.profitLeft, null, FORMAT.money],
      [P.profitLeftShare, null, FORMAT.percent],
    ]);
    const [tot, acc, fixed, left] = at.map((row) => cellRef(row, 1));
    f.blocks.push({
      row: at[3],
      col: 1,
      cells: [[{ formula: `${tot}-${acc}-${fixed}`, value: w.profitLeft }]],
      numberFormats: [FORMAT.money],
    });
    f.blocks.push({
      row: at[4],
      col: 1,
      cells: [
        [
          {
            formula: `IF(${tot}=0,"",${left}/${tot})`,
            value: w.totalProfit === 0 ? '' : w.profitLeft / w.totalProfit,
          },
        ],
      ],
      numberFormats: [FORMAT.percent],
    });
    const cost = w.totalProfit === 0 ? 0 : w.accountProfit / w.totalProfit;
    f.text(
      w.accountProfit < 0
        ? P.walkAwayGain
        : P.walkAwayCost(`${(Math.round(cost * 1000) / 10).toFixed(1)}%`),
      w.accountProfit < 0 ? STYLE.warning : undefined,
    );
    f.gap();
  }

  // Sub-units.
  f.section(P.subUnitsTitle);
  if (prep.subUnits === null) f.text(P.noSubUnitColumn);
  else {
    const first = f.row + 1;
    const last = first + prep.subUnits.length - 1;
    const total = `SUM(${cellRef(first, 2, true)}:${cellRef(last, 2, true)})`;
    const body = prep.subUnits.map((s, i) => {
      const row = first + i;
      const ref = (c: number) => cellRef(row, c);
      return [
        s.subUnit ?? P.noSubUnit,
        s.rank,
        s.revenue,
        { formula: `IF(${total}=0,0,${ref(2)}/${total})`, value: s.share },
        hasProfit ? s.grossProfit : null,
        hasProfit
          ? { formula: `IF(${ref(2)}=0,"",${ref(4)}/${ref(2)})`, value: s.margin ?? '' }
          : null,
        s.previousRevenue,
        hasComparison
          ? {
              formula: `IF(${ref(6)}=0,"${L.newAccount}",(${ref(2)}-${ref(6)})/ABS(${ref(6)}))`,
              value: s.growth ?? L.newAccount,
            }
          : null,
        s.products,
      ] satisfies Cell[];
    });
    f.table(
      [
        P.subUnit,
        P.rankInAccount,
        L.revenue,
        P.shareOfAccount,
        L.grossProfit,
        L.margin,
        L.previousRevenue,
        L.growth,
        P.products,
      ],
      body,
      [
        null,
        FORMAT.integer,
        FORMAT.money,
        FORMAT.percent,
        FORMAT.money,
        FORMAT.percent,
        FORMAT.money,
        FORMAT.percent,
        FORMAT.integer,
      ],
    );
  }
  f.gap();

  // Price band position.
  f.section(P.priceTitle);
  if (prep.prices === null) f.text(P.noPriceData);
  else {
    const t = f.table(
      [P.product, P.ourPrice, P.quantity, P.min, P.median, P.max, P.spread, P.percentile, P.buyers],
      prep.prices.map((p) => [
        p.name,
        p.price,
        p.quantity,
        p.band.min,
        p.band.median,
        p.band.max,
        Number.isFinite(p.band.spread) ? p.band.spread : '',
        p.percentile,
        p.band.count,
      ]),
      [
        null,
        FORMAT.decimal2,
        FORMAT.money,
        FORMAT.decimal2,
        FORMAT.decimal2,
        FORMAT.decimal2,
        FORMAT.percent0,
        FORMAT.percent0,
        FORMAT.integer,
      ],
    );
    if (t.last >= t.first) {
      const last = Math.min(t.last, t.first + CHART_PRODUCTS - 1);
      const col = (c: number) => rangeRef(t.first, c, last, c);
      charts.push({
        title: P.priceChart,
        categories: col(0),
        series: [
          { name: P.ourPrice, values: col(1), type: 'column', color: '1F4E78' },
          { name: P.min, values: col(3), type: 'line', color: '548235' },
          { name: P.median, values: col(4), type: 'line', color: '7F7F7F' },
          { name: P.max, values: col(5), type: 'line', color: 'C00000' },
        ],
        anchor: { row: 21, col: CHART_COL, rows: 20, cols: 9 },
        valueFormat: FORMAT.decimal2,
      });
    }
  }
  f.gap();

  // Transparency exposure.
  f.section(P.exposureTitle);
  if (prep.exposure === null) f.text(P.noPriceData);
  else {
    const ex = prep.exposure;
    const totalAt = f.pairs([
      [P.exposureAccount, ex.account, FORMAT.money],
      [P.exposureShare, revenue > 0 ? ex.account / revenue : '', FORMAT.percent],
      [P.exposurePortfolio, ex.total, FORMAT.money],
    ]);
    if (ex.evidence.length === 0) f.text(P.noExposure);
    else {
      const productName = (code: number) =>
        prep.prices?.find((p) => p.product === code)?.name ?? String(code);
      const first = f.row + 1;
      const t = f.table(
        [P.product, P.ourPrice, P.quantity, P.bestPrice, P.bestCustomer, P.bestQuantity, P.amount],
        ex.evidence.map((e, i) => {
          const row = first + i;
          return [
            productName(e.product),
            e.price,
            e.quantity,
            e.bestPrice,
            name(e.bestAccount),
            e.bestQuantity,
            {
              formula: `(${cellRef(row, 1)}-${cellRef(row, 3)})*${cellRef(row, 2)}`,
              value: e.amount,
            },
          ];
        }),
        [null, FORMAT.decimal2, FORMAT.money, FORMAT.decimal2, null, FORMAT.money, FORMAT.money],
      );
      f.blocks.push({
        row: totalAt[0],
        col: 1,
        cells: [[{ formula: `SUM(${rangeRef(t.first, 6, t.last, 6)})`, value: ex.account }]],
        numberFormats: [FORMAT.money],
      });
      if (revenue > 0) {
        f.blocks.push({
          row: totalAt[1],
          col: 1,
          cells: [
            [{ formula: `${cellRef(totalAt[0], 1)}/${revenue}`, value: ex.account / revenue }],
          ],
          numberFormats: [FORMAT.percent],
        });
      }
    }
  }
  f.gap();

  // Discounts.
  f.section(P.discountTitle);
  if (prep.discounts === null) f.text(P.noDiscountData);
  else {
    const d = prep.discounts;
    if (d.source === 'listPrice') f.text(P.discountFromList);
    const row = (
      label: string,
      discount: number | null,
      median: number | null,
      peers: number | null,
    ): Cell[] => [
      label,
      discount,
      median,
      discount !== null && median !== null ? discount - median : null,
      peers,
    ];
    f.table(
      [P.product, P.ourDiscount, P.peerMedian, P.difference, P.peers],
      [
        row(P.allProducts, d.overall.discount, d.overall.peerMedian, null),
        ...d.products.map((p) => row(p.name, p.discount, p.peerMedian, p.peers)),
      ],
      [null, FORMAT.percent, FORMAT.percent, FORMAT.percentPoints, FORMAT.integer],
    );
  }
  f.gap();

  // PVM bridge.
  f.section(P.pvmTitle);
  if (!prep.pvm.available) f.text(P.noPvm[prep.pvm.reason]);
  else {
    const b = prep.pvm.bridge;
    const at = f.pairs([
      [P.pvmStart, prep.pvm.revenue0, FORMAT.money],
      [P.pvmVolume, b.volume, FORMAT.money],
      [P.pvmMix, b.mix, FORMAT.money],
      [P.pvmPrice, b.price, FORMAT.money],
      [P.pvmNew, b.new, FORMAT.money],
      [P.pvmLost, b.lost, FORMAT.money],
      [P.pvmOther, b.other, FORMAT.money],
      [P.pvmEnd, prep.pvm.revenue1, FORMAT.money],
      [P.pvmCheck, null, FORMAT.money],
    ]);
    const v = (i: number) => cellRef(at[i], 1);
    f.blocks.push({
      row: at[8],
      col: 1,
      cells: [
        [
          {
            formula: `ROUND(${v(0)}+SUM(${v(1)}:${v(6)})-${v(7)},2)`,
            value: Math.round((prep.pvm.revenue0 + b.total - prep.pvm.revenue1) * 100) / 100,
          },
        ],
      ],
      numberFormats: [FORMAT.money],
    });
    charts.push({
      title: P.pvmChart,
      categories: rangeRef(at[0], 0, at[7], 0),
      series: [
        { name: L.revenue, values: rangeRef(at[0], 1, at[7], 1), type: 'column', color: '1F4E78' },
      ],
      anchor: { row: 0, col: CHART_COL, rows: 20, cols: 9 },
      valueFormat: FORMAT.money,
    });
  }
  f.gap();

  // White space.
  f.section(P.whiteSpaceTitle);
  if (prep.whiteSpace === null) f.text(P.noWhiteSpaceData);
  else {
    f.text(P.whiteSpacePeers(prep.whiteSpace.peers));
    if (prep.whiteSpace.rows.length === 0) f.text(P.noWhiteSpace);
    else {
      const first = f.row + 1;
      f.table(
        [
          prep.whiteSpace.by === 'productGroup' ? P.group : P.product,
          P.peersBuying,
          P.medianShare,
          P.potential,
        ],
        prep.whiteSpace.rows.map((w, i) => [
          w.group,
          w.peersBuying,
          w.medianShare,
          {
            formula: `${cellRef(first + i, 2)}*${Math.max(0, prep.whiteSpace!.accountRevenue)}`,
            value: w.potential,
          },
        ]),
        [null, FORMAT.integer, FORMAT.percent, FORMAT.money],
      );
    }
  }
  f.gap();

  // Share of wallet.
  f.section(P.walletTitle);
  if (prep.wallet.length === 0) f.text(P.noWallet);
  else {
    const first = f.row + 1;
    f.table(
      [P.group, L.period, P.walletEstimate, P.ourRevenue, P.shareOfWallet],
      prep.wallet.map((w, i) => {
        const row = first + i;
        return [
          w.productGroup ?? P.allGroups,
          w.periodText || P.currentPeriod,
          w.wallet,
          w.ourRevenue,
          w.ourRevenue === null
            ? null
            : {
                formula: `IF(${cellRef(row, 2)}>0,${cellRef(row, 3)}/${cellRef(row, 2)},"")`,
                value: w.share ?? '',
              },
        ];
      }),
      [null, null, FORMAT.money, FORMAT.money, FORMAT.percent],
    );
  }
  f.gap();

  // Stakeholders.
  f.section(P.stakeholdersTitle);
  const stakeholders = prep.stakeholders ?? [];
  let coverageRange: string | null = null;
  if (stakeholders.length === 0) f.text(P.noStakeholders);
  else {
    const t = f.table(
      [
        P.name,
        P.title_,
        P.level,
        P.power,
        P.influence,
        P.attitude,
        P.ourContacts,
        P.coverage,
        P.risk,
      ],
      stakeholders.map((c) => {
        const s = c.stakeholder;
        return [
          s.name,
          s.title,
          listText(LEVELS, s.level, lang),
          listText(POWERS, s.power, lang),
          listText(INFLUENCES, s.influence, lang),
          listText(ATTITUDES, s.attitude, lang),
          c.contacts.join('; '),
          c.coverage,
          c.coverage === 0 ? `${P.keyPersonRisk}: ${P.uncovered}` : c.atRisk ? P.keyPersonRisk : '',
        ];
      }),
      [null, null, null, null, null, null, null, FORMAT.integer, null],
    );
    coverageRange = rangeRef(t.first, 7, t.last, 7);
    const critical = prep.keyPersonRisk?.criticalPeople ?? [];
    f.pairs([[P.criticalPeople, critical.length > 0 ? critical.join(', ') : P.noneCritical, null]]);
  }
  f.gap();

  // Escalation ladder.
  f.section(P.ladderTitle);
  const e = prep.escalation;
  if (e.ladder.length > 0) {
    f.table(
      [P.level, P.title_, P.name, P.ladderRole],
      e.ladder.map((l) => [
        l.level,
        l.title,
        l.person,
        l === e.negotiatorLevel ? P.negotiator : l === e.referee ? P.referee : '',
      ]),
      [FORMAT.integer, null, null, null],
    );
  }
  if (e.warning !== null)
    f.text(P.ladderWarning[e.warning], e.warning === 'no-referee' ? STYLE.alarm : undefined);
  else f.text(P.ladderOk(e.negotiator ?? '', `${e.referee!.person} (${e.referee!.title})`));
  f.gap();

  // Account plan.
  f.section(P.planTitle);
  if (prep.plan === null) f.text(P.noPlan);
  else {
    const p = prep.plan;
    f.pairs([
      [P.owner, p.owner, null],
      [P.deputy, p.deputy, null],
      [P.roleToday, listText(ROLES, p.roleToday, lang), null],
      [P.roleTarget, listText(ROLES, p.roleTarget, lang), null],
      [P.nextReview, serial(p.nextReview), FORMAT.date],
      [P.planNotes, p.notes, null],
    ]);
  }
  f.gap();

  // Give and get.
  f.section(P.giveGetTitle);
  const giveGet = giveAndGet(prep, P);
  const kept = options.kept;
  if (kept) {
    giveGet.forEach((row, i) => (row[3] = kept.notes[i] ?? null));
    giveGet.push(...kept.extraRows.map((r) => [...r]));
  }
  f.table([P.topic, P.give, P.get, L.notes], giveGet, [null, null, null, null]);

  const lastRow = f.row;
  return {
    name: options.name ?? prepSheetName(prep.account, lang),
    blocks: [...header.blocks, ...f.blocks],
    columns: [34, 14, 14, 14, 16, 14, 18, 14, 16].map((width) => ({ width })),
    freeze: { rows: HEADER_ROWS, cols: 0 },
    conditionalFormats: coverageRange
      ? [
          {
            kind: 'cellIs',
            range: coverageRange,
            operator: 'lessThanOrEqual',
            values: [1],
            style: STYLE.alarm,
          },
        ]
      : [],
    charts,
    print: {
      orientation: 'portrait',
      fitToPage: false,
      area: rangeRef(0, 0, lastRow, WIDTH - 1),
    },
    tabColor: '548235',
  };
}

/** The give-and-get list: topics with suggestions from the figures; users fill in the rest. */
function giveAndGet(prep: NegotiationPrep, P: Labels['prep']): Cell[][] {
  const cheap = (prep.prices ?? [])
    .filter((p) => p.band.count > 1 && p.percentile < 0.25)
    .slice(0, 3)
    .map((p) => p.name);
  const groups = (prep.whiteSpace?.rows ?? []).slice(0, 3).map((w) => w.group);
  const uncovered = (prep.stakeholders ?? [])
    .filter((c) => c.atRisk && c.stakeholder.influence === 'high')
    .map((c) => c.stakeholder.name);
  return [
    [P.topics.price, null, cheap.length > 0 ? P.getPrice(cheap.join(', ')) : null, null],
    [P.topics.volume, P.giveVolume, groups.length > 0 ? P.getRange(groups.join(', ')) : null, null],
    [P.topics.service, null, null, null],
    [P.topics.terms, null, null, null],
    [
      P.topics.relationship,
      null,
      uncovered.length > 0 ? P.getCoverage(uncovered.join(', ')) : null,
      null,
    ],
  ];
}
