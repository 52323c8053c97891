/**
 * Coverage and key-person risk (SPEC §3), from the stakeholder map: for each decision maker at an
 * account, the people of ours who know them ("Our contacts", names separated by `;` or line
 * breaks). Coverage = the number of distinct people of ours; decision makers with coverage ≤ 1 are
 * a risk, and a person of ours who is the only contact of a high-influence decision maker is
 * critical — their departure leaves that decision maker uncovered.
 *
 * Names and accounts are compared the way ingestion compares account names (ingest/accounts):
 * trimmed, inner whitespace collapsed, Unicode NFC, case-insensitive; the first spelling is shown.
 */
import { displayText, textKey } from '../ingest/accounts';

/** One row of the stakeholder map. */
export interface Stakeholder {
  account: string;
  /** The decision maker's name. */
  name: string;
  influence: 'high' | 'medium' | 'low' | '';
  /** Our people who know them: names separated by `;` or line breaks. */
  ourContacts: string;
}

/** The key-person risk at one account. */
export interface KeyPersonRisk {
  /** The account's first spelling (display form). */
  account: string;
  /** Decision makers with coverage ≤ 1: high influence first (then medium, low, blank), then by
   * name. */
  uncovered: Stakeholder[];
  /** Our people who are the only contact of a high-influence decision maker: distinct, sorted. */
  criticalPeople: string[];
}

/**
 * The distinct names in an "Our contacts" cell: split on `;` and line breaks (not on commas —
 * "Svensson, Anna" is one name), trimmed, inner whitespace collapsed, empties dropped, distinct
 * case-insensitively (the first spelling kept), in order of appearance.
 *
 * @example
 * contactNames('Svensson, Anna; Per  Holm\n;; SVENSSON, ANNA') // ['Svensson, Anna', 'Per Holm']
 */
export function contactNames(ourContacts: string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const part of ourContacts.split(/[;\r\n]/)) {
    const name = displayText(part);
    if (name === '') continue;
    const key = textKey(name);
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(name);
  }
  return names;
}

/**
 * Coverage of a decision maker: the number of distinct people of ours who know them.
 *
 * @example
 * coverage('Per Holm; per holm; Svensson, Anna') // 2
 */
export function coverage(ourContacts: string): number {
  return contactNames(ourContacts).length;
}

/** high 0, medium 1, low 2, anything else (blank) 3. */
function rank(influence: string): number {
  return influence === 'high' ? 0 : influence === 'medium' ? 1 : influence === 'low' ? 2 : 3;
}

function byName(a: string, b: string): number {
  const x = textKey(a);
  const y = textKey(b);
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One decision maker at one account, merged over repeated rows. */
interface Person {
  /** The caller's row, or a merged copy when the person has several rows. */
  row: Stakeholder;
  contacts: string[];
}

/**
 * Key-person risk per account, accounts in first-seen order (compared case- and
 * whitespace-insensitively, the first spelling shown), only accounts with any decision maker of
 * coverage ≤ 1. Rows with a blank name are ignored. Rows naming the same decision maker at the
 * same account (case-insensitively) are one person: their contacts are united and the highest
 * influence kept (that merged row, with contacts joined by "; ", is what `uncovered` lists).
 *
 * @example
 * keyPersonRisk([
 *   { account: 'Acme', name: 'Eva Berg', influence: 'high', ourContacts: 'Per Holm' },
 *   { account: 'ACME ', name: 'Olof Lind', influence: 'low', ourContacts: '' },
 *   { account: 'Acme', name: 'Kim Ek', influence: 'medium', ourContacts: 'Per Holm; Ann Ek' },
 * ])
 * // [{ account: 'Acme', uncovered: [Eva Berg, Olof Lind], criticalPeople: ['Per Holm'] }]
 */
export function keyPersonRisk(stakeholders: readonly Stakeholder[]): KeyPersonRisk[] {
  const accounts = new Map<string, { account: string; people: Map<string, Person> }>();
  for (const row of stakeholders) {
    if (displayText(row.name) === '') continue;
    const accountKey = textKey(row.account);
    let entry = accounts.get(accountKey);
    if (entry === undefined) {
      entry = { account: displayText(row.account), people: new Map() };
      accounts.set(accountKey, entry);
    }
    const personKey = textKey(row.name);
    const person = entry.people.get(personKey);
    if (person === undefined) {
      entry.people.set(personKey, { row, contacts: contactNames(row.ourContacts) });
      continue;
    }
    const contacts = contactNames(`${person.contacts.join(';')};${row.ourContacts}`);
    const influence =
      rank(row.influence) < rank(person.row.influence) ? row.influence : person.row.influence;
    person.row = { ...person.row, influence, ourContacts: contacts.join('; ') };
    person.contacts = contacts;
  }

  const risks: KeyPersonRisk[] = [];
  for (const { account, people } of accounts.values()) {
    const uncovered: Stakeholder[] = [];
    const critical = new Map<string, string>();
    for (const { row, contacts } of people.values()) {
      if (contacts.length > 1) continue;
      uncovered.push(row);
      if (row.influence === 'high' && contacts.length === 1) {
        const key = textKey(contacts[0]);
        if (!critical.has(key)) critical.set(key, contacts[0]);
      }
    }
    if (uncovered.length === 0) continue;
    uncovered.sort((a, b) => rank(a.influence) - rank(b.influence) || byName(a.name, b.name));
    risks.push({ account, uncovered, criticalPeople: [...critical.values()].sort(byName) });
  }
  return risks;
}
