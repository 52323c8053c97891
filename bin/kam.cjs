#!/usr/bin/env node
// The `kam` command: runs the TypeScript sources through tsx, so `npx kam` works right after `npm ci`.
require('tsx/cjs/api').register();
const { main } = require('../cli/kam.ts');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(
      `kam: internal error: ${error && error.message ? error.message : error}\n`,
    );
    if (process.env.KAM_DEBUG) process.stderr.write(`${error && error.stack}\n`);
    process.exitCode = 70;
  },
);
