/**
 * Numbers as users really have them (SPEC §2): numbers as numbers, or text such as `1 234,50`,
 * `1,234.50`, `1.234,50 kr`, `12 %`, `(450)`, `450-`, `−450`, `1'234.50`, with non-breaking or thin
 * spaces and currency symbols or codes before or after.
 *
 * **Percent**: text with a `%` sign is returned as a fraction, the way a spreadsheet stores a
 * percent-formatted cell: `12 %` → 0.12, with {@link NumberScan.percent} set so callers can refuse a
 * percentage where an amount is expected.
 *
 * **Ambiguous separators**: `1,234` and `1.234` (one separator followed by exactly three digits) are
 * either a thousands-grouped integer or a decimal. The scanner reports both readings; a
 * {@link NumberColumnReader} decides per column from the column's other values.
 */
import { growF64, growI32, growU8 } from './columns';

/** The kind of a scanned text. */
export const enum NumberKind {
  /** Not a number ('12x', 'abc', '1,2,3.4.5'). */
  Invalid = 0,
  /** A number; `value` holds it. */
  Number = 1,
  /** One separator followed by exactly three digits: `value` is the thousands reading. */
  Ambiguous = 2,
}

/** Which decimal separator a scanned text proves. */
export const enum DecimalEvidence {
  None = 0,
  Comma = 1,
  Point = 2,
}

/** Result of {@link scanNumber}; one object is reused for every call (no allocation). */
export interface NumberScan {
  kind: NumberKind;
  /** The number; for Ambiguous, the thousands reading (`1,234` → 1234). Percent already applied. */
  value: number;
  /** For Ambiguous: the decimal reading (`1,234` → 1.234). Percent already applied. */
  alt: number;
  /** The text carried a `%` sign (value is then a fraction: 12 % → 0.12). */
  percent: boolean;
  /** For Ambiguous: the separator was a comma (else a point). */
  comma: boolean;
  /** Which decimal separator the text proves, if any (`12,50` → Comma; `1,234.5` → Point). */
  evidence: DecimalEvidence;
  /** For Ambiguous: the signed thousands reading before percent (`-1,234 %` → -1234). */
  whole: number;
}

const scan: NumberScan = {
  kind: NumberKind.Invalid,
  value: NaN,
  alt: NaN,
  percent: false,
  comma: false,
  evidence: DecimalEvidence.None,
  whole: NaN,
};

