/** The pane's words: English and Swedish have the same keys, every field a label, nothing empty. */
import { SALES_FIELDS } from '../../shared/reports/sales-sources';
import { STRINGS, formatCount, strings } from '../../ui/strings';

/** Every leaf key path of a strings object, with the kind of its value. */
function leaves(obj: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null) {
      for (const [k, v] of leaves(value, path)) out.set(k, v);
    } else out.set(path, typeof value);
  }
  return out;
}

test('English and Swedish have every key, of the same kind', () => {
  const en = leaves(STRINGS.en);
  const sv = leaves(STRINGS.sv);
  expect([...sv.keys()].sort()).toEqual([...en.keys()].sort());
  for (const [key, kind] of en) expect([key, sv.get(key)]).toEqual([key, kind]);
  expect(en.size).toBeGreaterThan(40);
});

test('no text is empty, and templated texts fill in their values', () => {
  for (const lang of ['en', 'sv'] as const) {
    for (const [key, value] of Object.entries(STRINGS[lang])) {
      if (typeof value === 'string')
        expect([lang, key, value.trim().length > 0]).toEqual([lang, key, true]);
    }
    const s = strings(lang);
    expect(s.issuesLink(38)).toContain('38');
    expect(s.phaseReading('6,000', '24,000')).toContain('24,000');
    expect(s.phaseReading('6,000', null)).not.toContain('null');
  }
});

test('every sales field has a label in both languages', () => {
  for (const field of SALES_FIELDS) {
    expect(STRINGS.en.fields[field]).toBeTruthy();
    expect(STRINGS.sv.fields[field]).toBeTruthy();
  }
  expect(Object.keys(STRINGS.en.fields).sort()).toEqual([...SALES_FIELDS].sort());
});

test('the Swedish pane speaks Swedish', () => {
  expect(strings('sv').build).toBe('Bygg topp 20');
  expect(strings('en').build).toBe('Build Top 20');
  expect(strings('sv').fields.account).toBe('Kund');
});

test('counts are written as each language writes them', () => {
  expect(formatCount(24000, 'en')).toBe('24,000');
  expect(formatCount(24000, 'sv').replace(/\s/g, ' ')).toBe('24 000');
});
