/**
 * `npm run deploy:sheets` without clasp: a clear message on how to install clasp 3 and log in, exit
 * code 1, no stack trace. (clasp itself is not installed here: the push cannot be tested.)
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';

test('no clasp on PATH: how to install clasp 3 and log in, exit 1, no stack trace', () => {
  const root = join(__dirname, '..', '..');
  const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const run = spawnSync(process.execPath, [tsx, join(root, 'scripts', 'deploy-sheets.ts')], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: dirname(process.execPath), HOME: process.env.HOME ?? '/tmp' },
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('clasp (Google');
  expect(run.stderr).toContain('npm install -g @google/clasp@3');
  expect(run.stderr).toContain('clasp login');
  expect(run.stderr).not.toMatch(/\n\s+at /);
}, 30_000);
