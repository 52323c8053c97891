/**
 * Where each used row of a sales table came from: its 1-based row number in the source sheet or
 * file, kept as runs of consecutive rows. A table read from one block of rows is one run however
 * long it is, so the row numbers cost no memory per row; rejected rows between used ones start a
 * new run.
 */

/**
 * The source row numbers of a table's rows, as runs.
 *
 * @example
 * const rows = SourceRows.of([2, 3, 4, 10, 11]); // two runs: 2–4 and 10–11
 * rows.at(3); // 10
 * rows.runs; // 2
 * [...rows]; // [2, 3, 4, 10, 11]
 */
export class SourceRows implements Iterable<number> {
  /**
   * Run k covers slots [slot[k], slot[k + 1]) (the last one up to `length`), with row numbers
   * counting up from row[k].
   */
  private constructor(
    readonly length: number,
    private readonly slot: Int32Array,
    private readonly row: Int32Array,
  ) {}

  /**
   * `length` rows numbered from `first` up.
   *
   * @example
   * SourceRows.contiguous(2, 3).at(2); // 4
   */
  static contiguous(first: number, length: number): SourceRows {
    return length === 0
      ? new SourceRows(0, new Int32Array(0), new Int32Array(0))
      : new SourceRows(length, Int32Array.of(0), Int32Array.of(first));
  }

  /**
   * Runs given by their first slots (ascending, the first one 0) and first row numbers.
   *
   * @example
   * SourceRows.fromRuns([0, 3], [2, 10], 5).at(4); // 11
   */
  static fromRuns(slots: ArrayLike<number>, rows: ArrayLike<number>, length: number): SourceRows {
    return new SourceRows(length, Int32Array.from(slots), Int32Array.from(rows));
  }

  /**
   * The runs of a list of row numbers.
   *
   * @example
   * SourceRows.of([5, 6, 9]).runs; // 2
   */
  static of(rowNumbers: ArrayLike<number>): SourceRows {
    const slots: number[] = [];
    const rows: number[] = [];
    for (let i = 0; i < rowNumbers.length; i++) {
      if (i === 0 || rowNumbers[i] !== rowNumbers[i - 1] + 1) {
        slots.push(i);
        rows.push(rowNumbers[i]);
      }
    }
    return SourceRows.fromRuns(slots, rows, rowNumbers.length);
  }

  /** Number of runs. */
  get runs(): number {
    return this.slot.length;
  }

  /**
   * The source row number of row `i` (0 ≤ i < length).
   *
   * @example
   * SourceRows.contiguous(2, 10).at(0); // 2
   */
  at(i: number): number {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`no row ${i} of ${this.length}`);
    const slots = this.slot;
    let lo = 0;
    let hi = slots.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (slots[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return this.row[lo] + (i - slots[lo]);
  }

  *[Symbol.iterator](): Iterator<number> {
    const runs = this.slot.length;
    for (let k = 0; k < runs; k++) {
      const end = k + 1 < runs ? this.slot[k + 1] : this.length;
      for (let i = this.slot[k]; i < end; i++) yield this.row[k] + (i - this.slot[k]);
    }
  }
}
