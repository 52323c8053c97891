/**
 * The Top 20 in a few plain words, for the task pane and the command line:
 * "Top 20 = 41% of revenue; 3 of them below portfolio margin; largest account 9%".
 */
import type { Top20Analysis } from '../analysis/types';
import { labels, type Lang } from './labels';

const pct = (x: number, lang: Lang) =>
  `${(x * 100).toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-US', { maximumFractionDigits: 0 })}${lang === 'sv' ? ' %' : '%'}`;

/**
 * One-paragraph summary of a Top 20 analysis.
 *
 * @example
 * top20Summary(analysis) // 'Top 20 = 41% of revenue; 3 of them below portfolio margin; largest account 9% (…)'
 */
export function top20Summary(analysis: Top20Analysis, lang: Lang = 'en'): string {
  const { top, portfolio: p, totals } = analysis;
  const n = top.length;
  const share = top.length > 0 ? top[n - 1].cumulativeShare : 0;
  const below =
    p.margin === null
      ? null
      : top.filter((a) => a.margin !== null && a.margin < (p.margin ?? 0)).length;
  const largest = top[0];
  const losses = top.filter((a) => a.flags.includes('loss-making')).length;
  const band = labels(lang).bands[p.hhiBand];
  if (lang === 'sv') {
    return [
      `Topp ${n} = ${pct(share, lang)} av försäljningen`,
      below === null
        ? 'lönsamheten okänd (ingen kostnad eller TB)'
        : `${below} av dem under portföljens marginal`,
      largest ? `största kunden ${pct(largest.share, lang)} (${largest.account})` : '',
      `${losses} olönsamma i topp ${n}`,
      `HHI ${Math.round(p.hhi)} (${band}), motsvarar ${p.effectiveCustomers.toFixed(1)} lika stora kunder av ${totals.accounts}`,
    ]
      .filter(Boolean)
      .join('; ');
  }
  return [
    `Top ${n} = ${pct(share, lang)} of revenue`,
    below === null
      ? 'profitability unknown (no cost or profit column)'
      : `${below} of them below portfolio margin`,
    largest ? `largest account ${pct(largest.share, lang)} (${largest.account})` : '',
    `${losses} loss-making in the top ${n}`,
    `HHI ${Math.round(p.hhi)} (${band}), like ${p.effectiveCustomers.toFixed(1)} equal customers out of ${totals.accounts}`,
  ]
    .filter(Boolean)
    .join('; ');
}
