// Browser bundles. Today: the pure core as a library (proves it needs no Node built-ins — webpack 5
// has no Node polyfills, so an import of fs/path fails the build). The Excel task pane, the custom
// functions and the Apps Script bundle are added here by their issues.
const path = require('path');

module.exports = (_env, argv) => ({
  mode: argv.mode || 'production',
  target: 'web',
  entry: { 'kam-core': './shared/index.ts' },
  output: {
    path: path.resolve(__dirname, 'dist'),
    filename: '[name].js',
    library: { name: 'KamCore', type: 'umd' },
    globalObject: 'globalThis',
    clean: true,
  },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        loader: 'ts-loader',
        options: { transpileOnly: true, compilerOptions: { noEmit: false } },
        exclude: /node_modules/,
      },
    ],
  },
  devtool: 'source-map',
  performance: { hints: false },
});
