import {
  DateColumnReader,
  DateKind,
  dateFromDateObject,
  dateFromNumber,
  fromExcelSerial,
  parseDate,
  scanDateText,
} from '../../shared/ingest/dates';
import { dayOfYmd } from '../../shared/analysis/calendar';

const D = (y: number, m: number, d: number) => dayOfYmd(y, m, d);
const TIME_14_05 = (14 * 60 + 5) / 1440;

describe('epoch days', () => {
  test('calendar anchors', () => {
    expect(D(1970, 1, 1)).toBe(0);
    expect(D(2026, 11, 26)).toBe(20783);
    expect(D(2000, 3, 1)).toBe(11017);
    expect(D(1900, 3, 1)).toBe(-25508);
    expect(D(1969, 12, 31)).toBe(-1);
  });
});

describe('Excel serials', () => {
  test('serial − 25569 from 1 March 1900', () => {
    expect(fromExcelSerial(46352)).toBe(20783);
    expect(fromExcelSerial(46352.5)).toBe(20783.5);
    expect(fromExcelSerial(61)).toBe(D(1900, 3, 1));
    expect(fromExcelSerial(2958465)).toBe(D(9999, 12, 31));
  });
  test("before Excel's fake 29 Feb 1900, serials are one day off", () => {
    expect(fromExcelSerial(1)).toBe(D(1900, 1, 1));
    expect(fromExcelSerial(59)).toBe(D(1900, 2, 28));
    expect(fromExcelSerial(60)).toBe(D(1900, 3, 1));
  });
  test('out of range', () => {
    expect(fromExcelSerial(0)).toBeNaN();
    expect(fromExcelSerial(-1)).toBeNaN();
    expect(fromExcelSerial(2958466)).toBeNaN();
    expect(fromExcelSerial(NaN)).toBeNaN();
  });
  test('8-digit yyyymmdd numbers', () => {
    expect(dateFromNumber(20261126)).toBe(20783);
    expect(dateFromNumber(20260231)).toBeNaN();
    expect(dateFromNumber(20261126.5)).toBeNaN();
  });
});

describe('Date objects are read by their local calendar fields', () => {
  test('midnight and a time of day', () => {
    expect(dateFromDateObject(new Date(2026, 10, 26))).toBe(20783);
    expect(dateFromDateObject(new Date(2026, 10, 26, 14, 5))).toBeCloseTo(20783 + TIME_14_05, 9);
    expect(dateFromDateObject(new Date(2026, 10, 26, 12))).toBe(20783.5);
    expect(dateFromDateObject(new Date(NaN))).toBeNaN();
  });
});

describe('date text', () => {
  test.each([
    ['2026-11-26', 20783],
    ['2026-11-26 14:05', 20783 + TIME_14_05],
    ['2026-11-26T14:05:00', 20783 + TIME_14_05],
    ['2026-11-26T14:05:00Z', 20783 + TIME_14_05],
    ['2026-11-26T14:05:00+01:00', 20783 + TIME_14_05],
    ['2026/11/26', 20783],
    ['2026-1-5', D(2026, 1, 5)],
    ['20261126', 20783],
    ['26/11/2026', 20783],
    ['11/26/2026', 20783],
    ['26.11.2026', 20783],
    ['26-11-2026', 20783],
    ['26/11/26', 20783],
    ['26.11.26', 20783],
    ['1/2/70', D(1970, 2, 1)],
    ['26/11/2026 14:05', 20783 + TIME_14_05],
    ['11/26/2026 2:05 PM', 20783 + TIME_14_05],
    ['26 Nov 2026', 20783],
    ['26-nov-2026', 20783],
    ['26 november 2026', 20783],
    ['26 okt. 2026', D(2026, 10, 26)],
    ['26 maj 2026', D(2026, 5, 26)],
    ['Nov 26, 2026', 20783],
    ['46352', 20783],
  ])('%j → %p', (text, expected) => {
    expect(parseDate(text)).toBeCloseTo(expected, 9);
  });

  test.each([
    '31/02/2026',
    '2026-02-29',
    '2026-13-01',
    '32/01/2026',
    '13/13/2026',
    '2026-11-26 25:00',
    'yesterday',
    '26 Foo 2026',
    '12x',
    '',
    '2026',
    '1/2',
  ])('%j is not a date', (text) => {
    expect(parseDate(text)).toBeNaN();
  });

  test('two-digit years: 00–69 → 20xx, 70–99 → 19xx', () => {
    expect(parseDate('01.01.69')).toBe(D(2069, 1, 1));
    expect(parseDate('01.01.70')).toBe(D(1970, 1, 1));
    expect(parseDate('31.12.99')).toBe(D(1999, 12, 31));
  });

  test('leap day is valid in a leap year', () => {
    expect(parseDate('29/02/2024')).toBe(D(2024, 2, 29));
    expect(parseDate('29/02/2100')).toBeNaN();
    expect(parseDate('29/02/2000')).toBe(D(2000, 2, 29));
  });

  test('slash dates carry both readings', () => {
    const s = scanDateText('03/04/2026');
    expect(s.kind).toBe(DateKind.Ordered);
    expect(s.value).toBe(D(2026, 4, 3));
    expect(s.alt).toBe(D(2026, 3, 4));
    const t = scanDateText('13/04/2026');
    expect(t.kind).toBe(DateKind.Ordered);
    expect(t.value).toBe(D(2026, 4, 13));
    expect(t.alt).toBeNaN();
    expect(scanDateText('04/04/2026').kind).toBe(DateKind.Date);
    expect(scanDateText('26.11.2026').kind).toBe(DateKind.Date);
  });

  test('other values are not dates', () => {
    expect(parseDate(true)).toBeNaN();
    expect(parseDate(null)).toBeNaN();
    expect(parseDate(undefined)).toBeNaN();
  });
});

