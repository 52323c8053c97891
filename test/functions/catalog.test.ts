/** Every catalog entry: well-formed metadata, and its worked examples give their results. */
import { FUNCTIONS, callFunction } from '../../shared/functions/catalog';
import { excelName, sheetsName } from '../../shared/functions/definition';
import { call, errorOf, plainGrid } from './support';

describe.each(FUNCTIONS.map((f) => [f.id, f] as const))('%s', (id, f) => {
  test('metadata is complete', () => {
    expect(id).toMatch(/^[A-Z]+$/);
    expect(f.description.length).toBeGreaterThan(10);
    expect(f.description.length).toBeLessThanOrEqual(255);
    expect(f.help.length).toBeGreaterThan(f.description.length / 2);
    expect(f.examples.length).toBeGreaterThan(0);
    const names = f.params.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of f.params) {
      expect(p.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(p.description.length).toBeGreaterThan(3);
    }
    // Optional arguments come last, as both hosts require.
    const firstOptional = f.params.findIndex((p) => p.optional);
    if (firstOptional >= 0)
      expect(f.params.slice(firstOptional).every((p) => p.optional)).toBe(true);
  });

  test.each(f.examples.map((e, i) => [i, e] as const))('example %i gives its result', (_i, e) => {
    expect(plainGrid(call(id, ...e.args))).toEqual(plainGrid(e.result));
  });

  test('missing required arguments and extra arguments are #VALUE! naming the function', () => {
    const required = f.params.filter((p) => !p.optional).length;
    const missing = errorOf(call(id));
    expect(missing.kind).toBe('#VALUE!');
    expect(missing.message).toBe(`${excelName(id)}: ${f.params[0].name} is missing`);
    expect(required).toBeGreaterThan(0);
    const extra = callFunction(id, [...f.examples[0].args, ...Array(f.params.length).fill(1)], {
      name: sheetsName(id),
      now: () => 0,
    });
    expect(errorOf(extra).message).toMatch(new RegExp(`^${sheetsName(id)}: takes at most`));
  });
});
