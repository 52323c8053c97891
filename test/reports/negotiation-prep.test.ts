import { MemoryWorkbook } from '../../shared/memory-workbook';
import { buildNegotiationPrep } from '../../shared/reports/prep-build';
import { prepSheetName } from '../../shared/reports/negotiation-prep-sheet';
import { isFormula } from '../../shared/sheet-spec';
import { UserError } from '../../shared/user-error';
import type { RawCell } from '../../shared/workbook';
import { ACCOUNTS, goldenSheets } from '../companions/golden';
import { specTexts } from '../support/spec-texts';

const NOW = new Date(Date.UTC(2026, 5, 20, 9, 0));
const SHEET = 'Negotiation prep — Acme AB';

/** The row (0-based) whose first cell is `label`, and its cells. */
function rowOf(rows: RawCell[][], label: string): RawCell[] {
  const row = rows.find((r) => r[0] === label);
  if (!row) throw new Error(`no row "${label}"`);
  return row;
}

async function build(shareable = false, sheets = goldenSheets()) {
  const wb = new MemoryWorkbook(sheets);
  const result = await buildNegotiationPrep(wb, { account: 'acme ab', shareable, now: NOW });
  return { wb, result };
}

test('the prep sheet and Data issues are written; the figures are those worked out on paper', async () => {
  const { wb, result } = await build();
  expect(result.written).toEqual([SHEET, 'Data issues']);
  const rows = wb.rows(SHEET);
  expect(rows[0][0]).toBe('Negotiation prep — Acme AB');
  expect(rowOf(rows, 'Revenue')[1]).toBe(2200);
  expect(rowOf(rows, 'Rank in the portfolio (revenue)')[1]).toBe('1 / 4');
  expect(rowOf(rows, 'Gross profit left without the account')[1]).toBe(240);
  expect(rowOf(rows, 'Exposure of this account')[1]).toBe(450);
  expect(rowOf(rows, 'Exposure of the whole portfolio')[1]).toBe(450);
  expect(rowOf(rows, 'North').slice(0, 3)).toEqual(['North', 1, 1720]);
  expect(rowOf(rows, 'Price')[1]).toBeCloseTo(200, 9);
  expect(rowOf(rows, 'Volume')[1]).toBeCloseTo(273.846, 3);
  expect(rowOf(rows, 'Mix')[1]).toBeCloseTo(-53.846, 3);
  expect(rowOf(rows, 'Lost products')[1]).toBe(-100);
  expect(rowOf(rows, 'Check: start + components − end')[1]).toBe(0);
  expect(rowOf(rows, 'Safety').slice(0, 2)).toEqual(['Safety', 2]);
  // Evidence: the customers no larger that got a better price, by name (internal version).
  const evidence = rows.filter((r) => (r[0] === 'A' || r[0] === 'B') && typeof r[4] === 'string');
  expect(evidence.map((r) => [r[0], r[4], r[6]])).toEqual([
    ['B', 'Delta Data', 250],
    ['A', 'Beta Bygg', 200],
  ]);
  // Share of wallet: 2200 / 11000 for all groups, 2200 / 4400 for Tools.
  const wallet = rows.filter((r) => r[2] === 11000 || r[2] === 4400).map((r) => r[4]);
  expect(wallet).toEqual([0.2, 0.5]);
  // Stakeholders: Eva Berg known by Per Holm only; Per Holm is critical.
  expect(rowOf(rows, 'Eva Berg').slice(7, 9)).toEqual([1, 'key-person risk']);
  expect(rowOf(rows, 'Olof Lind')[7]).toBe(2);
  expect(
    rowOf(rows, 'Our people whose departure leaves a high-influence decision maker uncovered')[1],
  ).toBe('Per Holm');
  // Escalation: Per Holm (the plan's owner) negotiates at level 1, Ann Ek referees.
  expect(
    rows.some((r) => r[0] === 'Per Holm negotiates; Ann Ek (Sales director) referees above.'),
  ).toBe(true);
  expect(rowOf(rows, 'Role today')[1]).toBe('preferred supplier');

  // The JSON carries the same figures.
  const j = result.json;
  expect(j.exposure?.account).toBe(450);
  expect(j.exposure?.perAccount).toEqual([{ account: 'Acme AB', exposure: 450 }]);
  expect(j.walkAway).toMatchObject({ totalProfit: 680, accountProfit: 440, profitLeft: 240 });
  expect(j.subUnits?.map((s) => [s.subUnit, s.revenue, s.previousRevenue])).toEqual([
    ['North', 1720, 1780],
    ['South', 480, 100],
  ]);
  if (!j.pvm.available) throw new Error('no pvm');
  const { volume, mix, price, lost, other, total } = j.pvm;
  expect(volume + mix + price + j.pvm.new + lost + other).toBeCloseTo(total, 9);
  expect(total).toBe(320);
  expect(j.coverage?.map((c) => [c.name, c.coverage, c.keyPersonRisk])).toEqual([
    ['Eva Berg', 1, true],
    ['Olof Lind', 2, false],
    ['Kim Ek', 0, true],
  ]);
});

