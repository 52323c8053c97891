/**
 * Dates as users really have them (SPEC §2), read to **epoch days**: days since 1970-01-01 with the
 * time of day as a fraction, in the calendar as written (no time-zone shift).
 *
 * Accepted: Excel serial numbers (1–2958465), 8-digit `20261126` (number or text), `Date` objects
 * (read with the local calendar getters, as Apps Script delivers sheet dates), ISO text
 * (`2026-11-26`, `2026-11-26 14:05`, `2026-11-26T14:05:00`), `26/11/2026`, `11/26/2026`,
 * `26-11-2026`, `26.11.2026` (dots are always day first), `26 Nov 2026`, `Nov 26, 2026`, two-digit
 * years (00–69 → 20xx, 70–99 → 19xx), each optionally with a time (`14:05`, `2:05 pm`).
 *
 * Whether `03/04/2026` is 3 April or 4 March is decided per column by {@link DateColumnReader}.
 */
import { dayOfYmd, daysInMonth } from '../analysis/calendar';
import { growF64, growI32 } from './columns';

/** Days from 1970-01-01 to 1899-12-30 (Excel's day 0), negated: serial − 25569 = epoch days. */
export const EXCEL_EPOCH_OFFSET = 25569;
/** The largest Excel serial (9999-12-31). */
export const EXCEL_MAX_SERIAL = 2958465;

/** True when year/month/day is a real calendar date (31/02 is not). */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/**
 * Epoch days of an Excel serial number; NaN outside 1–2958465. Excel counts a 29 Feb 1900 that
 * never was, so serials below 61 are one day later than their number says (serial 59 = 1900-02-28,
 * and the fake serial 60 reads as 1900-03-01, the same day as 61).
 *
 * @example
 * fromExcelSerial(46352); // 20783 (2026-11-26)
 * fromExcelSerial(46352.5); // 20783.5 (noon)
 */
export function fromExcelSerial(serial: number): number {
  if (!(serial >= 1 && serial < EXCEL_MAX_SERIAL + 1)) return NaN;
  return serial < 61 ? serial - (EXCEL_EPOCH_OFFSET - 1) : serial - EXCEL_EPOCH_OFFSET;
}

/**
 * Epoch days of a number in a date column: an Excel serial, or an 8-digit yyyymmdd integer.
 *
 * @example
 * dateFromNumber(46352); // 20783
 * dateFromNumber(20261126); // 20783
 * dateFromNumber(-5); // NaN
 */
export function dateFromNumber(v: number): number {
  if (v >= 10000101 && v <= 99991231 && Number.isInteger(v)) {
    const y = Math.floor(v / 10000);
    const m = Math.floor(v / 100) % 100;
    const d = v % 100;
    return isValidDate(y, m, d) ? dayOfYmd(y, m, d) : NaN;
  }
  return fromExcelSerial(v);
}

/**
 * Epoch days of a `Date`, read by its local calendar fields (how Apps Script delivers a sheet's
 * dates in the spreadsheet's time zone); NaN for an invalid Date.
 *
 * @example
 * dateFromDateObject(new Date(2026, 10, 26, 12)); // 20783.5
 */
export function dateFromDateObject(d: Date): number {
  const t = d.getTime();
  if (Number.isNaN(t)) return NaN;
  const seconds = d.getHours() * 3600 + d.getMinutes() * 60 + d.getSeconds();
  return (
    dayOfYmd(d.getFullYear(), d.getMonth() + 1, d.getDate()) +
    (seconds + d.getMilliseconds() / 1000) / 86400
  );
}

/** The kind of a scanned date. */
export const enum DateKind {
  Invalid = 0,
  /** A date; `value` holds it. */
  Date = 1,
  /**
   * `a/b/y` text whose order the column decides: `value` = day-first reading, `alt` = month-first
   * reading (NaN where that reading is not a real date; at least one is a date).
   */
  Ordered = 2,
}

