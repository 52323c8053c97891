/**
 * Starts the in-browser preview in a page element: the sample workbook, the preview host, the
 * pane and the preview area. The entry passes what it knows of the page (query string, browser
 * language), so nothing here reads window globals.
 */
import { mount } from '../mount';
import { downloadXlsx } from './download';
import { createPreview, previewLanguage } from './preview-host';
import { PreviewPage } from './PreviewPage';

export interface PreviewPageInfo {
  /** `location.search`: `?lang=sv|en` picks the language. */
  readonly search: string;
  /** `navigator.language`. */
  readonly browserLanguage?: string;
}

export function startPreview(root: HTMLElement, page: PreviewPageInfo): void {
  const preview = createPreview({ language: previewLanguage(page.search, page.browserLanguage) });
  const fileName =
    preview.host.language() === 'sv' ? 'kam-forhandsgranskning.xlsx' : 'kam-preview.xlsx';
  mount(root, <PreviewPage preview={preview} onDownload={() => downloadXlsx(preview, fileName)} />);
}
