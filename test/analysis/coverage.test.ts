import fc from 'fast-check';
import {
  contactNames,
  coverage,
  keyPersonRisk,
  type Stakeholder,
} from '../../shared/analysis/coverage';

const s = (
  account: string,
  name: string,
  influence: Stakeholder['influence'],
  ourContacts: string,
): Stakeholder => ({ account, name, influence, ourContacts });

describe('contactNames and coverage', () => {
  test('split on ; and line breaks, never on commas', () => {
    expect(contactNames('Svensson, Anna; Per Holm\nKim Ek\r\nEva Berg')).toEqual([
      'Svensson, Anna',
      'Per Holm',
      'Kim Ek',
      'Eva Berg',
    ]);
    expect(coverage('Svensson, Anna')).toBe(1);
  });

  test('trimmed, whitespace collapsed, empties dropped', () => {
    expect(contactNames('  Per \u00a0  Holm ;; ;\n\n Eva\tBerg ; ')).toEqual([
      'Per Holm',
      'Eva Berg',
    ]);
    expect(contactNames('')).toEqual([]);
    expect(contactNames(' ; \n ')).toEqual([]);
    expect(coverage('')).toBe(0);
  });

  test('distinct case-insensitively, first spelling kept', () => {
    expect(contactNames('per holm; Per  Holm; PER HOLM; Eva Berg')).toEqual([
      'per holm',
      'Eva Berg',
    ]);
    expect(coverage('Per Holm; per holm; Svensson, Anna; SVENSSON,  ANNA')).toBe(2);
    // composed and decomposed å are the same person
    expect(coverage('\u00c5sa Lind; A\u030asa Lind')).toBe(1);
  });
});

describe('keyPersonRisk', () => {
  const map: Stakeholder[] = [
    s('Acme AB', 'Eva Berg', 'high', 'Per Holm'),
    s('acme  ab ', 'Olof Lind', 'low', ''),
    s('ACME AB', 'Kim Ek', 'medium', 'Per Holm; Ann Ek'),
    s('Acme AB', 'Bo Ahl', 'high', ''),
    s('Acme AB', 'Ulla Nord', 'medium', 'Ann Ek'),
    s('Acme AB', 'Ida Falk', 'high', 'ann ek'),
    s('Beta Oy', 'Lea Koski', 'high', 'Per Holm; Ann Ek'),
    s('Gamma', 'Jan Öst', 'high', 'Svensson, Anna'),
    s('Gamma', 'Ola Sand', '', 'Per Holm'),
  ];

  test('per account, first spelling, high influence first then by name', () => {
    const risks = keyPersonRisk(map);
    // Beta Oy has no risk: its one decision maker has two contacts.
    expect(risks.map((r) => r.account)).toEqual(['Acme AB', 'Gamma']);
    const [acme, gamma] = risks;
    expect(acme.uncovered.map((p) => p.name)).toEqual([
      'Bo Ahl', // high, coverage 0
      'Eva Berg', // high, coverage 1
      'Ida Falk', // high, coverage 1
      'Ulla Nord', // medium
      'Olof Lind', // low
    ]);
    // Bo Ahl is already uncovered: nobody's departure changes that. Eva Berg hangs on Per Holm,
    // Ida Falk on Ann Ek (spelt "ann ek" there).
    expect(acme.criticalPeople).toEqual(['ann ek', 'Per Holm']);
    expect(acme.uncovered[1]).toBe(map[0]); // the caller's row, not a copy
    expect(gamma.uncovered.map((p) => p.name)).toEqual(['Jan Öst', 'Ola Sand']);
    expect(gamma.criticalPeople).toEqual(['Svensson, Anna']);
  });

  test('a sole contact of medium or low influence people only is not critical', () => {
    const risks = keyPersonRisk([
      s('X', 'A', 'medium', 'Per'),
      s('X', 'B', 'low', 'Per'),
      s('X', 'C', '', 'Per'),
    ]);
    expect(risks).toHaveLength(1);
    expect(risks[0].uncovered).toHaveLength(3);
    expect(risks[0].criticalPeople).toEqual([]);
  });

  test('critical people are distinct across decision makers', () => {
    const risks = keyPersonRisk([
      s('X', 'A', 'high', 'Per Holm'),
      s('X', 'B', 'high', 'per holm'),
      s('X', 'C', 'high', 'Ann'),
    ]);
    expect(risks[0].criticalPeople).toEqual(['Ann', 'Per Holm']);
  });

  test('a decision maker on several rows is one person: contacts united, highest influence', () => {
    const rows = [
      s('X', 'Eva Berg', 'low', 'Per Holm'),
      s('X', 'eva  berg', 'high', 'per holm'),
      s('X', 'Kim Ek', 'medium', 'Per Holm'),
      s('x', 'KIM EK', '', 'Ann Ek'),
    ];
    const risks = keyPersonRisk(rows);
    expect(risks).toHaveLength(1);
    expect(risks[0].uncovered).toEqual([s('X', 'Eva Berg', 'high', 'Per Holm')]);
    expect(risks[0].criticalPeople).toEqual(['Per Holm']);
  });

  test('rows with a blank name are ignored; no rows, no risk', () => {
    expect(keyPersonRisk([s('X', '  ', 'high', '')])).toEqual([]);
    expect(keyPersonRisk([])).toEqual([]);
  });
});

const person = fc.constantFrom('Per Holm', 'per holm', 'Ann Ek', 'Svensson, Anna', ' Kim  Ek ');
const stakeholder = fc.record({
  account: fc.constantFrom('Acme', 'ACME ', 'Beta', 'Gamma'),
  name: fc.constantFrom('Eva', 'Bo', 'Ida', 'Jan', 'eva'),
  influence: fc.constantFrom<Stakeholder['influence']>('high', 'medium', 'low', ''),
  ourContacts: fc.array(person, { maxLength: 4 }).map((ps) => ps.join(';')),
});

describe('properties', () => {
  test('listed decision makers have coverage ≤ 1; critical people are sole contacts', () => {
    fc.assert(
      fc.property(fc.array(stakeholder, { maxLength: 20 }), (rows) => {
        for (const risk of keyPersonRisk(rows)) {
          expect(risk.uncovered.length).toBeGreaterThan(0);
          for (const p of risk.uncovered) expect(coverage(p.ourContacts)).toBeLessThanOrEqual(1);
          for (const c of risk.criticalPeople) {
            const sole = risk.uncovered.some(
              (p) =>
                p.influence === 'high' &&
                contactNames(p.ourContacts).length === 1 &&
                contactNames(`${p.ourContacts};${c}`).length === 1,
            );
            expect(sole).toBe(true);
          }
        }
      }),
    );
  });

  test('coverage does not depend on the order or repetition of names', () => {
    fc.assert(
      fc.property(fc.array(person, { maxLength: 8 }), (ps) => {
        const reversed = [...ps].reverse();
        expect(coverage(ps.join(';'))).toBe(coverage([...reversed, ...ps].join('\n')));
      }),
    );
  });
});
