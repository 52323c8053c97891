/**
 * CSV/TXT/TSV input for the file adapter: sniffs the encoding (UTF-8 with or without BOM,
 * UTF-16 with BOM, else Windows-1252), the separator (`,` `;` tab) and the line ending, then
 * streams the records in row chunks so a million-row file never sits in memory as rows.
 *
 * Values stay text exactly as in the file (the core parses numbers and dates per column);
 * an empty field is `null`.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { UserError } from '../shared/user-error';

/** Encodings a CSV file may have (iconv-lite names). */
export type CsvEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'windows-1252';
export type CsvDelimiter = ',' | ';' | '\t';

/** What `sniffCsv` found out about a file; pass it to `csvChunks`. */
export interface CsvFormat {
  readonly encoding: CsvEncoding;
  readonly delimiter: CsvDelimiter;
  /** '\r' only for old Mac files; otherwise '\n' (a '\r' before it is dropped). */
  readonly newline: '\n' | '\r';
  /** The file starts with Excel's `sep=;` hint line, which is not data. */
  readonly sepLine: boolean;
}

/** One chunk of records: `firstRow` is the 1-based sheet row of `rows[0]`. */
export interface CsvChunk {
  readonly rows: (string | null)[][];
  readonly firstRow: number;
}

const DELIMITERS: readonly CsvDelimiter[] = ['\t', ';', ','];
const SAMPLE_BYTES = 64 * 1024;
const READ_BYTES = 1 << 20;

/**
 * Finds the encoding, separator and line ending of a CSV file. Reads the whole file once to
 * decide between UTF-8 and Windows-1252 (stopping at the first byte that is not UTF-8).
 *
 * @example
 * const format = await sniffCsv('sales.csv'); // { encoding: 'utf8', delimiter: ';', ... }
 */
export async function sniffCsv(path: string, forceDelimiter?: CsvDelimiter): Promise<CsvFormat> {
  const head = await readHead(path, SAMPLE_BYTES);
  let encoding: CsvEncoding;
  if (head[0] === 0xff && head[1] === 0xfe) encoding = 'utf16le';
  else if (head[0] === 0xfe && head[1] === 0xff) encoding = 'utf16be';
  else encoding = (await isUtf8File(path)) ? 'utf8' : 'windows-1252';

  let sample = iconv.decode(head, encoding); // strips a BOM
  if (head.length === SAMPLE_BYTES) {
    // Drop the (maybe cut) last line of the sample.
    const cut = Math.max(sample.lastIndexOf('\n'), sample.lastIndexOf('\r'));
    if (cut > 0) sample = sample.slice(0, cut);
  }
  const newline = sample.includes('\r') && !sample.includes('\n') ? '\r' : '\n';
  const sep = /^sep=([,;\t])[ \t]*(\r\n|\n|\r|$)/i.exec(sample);
  if (sep) {
    return { encoding, delimiter: sep[1] as CsvDelimiter, newline, sepLine: true };
  }
  const delimiter = forceDelimiter ?? guessDelimiter(sample, newline);
  return { encoding, delimiter, newline, sepLine: false };
}

/**
 * Streams the records of a CSV file in chunks of `chunkRows` rows. Blank lines become empty
 * rows (so row numbers match the file's records); blank lines at the end are dropped.
 *
 * @example
 * for await (const { rows, firstRow } of csvChunks('sales.csv', format)) ingest(rows, firstRow);
 */