const CURRENCY = 'kr|sek|eur|usd|nok|dkk|gbp|chf|€|\\$|£';
const PREFIX_CURRENCY = new RegExp(`^(?:${CURRENCY})\\.?\\s*`, 'i');
const SUFFIX_CURRENCY = new RegExp(`\\s*(?:${CURRENCY}|:-)\\.?$`, 'i');
const SCIENTIFIC = /^\d+(?:\.\d+)?e[+-]?\d+$/i;
const CORE = /^(?:\d[\d.,'’\s]*|[.,]\d+)$/;

function invalid(): NumberScan {
  scan.kind = NumberKind.Invalid;
  scan.value = NaN;
  scan.alt = NaN;
  scan.percent = false;
  scan.comma = false;
  scan.evidence = DecimalEvidence.None;
  scan.whole = NaN;
  return scan;
}

/** True when `s` is digits only (at least one). */
function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Integer part grouped by `sep`: first group 1–3 digits, then groups of exactly 3. */
function groupedDigits(s: string, sep: string): string | null {
  const parts = s.split(sep);
  if (parts.length === 1) return isDigits(s) ? s : null;
  if (!isDigits(parts[0]) || parts[0].length > 3) return null;
  for (let i = 1; i < parts.length; i++) {
    if (parts[i].length !== 3 || !isDigits(parts[i])) return null;
  }
  return parts.join('');
}

/**
 * Scans a text as a number. Returns a shared, reused result object: read it before the next call.
 *
 * @example
 * scanNumber('1 234,50 kr').value; // 1234.5
 * scanNumber('(450)').value; // -450
 * scanNumber('12 %').value; // 0.12 (percent: true)
 * const s = scanNumber('1,234'); // kind Ambiguous, value 1234, alt 1.234
 * scanNumber('12x').kind; // NumberKind.Invalid
 */
export function scanNumber(text: string): NumberScan {
  let s = text.trim();
  if (s === '') return invalid();
  let negative = false;
  let percent = false;
  let currency = false;
  let signed = false;
  // Peel signs, parentheses, currency and percent from both ends (each at most once).
  for (let guard = 0; guard < 8; guard++) {
    const before = s;
    const first = s.charCodeAt(0);
    const last = s.charCodeAt(s.length - 1);
    if (first === 40 /* ( */ && last === 41 /* ) */ && !signed) {
      negative = true;
      signed = true;
      s = s.slice(1, -1).trim();
    } else if ((first === 45 || first === 0x2212 || first === 0x2013) && !signed) {
      negative = true;
      signed = true;
      s = s.slice(1).trim();
    } else if (first === 43 /* + */ && !signed) {
      signed = true;
      s = s.slice(1).trim();
    } else if (last === 37 /* % */ && !percent) {
      percent = true;
      s = s.slice(0, -1).trim();
    } else if (!currency && PREFIX_CURRENCY.test(s)) {
      currency = true;
      s = s.replace(PREFIX_CURRENCY, '');
    } else if (!currency && SUFFIX_CURRENCY.test(s)) {
      currency = true;
      s = s.replace(SUFFIX_CURRENCY, '');
    } else if ((last === 45 || last === 0x2212) && !signed && s.length > 1) {
      negative = true;
      signed = true;
      s = s.slice(0, -1).trim();
    }
    if (s === before || s === '') break;
  }
  if (s === '') return invalid();
  let kind = NumberKind.Number;
  let value: number;
  let alt = NaN;
  let comma = false;
  let evidence = DecimalEvidence.None;
  if (SCIENTIFIC.test(s)) {
    value = Number(s);
  } else {
    if (!CORE.test(s)) return invalid();
    // Spaces and apostrophes only ever group thousands.
    let grouped = false;
    if (/[\s'’]/.test(s)) {
      grouped = true;
      const pointAt = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
      const intPart = pointAt >= 0 ? s.slice(0, pointAt) : s;
      if (/[.,]/.test(intPart)) return invalid();
      const digits = groupedDigits(intPart.replace(/[\s'’]/g, ' '), ' ');
      if (digits === null) return invalid();
      s = pointAt >= 0 ? digits + s.slice(pointAt) : digits;
    }
    const commas = count(s, ',');
    const points = count(s, '.');
    if (commas === 0 && points === 0) {
      value = Number(s);
    } else if (commas > 0 && points > 0) {
      // Both: the last one is the decimal separator, the other groups thousands.
      const lastComma = s.lastIndexOf(',');
      const lastPoint = s.lastIndexOf('.');
      const dec = lastComma > lastPoint ? ',' : '.';
      const grp = dec === ',' ? '.' : ',';
      if (count(s, dec) !== 1) return invalid();
      const at = s.lastIndexOf(dec);
      const frac = s.slice(at + 1);
      const int = groupedDigits(s.slice(0, at), grp);
      if (int === null || !isDigits(frac)) return invalid();
      value = Number(`${int}.${frac}`);
      evidence = dec === ',' ? DecimalEvidence.Comma : DecimalEvidence.Point;
    } else {
      const sep = commas > 0 ? ',' : '.';
      const n = commas + points;
      if (n > 1) {
        // Repeated: a thousands separator (1.234.567 proves a decimal comma).
        if (grouped) return invalid();
        const int = groupedDigits(s, sep);
        if (int === null) return invalid();
        value = Number(int);
        evidence = sep === '.' ? DecimalEvidence.Comma : DecimalEvidence.Point;
      } else {
        const at = s.indexOf(sep);
        const int = s.slice(0, at);
        const frac = s.slice(at + 1);
        if (!isDigits(frac) || (int !== '' && !isDigits(int))) return invalid();
        const asDecimal = Number(`${int === '' ? '0' : int}.${frac}`);
        if (frac.length !== 3 || grouped || int === '' || int === '0' || int.length > 3) {
          value = asDecimal;
          evidence = sep === ',' ? DecimalEvidence.Comma : DecimalEvidence.Point;
        } else {
          kind = NumberKind.Ambiguous;
          value = Number(int + frac);
          alt = asDecimal;
          comma = sep === ',';
        }
      }
    }
  }
  if (!Number.isFinite(value)) return invalid();
  if (negative) {
    value = -value;
    alt = -alt;
  }
  scan.whole = value;
  if (percent) {
    value = value / 100;
    alt = alt / 100;
  }
  scan.kind = kind;
  scan.value = value;
  scan.alt = alt;
  scan.percent = percent;
  scan.comma = comma;
  scan.evidence = evidence;
  return scan;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * Parses one text as a number on its own (no column context): an ambiguous `1,234` is read as
 * thousands (1234). NaN when the text is not a number. Percent text returns a fraction.
 *
 * @example
 * parseNumber('1.234,50 kr'); // 1234.5
 * parseNumber('450-'); // -450
 * parseNumber('12 %'); // 0.12
 * parseNumber('abc'); // NaN
 */
export function parseNumber(text: string): number {
  const r = scanNumber(text);
  return r.kind === NumberKind.Invalid ? NaN : r.value;
}

/** Pending ambiguous cell flags. */
const PENDING_COMMA = 1;
const PENDING_PERCENT = 2;

/**
 * Per-column reading of ambiguous separators. Ambiguous cells are kept pending (slot + thousands
 * reading + one flag byte) and resolved by {@link resolve} once the whole column has been seen:
 * a column whose other values show a decimal comma (`12,50`, `1 234,56`, `1.234.567`) reads
 * `1,234` as 1.234 and `1.234` as 1234; one that shows a decimal point (`12.5`, `1,234.50`) the
 * other way round; with no evidence the group of three is taken as thousands, and a note says so.
 *
 * @example
 * const r = new NumberColumnReader();
 * r.evidence(DecimalEvidence.Comma); // from a cell '12,50'
 * r.addPending(0, 1234, true, false); // a cell '1,234' stored at slot 0
 * r.resolve((slot, v) => (data[slot] = v)); // data[0] = 1.234
 */
export class NumberColumnReader {
  commaDecimals = 0;
  pointDecimals = 0;
  private slots = new Int32Array(0);
  private values = new Float64Array(0);
  private flags = new Uint8Array(0);
  private sample = '';
  /** Number of pending cells. */
  pending = 0;

  /** Records a cell's decimal-separator evidence. */
  evidence(e: DecimalEvidence): void {
    if (e === DecimalEvidence.Comma) this.commaDecimals++;
    else if (e === DecimalEvidence.Point) this.pointDecimals++;
  }

  /** Keeps an ambiguous cell (thousands reading `value`, before percent) for {@link resolve}. */
  addPending(slot: number, value: number, comma: boolean, percent: boolean, text = ''): void {
    const n = this.pending;
    if (n === this.slots.length) {
      this.slots = growI32(this.slots, n + 1);
      this.values = growF64(this.values, n + 1);
      this.flags = growU8(this.flags, n + 1);
    }
    this.slots[n] = slot;
    this.values[n] = value;
    this.flags[n] = (comma ? PENDING_COMMA : 0) | (percent ? PENDING_PERCENT : 0);
    if (n === 0) this.sample = text;
    this.pending = n + 1;
  }

  /** Writes every pending cell through `write(slot, value)` and returns the column note, if any. */
  resolve(write: (slot: number, value: number) => void): string | null {
    if (this.pending === 0) return null;
    const decimalComma = this.commaDecimals > this.pointDecimals;
    const noEvidence = this.commaDecimals === 0 && this.pointDecimals === 0;
    for (let i = 0; i < this.pending; i++) {
      const slot = this.slots[i];
      const f = this.flags[i];
      const comma = (f & PENDING_COMMA) !== 0;
      const sepIsDecimal = !noEvidence && comma === decimalComma;
      let v = sepIsDecimal ? this.values[i] / 1000 : this.values[i];
      if (f & PENDING_PERCENT) v /= 100;
      write(slot, v);
    }
    const n = this.pending;
    const eg = this.sample ? ` (e.g. "${this.sample}")` : '';
    const cells = n === 1 ? '1 value' : `${n} values`;
    this.slots = new Int32Array(0);
    this.values = new Float64Array(0);
    this.flags = new Uint8Array(0);
    this.pending = 0;
    if (noEvidence) {
      return `${cells} with one separator before three digits${eg} read as thousands: no value in this column shows its decimal separator.`;
    }
    const sep = decimalComma ? 'decimal comma' : 'decimal point';
    const conflict =
      this.commaDecimals > 0 && this.pointDecimals > 0
        ? ` (mixed: ${this.commaDecimals} values with a decimal comma, ${this.pointDecimals} with a decimal point; the majority decides)`
        : '';
    return `${cells} with one separator before three digits${eg} read with the column's ${sep}${conflict}.`;
  }
}
