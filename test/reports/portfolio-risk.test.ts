import { MemoryWorkbook } from '../../shared/memory-workbook';
import { buildPortfolioRisk } from '../../shared/reports/risk-build';
import { MAX_SHEET_NAME, safeSheetName } from '../../shared/reports/sheet-names';
import { goldenSheets } from '../companions/golden';

const NOW = new Date(Date.UTC(2026, 5, 20, 9, 0));

test('the Portfolio risk sheet: dependency, loss-making, key-person risk, exposure by account', async () => {
  const wb = new MemoryWorkbook(goldenSheets());
  const result = await buildPortfolioRisk(wb, { now: NOW });
  expect(result.written).toEqual(['Portfolio risk', 'Data issues']);
  const j = result.json;
  // Acme 2200 of 3570 (61.6 %: alarm); Beta 800 (22.4 %: alarm); Gamma 420 (11.8 %); Delta 4.2 %.
  expect(j.dependencies.map((d) => [d.account, d.alarm, d.profitLeft])).toEqual([
    ['Acme AB', true, 240],
    ['Beta Bygg', true, 490],
    ['Gamma Gruppen', false, 580],
  ]);
  expect(j.lossMaking).toEqual([
    { account: 'Delta Data', revenue: 150, grossProfit: -50, margin: -50 / 150 },
  ]);
  // Acme: Eva Berg (high, one contact) and Kim Ek (none); Beta: Ulla Sten (high, one contact).
  expect(j.keyPersonRisk).toEqual([
    { account: 'Acme AB', uncovered: 2, highUncovered: 1, criticalPeople: ['Per Holm'] },
    { account: 'Beta Bygg', uncovered: 1, highUncovered: 1, criticalPeople: ['Ann Ek'] },
  ]);
  expect(j.exposure).toEqual({
    total: 450,
    perAccount: [{ account: 'Acme AB', revenue: 2200, exposure: 450 }],
  });

  const rows = wb.rows('Portfolio risk');
  expect(rows[0][0]).toBe('Portfolio risk');
  const find = (label: string) => rows.find((r) => r[0] === label);
  expect(find('Delta Data')?.slice(0, 5)).toEqual(['Delta Data', 150, -50, -50 / 150, 50]);
  expect(find('Total')?.slice(0, 3)).toEqual(['Total', 3570, 450]);
  expect(wb.spec('Portfolio risk')?.charts?.map((c) => c.title)).toEqual([
    'Transparency exposure by account (largest)',
    'Whale curve: cumulative gross profit by share of accounts',
  ]);
  expect(wb.rows('Data issues').some((r) => r[0] === 5)).toBe(true);
});

test('in Swedish, and without a Stakeholders sheet it says so', async () => {
  const wb = new MemoryWorkbook(goldenSheets(false));
  const result = await buildPortfolioRisk(wb, { lang: 'sv', now: NOW });
  expect(result.written).toEqual(['Portföljrisk', 'Dataproblem']);
  expect(result.json.keyPersonRisk).toBeNull();
  expect(wb.rows('Portföljrisk').map((r) => r[0])).toContain(
    'Inget blad Intressenter: lägg till det för att se nyckelpersonsrisken.',
  );
});

describe('safeSheetName', () => {
  test('forbidden characters, apostrophes at the ends, blanks', () => {
    expect(safeSheetName("'Q1: *draft* [v2]/final\\x?'")).toBe('Q1 draft v2 final x');
    expect(safeSheetName('  ')).toBe('Sheet');
    expect(safeSheetName('[]', 'Prep')).toBe('Prep');
    expect(safeSheetName('Acme AB')).toBe('Acme AB');
  });

  test('cut to 31 characters with an ellipsis, never inside a surrogate pair', () => {
    const long = safeSheetName('Negotiation prep — Polarverken Industri AB');
    expect(long).toBe('Negotiation prep — Polarverken…');
    expect(long.length).toBe(MAX_SHEET_NAME);
    const emoji = safeSheetName(`${'x'.repeat(29)}😀😀`);
    expect(emoji.length).toBeLessThanOrEqual(MAX_SHEET_NAME);
    expect(emoji).toBe(`${'x'.repeat(29)}…`);
    expect(safeSheetName('x'.repeat(31))).toBe('x'.repeat(31));
  });
});
