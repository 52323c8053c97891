/**
 * The pane's Signals section in a real browser (the in-browser preview, as taskpane.test.ts
 * opens it): on open it lists the sample's open signals (overdue, marked so) as the core reads
 * them; logging a price complaint for the largest account through the form (the shared account
 * picker, the type drop-down) shows the summary and puts the new signal at the top of the list,
 * with its 24 hours left. No console or page errors. A screenshot goes to test-artifacts/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { MemoryWorkbook } from '../../shared/memory-workbook';
import { buildTop20 } from '../../shared/reports/top20-build';
import { createPreview } from '../../ui/preview/preview-host';
import { SAMPLE_SHEET, sampleSheet } from '../../ui/preview/sample';
import { buildPane, CHROMIUM, launch, serve } from './preview-page';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(
    `Signals browser test skipped: ${CHROMIUM} is absent (apt-get install chromium; .ci/run does).`,
  );
}
const browserTest = haveChromium ? test : test.skip;

let server: { url: string; close: () => Promise<void> } | undefined;
let context: BrowserContext | undefined;

beforeAll(async () => {
  if (!haveChromium) return;
  const { out } = await buildPane();
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await serve(join(out, 'addin'));
  context = await launch();
}, 60_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
});

async function openPane(): Promise<{ page: Page; errors: string[] }> {
  const page = await (context as BrowserContext).newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(`${server?.url}/taskpane.html`);
  return { page, errors };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

browserTest(
  'Signals: the open signals on open; logging one for the largest account adds it to the list',
  async () => {
    // What the core says: the sample's open signals (now) and the period's largest account.
    const open = await createPreview({ language: 'en' }).host.openSignals();
    expect(open.length).toBeGreaterThanOrEqual(2);
    const top = await buildTop20(new MemoryWorkbook({ [SAMPLE_SHEET]: sampleSheet().rows }), {
      period: { kind: 'r12' },
      write: false,
    });
    const largest = top.analysis.top[0].account;

    const { page, errors } = await openPane();
    const list = page.getByTestId('signals-list');
    await list.waitFor({ timeout: 20_000 });
    const items = list.getByTestId('signal-item');
    expect(await items.getByTestId('signal-account').allTextContents()).toEqual(
      open.map((x) => x.account),
    );
    expect(
      await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-overdue'))),
    ).toEqual(open.map((x) => String(x.overdue)));
    expect(await items.first().getByTestId('signal-hours').textContent()).toMatch(
      /^overdue by [\d,.]+ h$/,
    );

    // The form: the account from the shared picker, the type from the drop-down.
    await page.getByRole('button', { name: 'Log a signal…' }).click();
    const logButton = page.getByRole('button', { name: 'Log signal', exact: true });
    expect(await logButton.isDisabled()).toBe(true);
    const picker = page.getByTestId('signal-account-picker');
    await picker.click();
    await picker.pressSequentially(largest.slice(0, 4));
    await page
      .getByRole('option', { name: new RegExp(`^${escapeRegExp(largest)}`) })
      .first()
      .click({ timeout: 20_000 });
    expect(await picker.inputValue()).toBe(largest);
    await page.getByTestId('signal-type').click();
    await page.getByRole('option', { name: 'price complaint' }).click();
    await page.getByTestId('signal-description').fill('Asks for 5% off the list prices');
    await page.getByTestId('signal-raised-by').fill('Anna Lindqvist');
    await page.getByTestId('signal-escalated-to').fill('Helena Strand');
    await logButton.click();

    const logged = page.getByTestId('signal-logged');
    await logged.waitFor({ timeout: 20_000 });
    expect(await logged.textContent()).toMatch(
      new RegExp(
        `^Signal for ${escapeRegExp(largest)} logged at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\(Signals, row \\d+\\)\\.$`,
      ),
    );
    // The list is read again: the new signal first, not overdue, its 24 hours (nearly) left.
    await items.nth(open.length).waitFor({ timeout: 20_000 });
    const first = items.first();
    expect(await first.getByTestId('signal-account').textContent()).toBe(largest);
    expect(await first.getAttribute('data-overdue')).toBe('false');
    expect(await first.getByTestId('signal-hours').textContent()).toMatch(/^2[34](\.\d)? h left$/);
    expect(await first.textContent()).toContain(
      'price complaint · Asks for 5% off the list prices',
    );
    expect(await first.textContent()).toContain('escalated to Helena Strand');
    expect(await items.getByTestId('signal-account').allTextContents()).toEqual([
      largest,
      ...open.map((x) => x.account),
    ]);
    await page.screenshot({ path: join(ARTIFACTS, 'taskpane-signals.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  },
  40_000,
);
