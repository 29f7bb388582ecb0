// webpack 5 build of the WPS 加载项 (npm run build:wps → scripts/build-wps.mjs): the same pane as the Excel add-in,
// without office.js, plus the add-in's entry page (index.html), its ribbon (ribbon.xml, ribbon.js) and icons, in
// dist-wps/<name>_<version>/. WPS embeds an older Chromium than Office (some builds lack crypto.randomUUID, i.e.
// Chromium < 92), so every chunk is lowered to ES2017 syntax with esbuild (WPS_SYNTAX) after minifying, and the
// runtime APIs they lack are polyfilled first (src/wps/polyfills.ts).

const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const esbuild = require("esbuild");
const pkg = require("./package.json");

/** The add-in's name in WPS (jsplugins.xml, its folder name), and its folder: <name>_<version>, as WPS expects. */
const ADDIN_NAME = "scorecard";
const ADDIN_FOLDER = `${ADDIN_NAME}_${pkg.version}`;
const OUT_ROOT = path.resolve(__dirname, "dist-wps");
/** The syntax level WPS's Chromium parses: ES2017 (async functions), Chromium 58 and later. */
const WPS_SYNTAX = "es2017";

/** Lowers every emitted chunk to WPS_SYNTAX (classes' fields and static blocks, `?.`, `??`, object spread…). */
class DownlevelPlugin {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("DownlevelPlugin", (compilation) => {
      // After Terser (OPTIMIZE_SIZE), so that minifying cannot bring newer syntax back.
      const stage = Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE + 1;
      compilation.hooks.processAssets.tap({ name: "DownlevelPlugin", stage }, () => {
        for (const asset of compilation.getAssets()) {
          if (!/\.js$/.test(asset.name)) continue;
          const code = asset.source.source().toString();
          // An IIFE keeps esbuild's helpers out of the page's globals (chunks are scripts, not modules).
          const out = esbuild.transformSync(code, {
            loader: "js",
            target: WPS_SYNTAX,
            format: "iife",
            minify: compilation.options.mode === "production",
            legalComments: "none",
          });
          compilation.updateAsset(asset.name, new sources.RawSource(out.code));
        }
      });
    });
  }
}

module.exports = (env, argv) => {
  argv = argv || {};
  const dev = (argv.mode || "production") === "development";
  const outDir = (env && env.outDir) || path.join(OUT_ROOT, ADDIN_FOLDER);
  return {
    mode: dev ? "development" : "production",
    target: ["web", WPS_SYNTAX],
    devtool: false,
    entry: {
      taskpane: "./src/wps/entry.ts",
      ribbon: "./src/wps/ribbonEntry.ts",
    },
    output: {
      path: outDir,
      filename: "[name].[contenthash:8].js",
      chunkFilename: "[name].[contenthash:8].js",
      publicPath: "auto",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".mjs", ".js", ".json"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true } },
        },
        {
          test: /\.(png|jpe?g|gif|svg|ico)$/,
          type: "asset/resource",
          generator: { filename: "assets/[name][ext]" },
        },
      ],
    },
    optimization: {
      splitChunks: {
        chunks: "async",
        cacheGroups: {
          exceljs: {
            test: /[\\/]node_modules[\\/]exceljs[\\/]/,
            name: "lazy-exceljs",
            chunks: "async",
            priority: 20,
            enforce: true,
            reuseExistingChunk: true,
          },
        },
      },
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        scriptLoading: "defer",
      }),
      new HtmlWebpackPlugin({
        filename: "index.html",
        template: "./src/wps/index.html",
        chunks: ["ribbon"],
        scriptLoading: "blocking",
        inject: "head",
      }),
      new DownlevelPlugin(),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets", to: "assets" },
          { from: "src/wps/ribbon.xml", to: "ribbon.xml" },
        ],
      }),
    ],
  };
};

module.exports.ADDIN_NAME = ADDIN_NAME;
module.exports.ADDIN_FOLDER = ADDIN_FOLDER;
module.exports.OUT_ROOT = OUT_ROOT;
module.exports.WPS_SYNTAX = WPS_SYNTAX;
