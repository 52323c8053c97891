import {
  keyPersonRiskWithDeputies,
  planStatuses,
  ROLE_SCALE,
  roleArrow,
  roleStep,
  roleText,
  type AccountPlan,
} from '../../shared/analysis/account-plans';
import { keyPersonRisk, type Stakeholder } from '../../shared/analysis/coverage';
import { PLANS } from '../../shared/companions/schema';
import { companionTemplate } from '../../shared/companions/templates';
import { day } from './table';

const plan = (p: Partial<AccountPlan>): AccountPlan => ({
  account: 'Acme AB',
  owner: 'Per Holm',
  deputy: '',
  roleToday: '',
  roleTarget: '',
  nextReview: null,
  ...p,
});

describe('the role scale', () => {
  test('four steps, lowest first, in English and Swedish', () => {
    expect(ROLE_SCALE).toEqual([
      'transactional vendor',
      'approved supplier',
      'preferred supplier',
      'strategic partner',
    ]);
    expect(
      [
        'Transactional vendor',
        'godkänd leverantör',
        'FÖREDRAGEN LEVERANTÖR',
        'strategisk partner',
      ].map(roleStep),
    ).toEqual([1, 2, 3, 4]);
    expect(roleStep('transactional supplier')).toBe(1);
    expect(roleStep('solution partner')).toBeNull();
    expect(roleStep('  ')).toBeNull();
  });

  test('the Account plans template offers the scale as its drop-down', () => {
    expect(companionTemplate(PLANS, 'sv').validations?.[0].list).toEqual([
      'transaktionell leverantör',
      'godkänd leverantör',
      'föredragen leverantör',
      'strategisk partner',
    ]);
  });

  test('today → target, in either language', () => {
    expect(roleArrow('approved supplier', 'strategic partner', 'en')).toBe(
      'approved supplier → strategic partner',
    );
    expect(roleArrow('preferred supplier', '', 'sv')).toBe('föredragen leverantör → ?');
    expect(roleArrow('', '', 'en')).toBeNull();
    expect(roleText('our  own wording', 'sv')).toBe('our own wording');
  });
});

describe('plan status', () => {
  const asOf = day('2026-11-26 15:00');

  test('ambition in steps; reviews before the as-of day are overdue, today is not', () => {
    const [a, b, c, d] = planStatuses(
      [
        plan({
          roleToday: 'approved supplier',
          roleTarget: 'strategic partner',
          nextReview: day('2026-10-01'),
        }),
        plan({
          roleToday: 'strategic partner',
          roleTarget: 'preferred supplier',
          nextReview: day('2026-11-26'),
        }),
        plan({ roleToday: 'solution partner', roleTarget: 'strategic partner' }),
        plan({ nextReview: day('2026-11-25') }),
      ],
      asOf,
    );
    expect(a).toMatchObject({
      todayStep: 2,
      targetStep: 4,
      ambition: 2,
      reviewOverdue: true,
      daysOverdue: 56,
    });
    expect(b).toMatchObject({ ambition: -1, reviewOverdue: false, daysOverdue: 0 });
    expect(c).toMatchObject({
      todayStep: null,
      ambition: null,
      noReview: true,
      reviewOverdue: false,
    });
    expect(d).toMatchObject({ reviewOverdue: true, daysOverdue: 1 });
  });
});

describe('a deputy who knows the account lowers key-person risk', () => {
  const stakeholders: Stakeholder[] = [
    { account: 'Acme AB', name: 'Eva Berg', influence: 'high', ourContacts: 'Per Holm' },
    { account: 'Acme AB', name: 'Kim Ek', influence: 'medium', ourContacts: 'Ann Ek' },
    { account: 'Acme AB', name: 'Olof Lind', influence: 'low', ourContacts: '' },
    { account: 'Beta Bygg', name: 'Lars Ny', influence: 'high', ourContacts: 'Per Holm' },
  ];

  test('without plans it is the plain key-person risk', () => {
    expect(keyPersonRiskWithDeputies(stakeholders, [])).toEqual(keyPersonRisk(stakeholders));
  });

  test("the owner's sole contacts get the deputy as a second contact", () => {
    const risks = keyPersonRiskWithDeputies(stakeholders, [
      plan({ account: 'ACME AB', owner: 'per holm', deputy: 'Ann Ek' }),
      plan({ account: 'Beta Bygg', owner: 'Per Holm', deputy: 'Sara Ek' }),
    ]);
    const acme = risks.find((r) => r.account === 'Acme AB')!;
    expect(acme.uncovered.map((s) => s.name)).toEqual(['Kim Ek', 'Olof Lind']);
    expect(acme.criticalPeople).toEqual([]);
    // Beta Bygg's deputy knows nobody there: no change
    const beta = risks.find((r) => r.account === 'Beta Bygg')!;
    expect(beta.criticalPeople).toEqual(['Per Holm']);
  });
});
