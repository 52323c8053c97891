/**
 * Staged columns for chunked ingestion.
 *
 * While rows arrive, a column is a list of fixed-size blocks of plain numbers on the JS heap;
 * `finish` copies the kept values once into a typed array of exactly the final length. Why not grow
 * typed arrays? Every new ArrayBuffer counts as "external memory", and after ~64 MB of it V8 runs a
 * full mark-compact — over the host's raw rows too, which at a million rows costs more than the
 * whole ingestion. Growing by doubling allocates 2–3× the table in ArrayBuffers; staging allocates
 * the table's typed arrays exactly once. Blocks are allocated whole (no growth copies) and dropped
 * after `finish`.
 *
 * When the host knows the row count (a capacity hint), a column starts with one typed array of
 * that size (the "direct" block) and rows are written straight into it: no staging blocks on the
 * JS heap, and `finish` hands the array itself to the table (compacted in place when rows were
 * dropped, trimmed by a copy only when more than 1/8 of it is unused). Rows beyond the hint go to
 * ordinary blocks after it. The direct blocks of all columns are views of one ArrayBuffer (a
 * {@link ColumnArena}): V8 runs a young-generation GC before allocating a backing store once
 * more than 32 MB of young ones exist, and that GC can start a full mark-compact over the host's
 * rows; one allocation for the whole table never trips it.
 */

/** log2 of the rows per block. */
const BLOCK_BITS = 16;
/** Rows per block (65,536: a block is big enough for V8's large-object space, so never copied). */
export const BLOCK_SIZE = 1 << BLOCK_BITS;
const BLOCK_MASK = BLOCK_SIZE - 1;

/**
 * One ArrayBuffer cut into the direct blocks of a table's columns, `capacity` slots each: first
 * every Float64Array, then every Int32Array (alignment).
 *
 * @example
 * const arena = new ColumnArena(1000, 2, 1);
 * arena.f64(); arena.f64(); arena.i32(); // views of one 20,000-byte buffer
 */
export class ColumnArena {
  private readonly buffer: ArrayBuffer;
  private at = 0;

  constructor(
    readonly capacity: number,
    f64Columns: number,
    i32Columns: number,
  ) {
    this.buffer = new ArrayBuffer(capacity * (8 * f64Columns + 4 * i32Columns));
  }

  /** The next Float64Array column (all of them before the first {@link i32}). */
  f64(): Float64Array {
    if (this.at % 8 !== 0) throw new Error('ColumnArena: f64 after i32');
    const a = new Float64Array(this.buffer, this.at, this.capacity);
    this.at += 8 * this.capacity;
    return a;
  }

  /** The next Int32Array column. */
  i32(): Int32Array {
    const a = new Int32Array(this.buffer, this.at, this.capacity);
    this.at += 4 * this.capacity;
    return a;
  }
}

/**
 * A direct block cut to the `used` slots kept: itself, a view (which keeps the whole buffer: only
 * when at most 1/8 of it is unused), or a copy.
 *
 * @example
 * trimmed(new Float64Array(8), 7).length; // 7 (a view)
 */
export function trimmed<T extends Float64Array | Int32Array>(a: T, used: number): T {
  if (used === a.length) return a;
  // A view keeps the whole buffer alive: only when little of it is unused.
  if ((a.length - used) * 8 <= a.length) return a.subarray(0, used) as T;
  return a.slice(0, used) as T;
}

/**
 * An append-only column of numbers, with random access for late fixes (pending cells).
 *
 * @example
 * const c = new StagedColumn(NaN);
 * c.push(1); c.push(2); c.push(3);
 * c.set(1, 20);
 * c.toFloat64(null, 3); // Float64Array [1, 20, 3]
 * c.toFloat64(Uint8Array.of(1, 0, 1), 2); // Float64Array [1, 3]
 */
export class StagedColumn {
  /** Number of values pushed (or sealed). */
  length = 0;
  /**
   * The current block. A writer that keeps its own offset for several columns at once writes
   * `cur[offset]` directly, calls {@link roll} on every column when the offset reaches the
   * block's length ({@link capacity} for the direct block, else {@link BLOCK_SIZE}), and
   * {@link seal}s the length at the end.
   */
  cur: number[] | Float64Array | Int32Array;
  /** Slots in the direct block (0 without a capacity hint; read only). */
  capacity: number;
  /** The direct block: slots [0, capacity). */
  private direct: Float64Array | Int32Array | null;
  /** Blocks after the direct block: slot capacity + k·BLOCK_SIZE + o is blocks[k][o]. */
  private readonly blocks: number[][] = [];
  private off: number;