describe('DateColumnReader: day/month order per column', () => {
  function column(cells: string[]) {
    const r = new DateColumnReader();
    const data = new Float64Array(cells.length);
    cells.forEach((c, i) => {
      const s = scanDateText(c);
      r.add(i, s.value, s.alt, c);
    });
    return { data, ...r.resolve((slot, v) => (data[slot] = v)) };
  }

  test('13/01 and no 01/13: day first', () => {
    const { data, rejected, note } = column(['03/04/2026', '13/01/2026']);
    expect([...data]).toEqual([D(2026, 4, 3), D(2026, 1, 13)]);
    expect(rejected).toEqual([]);
    expect(note).toBe('Dates read day/month/year, as values like "13/01/2026" show.');
  });

  test('only month-first evidence: month first', () => {
    const { data, rejected, note } = column(['03/04/2026', '01/13/2026']);
    expect([...data]).toEqual([D(2026, 3, 4), D(2026, 1, 13)]);
    expect(rejected).toEqual([]);
    expect(note).toBe('Dates read month/day/year, as values like "01/13/2026" show.');
  });

  test('no evidence: day first with a note', () => {
    const { data, rejected, note } = column(['03/04/2026', '05/06/2026']);
    expect([...data]).toEqual([D(2026, 4, 3), D(2026, 6, 5)]);
    expect(rejected).toEqual([]);
    expect(note).toBe(
      'Dates read day/month/year: no value shows the order (e.g. "03/04/2026"), so the European order is assumed.',
    );
  });

  test('conflicting evidence: the majority decides, the others are rejected', () => {
    const { data, rejected, note } = column([
      '13/01/2026',
      '01/13/2026',
      '14/01/2026',
      '02/03/2026',
    ]);
    expect(data[0]).toBe(D(2026, 1, 13));
    expect(data[2]).toBe(D(2026, 1, 14));
    expect(data[3]).toBe(D(2026, 3, 2));
    expect(rejected).toEqual([
      {
        slot: 1,
        text: '01/13/2026',
        reason:
          'date "01/13/2026" is not a real date read day/month/year, the order of this column',
      },
    ]);
    expect(note).toBe(
      'Dates read day/month/year, the order of most values: 2 read only day first (e.g. "13/01/2026"), 1 only month first (e.g. "01/13/2026"); 1 rejected as no date in that order.',
    );
  });

  test('a month-first majority rejects the day-first values', () => {
    const { rejected } = column(['01/13/2026', '01/14/2026', '13/01/2026']);
    expect(rejected.map((r) => r.slot)).toEqual([2]);
    expect(rejected[0].reason).toContain('month/day/year');
  });
});
