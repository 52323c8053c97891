/**
 * Test-only: a small workbook whose negotiation prep and portfolio risk can be checked on paper.
 *
 * Current period (r12) = 2025-06-16..2026-06-15, comparison = the 12 months before.
 * - Acme AB: A 100 @ 12 (North 60, South 40), B 50 @ 20; before: A 80 @ 11, B 50 @ 18, C 10 @ 10.
 * - Beta Bygg: A 50 @ 10 (smaller, cheaper than Acme: exposure 2 × 100 = 200), S 10 @ 30.
 * - Gamma Gruppen: A 20 @ 11, S 5 @ 40.
 * - Delta Data: B 10 @ 15 (smaller, cheaper than Acme: exposure 5 × 50 = 250), loss-making.
 * Groups: A, B Tools; C Glue; S Safety (Beta and Gamma buy it, Acme does not: white space).
 */
import type { RawRow } from '../../shared/workbook';
import { salesSheet, type Line } from './sales-lines';

const NEW = '2026-06-15';
const OLD = '2025-06-15';

export const ACCOUNTS = ['Acme AB', 'Beta Bygg', 'Gamma Gruppen', 'Delta Data'];

export const GOLDEN_LINES: Line[] = [
  {
    date: NEW,
    account: 'Acme AB',
    product: 'A',
    group: 'Tools',
    sub: 'North',
    qty: 60,
    revenue: 720,
    gp: 144,
    owner: 'Per Holm',
  },
  {
    date: NEW,
    account: 'Acme AB',
    product: 'A',
    group: 'Tools',
    sub: 'South',
    qty: 40,
    revenue: 480,
    gp: 96,
    owner: 'Per Holm',
  },
  {
    date: NEW,
    account: 'Acme AB',
    product: 'B',
    group: 'Tools',
    sub: 'North',
    qty: 50,
    revenue: 1000,
    gp: 200,
    owner: 'Per Holm',
  },
  {
    date: OLD,
    account: 'Acme AB',
    product: 'A',
    group: 'Tools',
    sub: 'North',
    qty: 80,
    revenue: 880,
    gp: 150,
    owner: 'Per Holm',
  },
  {
    date: OLD,
    account: 'Acme AB',
    product: 'B',
    group: 'Tools',
    sub: 'North',
    qty: 50,
    revenue: 900,
    gp: 150,
    owner: 'Per Holm',
  },
  {
    date: OLD,
    account: 'Acme AB',
    product: 'C',
    group: 'Glue',
    sub: 'South',
    qty: 10,
    revenue: 100,
    gp: 20,
    owner: 'Per Holm',
  },
  {
    date: NEW,
    account: 'Beta Bygg',
    product: 'A',
    group: 'Tools',
    sub: 'Main',
    qty: 50,
    revenue: 500,
    gp: 100,
    owner: 'Ann Ek',
  },
  {
    date: NEW,
    account: 'Beta Bygg',
    product: 'S',
    group: 'Safety',
    sub: 'Main',
    qty: 10,
    revenue: 300,
    gp: 90,
    owner: 'Ann Ek',
  },
  {
    date: NEW,
    account: 'Gamma Gruppen',
    product: 'A',
    group: 'Tools',
    sub: 'Main',
    qty: 20,
    revenue: 220,
    gp: 40,
    owner: 'Ann Ek',
  },
  {
    date: NEW,
    account: 'Gamma Gruppen',
    product: 'S',
    group: 'Safety',
    sub: 'Main',
    qty: 5,
    revenue: 200,
    gp: 60,
    owner: 'Ann Ek',
  },
  {
    date: NEW,
    account: 'Delta Data',
    product: 'B',
    group: 'Tools',
    sub: 'Main',
    qty: 10,
    revenue: 150,
    gp: -50,
    owner: 'Ann Ek',
  },
];

/** The Stakeholders sheet: rows 2–3 good, 4 unknown level, 5 unknown account, 6 duplicate of 2. */
export const STAKEHOLDER_ROWS: RawRow[] = [
  ['Account', 'Name', 'Title', 'Level', 'Power', 'Influence', 'Attitude', 'Our contacts'],
  ['Acme AB', 'Eva Berg', 'CFO', 'central', 'formal', 'high', 'critic', 'Per Holm'],
  [
    'Acme AB',
    'Olof Lind',
    'Buyer',
    'local',
    'informal',
    'medium',
    'supporter',
    'Per Holm; ann  ek',
  ],
  ['Acme AB', 'Kim Ek', 'Site boss', 'boss', 'formal', 'low', 'neutral', ''],
  ['Nobody Inc', 'Bo Ek', 'CEO', 'central', 'formal', 'high', 'neutral', 'Per Holm'],
  ['ACME AB', 'eva berg', 'CFO', 'central', 'formal', 'high', 'critic', 'Ann Ek'],
  ['Beta Bygg', 'Ulla Sten', 'CEO', 'central', 'both', 'high', 'supporter', 'Ann Ek'],
];

export function goldenSheets(companions = true): Record<string, RawRow[]> {
  const sheets: Record<string, RawRow[]> = { Sales: salesSheet(GOLDEN_LINES) };
  if (!companions) return sheets;
  sheets.Stakeholders = STAKEHOLDER_ROWS;
  sheets.Wallet = [
    ['Account', 'Product group', 'Period', 'Estimated total spend'],
    ['Acme AB', null, null, 11000],
    ['Acme AB', 'Tools', null, 4400],
  ];
  sheets['Escalation ladder'] = [
    ['Level', 'Title', 'Person'],
    [1, 'Key account manager', 'Per Holm'],
    [2, 'Sales director', 'Ann Ek'],
  ];
  sheets['Account plans'] = [
    ['Account', 'Owner', 'Deputy', 'Role today', 'Role target in 12 months'],
    ['Acme AB', 'Per Holm', 'Ann Ek', 'preferred supplier', 'strategic partner'],
  ];
  return sheets;
}
