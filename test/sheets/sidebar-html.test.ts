/**
 * The sidebar as clasp pushes it: dist/apps-script/Sidebar.html, one self-contained file (the
 * production build), scanned for what HtmlService would break — `//` or `/*` inside template
 * literals (its sanitiser strips them), `</script` or `<!--` inside the script — and the build's
 * rewriting checked on small cases (same values, tagged templates refused, the build failing with
 * a clear message). The Code.js of the same build carries no React.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { sidebarWithLanguage } from '../../apps-script/src/server';
import { buildInto, compile, config } from './support-build';

interface Hazard {
  readonly kind: string;
  readonly line: number;
  readonly column: number;
  readonly excerpt: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const inline = require('../../apps-script/build/inline-script.js') as {
  inlineHazards(code: string): Hazard[];
  makeInlineSafe(code: string): { code: string; rewritten: number; problems: Hazard[] };
};

let out: string;
let html: string;
let script: string;

beforeAll(async () => {
  out = await buildInto('apps-script,sidebar', 'production');
  html = readFileSync(join(out, 'apps-script', 'Sidebar.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)];
  expect(scripts.map((m) => m[1])).toEqual(['']);
  script = scripts[0][2];
}, 90_000);

test('one self-contained file: one inline script, nothing loaded from elsewhere', () => {
  expect(readdirSync(join(out, 'apps-script')).sort()).toEqual([
    'Code.js',
    'Sidebar.html',
    'appsscript.json',
  ]);
  expect(html).not.toMatch(/<script[^>]*\bsrc=/i);
  expect(html).not.toMatch(/<link\b/i);
  expect(html).not.toMatch(/\b(src|href)=["'](?!#)[^"']*\.(js|css)\b/i);
  expect(script.length).toBeGreaterThan(100_000); // React + Fluent + the core
  // The root carries the language the server sets, before the script that reads it.
  expect(html.indexOf('<div id="root" data-lang="en">')).toBeGreaterThan(0);
  expect(html.indexOf('<div id="root"')).toBeLessThan(html.indexOf('<script>'));
  expect(sidebarWithLanguage(html, 'sv')).toContain('<div id="root" data-lang="sv">');
  expect(sidebarWithLanguage(html, 'sv').length).toBe(html.length);
});

test('the inlined script survives HtmlService: no // or /* in template literals, no </script or <!--', () => {
  expect(inline.inlineHazards(script)).toEqual([]);
  // Independently of the parser: the one </script in the file is the one closing the script.
  expect(html.match(/<\/script/gi)).toHaveLength(1);
  expect(script).not.toMatch(/<!--/);
  // And it is still a script that compiles.
  expect(() => new vm.Script(script, { filename: 'Sidebar.html' })).not.toThrow();
});

test('Code.js of the same build carries no React or Fluent', () => {
  const code = readFileSync(join(out, 'apps-script', 'Code.js'), 'utf8');
  for (const marker of ['react-dom', '@fluentui', 'react.dev/errors', 'createElement', 'griffel'])
    expect([marker, code.includes(marker)]).toEqual([marker, false]);
});

describe('makeInlineSafe', () => {
  const valueOf = (code: string): unknown => vm.runInNewContext(`${code}; v`);

  test.each([
    ['v = `http://x`'],
    ['v = `a${"//"}b/*c`'],
    ['v = `\\/*x\\//y`'],
    ['v = `\\\\//`'],
    ['v = `${`//${"/*"}`}`'],
    ['v = "</script>" /* </script> <!-- */'],
    ['v = `<!-- // ${1} </SCRIPT>`'],
    ['v = \'a//b\' + "<!--x" + /<\\/script>/.source'],
  ])('%s: same value, no hazard left', (code) => {
    const safe = inline.makeInlineSafe(code);
    expect(safe.problems).toEqual([]);
    expect(safe.rewritten).toBeGreaterThan(0);
    expect(inline.inlineHazards(safe.code)).toEqual([]);
    expect(valueOf(safe.code)).toEqual(valueOf(code));
  });

  test('a tagged template (its raw text shows) is refused, not rewritten', () => {
    const safe = inline.makeInlineSafe('v = String.raw`a//b`');
    expect(safe.problems.map((p) => p.kind)).toEqual(['comment-in-tagged-template']);
  });

  test('`</script` outside any literal or comment is refused', () => {
    // `1 < /script>/…`: a comparison with a regular expression, no literal to escape it in.
    expect(
      inline.makeInlineSafe('v = 1 </script>/.source.length').problems.map((p) => p.kind),
    ).toEqual(['html-hazard-in-code']);
    expect(inline.makeInlineSafe('v = `a').problems.map((p) => p.kind)).toEqual(['syntax']);
  });

  test('the build fails with a clear message on what it cannot rewrite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kam-sidebar-bad-'));
    writeFileSync(join(dir, 'entry.js'), 'document.title = String.raw`see //here`;\n');
    writeFileSync(join(dir, 'page.html'), '<body><!-- KAM_SIDEBAR_SCRIPT --></body>');
    const stats = await compile({
      mode: 'production',
      context: dir,
      entry: { 'apps-script/Sidebar': join(dir, 'entry.js') },
      output: { path: join(dir, 'out'), filename: '[name].js' },
      plugins: [
        new config.SidebarHtmlPlugin({
          template: join(dir, 'page.html'),
          script: 'apps-script/Sidebar.js',
          to: 'apps-script/Sidebar.html',
        }),
      ],
    });
    expect(stats.hasErrors()).toBe(true);
    const message = stats.toString('errors-only');
    expect(message).toMatch(/would not survive HtmlService/);
    expect(message).toMatch(/comment-in-tagged-template at line 1/);
    expect(existsSync(join(dir, 'out', 'apps-script', 'Sidebar.html'))).toBe(false);
  }, 30_000);
});