test('formulas carry the values the core computed', async () => {
  const { wb } = await build();
  const spec = wb.spec(SHEET)!;
  const formulas = spec.blocks
    .flatMap((b) => b.cells.flat())
    .filter((c) => c !== null && isFormula(c));
  expect(formulas.length).toBeGreaterThan(10);
  for (const f of formulas) {
    if (!isFormula(f)) continue;
    expect(f.formula).not.toMatch(/KAM/);
    expect(f.value).not.toBeUndefined();
  }
  expect(spec.charts?.map((c) => c.title)).toEqual([
    'Price band per product: their price against min, median and max',
    'Revenue bridge: price, volume, mix, new and lost products',
  ]);
});

test('the shareable version contains no other customer name anywhere', async () => {
  const { wb, result } = await build(true);
  const spec = wb.spec(SHEET)!;
  const texts = specTexts(spec).join('\n');
  for (const other of ACCOUNTS.filter((a) => a !== 'Acme AB')) {
    expect(texts).not.toContain(other);
    expect(JSON.stringify(result.json)).not.toContain(other);
  }
  expect(texts).toContain('Customer A');
  expect(texts).toContain('Customer B');
  expect(texts).toContain('Acme AB');
  const rows = wb.rows(SHEET);
  expect(rows.filter((r) => String(r[4]).startsWith('Customer ')).map((r) => r[4])).toEqual([
    'Customer A',
    'Customer B',
  ]);
});

test('bad companion rows land on Data issues with their row numbers; the prep is still built', async () => {
  const { wb, result } = await build();
  const issues = wb.rows('Data issues');
  const stakeholderIssues = issues
    .filter((r) => typeof r[3] === 'string' && (r[3] as string).startsWith('Stakeholders:'))
    .map((r) => [r[0], r[4]]);
  expect(stakeholderIssues).toEqual([
    [5, 'rejected'], // account not in the sales data
    [6, 'rejected'], // duplicate of row 2
    [4, 'adjusted'], // unknown level
  ]);
  expect(result.companions.issues).toHaveLength(3);
  expect(wb.rows(SHEET).length).toBeGreaterThan(40);
});

test('without companion sheets the sections say what to add', async () => {
  const { wb, result } = await build(false, goldenSheets(false));
  const rows = wb.rows(SHEET).map((r) => r[0]);
  expect(rows).toContain('No Stakeholders rows for this account: add them to see coverage.');
  expect(rows).toContain('No Escalation ladder sheet: add one to see who referees.');
  expect(rows).toContain('No Wallet rows for this account: add them to see the share of wallet.');
  expect(result.json.coverage).toBeNull();
  expect(result.json.escalation.warning).toBe('no-ladder');
});

