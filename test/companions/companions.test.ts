import fc from 'fast-check';
import { contactNames } from '../../shared/analysis/coverage';
import {
  accountLookup,
  companionSheet,
  parseCompanion,
  readCompanions,
} from '../../shared/companions/readers';
import { COMPANIONS, LADDER, STAKEHOLDERS, WALLET } from '../../shared/companions/schema';
import { companionTemplate, companionTemplates } from '../../shared/companions/templates';
import { MemoryWorkbook } from '../../shared/memory-workbook';
import { linesTable } from './sales-lines';

const table = linesTable([
  { account: 'Acme AB', revenue: 100 },
  { account: 'Beta Bygg', revenue: 50 },
]);
const lookup = accountLookup(table);

describe('templates', () => {
  test('a header row, drop-downs on the list columns, in either language', () => {
    const spec = companionTemplate(STAKEHOLDERS);
    expect(spec.name).toBe('Stakeholders');
    expect(spec.blocks[0].cells[0]).toEqual([
      'Account',
      'Name',
      'Title',
      'Level',
      'Power',
      'Influence',
      'Attitude',
      'Our contacts',
      'Last contact',
    ]);
    expect(spec.validations).toEqual([
      { range: 'D2:D501', list: ['central', 'regional', 'local'] },
      { range: 'E2:E501', list: ['formal', 'informal', 'both'] },
      { range: 'F2:F501', list: ['high', 'medium', 'low'] },
      { range: 'G2:G501', list: ['supporter', 'neutral', 'critic'] },
    ]);
    const sv = companionTemplate(STAKEHOLDERS, 'sv');
    expect(sv.name).toBe('Intressenter');
    expect(sv.validations?.[0].list).toEqual(['central', 'regional', 'lokal']);
    const plans = companionTemplate(COMPANIONS[3]);
    expect(plans.validations?.map((v) => v.range)).toEqual(['D2:D501', 'E2:E501']);
  });

  test('every template reads back as an empty sheet without issues', () => {
    for (const schema of COMPANIONS) {
      for (const lang of ['en', 'sv'] as const) {
        const spec = companionTemplate(schema, lang);
        const parsed = parseCompanion(schema, spec.name, [spec.blocks[0].cells[0] as string[], []]);
        expect(parsed).toEqual({ rows: [], issues: [] });
      }
    }
  });

  test('only missing sheets are created, an existing one (either language) is left alone', () => {
    expect(companionTemplates(['Sales', 'plånbok', 'Stakeholders']).map((s) => s.name)).toEqual([
      'Escalation ladder',
      'Account plans',
    ]);
    expect(companionTemplates([], 'sv', ['ladder']).map((s) => s.name)).toEqual([
      'Eskaleringstrappa',
    ]);
  });
});

