// Browser bundles, all from one webpack compilation into dist/:
// - kam-core.js: the pure core as a library (proves it needs no Node built-ins — webpack 5 has no
//   Node polyfills, so an import of fs/path fails the build);
// - addin/: the Excel custom functions (functions.js; functions.json from their JSDoc by
//   custom-functions-metadata-plugin, which also adds the CustomFunctions.associate calls), the
//   shared-runtime page functions.html, help.html and the icons the manifest names;
// - apps-script/: Code.js, a classic script for Google Sheets — the `KamSheets` library (a `var`)
//   followed by the generated top-level KAM_* functions (apps-script/src/globals.js) appended raw
//   and left unminified (Sheets reads their JSDoc for formula help) — and appsscript.json;
// - addin/ (taskpane): the task pane app (taskpane.js: React + Fluent UI 9 and the in-browser
//   preview) and taskpane.html, which is also the shared runtime page: office.js, then
//   functions.js (when the excel bundle is built), then taskpane.js. office.js comes from the CDN
//   (`--env office=cdn`, the production default) or from a copy of @microsoft/office-js next to
//   the page (`--env office=local`, the development default: `npm start` and the browser tests run
//   with no internet). ExcelJS's browser build is copied beside it for the preview's download;
// - apps-script/Sidebar.html (sidebar): the Google Sheets sidebar — the task pane's app on the
//   SheetsHost (ui/sidebar/) — as ONE self-contained file, the script inlined (HtmlService serves
//   one file; Fluent's styles are made at run time), made safe for HtmlService (no `//` or `/*` in
//   template literals, no `</script` or `<!--`: apps-script/build/inline-script.js) — the build
//   fails on what it cannot rewrite. Its script is not left in apps-script/ (clasp would push it as
//   server code);
// - manifest.xml (with excel or taskpane), to dist/ and dist/addin/: the repo's manifest with every
//   https://localhost:3000 replaced by the add-in's URL (`--env url=…` or ADDIN_URL; https only).
//
// The generated entries come from `npm run generate` (run by `npm run build`). Tests build into a
// temp dir: `config({ bundles: 'apps-script' }, { mode: 'development' })` builds only the bundles
// named (comma-separated: core, excel, taskpane, apps-script, sidebar); then override output.path.
// `npm run build:sheets` builds apps-script,sidebar into dist/apps-script/ (the folder clasp pushes).
// A production build prints the size of each script (BundleSizesPlugin).
//
// `npm start` (webpack serve) serves dist/addin/ at the root of port 3000 — the URLs of
// manifest.xml, e.g. https://localhost:3000/taskpane.html — over https with the certificate of
// office-addin-dev-certs (~/.office-addin-dev-certs/localhost.{crt,key}) when it exists, else http.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { URL } = require('url');
const webpack = require('webpack');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');

const BUNDLES = ['core', 'excel', 'taskpane', 'apps-script', 'sidebar'];
const at = (...parts) => path.resolve(__dirname, ...parts);

const OFFICE_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const DEV_URL = 'https://localhost:3000';
const PORT = 3000;

/**
 * The add-in's base URL from `--env url=…` or ADDIN_URL (default https://localhost:3000), without a
 * trailing slash. Office loads add-ins over https only: anything else is refused.
 */
function addinUrl(env) {
  const raw = String((env && env.url) || process.env.ADDIN_URL || DEV_URL).trim();
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`The add-in URL "${raw}" is not a URL (ADDIN_URL or --env url=https://…).`);
  }
  if (url.protocol !== 'https:') {
    throw new Error(
      `The add-in URL "${raw}" must start with https:// (Office loads add-ins over https only).`,
    );
  }
  if (url.search || url.hash)
    throw new Error(`The add-in URL "${raw}" must not have a query or #.`);
  return { base: raw.replace(/\/+$/, ''), origin: url.origin };
}

const xmlEscape = (text) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** manifest.xml with https://localhost:3000 replaced (the AppDomain by the URL's origin). */
function rewriteManifest(xml, { base, origin }) {
  return xml
    .replace(
      /<AppDomain>https:\/\/localhost:3000\/?<\/AppDomain>/g,
      `<AppDomain>${xmlEscape(origin)}</AppDomain>`,
    )
    .replace(/https:\/\/localhost:3000/g, xmlEscape(base));
}

/** The Excel functions entry (generated), the input of the metadata plugin. */
const EXCEL_FUNCTIONS = at('addin/functions/functions.ts');