  /**
   * `fill` sets the kind of values: a double (NaN) for floats, 0 for integers (Int32 range);
   * `direct`, when given, is the direct block (a Float64Array for floats, an Int32Array for
   * integers; see {@link ColumnArena}).
   */
  constructor(
    private readonly fill: number,
    direct: Float64Array | Int32Array | null = null,
  ) {
    this.capacity = direct !== null ? direct.length : 0;
    if (direct !== null && direct.length > 0) {
      this.direct = direct;
      this.cur = direct;
      this.off = 0;
    } else {
      this.direct = null;
      this.cur = [];
      this.off = BLOCK_SIZE;
    }
  }

  /** Appends a value. */
  push(v: number): void {
    let off = this.off;
    if (off === (this.blocks.length === 0 ? this.capacity || BLOCK_SIZE : BLOCK_SIZE)) {
      this.roll();
      off = 0;
    }
    this.cur[off] = v;
    this.off = off + 1;
    this.length++;
  }

  /** Starts a new block as {@link cur}. */
  roll(): void {
    const block = new Array<number>(BLOCK_SIZE).fill(this.fill);
    this.cur = block;
    this.blocks.push(block);
  }

  /** Sets the length after direct writes to {@link cur}. */
  seal(length: number): void {
    this.length = length;
    const cap = this.capacity;
    this.off =
      this.blocks.length === 0
        ? cap > 0
          ? length
          : BLOCK_SIZE
        : length - cap - (this.blocks.length - 1) * BLOCK_SIZE;
  }

  /** The value at slot `i` (< length). */
  get(i: number): number {
    const j = i - this.capacity;
    if (j < 0) return (this.direct as Float64Array | Int32Array)[i];
    return this.blocks[j >>> BLOCK_BITS][j & BLOCK_MASK];
  }

  /** Replaces the value at slot `i` (< length). */
  set(i: number, v: number): void {
    const j = i - this.capacity;
    if (j < 0) (this.direct as Float64Array | Int32Array)[i] = v;
    else this.blocks[j >>> BLOCK_BITS][j & BLOCK_MASK] = v;
  }

  /**
   * The values (only slots with `keep[slot] !== 0`, when given) as a Float64Array of `kept`. With
   * a direct Float64Array and no rows beyond it, that array itself (compacted in place): the
   * column must not be written afterwards.
   */
  toFloat64(keep: Uint8Array | null, kept: number): Float64Array {
    const d = this.direct;
    if (d instanceof Float64Array && this.blocks.length === 0) {
      if (keep !== null) compact(d, keep, this.length);
      return trimmed(d, kept);
    }
    return this.copyInto(new Float64Array(kept), keep);
  }

  /**
   * The values (integers; only slots with `keep[slot] !== 0`, when given) as an Int32Array of
   * `kept`: like {@link toFloat64}, the direct Int32Array itself when there are no rows beyond it.
   */
  toInt32(keep: Uint8Array | null, kept: number): Int32Array {
    const d = this.direct;
    if (d instanceof Int32Array && this.blocks.length === 0) {
      if (keep !== null) compact(d, keep, this.length);
      return trimmed(d, kept);
    }
    return this.copyInto(new Int32Array(kept), keep);
  }

  /**
   * `codeOf[value + 1]` of every kept slot as an Int32Array of `kept` (codes of spelling ids, -1
   * mapping to codeOf[0]). With a direct Int32Array and no rows beyond it, mapped in place.
   */
  toCodes(codeOf: Int32Array, keep: Uint8Array | null, kept: number): Int32Array {
    const d = this.direct;
    const n = this.length;
    if (d instanceof Int32Array && this.blocks.length === 0) {
      if (keep === null) {
        for (let i = 0; i < n; i++) d[i] = codeOf[d[i] + 1];
      } else {
        let j = 0;
        for (let i = 0; i < n; i++) if (keep[i] !== 0) d[j++] = codeOf[d[i] + 1];
      }
      return trimmed(d, kept);
    }
    const out = new Int32Array(kept);
    let j = 0;
    const cap = Math.min(this.capacity, n);
    if (d !== null) {
      for (let i = 0; i < cap; i++) if (keep === null || keep[i] !== 0) out[j++] = codeOf[d[i] + 1];
    }
    for (let b = 0; cap + b * BLOCK_SIZE < n; b++) {
      const block = this.blocks[b];
      const base = cap + b * BLOCK_SIZE;
      const end = Math.min(BLOCK_SIZE, n - base);
      if (keep === null) {
        for (let o = 0; o < end; o++) out[j++] = codeOf[block[o] + 1];
      } else {
        for (let o = 0; o < end; o++) if (keep[base + o] !== 0) out[j++] = codeOf[block[o] + 1];
      }
    }
    return out;
  }

