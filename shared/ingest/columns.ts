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
 */

/** log2 of the rows per block. */
const BLOCK_BITS = 16;
/** Rows per block (65,536: a block is big enough for V8's large-object space, so never copied). */
export const BLOCK_SIZE = 1 << BLOCK_BITS;
const BLOCK_MASK = BLOCK_SIZE - 1;

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
   * `cur[offset]` directly, calls {@link roll} on every column when the offset reaches
   * {@link BLOCK_SIZE}, and {@link seal}s the length at the end.
   */
  cur: number[] = [];
  private readonly blocks: number[][] = [];
  private off = BLOCK_SIZE;

  /** `fill` sets the elements kind of new blocks: a double (NaN) for floats, 0 for integers. */
  constructor(private readonly fill: number) {}

  /** Appends a value. */
  push(v: number): void {
    let off = this.off;
    if (off === BLOCK_SIZE) {
      this.roll();
      off = 0;
    }
    this.cur[off] = v;
    this.off = off + 1;
    this.length++;
  }

  /** Starts a new block as {@link cur}. */
  roll(): void {
    this.cur = new Array<number>(BLOCK_SIZE).fill(this.fill);
    this.blocks.push(this.cur);
  }

  /** Sets the length after direct writes to {@link cur}. */
  seal(length: number): void {
    this.length = length;
    this.off = length - (this.blocks.length - 1) * BLOCK_SIZE;
  }

  /** The value at slot `i` (< length). */
  get(i: number): number {
    return this.blocks[i >>> BLOCK_BITS][i & BLOCK_MASK];
  }

  /** Replaces the value at slot `i` (< length). */
  set(i: number, v: number): void {
    this.blocks[i >>> BLOCK_BITS][i & BLOCK_MASK] = v;
  }

  /** The values (only slots with `keep[slot] !== 0`, when given) as a Float64Array of `kept`. */
  toFloat64(keep: Uint8Array | null, kept: number): Float64Array {
    return this.copyInto(new Float64Array(kept), keep);
  }

  /** Releases the blocks. */
  clear(): void {
    this.blocks.length = 0;
    this.cur = [];
    this.off = BLOCK_SIZE;
    this.length = 0;
  }

  private copyInto(out: Float64Array, keep: Uint8Array | null): Float64Array {
    const n = this.length;
    let j = 0;
    for (let b = 0; b * BLOCK_SIZE < n; b++) {
      const block = this.blocks[b];
      const base = b * BLOCK_SIZE;
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
   * Visits every slot's value in order, skipping dropped slots; for finish-time passes that map
   * values (codes) without an intermediate array.
   */
  forEachKept(keep: Uint8Array | null, f: (v: number, slot: number) => void): void {
    const n = this.length;
    for (let b = 0; b * BLOCK_SIZE < n; b++) {
      const block = this.blocks[b];
      const base = b * BLOCK_SIZE;
      const end = Math.min(BLOCK_SIZE, n - base);
      for (let o = 0; o < end; o++)
        if (keep === null || keep[base + o] !== 0) f(block[o], base + o);
    }
  }

  /** The blocks, for tight finish-time loops (read only; the last block is partly used). */
  get rawBlocks(): readonly number[][] {
    return this.blocks;
  }
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