describe('reading companion sheets', () => {
  test('headers by synonym and language, values in either language, a title row above', () => {
    const parsed = parseCompanion(
      STAKEHOLDERS,
      'Intressenter',
      [
        ['Intressentkarta 2026'],
        ['Kund', 'Namn', 'Befattning', 'Nivå', 'Inflytande', 'Våra kontakter', 'Senaste kontakt'],
        ['ACME  ab', 'Eva Berg', 'Inköpschef', 'Lokal', 'HÖG', 'Per; Ann', 46000],
      ],
      lookup,
    );
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows[0].row).toBe(3);
    expect(parsed.rows[0].values).toMatchObject({
      account: 'ACME ab',
      name: 'Eva Berg',
      level: 'local',
      influence: 'high',
      ourContacts: 'Per; Ann',
      lastContact: 46000 - 25569,
    });
  });

  test('bad rows go to issues with their row numbers; good rows are kept', async () => {
    const wb = new MemoryWorkbook({
      Stakeholders: [
        ['Account', 'Name', 'Level', 'Influence', 'Our contacts'],
        ['Acme AB', 'Eva Berg', 'boss', 'high', 'Per'], // 2: unknown level → adjusted
        ['Nobody Inc', 'Bo Ek', 'local', 'low', ''], // 3: account not in sales data
        ['acme ab ', 'EVA BERG', 'local', 'low', ''], // 4: duplicate of row 2
        [null, null, null, null, null], // 5: blank: no data
        ['Acme AB', '', 'local', 'low', ''], // 6: name blank
        ['Beta Bygg', 'Kim Ek', 'regional', 'medium', 'Per; Ann'], // 7: fine
      ],
      Wallet: [
        ['Customer', 'Period', 'Wallet'],
        ['Acme AB', '2026', '1 000 000'],
        ['Acme AB', 'last year', 5],
        ['Acme AB', '', 'lots'],
      ],
      'Escalation ladder': [
        ['Level', 'Title', 'Person'],
        [1, 'KAM', 'Per'],
        [1, 'Other', 'Ann'],
        [2, 'Director', 'Ann'],
      ],
      'Account plans': [['Account', 'Owner', 'Role today']],
    });
    const c = await readCompanions(wb, lookup);
    const issues = c.issues.map((i) => [i.row, i.column, i.value, i.action, i.reason]);
    expect(issues).toEqual([
      [
        2,
        'Level',
        'boss',
        'adjusted',
        expect.stringContaining('Stakeholders: unknown level "boss"'),
      ],
      [3, 'Account', 'Nobody Inc', 'rejected', expect.stringContaining('not in the sales data')],
      [4, null, 'acme ab / EVA BERG', 'rejected', expect.stringContaining('duplicate of row 2')],
      [6, 'Name', '', 'rejected', 'Stakeholders: name is blank'],
      [4, 'Wallet', 'lots', 'rejected', 'Wallet: estimated total spend is not a number'],
      [3, null, '1', 'rejected', expect.stringContaining('duplicate of row 2 (same level)')],
      [3, 'Period', 'last year', 'rejected', expect.stringContaining('"last year"')],
    ]);
    expect(c.stakeholders.map((s) => [s.row, s.name, s.level, s.accountCode])).toEqual([
      [2, 'Eva Berg', '', 0],
      [7, 'Kim Ek', 'regional', 1],
    ]);
    expect(c.wallet.map((w) => [w.row, w.wallet, w.period])).toEqual([
      [2, 1_000_000, { kind: 'year', year: 2026 }],
    ]);
    expect(c.ladder.map((l) => [l.level, l.person])).toEqual([
      [1, 'Per'],
      [2, 'Ann'],
    ]);
    expect(c.plans).toEqual([]);
    expect(c.sheets).toEqual({
      stakeholders: 'Stakeholders',
      wallet: 'Wallet',
      ladder: 'Escalation ladder',
      plans: 'Account plans',
    });
  });

  test('a sheet without a required column is one issue, not silently ignored', () => {
    const parsed = parseCompanion(WALLET, 'Wallet', [
      ['Account', 'Notes'],
      ['Acme AB', 'x'],
    ]);
    expect(parsed.rows).toEqual([]);
    expect(parsed.issues).toHaveLength(1);
    expect(parsed.issues[0]).toMatchObject({ row: 1, column: null, action: 'rejected' });
    expect(parsed.issues[0].reason).toContain('no "Estimated total spend" column');
  });

  test('sheets are found by name in either language, case-insensitively', () => {
    expect(companionSheet(['Sales', 'ESKALERINGSTRAPPA'], LADDER)).toBe('ESKALERINGSTRAPPA');
    expect(companionSheet(['Sales'], LADDER)).toBeNull();
  });
});

describe('coverage from the Stakeholders sheet (property)', () => {
  const person = fc.constantFrom('Per Holm', 'Ann Ek', 'Svensson, Anna', 'Kim Ek');
  const spell = (name: string, k: number) =>
    [name, name.toUpperCase(), ` ${name.replace(' ', '   ')} `, name.toLowerCase()][k % 4];

  test('ignores case and spacing and never counts a person twice', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(person, fc.nat(3)), { maxLength: 10 }), async (picks) => {
        const cell = picks.map(([p, k]) => spell(p, k)).join(';');
        const wb = new MemoryWorkbook({
          Stakeholders: [
            ['Account', 'Name', 'Our contacts'],
            ['Acme AB', 'Eva', cell],
          ],
        });
        const c = await readCompanions(wb, lookup);
        const distinct = new Set(picks.map(([p]) => p)).size;
        expect(contactNames(c.stakeholders[0].ourContacts)).toHaveLength(distinct);
      }),
    );
  });
});