  /** Releases the blocks (a direct block handed to a table stays with the table). */
  clear(): void {
    this.blocks.length = 0;
    this.direct = null;
    this.capacity = 0;
    this.cur = [];
    this.off = BLOCK_SIZE;
    this.length = 0;
  }

  private copyInto<T extends Float64Array | Int32Array>(out: T, keep: Uint8Array | null): T {
    const n = this.length;
    const d = this.direct;
    const cap = Math.min(this.capacity, n);
    let j = 0;
    if (d !== null) {
      for (let i = 0; i < cap; i++) if (keep === null || keep[i] !== 0) out[j++] = d[i];
    }
    for (let b = 0; cap + b * BLOCK_SIZE < n; b++) {
      const block = this.blocks[b];
      const base = cap + b * BLOCK_SIZE;
      const end = Math.min(BLOCK_SIZE, n - base);
      if (keep === null) {
        for (let o = 0; o < end; o++) out[j++] = block[o];
      } else {
        for (let o = 0; o < end; o++) if (keep[base + o] !== 0) out[j++] = block[o];
      }
    }
    return out;
  }

  /**
   * Counts the values >= 0 of the kept slots (`keep` null = all) into `counts` (longer than the
   * largest value), pushing a value onto `order` when it is counted for the first time.
   */
  countValues(keep: Uint8Array | null, counts: Int32Array, order: number[]): void {
    const n = this.length;
    const d = this.direct;
    const cap = Math.min(this.capacity, n);
    if (d !== null) {
      for (let i = 0; i < cap; i++) {
        const v = d[i];
        if (v >= 0 && (keep === null || keep[i] !== 0) && counts[v]++ === 0) order.push(v);
      }
    }
    for (let b = 0; cap + b * BLOCK_SIZE < n; b++) {
      const block = this.blocks[b];
      const base = cap + b * BLOCK_SIZE;
      const end = Math.min(BLOCK_SIZE, n - base);
      for (let o = 0; o < end; o++) {
        const v = block[o];
        if (v >= 0 && (keep === null || keep[base + o] !== 0) && counts[v]++ === 0) order.push(v);
      }
    }
  }

  /**
   * Visits every slot's value in order, skipping dropped slots; for finish-time passes that map
   * values (codes) without an intermediate array.
   */
  forEachKept(keep: Uint8Array | null, f: (v: number, slot: number) => void): void {
    const n = this.length;
    const d = this.direct;
    const cap = Math.min(this.capacity, n);
    if (d !== null) {
      for (let i = 0; i < cap; i++) if (keep === null || keep[i] !== 0) f(d[i], i);
    }
    for (let b = 0; cap + b * BLOCK_SIZE < n; b++) {
      const block = this.blocks[b];
      const base = cap + b * BLOCK_SIZE;
      const end = Math.min(BLOCK_SIZE, n - base);
      for (let o = 0; o < end; o++)
        if (keep === null || keep[base + o] !== 0) f(block[o], base + o);
    }
  }
}

/** Moves the kept values of `a[0, n)` to its front, in order. */
function compact(a: Float64Array | Int32Array, keep: Uint8Array, n: number): void {
  let j = 0;
  for (let i = 0; i < n; i++) if (keep[i] !== 0) a[j++] = a[i];
}

/**
 * A Float64Array with room for at least `need` values (doubling; the values kept), for small
 * side lists such as pending cells.
 *
 * @example
 * let a = new Float64Array(0);
 * a = growF64(a, 1); // length 16
 */
export function growF64(a: Float64Array, need: number): Float64Array<ArrayBuffer> {
  if (need <= a.length) return a as Float64Array<ArrayBuffer>;
  const b = new Float64Array(Math.max(need, a.length * 2, 16));
  b.set(a);
  return b;
}

/**
 * An Int32Array with room for at least `need` values (doubling; the values kept).
 *
 * @example
 * growI32(new Int32Array(0), 20).length; // 20
 */
export function growI32(a: Int32Array, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a as Int32Array<ArrayBuffer>;
  const b = new Int32Array(Math.max(need, a.length * 2, 16));
  b.set(a);
  return b;
}

/**
 * A Uint8Array with room for at least `need` values (doubling; the values kept).
 *
 * @example
 * growU8(new Uint8Array(0), 1).length; // 16
 */
export function growU8(a: Uint8Array, need: number): Uint8Array<ArrayBuffer> {
  if (need <= a.length) return a as Uint8Array<ArrayBuffer>;
  const b = new Uint8Array(Math.max(need, a.length * 2, 16));
  b.set(a);
  return b;
}