/** Result of {@link scanDateText}; one object is reused for every call. */
export interface DateScan {
  kind: DateKind;
  value: number;
  alt: number;
}

const scan: DateScan = { kind: DateKind.Invalid, value: NaN, alt: NaN };

const TIME = String.raw`(?:[T ,]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}(?:[.,]\d+)?))?\s*([ap]\.?m\.?)?)?`;
const ZONE = String.raw`(?:\s*(?:Z|[+-]\d{2}(?::?\d{2})?))?`;
const ISO = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}${ZONE}$`, 'i');
const DMY = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`, 'i');
const D_MON_Y = new RegExp(
  String.raw`^(\d{1,2})\.?[ \-]*([a-zåäö]{3,9})\.?[ \-,]*(\d{4}|\d{2})${TIME}$`,
  'i',
);
const MON_D_Y = new RegExp(
  String.raw`^([a-zåäö]{3,9})\.?[ \-]*(\d{1,2}),?[ \-]+(\d{4})${TIME}$`,
  'i',
);

const MONTHS: readonly (readonly string[])[] = [
  ['january', 'januari'],
  ['february', 'februari'],
  ['march', 'mars'],
  ['april'],
  ['may', 'maj'],
  ['june', 'juni'],
  ['july', 'juli'],
  ['august', 'augusti'],
  ['september', 'sept'],
  ['october', 'oktober'],
  ['november'],
  ['december'],
];

/** Month number of an English or Swedish month name or abbreviation (3+ letters); 0 if none. */
function monthOfName(word: string): number {
  const w = word.toLowerCase();
  for (let m = 0; m < 12; m++) {
    for (const name of MONTHS[m]) if (w.length >= 3 && name.startsWith(w)) return m + 1;
  }
  return 0;
}

function fullYear(text: string): number {
  const y = Number(text);
  if (text.length !== 2) return y;
  return y < 70 ? 2000 + y : 1900 + y;
}

/** Time of day as a fraction of a day from regex groups; NaN when invalid; 0 when absent. */
function timeFraction(
  h: string | undefined,
  mi: string | undefined,
  s: string | undefined,
  ampm: string | undefined,
): number {
  if (h === undefined) return 0;
  let hours = Number(h);
  const minutes = Number(mi);
  const seconds = s === undefined ? 0 : Number(s.replace(',', '.'));
  if (ampm !== undefined) {
    if (hours < 1 || hours > 12) return NaN;
    const pm = ampm[0].toLowerCase() === 'p';
    hours = (hours % 12) + (pm ? 12 : 0);
  }
  if (hours > 23 || minutes > 59 || !(seconds < 60)) return NaN;
  return (hours * 3600 + minutes * 60 + seconds) / 86400;
}

function ymd(y: number, m: number, d: number, time: number): number {
  return isValidDate(y, m, d) && y >= 1000 && !Number.isNaN(time) ? dayOfYmd(y, m, d) + time : NaN;
}

function result(kind: DateKind, value: number, alt = NaN): DateScan {
  scan.kind = Number.isNaN(value) && Number.isNaN(alt) ? DateKind.Invalid : kind;
  scan.value = value;
  scan.alt = alt;
  return scan;
}

/**
 * Scans a date text. Returns a shared, reused object: read it before the next call.
 *
 * @example
 * scanDateText('2026-11-26 14:05').value; // 20783.586805…
 * scanDateText('26.11.2026').value; // 20783
 * const s = scanDateText('03/04/2026'); // kind Ordered, value = 3 April, alt = 4 March
 * scanDateText('31/02/2026').kind; // DateKind.Invalid
 */
