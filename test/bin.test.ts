/** The `kam` launcher as a user runs it: a separate Node process, exit codes and stderr. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const kam = (...args: string[]) =>
  spawnSync(process.execPath, [join(__dirname, '..', 'bin', 'kam.cjs'), ...args], {
    encoding: 'utf8',
  });

test('help exits 0; a user error exits 2 with one line and no stack trace', () => {
  const help = kam('help');
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('kam top20 <file>');

  const missing = kam('top20', join(__dirname, 'no-such-file.xlsx'));
  expect(missing.status).toBe(2);
  expect(missing.stdout).toBe('');
  expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  expect(missing.stderr).toMatch(/^kam: .*no-such-file\.xlsx/);
}, 60_000);
