/**
 * The Google Sheets sidebar's entry (inlined into dist/apps-script/Sidebar.html): the task pane's
 * app on the SheetsHost. The language comes from the page: the server's kamOpenSidebar sets
 * `data-lang` on `#root` from the spreadsheet's locale (the built file says "en"). The only place
 * that touches `google` or the document.
 */
import { mount, Pane } from '../mount';
import { SheetsHost, type ScriptRun } from './sheets-host';
import { sidebarLanguage } from './language';

declare const google: { readonly script?: { readonly run?: ScriptRun } } | undefined;

function start(): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('Sidebar.html has no #root element');
  const language = sidebarLanguage(root.dataset.lang, navigator.language);
  const run = typeof google === 'undefined' ? undefined : google.script?.run;
  if (run === undefined) {
    root.textContent =
      language === 'sv'
        ? 'KAM Toolkit: öppna sidopanelen från Google Kalkylark (Tillägg → KAM → Öppna sidopanelen).'
        : 'KAM Toolkit: open the sidebar from Google Sheets (Extensions → KAM → Open sidebar).';
    return;
  }
  mount(root, <Pane host={new SheetsHost({ run, language })} />);
}

start();
