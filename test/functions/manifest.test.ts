/**
 * manifest.xml without the online validator (office-addin-manifest validate cannot run here):
 * well-formed XML, every resid defined (and every resource used), the custom functions wired to the
 * shared runtime with namespace KAM, the requirement sets, and every https://localhost:3000/<file>
 * it names emitted by the build into dist/addin/.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import webpack from 'webpack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../webpack.config.js') as (
  env: { bundles?: string },
  argv: { mode: string },
) => webpack.Configuration;

/** An element: its qualified name, attributes, text, parent chain of names. */
interface Element {
  name: string;
  attributes: Record<string, string>;
  text: string;
  path: string[];
}

/** Parses the manifest (saxes throws on XML that is not well-formed). */
function parse(xml: string): Element[] {
  const parser = new SaxesParser({ xmlns: false });
  const all: Element[] = [];
  const open: Element[] = [];
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attributes[k] = String(v);
    const el: Element = { name: tag.name, attributes, text: '', path: open.map((e) => e.name) };
    all.push(el);
    if (!tag.isSelfClosing) open.push(el);
  });
  parser.on('text', (t) => {
    if (open.length > 0) open[open.length - 1].text += t;
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) open.pop();
  });
  parser.write(xml).close();
  return all;
}

const xml = readFileSync(join(__dirname, '..', '..', 'manifest.xml'), 'utf8');
const elements = parse(xml);
const named = (name: string) => elements.filter((e) => e.name === name);
const extensionPoint = (type: string) => {
  const found = named('ExtensionPoint').filter((e) => e.attributes['xsi:type'] === type);
  expect(found).toHaveLength(1);
  return found[0];
};
const one = (name: string) => {
  const found = named(name);
  expect(found).toHaveLength(1);
  return found[0];
};

/** Resources: id → value. */
const resources = new Map(
  elements
    .filter((e) => ['bt:Url', 'bt:String', 'bt:Image'].includes(e.name) && e.attributes.id)
    .map((e) => [e.attributes.id, e.attributes.DefaultValue]),
);

let out: string;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'kam-manifest-'));
  const base = config({ bundles: 'excel,taskpane' }, { mode: 'development' });
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack({ ...base, output: { ...base.output, path: out } }, (err, s) =>
      err || !s ? reject(err ?? new Error('no stats')) : resolve(s),
    ),
  );
  expect(stats.hasErrors() ? stats.toString('errors-only') : '').toBe('');
}, 60_000);

test('is well-formed XML with the add-in root', () => {
  expect(elements[0].name).toBe('OfficeApp');
  expect(elements[0].attributes['xsi:type']).toBe('TaskPaneApp');
  expect(one('Permissions').text).toBe('ReadWriteDocument');
});

test('every resid is defined, and every resource is used', () => {
  const used = elements.filter((e) => e.attributes.resid).map((e) => e.attributes.resid);
  expect(used.length).toBeGreaterThan(0);
  for (const id of used) expect([id, resources.has(id)]).toEqual([id, true]);
  for (const id of resources.keys()) expect([id, used.includes(id)]).toEqual([id, true]);
  // Resource ids are unique.
  const ids = elements.filter((e) => e.name.startsWith('bt:') && e.attributes.id);
  expect(new Set(ids.map((e) => e.attributes.id)).size).toBe(ids.length);
});

test('requirement sets: custom functions with error codes, and the shared runtime', () => {
  const sets = elements.filter((e) => e.name === 'Set' || e.name === 'bt:Set');
  const version = (name: string) =>
    sets.filter((s) => s.attributes.Name === name).map((s) => s.attributes.MinVersion);
  expect(version('SharedRuntime').length).toBeGreaterThan(0);
  for (const v of version('SharedRuntime')) expect(Number(v)).toBeGreaterThanOrEqual(1.1);
  expect(version('CustomFunctionsRuntime').length).toBeGreaterThan(0);
  // CustomFunctions.ErrorCode (#DIV/0!, #NUM!, …) is CustomFunctionsRuntime 1.3.
  for (const v of version('CustomFunctionsRuntime')) expect(Number(v)).toBeGreaterThanOrEqual(1.3);
});

