/** `kam sample`: the built-in sample workbook (shared/sample/sample-workbook.ts) as a file. */
import { sampleWorkbook } from '../shared/sample/sample-workbook';
import { FileWorkbook } from './file-workbook';

/**
 * Writes the sample workbook ("Sales", and small Stakeholders, Wallet, Escalation ladder and
 * Account plans sheets for the three largest accounts) and says how big it is.
 *
 * @example
 * await writeSample('sample.xlsx', { seed: 1 }) // { rows: 24000, accounts: 300 }
 */
export async function writeSample(
  path: string,
  options: { rows?: number; seed?: number } = {},
): Promise<{ rows: number; accounts: number }> {
  const sample = sampleWorkbook(options);
  const workbook = FileWorkbook.create();
  for (const sheet of sample.sheets) await workbook.writeSheet(sheet);
  await workbook.save(path);
  return { rows: sample.rows, accounts: sample.accounts };
}
