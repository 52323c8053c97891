/// <reference types="office-js" />
/**
 * The task pane entry (dist/addin/taskpane.js), loaded by taskpane.html — also the shared runtime
 * page, after office.js and functions.js. In Excel the pane runs on the Excel host (and the ribbon
 * commands are registered here, in the shared runtime); anywhere else (a plain browser,
 * `npm start`, the browser tests) it runs the in-browser preview on the sample workbook. The only
 * place that touches Office or window: the app gets everything through its Host.
 */
import { mount, Pane } from '../../ui/mount';
import { startPreview } from '../../ui/preview/start';
import { createExcelHost, registerCommands } from './excel-host';

function root(): HTMLElement {
  const el = document.getElementById('root');
  if (!el) throw new Error('taskpane.html has no #root element');
  return el;
}

function preview(): void {
  startPreview(root(), {
    search: window.location.search,
    browserLanguage: window.navigator.language,
  });
}

if (typeof Office === 'undefined') {
  preview();
} else {
  void Office.onReady((info) => {
    if (info.host === Office.HostType.Excel) {
      registerCommands();
      mount(root(), <Pane host={createExcelHost()} />);
    } else preview();
  });
}