export async function* csvChunks(
  path: string,
  format: CsvFormat,
  chunkRows = 10_000,
): AsyncGenerator<CsvChunk> {
  const decoder = iconv.getDecoder(format.encoding);
  const parser = new Papa.Parser({
    delimiter: format.delimiter,
    newline: format.newline,
    quoteChar: '"',
  });
  const stripCr = format.newline === '\n';
  let partial = '';
  let skipLine = format.sepLine;
  let pending: (string | null)[][] = [];
  let blanks = 0; // blank rows seen but not yet emitted (dropped if nothing follows)
  let nextRow = 1;

  const take = (records: string[][]): void => {
    for (const record of records) {
      if (skipLine) {
        skipLine = false;
        continue;
      }
      if (record.length === 1 && (record[0] === '' || (stripCr && record[0] === '\r'))) {
        blanks++;
        continue;
      }
      for (; blanks > 0; blanks--) pending.push([]);
      const row: (string | null)[] = new Array<string | null>(record.length);
      const last = record.length - 1;
      for (let i = 0; i <= last; i++) {
        let v = record[i];
        if (i === last && stripCr && v.endsWith('\r')) v = v.slice(0, -1);
        row[i] = v === '' ? null : v;
      }
      pending.push(row);
    }
  };

  const stream = createReadStream(path, { highWaterMark: READ_BYTES });
  try {
    for await (const bytes of stream as AsyncIterable<Buffer>) {
      const text = partial + decoder.write(bytes);
      const result = parser.parse(text, 0, true) as Papa.ParseResult<string[]>;
      partial = text.slice(result.meta.cursor);
      take(result.data);
      while (pending.length >= chunkRows) {
        const rows = pending.slice(0, chunkRows);
        pending = pending.slice(chunkRows);
        yield { rows, firstRow: nextRow };
        nextRow += rows.length;
      }
    }
    const rest = partial + (decoder.end() ?? '');
    if (rest !== '') {
      const result = parser.parse(rest, 0, false) as Papa.ParseResult<string[]>;
      // An unclosed quote swallows the rest of the file into one field: say so, lose nothing.
      const unclosed = result.errors.find((e) => e.code === 'MissingQuotes');
      if (unclosed) {
        const row = nextRow + pending.length + blanks + (unclosed.row ?? 0) + (skipLine ? 1 : 0);
        throw new UserError(
          `Cannot read ${basename(path)}: the quoted field that starts in row ${row} is never closed (a " is missing).`,
        );
      }
      take(result.data);
    }
    for (let start = 0; start < pending.length; start += chunkRows) {
      const rows = pending.slice(start, start + chunkRows);
      yield { rows, firstRow: nextRow };
      nextRow += rows.length;
    }
  } finally {
    stream.destroy();
  }
}

/**
 * A sheet name from a file name: the base name without the extension, without the characters
 * sheet names cannot hold, at most 31 characters.
 *
 * @example
 * sheetNameForFile('/data/Sales [2026]: Q1.csv') // 'Sales 2026 Q1'
 */
export function sheetNameForFile(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? '';
  const stem = base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base;
  const cleaned = stem
    .replace(/[[\]:*?/\\]/g, '')
    .replace(/^'+|'+$/g, '')
    .trim()
    .slice(0, 31)
    .trim();
  return cleaned === '' || cleaned.toLowerCase() === 'history' ? 'Data' : cleaned;
}

/** The separator that splits the sample's records into the most consistent column count. */
function guessDelimiter(sample: string, newline: '\n' | '\r'): CsvDelimiter {
  let best: CsvDelimiter = ',';
  let bestScore = -1;
  for (const delimiter of DELIMITERS) {
    const rows = Papa.parse<string[]>(sample, { delimiter, newline, preview: 200 }).data.filter(
      (r) => !(r.length === 1 && r[0].trim() === ''),
    );
    if (rows.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let mode = 1;
    let modeRows = 0;
    for (const [n, c] of counts)
      if (c > modeRows || (c === modeRows && n > mode)) [mode, modeRows] = [n, c];
    if (mode < 2) continue;
    // Consistency first (share of rows with the usual count, header included), then width.
    const headerFits = rows[0].length === mode ? 1 : 0;
    const score = (modeRows / rows.length) * 1000 + headerFits * 100 + Math.min(mode, 99);
    if (score > bestScore) [best, bestScore] = [delimiter, score];
  }
  return best;
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await file.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** True when every byte sequence of the file is valid UTF-8 (streams; stops at the first error). */
async function isUtf8File(path: string): Promise<boolean> {
  let carry: Buffer = Buffer.alloc(0);
  const stream = createReadStream(path, { highWaterMark: READ_BYTES });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const end = completeLength(bytes);
      if (!isUtf8(bytes.subarray(0, end))) return false;
      carry = Buffer.from(bytes.subarray(end));
    }
  } finally {
    stream.destroy();
  }
  return carry.length === 0;
}

/** Length of the prefix that does not end inside a multi-byte UTF-8 sequence. */
function completeLength(bytes: Buffer): number {
  let i = bytes.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && (bytes[i] & 0xc0) === 0x80) {
    i--;
    continuation++;
  }
  if (i < 0) return bytes.length;
  const lead = bytes[i];
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return i + need > bytes.length ? i : bytes.length;
}
