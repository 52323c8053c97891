/** The benchmarks run (a smoke test on small input; timings are never asserted). */
import { functionsBench } from '../bench/functions.bench';

test('the custom-function benchmark measures CONCENTRATION, TOPN and MARGIN against loops', () => {
  const lines = functionsBench(2000, 1, 0);
  expect(lines.map((l) => l.name)).toEqual(['CONCENTRATION', 'TOPN', 'MARGIN']);
  for (const l of lines) {
    expect(l.oursMs).toBeGreaterThan(0);
    expect(l.loopMs).toBeGreaterThan(0);
    expect(l.ratio).toBeCloseTo(l.oursMs / l.loopMs, 9);
  }
});
