/**
 * The core is pure: webpack bundles it for the browser (webpack 5 has no Node polyfills, so any
 * Node import fails the build), and the bundle runs in a bare JavaScript context with no Node
 * globals — where it ingests and analyses a small table.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import webpack from 'webpack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../webpack.config.js') as (
  env: unknown,
  argv: { mode: string },
) => webpack.Configuration;

test('the core bundles for the browser and runs without Node', async () => {
  const out = mkdtempSync(join(tmpdir(), 'kam-bundle-'));
  const base = config({}, { mode: 'development' });
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack({ ...base, devtool: false, output: { ...base.output, path: out } }, (err, s) =>
      err || !s ? reject(err ?? new Error('no stats')) : resolve(s),
    ),
  );
  expect(stats.hasErrors() ? stats.toString('errors-only') : '').toBe('');

  const context: Record<string, unknown> = {};
  context.globalThis = context;
  vm.createContext(context);
  vm.runInContext(readFileSync(join(out, 'kam-core.js'), 'utf8'), context);
  const core = context.KamCore as typeof import('../shared/index');
  expect(typeof core.analyseTop20).toBe('function');
  const result = core.ingestSales(
    ['Customer', 'Net sales', 'Cost'],
    [
      ['Acme AB', 600, 450],
      ['Beta AB', 400, 200],
    ],
  );
  const analysis = core.analyseTop20(result.table, { period: { kind: 'all' } });
  expect(analysis.top.map((a) => [a.account, a.share])).toEqual([
    ['Acme AB', 0.6],
    ['Beta AB', 0.4],
  ]);
  expect(analysis.portfolio.hhi).toBeCloseTo(5200, 9);
}, 120_000);
