/**
 * Test-only: a Signals log that exercises the clock — across midnight, across both daylight-saving
 * changes of Europe/Stockholm (wall-clock times), exactly at the limit, a minute over, missing
 * acted-at (open and overdue at the as-of time), an action before the signal — plus seeded random
 * signals.
 */
import type { Signal } from '../../shared/analysis/signals';
import { day } from '../analysis/table';

/** The fixed "as of" time of the tests. */
export const AS_OF = day('2026-11-26 12:00');

const signal = (
  raised: string,
  acted: string | null,
  account: string,
  type = 'dissatisfaction',
): Signal => ({
  row: 0,
  raisedAt: day(raised),
  account,
  type,
  description: `${account}: ${type}`,
  raisedBy: 'Eva Berg',
  escalatedTo: 'CEO',
  escalatedAt: day(raised),
  actedAt: acted === null ? null : day(acted),
  action: acted === null ? '' : 'called',
});

/** The named cases, then `random` seeded ones. */
export function testLog(random = 40): Signal[] {
  const named: Signal[] = [
    // across midnight: 23:30 → 00:15 next day = 0.75 h
    signal('2026-11-02 23:30', '2026-11-03 00:15', 'Acme AB'),
    // across midnight and the limit: 22:00 → 23:00 next day = 25 h, late
    signal('2026-11-04 22:00', '2026-11-05 23:00', 'Acme AB', 'price complaint'),
    // spring forward (2026-03-29 02:00 → 03:00): 01:30 → 03:30 is 2 wall-clock hours (1 real)
    signal('2026-03-29 01:30', '2026-03-29 03:30', 'Beta Bygg', 'termination threat'),
    // fall back (2026-10-25 03:00 → 02:00): 01:30 → 03:30 is 2 wall-clock hours (3 real)
    signal('2026-10-25 01:30', '2026-10-25 03:30', 'Beta Bygg', 'volume reduction'),
    // a 24-hour limit across the spring change: 2026-03-28 12:00 → 03-29 12:00 = 24 h, in time
    signal('2026-03-28 12:00', '2026-03-29 12:00', 'Gamma Oy', 'other'),
    // exactly the limit, and a minute over
    signal('2026-06-01 10:07', '2026-06-02 10:07', 'Gamma Oy'),
    signal('2026-06-01 10:07', '2026-06-02 10:08', 'Gamma Oy'),
    // open: 2 h before as-of (open), 30 h before (overdue), exactly 24 h before (open, 0 left)
    signal('2026-11-26 10:00', null, 'Delta AS', 'price complaint'),
    signal('2026-11-25 06:00', null, 'Delta AS'),
    signal('2026-11-25 12:00', null, 'Epsilon GmbH', 'other'),
    // an open signal raised after as-of (negative elapsed: more than the limit left)
    signal('2026-11-26 18:00', null, 'Epsilon GmbH'),
    // acted before raised (a typing error shown, not hidden)
    signal('2026-09-10 12:00', '2026-09-10 11:00', 'Zeta AB', 'dissatisfaction'),
  ];
  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const types = [
    'dissatisfaction',
    'termination threat',
    'volume reduction',
    'price complaint',
    'other',
  ];
  const accounts = ['Acme AB', 'Beta Bygg', 'Gamma Oy', 'Delta AS', 'Epsilon GmbH', 'Zeta AB'];
  for (let i = 0; i < random; i++) {
    const raisedAt = AS_OF - 1 - Math.floor(next() * 200 * 1440) / 1440;
    const acted = next() < 0.7 ? raisedAt + Math.floor(next() * 60 * 60) / 1440 : null;
    named.push({
      row: 0,
      raisedAt,
      account: accounts[Math.floor(next() * accounts.length)],
      type: types[Math.floor(next() * types.length)],
      description: `random ${i}`,
      raisedBy: 'Per Holm',
      escalatedTo: '',
      escalatedAt: null,
      actedAt: acted,
      action: acted === null ? '' : 'visited',
    });
  }
  return named;
}

/**
 * A long log as colleagues fill it in: `rows` signals half an hour apart from 2025-01-01 08:00,
 * every tenth description formula-like text, every fourth still open.
 */
export function longSignalLog(rows: number): Signal[] {
  return Array.from({ length: rows }, (_, i) => ({
    row: 0,
    raisedAt: day('2025-01-01 08:00') + i / 48,
    account: `Account ${i % 97}`,
    type: i % 3 === 0 ? 'price complaint' : 'dissatisfaction',
    description: i % 10 === 0 ? `=HYPERLINK("x") typed by a colleague ${i}` : `note ${i}`,
    raisedBy: 'Eva',
    escalatedTo: 'CEO',
    escalatedAt: null,
    actedAt: i % 4 === 0 ? null : day('2025-01-01 09:00') + i / 48,
    action: i % 4 === 0 ? '' : 'called',
  }));
}
