/** Builds named webpack bundles into a fresh temp dir (the Sheets tests' shared helper). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webpack from 'webpack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const config = require('../../webpack.config.js') as ((
  env: { bundles?: string },
  argv: { mode: string },
) => webpack.Configuration) & {
  SidebarHtmlPlugin: new (o: object) => webpack.WebpackPluginInstance;
};

/** Runs one webpack configuration. */
export function compile(options: webpack.Configuration): Promise<webpack.Stats> {
  return new Promise<webpack.Stats>((resolve, reject) =>
    webpack(options, (err, s) => (err || !s ? reject(err ?? new Error('no stats')) : resolve(s))),
  );
}

/**
 * Builds `bundles` (e.g. 'apps-script,sidebar') into a temp dir; throws on a build error.
 *
 * @example
 * const out = await buildInto('apps-script,sidebar', 'production');
 */
export async function buildInto(
  bundles: string,
  mode: 'production' | 'development',
): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'kam-sheets-build-'));
  const base = config({ bundles }, { mode });
  const stats = await compile({ ...base, output: { ...base.output, path: out } });
  if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
  return out;
}