export function scanDateText(text: string): DateScan {
  const s = text.trim();
  const len = s.length;
  if (len === 0) return result(DateKind.Invalid, NaN);
  const c0 = s.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) {
    if (len === 8 && /^\d{8}$/.test(s)) return result(DateKind.Date, dateFromNumber(Number(s)));
    if (/^\d{5}(?:\.\d+)?$/.test(s)) return result(DateKind.Date, fromExcelSerial(Number(s)));
    let m = ISO.exec(s);
    if (m) {
      const t = timeFraction(m[5], m[6], m[7], m[8]);
      return result(DateKind.Date, ymd(Number(m[1]), Number(m[3]), Number(m[4]), t));
    }
    m = DMY.exec(s);
    if (m) {
      const a = Number(m[1]);
      const b = Number(m[3]);
      const y = fullYear(m[4]);
      const t = timeFraction(m[5], m[6], m[7], m[8]);
      if (m[2] === '.') return result(DateKind.Date, ymd(y, b, a, t));
      const dayFirst = ymd(y, b, a, t);
      const monthFirst = ymd(y, a, b, t);
      if (a === b) return result(DateKind.Date, dayFirst);
      return result(DateKind.Ordered, dayFirst, monthFirst);
    }
    m = D_MON_Y.exec(s);
    if (m) {
      const month = monthOfName(m[2]);
      const t = timeFraction(m[4], m[5], m[6], m[7]);
      return result(DateKind.Date, month ? ymd(fullYear(m[3]), month, Number(m[1]), t) : NaN);
    }
    return result(DateKind.Invalid, NaN);
  }
  const m = MON_D_Y.exec(s);
  if (m) {
    const month = monthOfName(m[1]);
    const t = timeFraction(m[4], m[5], m[6], m[7]);
    return result(DateKind.Date, month ? ymd(Number(m[3]), month, Number(m[2]), t) : NaN);
  }
  return result(DateKind.Invalid, NaN);
}

/**
 * Epoch days of any raw cell on its own (an ambiguous `03/04/2026` is read day first); NaN when it
 * is not a date.
 *
 * @example
 * parseDate(46352); // 20783
 * parseDate('11/26/2026'); // 20783 (only month first is a real date)
 * parseDate('03/04/2026'); // 3 April 2026
 * parseDate(true); // NaN
 */
export function parseDate(cell: unknown): number {
  if (typeof cell === 'number') return dateFromNumber(cell);
  if (cell instanceof Date) return dateFromDateObject(cell);
  if (typeof cell !== 'string') return NaN;
  const r = scanDateText(cell);
  if (r.kind === DateKind.Ordered) return Number.isNaN(r.value) ? r.alt : r.value;
  return r.kind === DateKind.Date ? r.value : NaN;
}

/** A row the column's day/month decision rejects. */
export interface DateRejection {
  readonly slot: number;
  readonly text: string;
  readonly reason: string;
}

/**
 * Per-column day/month order. Every `a/b/y` cell is kept pending (slot + both readings + a text
 * id; the distinct texts only of cells that are a real date in one order only) until
 * {@link resolve}: a column with
 * `13/01/2026` and no `01/13/2026`-style value is day first; only month-first evidence → month
 * first; no evidence → day first (European default) with a note; both → the majority (ties: day
 * first), and the cells that are no date in that order are rejected.
 *
 * @example
 * const r = new DateColumnReader();
 * const a = scanDateText('03/04/2026');
 * r.add(0, a.value, a.alt, '03/04/2026');
 * const b = scanDateText('13/04/2026');
 * r.add(1, b.value, b.alt, '13/04/2026');
 * r.resolve((slot, v) => (data[slot] = v)); // data[0] = 3 April 2026; day first
 */
export class DateColumnReader {
  dayFirstEvidence = 0;
  monthFirstEvidence = 0;
  private count = 0;
  private slots = new Int32Array(0);
  private dayFirst = new Float64Array(0);
  private monthFirst = new Float64Array(0);
  /** Per pending cell: index into {@link distinct} of its text (-1: not kept, both orders valid). */
  private textIds = new Int32Array(0);
  /** Distinct texts of cells valid in one order only (dates repeat: few distinct strings). */
  private distinct: string[] = [];
  private distinctIds = new Map<string, number>();
  private lastText = '';
  private lastTextId = -1;
  private sampleDay = '';
  private sampleMonth = '';
  private sampleAmbiguous = '';