test('the custom functions run in the shared runtime, namespace KAM', () => {
  const overrides = one('VersionOverrides');
  expect(overrides.attributes.xmlns).toBe(
    'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
  );
  expect(overrides.attributes['xsi:type']).toBe('VersionOverridesV1_0');
  const hosts = named('Host').filter((h) => h.path.includes('VersionOverrides'));
  expect(hosts.map((h) => h.attributes['xsi:type'])).toEqual(['Workbook']);

  const runtime = one('Runtime');
  expect(runtime.attributes.lifetime).toBe('long');
  const point = extensionPoint('CustomFunctions');
  expect(point.path).toContain('AllFormFactors');

  const source = (parent: string) => {
    const found = elements.filter((e) => e.name === 'SourceLocation' && e.path.at(-1) === parent);
    expect(found).toHaveLength(1);
    expect(found[0].path).toContain('ExtensionPoint');
    return resources.get(found[0].attributes.resid);
  };
  expect(source('Script')).toBe('https://localhost:3000/functions.js');
  expect(source('Metadata')).toBe('https://localhost:3000/functions.json');
  // The page of the functions is the shared runtime.
  expect(source('Page')).toBe(resources.get(runtime.attributes.resid));
  expect(resources.get(one('Namespace').attributes.resid)).toBe('KAM');
});

test('every https://localhost:3000/<file> it names is emitted by the build', () => {
  const urls = [...xml.matchAll(/https:\/\/localhost:3000(\/[^"<\s]*)?/g)];
  expect(urls.length).toBeGreaterThan(0);
  for (const [url, file] of urls) {
    if (!file || file === '/') continue; // the AppDomain
    const emitted = join(out, 'addin', file);
    expect([url, existsSync(emitted)]).toEqual([url, true]);
  }
  // The shared runtime page loads office.js, then the functions, then the task pane.
  const page = readFileSync(join(out, 'addin', 'taskpane.html'), 'utf8');
  const scripts = [...page.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
  expect(scripts).toEqual(['office.js', 'functions.js', 'taskpane.js']);
});

test('one host: every URL is under the AppDomain, over https', () => {
  const domains = named('AppDomain').map((e) => e.text.trim());
  expect(domains).toEqual(['https://localhost:3000']);
  const urls = [...xml.matchAll(/https?:\/\/[^"<\s]+/g)]
    .map((m) => m[0])
    .filter(
      (u) => !u.startsWith('http://schemas.microsoft.com') && !u.startsWith('http://www.w3.org'),
    );
  expect(urls.length).toBeGreaterThan(10);
  for (const url of urls) expect([url, url.startsWith(domains[0])]).toEqual([url, true]);
});

test('the version is a valid add-in version (1 to 4 parts of 0–65535)', () => {
  const version = one('Version').text.trim();
  expect(version).toMatch(/^\d{1,5}(\.\d{1,5}){0,3}$/);
  for (const part of version.split('.')) expect(Number(part)).toBeLessThanOrEqual(65535);
});

test('the ribbon: a KAM group on Home with Build Top 20 (no pane) and the KAM pane, in English and Swedish', () => {
  const surface = extensionPoint('PrimaryCommandSurface');
  expect(surface.path).toContain('DesktopFormFactor');
  expect(one('OfficeTab').attributes.id).toBe('TabHome');
  const controls = named('Control');
  expect(controls.map((c) => c.attributes.id)).toEqual(['KAM.BuildTop20', 'KAM.OpenPane']);
  const actions = named('Action').map((a) => a.attributes['xsi:type']);
  expect(actions).toEqual(['ExecuteFunction', 'ShowTaskpane']);
  // The function the ribbon runs is the one the task pane bundle associates.
  expect(one('FunctionName').text.trim()).toBe('buildTop20');
  const bundle = readFileSync(join(out, 'addin', 'taskpane.js'), 'utf8');
  expect(bundle).toMatch(/associate\(\s*['"]buildTop20['"]/);
  // Every label and tooltip has a Swedish override.
  const strings = elements.filter(
    (e) => e.name === 'bt:String' && e.attributes.id !== 'Functions.Namespace',
  );
  for (const s of strings) {
    const i = elements.indexOf(s);
    const override = elements[i + 1];
    expect([s.attributes.id, override?.name, override?.attributes.Locale]).toEqual([
      s.attributes.id,
      'bt:Override',
      'sv-SE',
    ]);
  }
  // Icons in the three sizes Office asks for, all emitted.
  const images = elements.filter((e) => e.name === 'bt:Image' && e.attributes.id);
  expect(images.map((i) => i.attributes.id)).toEqual(['Icon.16', 'Icon.32', 'Icon.80']);
});

test('asks for the Excel API the workbook adapter uses', () => {
  const sets = elements.filter(
    (e) => (e.name === 'Set' || e.name === 'bt:Set') && e.attributes.Name === 'ExcelApi',
  );
  expect(sets.length).toBeGreaterThan(0);
  for (const s of sets) expect(Number(s.attributes.MinVersion)).toBeGreaterThanOrEqual(1.9);
});
