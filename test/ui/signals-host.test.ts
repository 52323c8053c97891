/**
 * The Host's signal jobs on a MemoryWorkbook: the open and overdue signals newest first (hours
 * left, overdue flag, ISO times, the type in the pane's language), logging a signal appends one
 * row stamped with the host's now and keeps every existing row, the Signals sheet is created when
 * missing (in Swedish too), and failures come back in words. The preview's sample log too.
 */
import type { Signal } from '../../shared/analysis/signals';
import { dateFromDateObject } from '../../shared/ingest/dates';
import { MemoryWorkbook } from '../../shared/memory-workbook';
import { buildSignalsSheet, serialOf } from '../../shared/reports/signals-sheet';
import type { Workbook } from '../../shared/workbook';
import type { SignalInput } from '../../ui/host';
import { signalSummary } from '../../ui/job-summary';
import { createPreview } from '../../ui/preview/preview-host';
import { WorkbookHost } from '../../ui/workbook-host';

/** The host's clock: 2026-11-27 09:00 local time. */
const NOW = new Date(2026, 10, 27, 9, 0);
const now = dateFromDateObject(NOW);
const H = 1 / 24;

const signal = (raisedAt: number, account: string, more: Partial<Signal> = {}): Signal => ({
  row: 0,
  raisedAt,
  account,
  type: 'dissatisfaction',
  description: '',
  raisedBy: '',
  escalatedTo: '',
  escalatedAt: null,
  actedAt: null,
  action: '',
  ...more,
});

/** A log of five: two open (3 h and 10 h old), one overdue (30 h), two acted on. */
const LOG: Signal[] = [
  signal(now - 30 * H, 'Nordic Steel AB', { type: 'termination threat', raisedBy: 'Eva' }),
  signal(now - 50 * H, 'Acme AB', { actedAt: now - 40 * H, action: 'Called' }),
  signal(now - 3 * H, 'Beta Oy', {
    type: 'price complaint',
    description: 'List prices',
    escalatedTo: 'Helena Strand',
  }),
  signal(now - 10 * H, 'Acme AB', { type: 'volume reduction' }),
  signal(now - 20 * H, 'Gamma AB', { actedAt: now - 19 * H }),
];

function hostOver(workbook: Workbook, language: 'en' | 'sv' = 'en') {
  return new WorkbookHost({
    kind: 'preview',
    workbook,
    language,
    store: { load: async () => null, save: async () => undefined },
    showSheet: async () => undefined,
    now: () => NOW,
  });
}

async function withLog(lang: 'en' | 'sv' = 'en') {
  const workbook = new MemoryWorkbook({ Sales: [['Customer', 'Net sales']] });
  await workbook.writeSheet(buildSignalsSheet({ signals: LOG, now, lang }));
  return { workbook, host: hostOver(workbook, lang) };
}

const INPUT: SignalInput = {
  account: 'Delta AB',
  type: 'price complaint',
  description: 'Wants 5% off',
  raisedBy: 'Eva Ek',
  escalatedTo: 'Helena Strand',
};

test('openSignals: open and overdue signals newest first, with hours left; plain JSON', async () => {
  const { host } = await withLog();
  const open = await host.openSignals();
  expect(open).toEqual([
    {
      row: 8,
      account: 'Beta Oy',
      type: 'price complaint',
      description: 'List prices',
      raisedBy: '',
      escalatedTo: 'Helena Strand',
      raisedAt: '2026-11-27 06:00',
      hoursLeft: 21,
      overdue: false,
    },
    expect.objectContaining({ account: 'Acme AB', hoursLeft: 14, overdue: false }),
    expect.objectContaining({
      account: 'Nordic Steel AB',
      type: 'termination threat',
      raisedBy: 'Eva',
      raisedAt: '2026-11-26 03:00',
      hoursLeft: -6,
      overdue: true,
    }),
  ]);
  expect(JSON.parse(JSON.stringify(open))).toEqual(open);
});

test('openSignals: no Signals sheet is no signals', async () => {
  const host = hostOver(new MemoryWorkbook({ Sales: [['Customer', 'Net sales']] }));
  expect(await host.openSignals()).toEqual([]);
});

test('logSignal appends one row stamped with now; every existing row is kept', async () => {
  const { workbook, host } = await withLog();
  // A colleague typed a row by hand below the log (no formulas): it stays too.
  workbook.setCell('Signals', 11, 1, serialOf(now - 1 * H));
  workbook.setCell('Signals', 11, 2, 'Hand AB');
  const before = workbook.rows('Signals');
  const outcome = await host.logSignal(INPUT);
  expect(outcome).toEqual({
    summary: 'Signal for Delta AB logged at 2026-11-27 09:00 (Signals, row 12).',
    sheets: ['Signals'],
    issuesSheet: null,
    issueCount: 0,
  });
  const after = workbook.rows('Signals');
  expect(after.slice(0, before.length)).toEqual(before);
  expect(after).toHaveLength(before.length + 1);
  const row = after[11];
  expect(row.slice(0, 7)).toEqual([
    serialOf(now),
    'Delta AB',
    'price complaint',
    'Wants 5% off',
    'Eva Ek',
    'Helena Strand',
    serialOf(now),
  ]);
  // The list now starts with the new signal, its full 24 hours left.
  const open = await host.openSignals();
  expect(open[0]).toMatchObject({
    account: 'Delta AB',
    raisedAt: '2026-11-27 09:00',
    hoursLeft: 24,
  });
  expect(open.map((x) => x.account)).toEqual([
    'Delta AB',
    'Hand AB',
    'Beta Oy',
    'Acme AB',
    'Nordic Steel AB',
  ]);
  // A second signal lands on the next row.
  expect((await host.logSignal({ ...INPUT, account: 'Epsilon AB' })).summary).toMatch(
    /row 13\)\.$/,
  );
});

