import {
  DecimalEvidence,
  NumberColumnReader,
  NumberKind,
  parseNumber,
  scanNumber,
} from '../../shared/ingest/numbers';

describe('parseNumber: numbers as users really have them', () => {
  test.each([
    ['1234', 1234],
    ['1 234,50', 1234.5],
    ['1\u00a0234,50', 1234.5],
    ['1\u2009234,50', 1234.5],
    ['1\u202f234,50', 1234.5],
    ['1,234.50', 1234.5],
    ['1.234,50 kr', 1234.5],
    ['1.234,50kr', 1234.5],
    ['kr 1 234', 1234],
    ['SEK 1 234,50', 1234.5],
    ['1 234,50 SEK', 1234.5],
    ['€1.234,50', 1234.5],
    ['1.234,50 €', 1234.5],
    ['$1,234.50', 1234.5],
    ['£1,234.50', 1234.5],
    ['USD 1,234.50', 1234.5],
    ['NOK 99,90', 99.9],
    ['99,90 DKK', 99.9],
    ['EUR 12.5', 12.5],
    ['450:-', 450],
    ['(450)', -450],
    ['(1 234,50 kr)', -1234.5],
    ['-450', -450],
    ['- 450', -450],
    ['450-', -450],
    ['\u2212450', -450],
    ['-$450.00', -450],
    ['$-450.00', -450],
    ['+450', 450],
    ["1'234.50", 1234.5],
    ["1'234'567", 1234567],
    ['1.234.567', 1234567],
    ['1,234,567', 1234567],
    ['1.234.567,89', 1234567.89],
    ['1,234,567.89', 1234567.89],
    ['12,5', 12.5],
    ['12.5', 12.5],
    ['0,125', 0.125],
    ['0.125', 0.125],
    ['1234,567', 1234.567],
    [',5', 0.5],
    ['.5', 0.5],
    ['1.5e3', 1500],
    ['  42  ', 42],
  ])('%j → %p', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });

  test('percent is returned as a fraction (12 % → 0.12) and flagged', () => {
    expect(parseNumber('12 %')).toBe(0.12);
    expect(parseNumber('12%')).toBe(0.12);
    expect(parseNumber('12,5 %')).toBe(0.125);
    expect(parseNumber('-3 %')).toBe(-0.03);
    const s = scanNumber('12 %');
    expect(s.percent).toBe(true);
    expect(scanNumber('12').percent).toBe(false);
  });

  test.each([
    '12x',
    'abc',
    '1,2,3.4.5',
    '1.2.3',
    '12 34',
    '1 23,5',
    '--5',
    '(5',
    '5)',
    '1.234,5.6',
    '1,23,456',
    'kr',
    '%',
    '-',
    '',
    '   ',
    '12 % %',
    'TRUE',
    '#N/A',
    '=1+2',
    '1e',
    'Infinity',
    'NaN',
    '0x10',
  ])('%j is not a number', (text) => {
    expect(parseNumber(text)).toBeNaN();
    expect(scanNumber(text).kind).toBe(NumberKind.Invalid);
  });

  test('one separator before exactly three digits is ambiguous, with both readings', () => {
    const a = scanNumber('1,234');
    expect(a.kind).toBe(NumberKind.Ambiguous);
    expect(a.value).toBe(1234);
    expect(a.alt).toBe(1.234);
    expect(a.comma).toBe(true);
    const b = scanNumber('-1.234');
    expect(b.kind).toBe(NumberKind.Ambiguous);
    expect(b.value).toBe(-1234);
    expect(b.alt).toBe(-1.234);
    expect(b.comma).toBe(false);
    // On its own: thousands.
    expect(parseNumber('1,234')).toBe(1234);
  });

  test('evidence of the decimal separator', () => {
    expect(scanNumber('12,50').evidence).toBe(DecimalEvidence.Comma);
    expect(scanNumber('1 234,56').evidence).toBe(DecimalEvidence.Comma);
    expect(scanNumber('1.234.567').evidence).toBe(DecimalEvidence.Comma);
    expect(scanNumber('1.234,5').evidence).toBe(DecimalEvidence.Comma);
    expect(scanNumber('12.5').evidence).toBe(DecimalEvidence.Point);
    expect(scanNumber('1,234.50').evidence).toBe(DecimalEvidence.Point);
    expect(scanNumber('1,234,567').evidence).toBe(DecimalEvidence.Point);
    expect(scanNumber('1234').evidence).toBe(DecimalEvidence.None);
    expect(scanNumber('1,234').evidence).toBe(DecimalEvidence.None);
  });
});

describe('NumberColumnReader: ambiguous separators decided per column', () => {
  function column(
    evidence: DecimalEvidence[],
    cells: string[],
  ): { data: Float64Array; note: string | null } {
    const r = new NumberColumnReader();
    for (const e of evidence) r.evidence(e);
    const data = new Float64Array(cells.length);
    cells.forEach((c, i) => {
      const s = scanNumber(c);
      data[i] = s.value;
      r.evidence(s.evidence);
      if (s.kind === NumberKind.Ambiguous) r.addPending(i, s.whole, s.comma, s.percent, c);
    });
    return { data, note: r.resolve((slot, v) => (data[slot] = v)) };
  }

  test('a decimal-comma column reads 1,234 as 1.234 and 1.234 as 1234', () => {
    const { data, note } = column([], ['12,50', '1,234', '1.234']);
    expect([...data]).toEqual([12.5, 1.234, 1234]);
    expect(note).toContain('decimal comma');
  });

  test('a decimal-point column reads 1,234 as 1234 and 1.234 as 1.234', () => {
    const { data, note } = column([], ['1,234.50', '1,234', '1.234']);
    expect([...data]).toEqual([1234.5, 1234, 1.234]);
    expect(note).toContain('decimal point');
  });

  test('no evidence: thousands, with a note saying so', () => {
    const { data, note } = column([], ['1,234', '2.500']);
    expect([...data]).toEqual([1234, 2500]);
    expect(note).toBe(
      '2 values with one separator before three digits (e.g. "1,234") read as thousands: no value in this column shows its decimal separator.',
    );
  });

  test('percent ambiguous values keep the percent', () => {
    const { data } = column([DecimalEvidence.Comma], ['1,250 %']);
    expect(data[0]).toBeCloseTo(0.0125, 15);
  });

  test('no pending cells: no note', () => {
    expect(column([], ['12,5']).note).toBeNull();
  });
});
