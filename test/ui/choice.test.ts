/** The pane's decisions without React: mapping, period form, progress and failures. */
import { dayOfIso } from '../../shared/analysis/calendar';
import type { PeriodChoice } from '../../shared/analysis/types';
import { SALES_FIELDS, type SalesSource } from '../../shared/reports/sales-sources';
import { UserError } from '../../shared/user-error';
import {
  asFailure,
  headerOptions,
  initialMapping,
  mappingChoice,
  missingFields,
  periodChoice,
  periodForm,
  progressView,
  savedChoice,
  yearOptions,
} from '../../ui/app/choice';
import { strings } from '../../ui/strings';
import { hostFailure } from '../../ui/workbook-host';

/** Every field set to none. */
const NONE = Object.fromEntries(SALES_FIELDS.map((f) => [f, null]));

const source: SalesSource = {
  sheet: 'Sales',
  headerRow: 1,
  headers: ['Date', 'Kund', 'Belopp', '', 'Seller', 'Date'],
  columns: [
    { field: 'date', index: 0, header: 'Date' },
    { field: 'account', index: 1, header: 'Kund' },
  ],
  missing: ['revenue'],
};
const today = new Date(2026, 10, 27);
const en = strings('en');

describe('mapping', () => {
  test('shows the columns found, none for the rest; revenue is missing', () => {
    const m = initialMapping(source, null);
    expect(m.date).toBe('Date');
    expect(m.account).toBe('Kund');
    expect(m.revenue).toBeNull();
    expect(m.owner).toBeNull();
    expect(missingFields(m)).toEqual(['revenue']);
    expect(headerOptions(source)).toEqual(['Date', 'Kund', 'Belopp', 'Seller']);
  });

  test('a remembered choice for the same sheet corrects it; unknown headers are dropped', () => {
    const saved = {
      sheet: 'Sales',
      mapping: { revenue: 'Belopp', owner: 'Seller', cost: 'Gone' },
      period: { kind: 'ytd' } as PeriodChoice,
    };
    const m = initialMapping(source, saved);
    expect([m.revenue, m.owner, m.cost]).toEqual(['Belopp', 'Seller', null]);
    expect(missingFields(m)).toEqual([]);
    // Every field: its header, or null for '— none —' (left out of the build).
    expect(mappingChoice(m)).toEqual({
      ...NONE,
      date: 'Date',
      account: 'Kund',
      revenue: 'Belopp',
      owner: 'Seller',
    });
    // A field saved as none stays none, even when a header would match it.
    expect(
      initialMapping(source, { ...saved, mapping: { ...saved.mapping, date: null } }).date,
    ).toBeNull();
    // Another sheet's choice does not apply.
    expect(initialMapping(source, { ...saved, sheet: 'Other' }).revenue).toBeNull();
  });

  test('the choice to build with exists only when nothing required is missing', () => {
    const form = periodForm(undefined, today);
    expect(savedChoice('Sales', initialMapping(source, null), form)).toBeNull();
    const m = { ...initialMapping(source, null), revenue: 'Belopp' };
    expect(savedChoice('Sales', m, form)).toEqual({
      sheet: 'Sales',
      mapping: { ...NONE, date: 'Date', account: 'Kund', revenue: 'Belopp' },
      period: { kind: 'r12' },
    });
    expect(savedChoice(null, m, form)).toBeNull();
  });
});

describe('period', () => {
  test('rolling 12 months by default; the year defaults to the last complete one', () => {
    const form = periodForm(undefined, today);
    expect(form).toEqual({ kind: 'r12', year: 2025, from: '', to: '' });
    expect(periodChoice(form)).toEqual({ kind: 'r12' });
  });

  test.each<PeriodChoice>([
    { kind: 'r12' },
    { kind: 'ytd' },
    { kind: 'all' },
    { kind: 'year', year: 2024 },
    {
      kind: 'custom',
      from: dayOfIso('2026-01-01') as number,
      to: dayOfIso('2026-06-30') as number,
    },
  ])('%o survives form and back', (choice) => {
    expect(periodChoice(periodForm(choice, today))).toEqual(choice);
  });

  test('a custom range needs both dates, in order', () => {
    const base = periodForm(undefined, today);
    expect(periodChoice({ ...base, kind: 'custom', from: '2026-01-01', to: '' })).toBeNull();
    expect(
      periodChoice({ ...base, kind: 'custom', from: '2026-07-01', to: '2026-06-30' }),
    ).toBeNull();
    expect(periodChoice({ ...base, kind: 'custom', from: '2026-06-30', to: '2026-06-30' })).toEqual(
      {
        kind: 'custom',
        from: dayOfIso('2026-06-30'),
        to: dayOfIso('2026-06-30'),
      },
    );
  });

  test('the year list: this year and nine before, plus a remembered older one', () => {
    expect(yearOptions(today)).toHaveLength(10);
    expect(yearOptions(today)[0]).toBe(2026);
    expect(yearOptions(today, 2001).at(-1)).toBe(2001);
  });
});

describe('progress', () => {
  test('determinate while reading with a known total, indeterminate otherwise', () => {
    expect(progressView({ phase: 'reading', rowsRead: 6000, rowsTotal: 24000 }, en, 'en')).toEqual({
      value: 0.25,
      text: 'Reading rows… 6,000 of 24,000',
    });
    expect(progressView({ phase: 'reading', rowsRead: 6000 }, en, 'en')).toEqual({
      value: undefined,
      text: 'Reading rows… 6,000',
    });
    expect(progressView({ phase: 'analysing', rowsRead: 1 }, en, 'en').value).toBeUndefined();
    expect(progressView({ phase: 'writing', rowsRead: 1 }, en, 'en').text).toBe(en.phaseWriting);
    expect(progressView({ phase: 'done', rowsRead: 1 }, en, 'en').value).toBe(1);
    expect(progressView({ phase: 'reading', rowsRead: 10, rowsTotal: 5 }, en, 'en').value).toBe(1);
  });
});

describe('failures', () => {
  test('a host failure is shown as it is', () => {
    const failure = hostFailure(new UserError('There is no sheet "Sales".'), 'en');
    expect(asFailure(failure, en)).toEqual({
      message: 'There is no sheet "Sales".',
      userError: true,
    });
  });

  test('anything else becomes the pane own sentence, never a stack', () => {
    const raw = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(asFailure(raw, en)).toEqual({ message: en.unexpected, userError: false });
    expect(asFailure('boom', en).message).toBe(en.unexpected);
    expect(asFailure(undefined, strings('sv')).message).toBe(strings('sv').unexpected);
  });
});
