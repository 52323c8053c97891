/**
 * `npm run screenshots`: the README's pictures, taken from the real page — the task pane after a
 * Build Top 20 (docs/images/taskpane.png) and the built Top 20 grid (docs/images/top20.png) — by
 * the same build, server and Chromium as the browser test (test/browser/preview-page.ts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildPane, launch, serve } from '../test/browser/preview-page';

const IMAGES = join(__dirname, '..', 'docs', 'images');

async function main(): Promise<void> {
  mkdirSync(IMAGES, { recursive: true });
  const { out } = await buildPane();
  const server = await serve(join(out, 'addin'));
  const context = await launch();
  try {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1500, height: 900 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${server.url}/taskpane.html?lang=en`);
    await page.getByRole('button', { name: 'Build Top 20' }).click({ timeout: 20_000 });
    await page.getByTestId('summary').waitFor({ timeout: 20_000 });
    if (errors.length > 0) throw new Error(`The page reported errors:\n${errors.join('\n')}`);

    const pane = join(IMAGES, 'taskpane.png');
    await page.getByTestId('pane').locator('main').screenshot({ path: pane });
    const top20 = join(IMAGES, 'top20.png');
    await page.getByTestId('preview').screenshot({ path: top20 });
    console.log(`Wrote ${pane}\nWrote ${top20}`);
  } finally {
    await context.close();
    await server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
