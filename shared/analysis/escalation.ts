/**
 * The escalation ladder check (SPEC §1: "never negotiate at your own highest level; keep a referee
 * level above"): our company's levels, lowest first; the level of the person who negotiates with
 * the account, the referee level above it, and a warning when no referee level is left.
 *
 * People are matched the way account names are (case and spacing ignored).
 */
import { textKey } from '../ingest/accounts';

/** One step of our escalation ladder. */
export interface LadderLevel {
  /** Level number, 1 = lowest. */
  readonly level: number;
  readonly title: string;
  readonly person: string;
}

/**
 * What the check found:
 * - null: the negotiator is on the ladder with a referee level above;
 * - 'no-ladder': no Escalation ladder data;
 * - 'no-negotiator': nobody is named as negotiator (no owner in the account plan or sales data);
 * - 'negotiator-not-on-ladder': the negotiator is below the ladder, its lowest level referees;
 * - 'no-referee': the negotiator is at the top of the ladder — nobody is left to referee.
 */
export type EscalationWarning =
  'no-ladder' | 'no-negotiator' | 'negotiator-not-on-ladder' | 'no-referee';

export interface EscalationCheck {
  /** The ladder, lowest level first. */
  readonly ladder: readonly LadderLevel[];
  readonly negotiator: string | null;
  /** The negotiator's (highest) level on the ladder, null when not on it. */
  readonly negotiatorLevel: LadderLevel | null;
  /** The lowest level above the negotiator's, null when none. */
  readonly referee: LadderLevel | null;
  readonly warning: EscalationWarning | null;
}

/**
 * Checks the ladder for a negotiator.
 *
 * @example
 * const ladder = [
 *   { level: 1, title: 'Key account manager', person: 'Eva Berg' },
 *   { level: 2, title: 'Sales director', person: 'Per Holm' },
 * ];
 * escalationCheck(ladder, 'eva  berg').referee // { level: 2, title: 'Sales director', … }
 * escalationCheck(ladder, 'Per Holm').warning // 'no-referee'
 */
export function escalationCheck(
  ladder: readonly LadderLevel[],
  negotiator: string | null,
): EscalationCheck {
  const sorted = [...ladder].sort((a, b) => a.level - b.level);
  const who = negotiator !== null && textKey(negotiator) !== '' ? negotiator : null;
  if (sorted.length === 0) {
    return {
      ladder: sorted,
      negotiator: who,
      negotiatorLevel: null,
      referee: null,
      warning: 'no-ladder',
    };
  }
  if (who === null) {
    return {
      ladder: sorted,
      negotiator: null,
      negotiatorLevel: null,
      referee: sorted[0],
      warning: 'no-negotiator',
    };
  }
  const key = textKey(who);
  let at = -1;
  sorted.forEach((l, i) => {
    if (textKey(l.person) === key) at = i;
  });
  if (at < 0) {
    return {
      ladder: sorted,
      negotiator: who,
      negotiatorLevel: null,
      referee: sorted[0],
      warning: 'negotiator-not-on-ladder',
    };
  }
  const own = sorted[at];
  const referee = sorted.find((l) => l.level > own.level) ?? null;
  return {
    ladder: sorted,
    negotiator: who,
    negotiatorLevel: own,
    referee,
    warning: referee === null ? 'no-referee' : null,
  };
}
