import fc from 'fast-check';
import { SourceRows } from '../shared/source-rows';

describe('SourceRows', () => {
  it('keeps a block of consecutive rows as one run', () => {
    const rows = SourceRows.contiguous(2, 1_000_000);
    expect(rows.runs).toBe(1);
    expect(rows.length).toBe(1_000_000);
    expect(rows.at(0)).toBe(2);
    expect(rows.at(999_999)).toBe(1_000_001);
  });

  it('starts a run after each gap', () => {
    const rows = SourceRows.of([2, 3, 4, 10, 11, 13]);
    expect(rows.runs).toBe(3);
    expect([...rows]).toEqual([2, 3, 4, 10, 11, 13]);
    expect(rows.at(3)).toBe(10);
    expect(rows.at(5)).toBe(13);
  });

  it('refuses a row outside the table', () => {
    expect(() => SourceRows.of([2, 3]).at(2)).toThrow(RangeError);
    expect(() => SourceRows.contiguous(2, 0).at(0)).toThrow(RangeError);
    expect([...SourceRows.contiguous(2, 0)]).toEqual([]);
  });

  it('gives back any ascending list of row numbers, by position and in order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 500 })), (list) => {
        const sorted = [...list].sort((a, b) => a - b);
        const rows = SourceRows.of(sorted);
        expect([...rows]).toEqual(sorted);
        sorted.forEach((row, i) => expect(rows.at(i)).toBe(row));
      }),
    );
  });
});
