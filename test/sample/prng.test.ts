import { Prng, mulberry32, streamSeed } from '../../shared/sample/prng';

test('mulberry32 is deterministic and in [0, 1)', () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  expect(a()).toBe(0.6011037519201636);
  b();
  let same = true;
  let inRange = true;
  for (let i = 0; i < 100_000; i++) {
    const x = a();
    same &&= x === b();
    inRange &&= x >= 0 && x < 1;
  }
  expect(same).toBe(true);
  expect(inRange).toBe(true);
});

test('streams of one seed are independent of each other', () => {
  expect(streamSeed(1, 'rows')).not.toBe(streamSeed(1, 'world'));
  expect(streamSeed(1, 'rows')).not.toBe(streamSeed(2, 'rows'));
  expect(streamSeed(1, 'rows')).toBe(streamSeed(1, 'rows'));
});

test('distributions have the expected moments', () => {
  const rng = new Prng(7);
  const n = 50_000;
  let sum = 0;
  let sq = 0;
  let ints = 0;
  for (let i = 0; i < n; i++) {
    const z = rng.normal();
    sum += z;
    sq += z * z;
    const k = rng.int(6);
    if (!Number.isInteger(k) || k < 0 || k >= 6) throw new Error(`int(6) gave ${k}`);
    ints += k;
  }
  expect(Math.abs(sum / n)).toBeLessThan(0.03);
  expect(Math.abs(sq / n - 1)).toBeLessThan(0.03);
  expect(Math.abs(ints / n - 2.5)).toBeLessThan(0.05);
  const shuffled = rng.shuffle([1, 2, 3, 4, 5]);
  expect([...shuffled].sort()).toEqual([1, 2, 3, 4, 5]);
});
