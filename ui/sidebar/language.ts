import type { PaneLanguage } from '../host';

/**
 * The sidebar's language: the `data-lang` the server set ('en' / 'sv'), else the browser's
 * (sv* → Swedish), else English.
 *
 * @example
 * sidebarLanguage('sv', 'en-US') // 'sv'
 * sidebarLanguage(undefined, 'sv-SE') // 'sv'
 */
export function sidebarLanguage(dataLang: string | undefined, browser?: string): PaneLanguage {
  if (dataLang === 'sv' || dataLang === 'en') return dataLang;
  return /^sv/i.test(browser ?? '') ? 'sv' : 'en';
}
