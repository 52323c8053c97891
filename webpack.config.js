// Browser bundles, all from one webpack compilation into dist/:
// - kam-core.js: the pure core as a library (proves it needs no Node built-ins — webpack 5 has no
//   Node polyfills, so an import of fs/path fails the build);
// - addin/: the Excel custom functions (functions.js; functions.json from their JSDoc by
//   custom-functions-metadata-plugin, which also adds the CustomFunctions.associate calls), the
//   shared-runtime page functions.html, help.html and the icons the manifest names;
// - apps-script/: Code.js, a classic script for Google Sheets — the `KamSheets` library (a `var`)
//   followed by the generated top-level KAM_* functions (apps-script/src/globals.js) appended raw
//   and left unminified (Sheets reads their JSDoc for formula help) — and appsscript.json.
//
// The generated entries come from `npm run generate` (run by `npm run build`). Tests build into a
// temp dir: `config({ bundles: 'apps-script' }, { mode: 'development' })` builds only the bundles
// named (comma-separated: core, excel, apps-script); then override output.path.
const fs = require('fs');
const path = require('path');
const webpack = require('webpack');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');

const BUNDLES = ['core', 'excel', 'apps-script'];
const at = (...parts) => path.resolve(__dirname, ...parts);

/** The Excel functions entry (generated), the input of the metadata plugin. */
const EXCEL_FUNCTIONS = at('addin/functions/functions.ts');

/**
 * Emits files as they are (`copy`: output name → source file) and wraps an emitted script in raw
 * text (`header`: output name → text; `footer`: output name → source file), marking that script
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
            const from = this.footer[to];
            if (from) compilation.fileDependencies.add(from);
            const footer = from ? fs.readFileSync(from, 'utf8') : '';
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

module.exports = (env, argv) => {
  const wanted = env && env.bundles ? String(env.bundles).split(',') : BUNDLES;
  for (const b of wanted) {
    if (!BUNDLES.includes(b)) throw new Error(`Unknown bundle ${b}: use ${BUNDLES.join(', ')}`);
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
        copy: {
          'addin/functions.html': at('addin/functions/functions.html'),
          'addin/help.html': at('addin/help.html'),
          'addin/assets/icon-32.png': at('addin/assets/icon-32.png'),
          'addin/assets/icon-64.png': at('addin/assets/icon-64.png'),
        },
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
        footer: { 'apps-script/Code.js': at('apps-script/src/globals.js') },
      }),
    );
  }
  // Source maps for the browser bundles; none for Apps Script (clasp pushes the folder as is).
  plugins.push(
    new webpack.SourceMapDevToolPlugin({ filename: '[file].map', exclude: /^apps-script\// }),
  );

  return {
    mode: argv.mode || 'production',
    // ES2019 syntax: Apps Script's V8 runtime and Office's web views all run it.
    target: ['web', 'es2019'],
    entry,
    output: {
      path: at('dist'),
      filename: '[name].js',
      globalObject: 'globalThis',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.js'] },
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
      ],
    },
    plugins,
    devtool: false,
    performance: { hints: false },
  };
};