/**
 * Emits files as they are (`copy`: output name → source file) and wraps an emitted script in raw
 * text (`header`: output name → text; `footer`: output name → source file or files), marking that script
 * minimized so no minimizer strips the appended JSDoc.
 */
class HostFilesPlugin {
  constructor({ copy = {}, header = {}, footer = {} }) {
    this.copy = copy;
    this.header = header;
    this.footer = footer;
  }

  apply(compiler) {
    const name = 'HostFilesPlugin';
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const [to, from] of Object.entries(this.copy)) {
            compilation.fileDependencies.add(from);
            // Emitted verbatim: marked minimized so no minimizer rewrites them.
            compilation.emitAsset(to, new sources.RawSource(fs.readFileSync(from)), {
              minimized: true,
            });
          }
        },
      );
      compilation.hooks.processAssets.tap(
        { name, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          const names = new Set([...Object.keys(this.header), ...Object.keys(this.footer)]);
          for (const to of names) {
            if (!compilation.getAsset(to)) continue;
            const from = [this.footer[to] ?? []].flat();
            for (const f of from) compilation.fileDependencies.add(f);
            const footer = from.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
            const header = this.header[to] ?? '';
            compilation.updateAsset(
              to,
              (old) => new sources.ConcatSource(header, old, footer ? '\n' : '', footer),
              (info) => ({ ...info, minimized: true }),
            );
          }
        },
      );
    });
  }
}

/** Emits manifest.xml, rewritten for the add-in's URL, at each of `to`. */
class ManifestPlugin {
  constructor({ from, to, url }) {
    this.from = from;
    this.to = to;
    this.url = url;
  }

  apply(compiler) {
    const name = 'ManifestPlugin';
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          compilation.fileDependencies.add(this.from);
          const xml = rewriteManifest(fs.readFileSync(this.from, 'utf8'), this.url);
          for (const to of this.to) {
            compilation.emitAsset(to, new sources.RawSource(xml), { minimized: true });
          }
        },
      );
    });
  }
}

/**
 * Writes `to`: the HTML `template` with the emitted `script` inlined at its
 * `<!-- KAM_SIDEBAR_SCRIPT -->` marker, made safe for HtmlService (inline-script.js), and removes
 * the script (and its license file: the notices go into the page as an HTML comment). Runs after
 * minification, on the final text.
 */
class SidebarHtmlPlugin {
  constructor({ template, script, to }) {
    this.template = template;
    this.script = script;
    this.to = to;
  }

  apply(compiler) {
    const name = 'SidebarHtmlPlugin';
    const { Compilation, sources, WebpackError } = compiler.webpack;
    const { makeInlineSafe, inlineHazards, describe } = require(
      at('apps-script/build/inline-script.js'),
    );
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE },
        () => {
          const asset = compilation.getAsset(this.script);
          if (!asset) return;
          compilation.fileDependencies.add(this.template);
          const fail = (lines) => {
            compilation.errors.push(
              new WebpackError(
                `${this.to}: the inlined script would not survive HtmlService:\n  ` +
                  `${lines.join('\n  ')}\n` +
                  'HtmlService strips // and /* inside template literals, and </script or <!-- ' +
                  'break the page. Rewrite the source: a string concatenation, or \\/ in place of /.',
              ),
            );
          };
          const { code, problems, rewritten } = makeInlineSafe(asset.source.source().toString());
          if (problems.length > 0) return fail(problems.map(describe));
          compilation
            .getLogger(name)
            .info(`${this.to}: ${rewritten} literal(s) or comment(s) rewritten for HtmlService`);
          const left = inlineHazards(code);
          if (left.length > 0) return fail(left.map(describe));
          const licenseFile = `${this.script}.LICENSE.txt`;
          const license = compilation.getAsset(licenseFile);
          const notices = license
            ? `<!--\n${license.source.source().toString().replace(/--/g, '- -')}\n-->\n`
            : '';
          const html = fs.readFileSync(this.template, 'utf8');
          const marker = '<!-- KAM_SIDEBAR_SCRIPT -->';
          if (!html.includes(marker)) {
            compilation.errors.push(new WebpackError(`${this.template} has no ${marker}`));
            return;
          }
          // A function replacement: the script's `$&` and `$1` stay as they are.
          const page = html.replace(marker, () => `${notices}<script>\n${code}\n</script>`);
          compilation.emitAsset(this.to, new sources.RawSource(page), { minimized: true });
          compilation.deleteAsset(this.script);
          if (license) compilation.deleteAsset(licenseFile);
        },
      );
    });
  }
}