test('logSignal creates the Signals sheet when the workbook has none', async () => {
  const workbook = new MemoryWorkbook({ Sales: [['Customer', 'Net sales']] });
  const host = hostOver(workbook);
  const outcome = await host.logSignal({ ...INPUT, type: 'Other', escalatedTo: '' });
  expect(outcome.summary).toBe(
    'Signal for Delta AB logged at 2026-11-27 09:00 (Signals, row 6). The Signals sheet was created.',
  );
  expect(await workbook.sheetNames()).toEqual(['Sales', 'Signals']);
  expect(workbook.rows('Signals')[5].slice(0, 7)).toEqual([
    serialOf(now),
    'Delta AB',
    'other',
    'Wants 5% off',
    'Eva Ek',
    null,
    null,
  ]);
  expect(await host.openSignals()).toEqual([expect.objectContaining({ account: 'Delta AB' })]);
});

test('in Swedish: the sheet, the types, the summary and the failures are Swedish', async () => {
  const workbook = new MemoryWorkbook({ Sales: [['Kund', 'Försäljning']] });
  const host = hostOver(workbook, 'sv');
  const outcome = await host.logSignal({ ...INPUT, type: 'prisklagomål' });
  expect(outcome.summary).toBe(
    'Signal för Delta AB loggad 2026-11-27 09:00 (Signaler, rad 6). Bladet Signaler skapades.',
  );
  expect(outcome.sheets).toEqual(['Signaler']);
  expect(workbook.rows('Signaler')[5][2]).toBe('prisklagomål');
  expect(await host.openSignals()).toEqual([
    expect.objectContaining({ account: 'Delta AB', type: 'prisklagomål', hoursLeft: 24 }),
  ]);
  // An English log read by a Swedish pane: the types in Swedish.
  const { workbook: english } = await withLog('en');
  const types = (await hostOver(english, 'sv').openSignals()).map((x) => x.type);
  expect(types).toEqual(['prisklagomål', 'volymminskning', 'uppsägningshot']);
  await expect(host.logSignal({ ...INPUT, account: ' ' })).rejects.toEqual({
    message: 'Välj kunden som signalen gäller.',
    userError: true,
  });
  expect(
    signalSummary({ account: 'A', raisedAt: 'x', sheet: 'S', row: 7, created: false }, 'sv'),
  ).toBe('Signal för A loggad x (S, rad 7).');
});

test('failures in words: no account, an unknown type, a host that cannot append', async () => {
  const { workbook, host } = await withLog();
  const before = workbook.rows('Signals');
  await expect(host.logSignal({ ...INPUT, account: '' })).rejects.toEqual({
    message: 'Choose the account the signal is about.',
    userError: true,
  });
  await expect(host.logSignal({ ...INPUT, type: 'grumpy' })).rejects.toEqual({
    message:
      'Choose the type of signal (dissatisfaction, termination threat, volume reduction, price complaint, other).',
    userError: true,
  });
  expect(workbook.rows('Signals')).toEqual(before);
  // A workbook without appendRows: never a rewrite of the log.
  const readOnly: Workbook = {
    sheetNames: () => workbook.sheetNames(),
    readRows: (sheet, onChunk) => workbook.readRows(sheet, onChunk),
    writeSheet: () => Promise.reject(new Error('no writes here')),
  };
  await expect(hostOver(readOnly).logSignal(INPUT)).rejects.toEqual({
    message:
      'Something went wrong while logging the signal; no existing row was changed. (This host cannot append rows: the signal was not logged.)',
    userError: false,
  });
  expect(workbook.rows('Signals')).toEqual(before);
  // A sheet that cannot be read: a failure, not a crash.
  const broken: Workbook = { ...readOnly, sheetNames: () => Promise.reject(new Error('gone')) };
  await expect(hostOver(broken).openSignals()).rejects.toEqual({
    message: 'The Signals sheet could not be read; nothing was changed. (gone)',
    userError: false,
  });
});

test('the preview: the sample log has two open signals, overdue, outside the Top 20', async () => {
  const { host } = createPreview({ language: 'en', now: () => NOW });
  const open = await host.openSignals();
  expect(open).toHaveLength(2);
  expect(open.every((x) => x.overdue && x.hoursLeft < 0)).toBe(true);
  expect(open[0].raisedAt > open[1].raisedAt).toBe(true);
  const top = (await host.listAccounts({ sheet: 'Sales', mapping: {}, period: { kind: 'r12' } }))
    .filter((a) => a.top)
    .map((a) => a.name);
  expect(top).toHaveLength(20);
  for (const x of open) expect(top).not.toContain(x.account);
  // Logging in the preview appends to the sample's log.
  await host.logSignal({ ...INPUT, account: top[0] });
  expect((await host.openSignals()).map((x) => x.account)).toEqual([
    top[0],
    open[0].account,
    open[1].account,
  ]);
});
