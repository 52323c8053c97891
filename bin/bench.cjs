#!/usr/bin/env node
// `npm run bench [-- --json] [-- --rows N]`: runs bench/top20.bench.ts through tsx. The heap
// figures need --expose-gc; without it this launcher re-runs itself with the flag.
const path = require('node:path');

const args = process.argv.slice(2);

if (typeof globalThis.gc !== 'function') {
  const { spawnSync } = require('node:child_process');
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, '--expose-gc', path.join(__dirname, 'bench.cjs'), ...args],
    { stdio: 'inherit' },
  );
  process.exitCode = child.status === null ? 70 : child.status;
} else {
  require('tsx/cjs/api').register();
  const { main } = require('../bench/top20.bench.ts');
  main(args).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`bench: ${(error && error.stack) || error}\n`);
      process.exitCode = 70;
    },
  );
}
