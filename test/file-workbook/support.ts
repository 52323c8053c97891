/** Shared helpers of the file adapter tests: temp folders and LibreOffice headless. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { libreOffice } from '../support/recompute';

/** A fresh temp folder. */
export function tempDir(prefix = 'kam-fw-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** True when LibreOffice tests must run: present, or absent but required (CI). */
export function needLibreOffice(): boolean {
  if (libreOffice() !== null) return true;
  if (process.env.CI)
    throw new Error('CI is set but soffice is not on PATH: install libreoffice-calc.');
  console.warn('soffice not on PATH: LibreOffice checks skipped (install libreoffice-calc).');
  return false;
}

/**
 * Converts a file headless with LibreOffice (throwaway profile) and returns the output path.
 *
 * @example
 * const ods = convertWithLibreOffice('report.xlsx', 'ods');
 */
export function convertWithLibreOffice(path: string, to: string): string {
  const bin = libreOffice();
  if (bin === null) throw new Error('LibreOffice is not installed');
  const work = tempDir('kam-fw-lo-');
  const profile = join(work, 'profile');
  mkdirSync(profile, { recursive: true });
  const out = join(work, 'out');
  execFileSync(
    bin,
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--norestore',
      '--convert-to',
      to,
      '--outdir',
      out,
      path,
    ],
    { stdio: 'pipe', timeout: 180_000 },
  );
  // One output file (a CSV of one sheet is named '<file>-<sheet>.csv').
  const [file] = readdirSync(out);
  if (file === undefined) throw new Error(`LibreOffice wrote nothing for ${path}`);
  return join(out, file);
}