/** Prints one line per emitted script after a build: `addin/taskpane.js  412 KiB`. */
class BundleSizesPlugin {
  apply(compiler) {
    compiler.hooks.done.tap('BundleSizesPlugin', (stats) => {
      if (stats.hasErrors()) return;
      const assets = stats
        .toJson({ all: false, assets: true })
        .assets.filter((a) => /\.(js|html)$/.test(a.name))
        .sort((a, b) => a.name.localeCompare(b.name));
      const width = Math.max(...assets.map((a) => a.name.length));
      const lines = assets.map(
        (a) => `  ${a.name.padEnd(width)}  ${(a.size / 1024).toFixed(0).padStart(5)} KiB`,
      );
      console.log(`Bundle sizes:\n${lines.join('\n')}`);
    });
  }
}

/** The dev server: dist/addin/ at /, https with office-addin-dev-certs' certificate when present. */
function devServer() {
  const certs = path.join(os.homedir(), '.office-addin-dev-certs');
  const crt = path.join(certs, 'localhost.crt');
  const key = path.join(certs, 'localhost.key');
  const https = fs.existsSync(crt) && fs.existsSync(key);
  const scheme = https ? 'https' : 'http';
  return {
    port: PORT,
    host: 'localhost',
    server: https
      ? {
          type: 'https',
          options: {
            cert: fs.readFileSync(crt),
            key: fs.readFileSync(key),
            ...(fs.existsSync(path.join(certs, 'ca.crt'))
              ? { ca: fs.readFileSync(path.join(certs, 'ca.crt')) }
              : {}),
          },
        }
      : 'http',
    static: false,
    hot: false,
    liveReload: true,
    client: { overlay: { warnings: false, errors: true } },
    headers: { 'Access-Control-Allow-Origin': '*' },
    // The build writes dist/addin/…; the manifest's URLs have no addin/ prefix.
    setupMiddlewares: (middlewares) => {
      middlewares.unshift({
        name: 'addin-root',
        middleware: (req, _res, next) => {
          if (req.url === '/') req.url = '/taskpane.html';
          if (!req.url.startsWith('/addin/') && !req.url.startsWith('/ws'))
            req.url = `/addin${req.url}`;
          next();
        },
      });
      return middlewares;
    },
    onListening: () => {
      const note = https
        ? ''
        : ' (http: run `npx office-addin-dev-certs install` for the https Excel needs)';
      console.log(
        `KAM Toolkit task pane: ${scheme}://localhost:${PORT}/taskpane.html — open it in a browser for the preview${note}`,
      );
    },
  };
}

