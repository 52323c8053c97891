/**
 * `npm run sideload`: puts the add-in's manifest where desktop Excel looks for developer add-ins,
 * so Excel shows KAM on the Home tab while `npm start` serves the files. Kept out of the test suite
 * (it writes outside the repository).
 *
 * - macOS: copies the manifest into Excel's `wef` folder.
 * - Windows: registers it under HKCU\Software\Microsoft\Office\16.0\WEF\Developer (what Office's
 *   own dev tools do), with `reg add`.
 * - Elsewhere (and for Excel on the web): prints how to upload it (Insert → Add-ins → Upload My
 *   Add-in).
 *
 * The manifest used is dist/addin/manifest.xml (written by `npm run build`, with the add-in URL),
 * else the repository's manifest.xml (https://localhost:3000).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const built = join(root, 'dist', 'addin', 'manifest.xml');
const manifest = existsSync(built) ? built : join(root, 'manifest.xml');
const ADDIN_ID = '3f6a7d2e-5b1c-4c8e-9a41-2d7e0b6c9f13';

function main(): void {
  const os = platform();
  if (os === 'darwin') {
    const wef = join(homedir(), 'Library/Containers/com.microsoft.Excel/Data/Documents/wef');
    mkdirSync(wef, { recursive: true });
    copyFileSync(manifest, join(wef, 'kam-toolkit.xml'));
    console.log(`Copied ${manifest} to ${wef}. Restart Excel: KAM appears on the Home tab.`);
  } else if (os === 'win32') {
    const key = 'HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer';
    execFileSync('reg', ['add', key, '/v', ADDIN_ID, '/t', 'REG_SZ', '/d', manifest, '/f']);
    console.log(`Registered ${manifest} for Excel. Restart Excel: KAM appears on the Home tab.`);
    console.log(`To remove it: reg delete ${key} /v ${ADDIN_ID} /f`);
  } else {
    console.log(
      [
        `No desktop Excel on ${os}. In Excel on the web: Insert → Add-ins → More Add-ins →`,
        `Upload My Add-in, and choose ${manifest}.`,
        'Keep `npm start` running: Excel loads the pane and the functions from it.',
      ].join('\n'),
    );
  }
}

main();