test('Swedish labels, and a rebuild replaces the sheet in place', async () => {
  const wb = new MemoryWorkbook(goldenSheets());
  await buildNegotiationPrep(wb, { account: 'Acme AB', lang: 'sv', now: NOW });
  await buildNegotiationPrep(wb, { account: 'Acme AB', lang: 'sv', now: NOW });
  const names = await wb.sheetNames();
  expect(names.filter((n) => n === 'Förhandling — Acme AB')).toHaveLength(1);
  expect(names).toContain('Dataproblem');
  const rows = wb.rows('Förhandling — Acme AB');
  expect(rows[0][0]).toBe('Förhandlingsunderlag — Acme AB');
  expect(rowOf(rows, 'Försäljning')[1]).toBe(2200);
  // The prep sheet is never read as the sales table.
  expect((await buildNegotiationPrep(wb, { account: 'Beta', write: false })).json.account).toBe(
    'Beta Bygg',
  );
});

test('the account: by name, id or unique part; a clear error otherwise', async () => {
  const wb = new MemoryWorkbook(goldenSheets());
  await expect(buildNegotiationPrep(wb, { account: 'Nobody' })).rejects.toThrow(UserError);
  await expect(buildNegotiationPrep(wb, { account: 'a' })).rejects.toThrow(/matches 4 accounts/);
  const gamma = await buildNegotiationPrep(wb, { account: 'gamma', write: false });
  expect(gamma.json.account).toBe('Gamma Gruppen');
  expect(gamma.written).toEqual([]);
});

test('long or awkward account names give a safe sheet name', () => {
  const name = prepSheetName('Stora [Nordic] Industri/Holding: AB');
  expect(name.length).toBeLessThanOrEqual(31);
  expect(name).not.toMatch(/[[\]:*?/\\]/);
  expect(name.startsWith('Negotiation prep — Stora')).toBe(true);
});

test('notes typed in the give-and-get list survive a rebuild, with rows users added', async () => {
  const wb = new MemoryWorkbook(goldenSheets());
  await buildNegotiationPrep(wb, { account: 'Acme AB', now: NOW });
  const rows = wb.rows(SHEET);
  const head = rows.findIndex((r) => r[0] === 'Topic');
  wb.setCell(SHEET, head + 3, 4, 'Offer a 3-year deal'); // the "Volume and range" row
  wb.setCell(SHEET, head + 7, 1, 'Delivery'); // a row of their own below the topics
  wb.setCell(SHEET, head + 7, 4, 'Ask for weekly slots');
  await buildNegotiationPrep(wb, { account: 'Acme AB', now: NOW });
  const again = wb.rows(SHEET);
  const at = again.findIndex((r) => r[0] === 'Topic');
  expect(again[at + 2][3]).toBe('Offer a 3-year deal');
  expect(again[at + 6].slice(0, 4)).toEqual(['Delivery', null, null, 'Ask for weekly slots']);
});

test('two accounts whose names cut to the same sheet name get two sheets', async () => {
  const sheets = goldenSheets(false);
  const long = ['Polarverken Industri Nord AB', 'Polarverken Industri Syd AB'];
  for (const name of long)
    sheets.Sales.push(['2026-06-15', name, 'A', 'Tools', 'X', 1, 10, 1, 'Bo']);
  const wb = new MemoryWorkbook(sheets);
  const a = await buildNegotiationPrep(wb, { account: long[0], now: NOW });
  const b = await buildNegotiationPrep(wb, { account: long[1], now: NOW });
  const again = await buildNegotiationPrep(wb, { account: long[1], now: NOW });
  expect(a.written[0]).toBe('Negotiation prep — Polarverken…');
  expect(b.written[0]).toBe('Negotiation prep — Polarve… (2)');
  expect(again.written[0]).toBe(b.written[0]);
  expect(wb.rows(b.written[0])[0][0]).toBe(`Negotiation prep — ${long[1]}`);
});
