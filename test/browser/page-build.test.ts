/**
 * The task pane's build switches: office.js from the CDN in production and locally in
 * development; manifest.xml emitted with the add-in's URL (https only) in place of
 * https://localhost:3000.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webpack from 'webpack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../webpack.config.js') as (
  env: { bundles?: string; office?: string; url?: string },
  argv: { mode: string },
) => webpack.Configuration;

/** The template parameters of the task pane page in a config. */
function pageParameters(c: webpack.Configuration): Record<string, unknown> {
  const plugin = (c.plugins ?? []).find((p) => p?.constructor.name === 'HtmlWebpackPlugin') as
    { userOptions: { templateParameters: Record<string, unknown> } } | undefined;
  if (!plugin) throw new Error('no HtmlWebpackPlugin');
  return plugin.userOptions.templateParameters;
}

test('office.js: the CDN in production, a local copy in development, or as asked', () => {
  const cdn = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
  expect(pageParameters(config({ bundles: 'taskpane' }, { mode: 'production' })).officeJs).toBe(
    cdn,
  );
  expect(pageParameters(config({ bundles: 'taskpane' }, { mode: 'development' })).officeJs).toBe(
    'office.js',
  );
  expect(
    pageParameters(config({ bundles: 'taskpane', office: 'local' }, { mode: 'production' }))
      .officeJs,
  ).toBe('office.js');
  expect(() => config({ bundles: 'taskpane', office: 'web' }, { mode: 'development' })).toThrow(
    /office=web/,
  );
  // functions.js is on the page only when its bundle is built.
  expect(pageParameters(config({ bundles: 'taskpane' }, { mode: 'development' })).functionsJs).toBe(
    false,
  );
  expect(pageParameters(config({}, { mode: 'development' })).functionsJs).toBe(true);
});

test('the add-in URL must be https', () => {
  for (const url of ['http://kam.example.com', 'ftp://x', 'not a url', 'https://x.com/?a=1']) {
    expect(() => config({ bundles: 'taskpane', url }, { mode: 'production' })).toThrow(
      /add-in URL/,
    );
  }
  const saved = process.env.ADDIN_URL;
  process.env.ADDIN_URL = 'http://intranet/kam';
  try {
    expect(() => config({ bundles: 'excel' }, { mode: 'production' })).toThrow(/https/);
  } finally {
    if (saved === undefined) delete process.env.ADDIN_URL;
    else process.env.ADDIN_URL = saved;
  }
});

test('manifest.xml is emitted with the add-in URL instead of localhost', async () => {
  const out = mkdtempSync(join(tmpdir(), 'kam-manifest-url-'));
  const base = config(
    { bundles: 'taskpane', url: 'https://apps.example.com/kam/' },
    { mode: 'development' },
  );
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack({ ...base, devtool: false, output: { ...base.output, path: out } }, (err, s) =>
      err || !s ? reject(err ?? new Error('no stats')) : resolve(s),
    ),
  );
  expect(stats.hasErrors() ? stats.toString('errors-only') : '').toBe('');
  const source = readFileSync(join(__dirname, '..', '..', 'manifest.xml'), 'utf8');
  const urls = source.match(/https:\/\/localhost:3000/g) ?? [];
  expect(urls.length).toBeGreaterThan(3);
  for (const file of ['manifest.xml', 'addin/manifest.xml']) {
    const xml = readFileSync(join(out, file), 'utf8');
    expect(xml).not.toContain('localhost');
    expect(xml).toContain('https://apps.example.com/kam/functions.js');
    if (source.includes('<AppDomain>https://localhost:3000</AppDomain>'))
      expect(xml).toContain('<AppDomain>https://apps.example.com</AppDomain>');
    // Nothing else changed.
    expect(xml.replace(/https:\/\/apps\.example\.com(\/kam)?/g, 'https://localhost:3000')).toBe(
      source,
    );
  }
}, 60_000);
