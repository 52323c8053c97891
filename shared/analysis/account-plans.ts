/**
 * Account plans (SPEC §2, §1 "our role at the customer today and in a year"): our role on a fixed
 * scale — transactional vendor → approved supplier → preferred supplier → strategic partner — today
 * and as the target in 12 months, the owner and the deputy, and the next review (overdue when it
 * is before the as-of day).
 *
 * A deputy who is also one of our contacts of the account's stakeholders can take over the
 * owner's relationships: `keyPersonRiskWithDeputies` counts them as a second contact of the
 * decision makers only the owner knows, which lowers the key-person risk (analysis/coverage).
 */
import { ROLES } from '../companions/schema';
import { displayText, textKey } from '../ingest/accounts';
import type { Lang } from '../reports/labels';
import { contactNames, keyPersonRisk, type KeyPersonRisk, type Stakeholder } from './coverage';

/** The fixed role scale, lowest first (the English values of ROLES). */
export const ROLE_SCALE: readonly string[] = ROLES.map((r) => r.value);

/** Older or informal names read as a step of the scale. */
const ROLE_SYNONYMS: Readonly<Record<string, number>> = {
  [textKey('transactional supplier')]: 1,
  [textKey('transaktionsleverantör')]: 1,
  [textKey('vendor')]: 1,
  [textKey('approved vendor')]: 2,
  [textKey('preferred vendor')]: 3,
  [textKey('strategic supplier')]: 4,
};

/**
 * The step of a role on the scale (1 = transactional vendor … 4 = strategic partner), in English
 * or Swedish, case and spacing ignored; null for blank or a role not on the scale.
 *
 * @example
 * roleStep('Föredragen leverantör') // 3
 * roleStep('solution partner') // null
 */
export function roleStep(role: string): number | null {
  const key = textKey(role);
  if (key === '') return null;
  const at = ROLES.findIndex((r) => textKey(r.text.en) === key || textKey(r.text.sv) === key);
  if (at >= 0) return at + 1;
  return ROLE_SYNONYMS[key] ?? null;
}

/**
 * A role in a language: the scale's wording when it is on the scale, else the text as written.
 *
 * @example
 * roleText('preferred supplier', 'sv') // 'föredragen leverantör'
 */
export function roleText(role: string, lang: Lang): string {
  const step = roleStep(role);
  return step === null ? displayText(role) : ROLES[step - 1].text[lang];
}

/**
 * "today → target" for the Top 20, or null when neither is known; an unknown side shows "?".
 *
 * @example
 * roleArrow('approved supplier', 'strategic partner', 'en') // 'approved supplier → strategic partner'
 */
export function roleArrow(today: string, target: string, lang: Lang): string | null {
  if (displayText(today) === '' && displayText(target) === '') return null;
  const side = (r: string) => (displayText(r) === '' ? '?' : roleText(r, lang));
  return `${side(today)} → ${side(target)}`;
}

/** An Account plans row as the analysis needs it (companions/readers AccountPlanRow fits). */
export interface AccountPlan {
  readonly account: string;
  readonly owner: string;
  readonly deputy: string;
  readonly roleToday: string;
  readonly roleTarget: string;
  /** Epoch day, null when blank. */
  readonly nextReview: number | null;
}

/** Where an account plan stands at the as-of day. */
export interface PlanStatus {
  readonly plan: AccountPlan;
  readonly todayStep: number | null;
  readonly targetStep: number | null;
  /** Steps up the scale the target asks for (negative = a planned step down); null when unknown. */
  readonly ambition: number | null;
  /** True when the next review is before the as-of day. */
  readonly reviewOverdue: boolean;
  /** Whole days the review is overdue (0 when not). */
  readonly daysOverdue: number;
  /** True when the plan names no next review. */
  readonly noReview: boolean;
}

/**
 * Each plan's role steps, ambition and review status at `asOf` (epoch day; the time of day is
 * ignored: a review due today is not overdue).
 *
 * @example
 * planStatuses([{ account: 'Acme', owner: 'Per', deputy: '', roleToday: 'approved supplier',
 *   roleTarget: 'strategic partner', nextReview: dayOfIso('2026-10-01') }], dayOfIso('2026-11-26'))
 * // [{ todayStep: 2, targetStep: 4, ambition: 2, reviewOverdue: true, daysOverdue: 56, … }]
 */
export function planStatuses(plans: readonly AccountPlan[], asOf: number): PlanStatus[] {
  const today = Math.floor(asOf);
  return plans.map((plan) => {
    const todayStep = roleStep(plan.roleToday);
    const targetStep = roleStep(plan.roleTarget);
    const review = plan.nextReview === null ? null : Math.floor(plan.nextReview);
    const overdue = review !== null && review < today;
    return {
      plan,
      todayStep,
      targetStep,
      ambition: todayStep !== null && targetStep !== null ? targetStep - todayStep : null,
      reviewOverdue: overdue,
      daysOverdue: overdue ? today - (review as number) : 0,
      noReview: review === null,
    };
  });
}

/**
 * Key-person risk (analysis/coverage) with the account plans' deputies: when an account's deputy
 * is also one of our contacts of any of its stakeholders, the deputy counts as a second contact of
 * every decision maker whom only the account's owner knows. Other accounts are as keyPersonRisk
 * has them.
 *
 * @example
 * keyPersonRiskWithDeputies(stakeholders, [{ account: 'Acme', owner: 'Per Holm', deputy: 'Ann Ek', … }])
 * // Eva Berg (known only by Per Holm) is covered when Ann Ek knows anyone at Acme
 */
export function keyPersonRiskWithDeputies(
  stakeholders: readonly Stakeholder[],
  plans: readonly AccountPlan[],
): KeyPersonRisk[] {
  const byAccount = new Map<string, AccountPlan>();
  for (const p of plans)
    if (!byAccount.has(textKey(p.account))) byAccount.set(textKey(p.account), p);
  // Accounts whose deputy already knows one of their stakeholders.
  const known = new Set<string>();
  for (const s of stakeholders) {
    const plan = byAccount.get(textKey(s.account));
    if (plan === undefined || textKey(plan.deputy) === '') continue;
    if (contactNames(s.ourContacts).some((n) => textKey(n) === textKey(plan.deputy)))
      known.add(textKey(s.account));
  }
  const adjusted = stakeholders.map((s) => {
    const key = textKey(s.account);
    if (!known.has(key)) return s;
    const plan = byAccount.get(key) as AccountPlan;
    const contacts = contactNames(s.ourContacts);
    if (contacts.length !== 1 || textKey(contacts[0]) !== textKey(plan.owner)) return s;
    return { ...s, ourContacts: `${contacts[0]}; ${displayText(plan.deputy)}` };
  });
  return keyPersonRisk(adjusted);
}