module.exports = (env, argv) => {
  const wanted = env && env.bundles ? String(env.bundles).split(',') : BUNDLES;
  for (const b of wanted) {
    if (!BUNDLES.includes(b)) throw new Error(`Unknown bundle ${b}: use ${BUNDLES.join(', ')}`);
  }
  const mode = argv.mode || 'production';
  const office = (env && env.office) || (mode === 'production' ? 'cdn' : 'local');
  if (office !== 'cdn' && office !== 'local') {
    throw new Error(`Unknown --env office=${office}: use cdn or local`);
  }
  const entry = {};
  const plugins = [];
  if (wanted.includes('core')) {
    entry['kam-core'] = {
      import: './shared/index.ts',
      library: { name: 'KamCore', type: 'umd' },
    };
  }
  if (wanted.includes('excel')) {
    entry['addin/functions'] = EXCEL_FUNCTIONS;
    plugins.push(
      new CustomFunctionsMetadataPlugin({ input: EXCEL_FUNCTIONS, output: 'addin/functions.json' }),
      new HostFilesPlugin({
        copy: { 'addin/help.html': at('addin/help.html') },
      }),
    );
  }
  if (wanted.includes('taskpane')) {
    entry['addin/taskpane'] = './addin/taskpane/index.tsx';
    plugins.push(
      new HtmlWebpackPlugin({
        filename: 'addin/taskpane.html',
        template: at('addin/taskpane/taskpane.html'),
        inject: false,
        minify: false,
        templateParameters: {
          officeJs: office === 'cdn' ? OFFICE_CDN : 'office.js',
          functionsJs: wanted.includes('excel'),
        },
      }),
    );
    plugins.push(
      new HostFilesPlugin({
        // ExcelJS's browser build (its package.json `browser` field), loaded by the preview's
        // "Download .xlsx" on first use: Excel never downloads it.
        copy: { 'addin/exceljs.min.js': at('node_modules/exceljs/dist/exceljs.min.js') },
      }),
    );
    if (office === 'local') {
      plugins.push(
        new HostFilesPlugin({
          copy: {
            // office.js, and the host table it loads when no Office host is around.
            'addin/office.js': at('node_modules/@microsoft/office-js/dist/office.js'),
            'addin/o15apptofilemappingtable.js': at(
              'node_modules/@microsoft/office-js/dist/o15apptofilemappingtable.js',
            ),
          },
        }),
      );
    }
  }
  if (wanted.includes('excel') || wanted.includes('taskpane')) {
    // The icons the manifest names (drawn by scripts/make-icons.ts).
    const icons = [16, 32, 64, 80].map((n) => `addin/assets/icon-${n}.png`);
    plugins.push(new HostFilesPlugin({ copy: Object.fromEntries(icons.map((f) => [f, at(f)])) }));
    plugins.push(
      new ManifestPlugin({
        from: at('manifest.xml'),
        to: ['manifest.xml', 'addin/manifest.xml'],
        url: addinUrl(env),
      }),
    );
  }
  if (wanted.includes('apps-script')) {
    entry['apps-script/Code'] = {
      import: './apps-script/src/sheets-call.ts',
      library: { name: 'KamSheets', type: 'var' },
    };
    plugins.push(
      new HostFilesPlugin({
        copy: { 'apps-script/appsscript.json': at('apps-script/appsscript.json') },
        header: {
          'apps-script/Code.js':
            '/** @OnlyCurrentDoc */\n' +
            '// KAM Toolkit for Google Sheets, built by `npm run build` from apps-script/: do not edit.\n',
        },
        // The generated KAM_* functions, then the hand-written entry points (onOpen, menu and
        // sidebar handlers): top-level declarations, as Apps Script requires.
        footer: {
          'apps-script/Code.js': [
            at('apps-script/src/globals.js'),
            at('apps-script/src/entry-globals.js'),
          ],
        },
      }),
    );
  }
  if (wanted.includes('sidebar')) {
    entry['apps-script/Sidebar'] = './ui/sidebar/index.tsx';
    plugins.push(
      new SidebarHtmlPlugin({
        template: at('ui/sidebar/sidebar.html'),
        script: 'apps-script/Sidebar.js',
        to: 'apps-script/Sidebar.html',
      }),
    );
  }
  // Source maps for the browser bundles; none for Apps Script (clasp pushes the folder as is).
  plugins.push(
    new webpack.SourceMapDevToolPlugin({
      filename: '[file].map',
      exclude: [/^apps-script\//, /^addin\/(office|o15apptofilemappingtable|exceljs\.min)\.js$/],
    }),
  );
  if (mode === 'production' || (env && env.sizes)) plugins.push(new BundleSizesPlugin());

  return {
    mode,
    // ES2019 syntax: Apps Script's V8 runtime and Office's web views all run it.
    target: ['web', 'es2019'],
    entry,
    output: {
      path: at('dist'),
      filename: '[name].js',
      globalObject: 'globalThis',
      // Building only the Sheets bundles (npm run build:sheets) leaves the rest of dist/ alone.
      clean: wanted.every((b) => b === 'apps-script' || b === 'sidebar')
        ? { keep: (file) => !/^apps-script[\\/]/.test(file) }
        : true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          loader: 'ts-loader',
          options: {
            transpileOnly: true,
            compilerOptions: { noEmit: false, target: 'ES2019', useDefineForClassFields: true },
          },
          exclude: /node_modules/,
        },
        {
          // The React files as ES modules, so webpack keeps only the Fluent UI components used
          // (as CommonJS every icon of @fluentui/react-icons would land in the bundle).
          test: /\.tsx$/,
          loader: 'ts-loader',
          options: {
            transpileOnly: true,
            compilerOptions: {
              noEmit: false,
              target: 'ES2019',
              useDefineForClassFields: true,
              jsx: 'react-jsx',
              module: 'ESNext',
              moduleResolution: 'node',
            },
          },
          exclude: /node_modules/,
        },
      ],
    },
    plugins,
    devtool: false,
    performance: { hints: false },
    devServer: devServer(),
  };
};

// For the tests: the plugin that writes the sidebar's one HTML file.
module.exports.SidebarHtmlPlugin = SidebarHtmlPlugin;