  /**
   * Keeps an `Ordered` cell of a used row: its day-first and month-first readings (NaN where that
   * reading is no date) and its text.
   */
  add(slot: number, dayFirst: number, monthFirst: number, text: string): void {
    const n = this.count;
    if (n === this.slots.length) {
      this.slots = growI32(this.slots, n + 1);
      this.dayFirst = growF64(this.dayFirst, n + 1);
      this.monthFirst = growF64(this.monthFirst, n + 1);
      this.textIds = growI32(this.textIds, n + 1);
    }
    this.textIds[n] = -1;
    this.slots[n] = slot;
    this.dayFirst[n] = dayFirst;
    this.monthFirst[n] = monthFirst;
    const dayOk = !Number.isNaN(dayFirst);
    const monthOk = !Number.isNaN(monthFirst);
    if (dayOk && !monthOk) {
      this.dayFirstEvidence++;
      this.textIds[n] = this.textId(text);
      if (!this.sampleDay) this.sampleDay = text;
    } else if (monthOk && !dayOk) {
      this.monthFirstEvidence++;
      this.textIds[n] = this.textId(text);
      if (!this.sampleMonth) this.sampleMonth = text;
    } else if (!this.sampleAmbiguous) {
      this.sampleAmbiguous = text;
    }
    this.count = n + 1;
  }

  private textId(text: string): number {
    if (text === this.lastText) return this.lastTextId;
    let id = this.distinctIds.get(text);
    if (id === undefined) {
      id = this.distinct.length;
      this.distinct.push(text);
      this.distinctIds.set(text, id);
    }
    this.lastText = text;
    this.lastTextId = id;
    return id;
  }

  /** True when day-first order is (or would be) chosen. */
  get isDayFirst(): boolean {
    return this.dayFirstEvidence >= this.monthFirstEvidence;
  }

  /**
   * Writes every pending date through `write(slot, value)` and returns the rows the chosen order
   * rejects and the column note (null when the order needed no explaining).
   */
  resolve(write: (slot: number, value: number) => void): {
    rejected: DateRejection[];
    note: string | null;
  } {
    const rejected: DateRejection[] = [];
    if (this.count === 0) return { rejected, note: null };
    const dayFirst = this.isDayFirst;
    const order = dayFirst ? 'day/month/year' : 'month/day/year';
    const chosen = dayFirst ? this.dayFirst : this.monthFirst;
    for (let i = 0; i < this.count; i++) {
      const v = chosen[i];
      if (Number.isNaN(v)) {
        const text = this.distinct[this.textIds[i]] ?? '';
        rejected.push({
          slot: this.slots[i],
          text,
          reason: `date "${text}" is not a real date read ${order}, the order of this column`,
        });
      } else {
        write(this.slots[i], v);
      }
    }
    const d = this.dayFirstEvidence;
    const m = this.monthFirstEvidence;
    let note: string | null = null;
    if (d > 0 && m > 0) {
      note = `Dates read ${order}, the order of most values: ${d} read only day first (e.g. "${this.sampleDay}"), ${m} only month first (e.g. "${this.sampleMonth}"); ${rejected.length} rejected as no date in that order.`;
    } else if (d === 0 && m === 0) {
      note = `Dates read day/month/year: no value shows the order (e.g. "${this.sampleAmbiguous}"), so the European order is assumed.`;
    } else if (m > 0 && this.sampleAmbiguous) {
      note = `Dates read month/day/year, as values like "${this.sampleMonth}" show.`;
    } else if (this.sampleAmbiguous) {
      note = `Dates read day/month/year, as values like "${this.sampleDay}" show.`;
    }
    this.slots = new Int32Array(0);
    this.dayFirst = new Float64Array(0);
    this.monthFirst = new Float64Array(0);
    this.textIds = new Int32Array(0);
    this.distinct = [];
    this.distinctIds = new Map();
    this.count = 0;
    return { rejected, note };
  }
}
