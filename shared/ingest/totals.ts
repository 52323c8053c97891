/**
 * Total rows: the sums people put under (or inside) a sales table. They are not sales and are
 * skipped with a "total row detected and skipped" issue.
 *
 * The rule, by the account cell:
 * - the text is a total word — Total, Totals, Grand total, Sum, Subtotal, Sub-total, Totalt,
 *   Summa, Delsumma, Totalsumma, Slutsumma (any case) — alone or followed by `:` and/or a short
 *   period label made only of digits, punctuation, quarters/halves/tertials (`Q3`, `H1`, `T2`),
 *   `FY2025`, `YTD`, month names (English or Swedish) or another total word, at most four words:
 *   "Total", "TOTAL:", "Total Q3", "Summa 2025", "Grand total 2025-01..2025-12", "Summa totalt";
 * - anything else after the total word makes it a name: "Summa Industries AB" and
 *   "Total Logistics" are customers;
 * - or, whatever the text: the account is blank, the date is blank (when a date column is mapped)
 *   and revenue is a number — an unlabelled sum line (checked by the ingest, not here).
 */

const TOTAL_WORDS = new Set([
  'total',
  'totals',
  'subtotal',
  'sub-total',
  'sum',
  'totalt',
  'summa',
  'delsumma',
  'totalsumma',
  'slutsumma',
  'grand',
  's:a',
]);

const PERIOD_WORDS = new Set([
  'ytd',
  'mtd',
  'qtd',
  'all',
  'alla',
  'year',
  'år',
  'month',
  'månad',
  'quarter',
  'kvartal',
  'period',
  'week',
  'vecka',
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'maj',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'okt',
  'nov',
  'dec',
  'january',
  'januari',
  'february',
  'februari',
  'march',
  'mars',
  'april',
  'june',
  'juni',
  'july',
  'juli',
  'august',
  'augusti',
  'september',
  'october',
  'oktober',
  'november',
  'december',
]);

const PERIOD_TOKEN = /^(?:[\d.:/\-–_]+|[qht][1-4]|fy\d{0,4}|v\d{1,2}|w\d{1,2}|\d{4}[qh]\d)$/;

/**
 * True when an account text is a total label (see the module comment for the rule).
 *
 * @example
 * isTotalLabel('Grand total'); // true
 * isTotalLabel('Summa 2025'); // true
 * isTotalLabel('Total Q3:'); // true
 * isTotalLabel('Summa Industries AB'); // false
 */
export function isTotalLabel(text: string): boolean {
  const words = text
    .toLowerCase()
    .replace(/[:()[\]]/g, ' ')
    .split(/[\s,]+/)
    .filter((w) => w !== '');
  if (words.length === 0 || words.length > 5) return false;
  const first = words[0];
  if (!TOTAL_WORDS.has(first)) return false;
  if (first === 'grand' && words[1] !== 'total') return false;
  for (let i = 1; i < words.length; i++) {
    const w = words[i].replace(/\.$/, '');
    if (!(TOTAL_WORDS.has(w) || PERIOD_WORDS.has(w) || PERIOD_TOKEN.test(w) || w === '')) {
      return false;
    }
  }
  return true;
}
