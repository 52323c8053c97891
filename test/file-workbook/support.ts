/** Shared helpers of the file adapter tests: temp folders and LibreOffice headless. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { libreOffice } from '../support/recompute';

export { convertWithLibreOffice } from '../support/recompute';

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
