import { TOP20_FIELDS, analyseTop20 } from '../../shared/analysis/top20';
import { SalesIngest } from '../../shared/ingest/sales-ingest';
import { generateSales } from '../../shared/sample/sales-generator';

describe('TOP20_FIELDS', () => {
  it.each([1, 2, 3])(
    'an ingest keeping only them gives the same Top 20 as a full one (messy sample, seed %i)',
    (seed) => {
      const { header, rows } = generateSales({ seed, rows: 6000, messy: true });
      const ingest = (fields?: typeof TOP20_FIELDS) => {
        const i = new SalesIngest(header, { expectedRows: rows.length, fields });
        for (let at = 0; at < rows.length; at += 1000) i.push(rows.slice(at, at + 1000));
        return i.finish();
      };
      const full = ingest();
      const some = ingest(TOP20_FIELDS);
      expect(some.table.product).toBeNull();
      expect(some.table.quantity).toBeNull();
      expect(some.rowsUsed).toBe(full.rowsUsed);
      expect(some.issues).toEqual(full.issues);
      expect(analyseTop20(some.table)).toEqual(analyseTop20(full.table));
      expect(analyseTop20(some.table, { period: { kind: 'all' } })).toEqual(
        analyseTop20(full.table, { period: { kind: 'all' } }),
      );
    },
  );
});
