import { BLOCK_SIZE, StagedColumn } from '../../shared/ingest/columns';

describe('StagedColumn', () => {
  test('push, set, get and exact-length copies', () => {
    const c = new StagedColumn(NaN);
    c.push(1);
    c.push(2);
    c.push(3);
    c.set(1, 20);
    expect(c.get(1)).toBe(20);
    expect(Array.from(c.toFloat64(null, 3))).toEqual([1, 20, 3]);
    expect(Array.from(c.toFloat64(Uint8Array.of(1, 0, 1), 2))).toEqual([1, 3]);
  });

  test('values across block boundaries, written directly and sealed', () => {
    const c = new StagedColumn(0);
    const n = BLOCK_SIZE * 2 + 5;
    let off = BLOCK_SIZE;
    for (let i = 0; i < n; i++) {
      if (off === BLOCK_SIZE) {
        c.roll();
        off = 0;
      }
      c.cur[off++] = i;
    }
    c.seal(n);
    const all = c.toFloat64(null, n);
    expect(all.length).toBe(n);
    expect(all[0]).toBe(0);
    expect(all[BLOCK_SIZE]).toBe(BLOCK_SIZE);
    expect(all[n - 1]).toBe(n - 1);
    // Pushing after sealing continues in the last block.
    c.push(-1);
    expect(c.length).toBe(n + 1);
    expect(c.get(n)).toBe(-1);
    c.clear();
    expect(c.length).toBe(0);
  });
});
