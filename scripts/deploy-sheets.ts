/**
 * `npm run deploy:sheets` (after `npm run build:sheets`): pushes dist/apps-script/ to the Apps
 * Script project named in .clasp.json with `clasp push`. clasp 3 does not compile TypeScript: it
 * pushes the bundle folder (`rootDir`) as it is — Code.js, Sidebar.html, appsscript.json.
 *
 * Checks first, and says what to do instead of a stack trace: clasp installed (`clasp --version`),
 * .clasp.json present with a script id and a rootDir, the bundle built in that rootDir.
 * `--dry-run` stops after the checks.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const BUNDLE = ['Code.js', 'Sidebar.html', 'appsscript.json'];

const INSTALL = `clasp (Google's Apps Script command line) is not installed, or not on PATH.
Install clasp 3 and log in once:
  npm install -g @google/clasp@3
  clasp login            (opens a browser; the account that owns the spreadsheet)
and enable the Apps Script API for that account: https://script.google.com/home/usersettings
Then run  npm run deploy:sheets  again.`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

interface ClaspJson {
  readonly scriptId?: unknown;
  readonly rootDir?: unknown;
}

function readClaspJson(): { scriptId: string; rootDir: string } {
  const file = join(root, '.clasp.json');
  const howTo =
    'Copy apps-script/.clasp.json.example to .clasp.json at the repository root and put in the ' +
    'script id of your Apps Script project (Extensions → Apps Script → Project settings → IDs), ' +
    'or run  clasp clone <scriptId> --rootDir dist/apps-script  (see apps-script/README.md).';
  if (!existsSync(file)) fail(`No .clasp.json at ${root}.\n${howTo}`);
  let parsed: ClaspJson;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as ClaspJson;
  } catch (e) {
    fail(`.clasp.json is not JSON (${e instanceof Error ? e.message : String(e)}).\n${howTo}`);
  }
  const { scriptId, rootDir } = parsed;
  if (typeof scriptId !== 'string' || scriptId === '' || scriptId.startsWith('<')) {
    fail(`.clasp.json has no script id.\n${howTo}`);
  }
  if (typeof rootDir !== 'string' || rootDir === '') {
    fail('.clasp.json has no rootDir: set "rootDir": "dist/apps-script" (the bundle folder).');
  }
  return { scriptId, rootDir };
}

function claspVersion(): string {
  const run = spawnSync('clasp', ['--version'], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (run.error || run.status !== 0) fail(INSTALL);
  return run.stdout.trim();
}

function main(): void {
  const version = claspVersion();
  const major = Number(/(\d+)\./.exec(version)?.[1] ?? NaN);
  if (!(major >= 3)) {
    console.warn(
      `clasp ${version} found; these steps are written for clasp 3 (npm install -g @google/clasp@3).`,
    );
  }
  const { rootDir } = readClaspJson();
  const dir = resolve(root, rootDir);
  const missing = BUNDLE.filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0) {
    fail(
      `${relative(root, dir) || '.'} lacks ${missing.join(', ')}: run  npm run build:sheets  first ` +
        `(it writes dist/apps-script/; .clasp.json's rootDir should be dist/apps-script).`,
    );
  }
  if (resolve(root, 'dist/apps-script') !== dir) {
    console.warn(
      `Note: .clasp.json's rootDir is ${rootDir}; npm run build:sheets writes dist/apps-script.`,
    );
  }
  console.log(`clasp ${version}: pushing ${relative(root, dir)}/ (${BUNDLE.join(', ')})`);
  if (process.argv.includes('--dry-run')) return;
  const push = spawnSync('clasp', ['push'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (push.error) fail(`clasp push could not start: ${push.error.message}`);
  if (push.status !== 0) {
    fail(
      'clasp push failed (see above). Logged in (clasp login)? Apps Script API enabled ' +
        '(https://script.google.com/home/usersettings)? The script id in .clasp.json yours?',
    );
  }
  console.log(
    'Pushed. Reload the spreadsheet: the KAM menu is under Extensions (or the add-on menu).',
  );
}

main();
