// webpack 5 build for the 示范型服务站评分表 Excel add-in.
//   npm run build       production: dist/ with content-hashed bundles, CDN office.js, manifest with the public URL
//   npm run dev-server  development server on https://localhost:3000/ (http when no dev certs exist)
//
// Production URL: environment variable ADDIN_PUBLIC_URL, else package.json "config.publicUrl".
// Dev server protocol: DEV_SERVER_PROTOCOL=http|https overrides the automatic choice (https when the
// office-addin-dev-certs files exist in ~/.office-addin-dev-certs).

/* global URL */

const fs = require("fs");
const os = require("os");
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const ts = require("typescript");
const pkg = require("./package.json");

const DEV_URL = "https://localhost:3000/";
const DEV_PORT = 3000;
const CDN_OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const LOCAL_OFFICE_JS_PATH = "office-js/";
const OFFICE_JS_PACKAGE = path.dirname(require.resolve("@microsoft/office-js/package.json"));
const LOCAL_OFFICE_JS_DIR = path.join(OFFICE_JS_PACKAGE, "dist");

/** The public base URL the production manifest points at, always ending in "/". */
function resolvePublicUrl(env = process.env) {
  const raw = (env.ADDIN_PUBLIC_URL || (pkg.config && pkg.config.publicUrl) || "").trim();
  if (!raw) {
    const hint = "set ADDIN_PUBLIC_URL or package.json config.publicUrl";
    throw new Error(`未配置发布地址 / No production URL: ${hint}`);
  }
  let url;
  try {
    url = new URL(raw);
  } catch (error) {
    throw new Error(`发布地址无效 / Invalid production URL: ${raw} (${error.message})`);
  }
  if (url.protocol !== "https:") {
    throw new Error(`Office 加载项必须使用 https / Office add-ins must be served over https: ${raw}`);
  }
  if (/^(localhost|127\.|\[::1\])/.test(url.hostname)) {
    throw new Error(`发布地址不能是 localhost / The production URL cannot be localhost: ${raw}`);
  }
  url.search = "";
  url.hash = "";
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** Rewrites every development URL in the manifest to the public URL. */
function rewriteManifest(xml, publicUrl) {
  const out = xml.split(DEV_URL).join(publicUrl);
  if (/localhost/i.test(out)) {
    throw new Error("manifest.xml 中仍有 localhost / manifest.xml still mentions localhost after rewriting");
  }
  return out;
}

/** office-addin-dev-certs files (created by `npx office-addin-dev-certs install`), or null. */
function devCerts(home = os.homedir()) {
  const dir = path.join(home, ".office-addin-dev-certs");
  const files = { key: "localhost.key", cert: "localhost.crt", ca: "ca.crt" };
  const found = {};
  for (const name of Object.keys(files)) {
    const full = path.join(dir, files[name]);
    if (!fs.existsSync(full)) return null;
    found[name] = fs.readFileSync(full);
  }
  return found;
}

function devServerType() {
  const forced = (process.env.DEV_SERVER_PROTOCOL || "").toLowerCase();
  if (forced === "http") return { type: "http" };
  const certs = devCerts();
  if (forced === "https" && !certs) {
    const hint = "run npx office-addin-dev-certs install";
    throw new Error(`DEV_SERVER_PROTOCOL=https 但没有开发证书 / but there are no dev certs: ${hint}`);
  }
  return certs ? { type: "https", options: certs } : { type: "http" };
}

/**
 * Downlevels the initial (entry) chunks to ES5 syntax with the TypeScript compiler, so that taskpane.js at least
 * parses in the Internet Explorer webview (Office 2013/2016). Syntax only, no polyfills; the
 * lazily loaded chunks (React, Fluent UI, exceljs) stay modern and are never loaded there.
 */
class Es5EntryPlugin {
  constructor(chunkNames) {
    this.chunkNames = chunkNames;
  }

  apply(compiler) {
    const Compilation = compiler.webpack.Compilation;
    const RawSource = compiler.webpack.sources.RawSource;
    const chunkNames = this.chunkNames;
    compiler.hooks.thisCompilation.tap("Es5EntryPlugin", (compilation) => {
      const stage = Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_COMPATIBILITY;
      compilation.hooks.processAssets.tap({ name: "Es5EntryPlugin", stage: stage }, () => {
        for (const chunk of compilation.chunks) {
          if (chunkNames.indexOf(chunk.name) < 0) continue;
          for (const file of chunk.files) {
            if (!/\.js$/.test(file)) continue;
            const code = compilation.getAsset(file).source.source().toString();
            const options = { target: ts.ScriptTarget.ES5, module: ts.ModuleKind.None, sourceMap: false };
            const result = ts.transpileModule(code, { compilerOptions: options, fileName: file });
            compilation.updateAsset(file, new RawSource(result.outputText));
          }
        }
      });
    });
  }
}

module.exports = (env, argv) => {
  argv = argv || {};
  const mode = argv.mode || process.env.NODE_ENV || "production";
  const dev = mode === "development";
  const publicUrl = dev ? DEV_URL : resolvePublicUrl();
  const officeJsUrl = dev ? `${LOCAL_OFFICE_JS_PATH}office.js` : CDN_OFFICE_JS;
  const hash = dev ? "" : ".[contenthash:8]";

  return {
    mode: dev ? "development" : "production",
    // ES5 runtime code: the first chunks must still parse in the Internet Explorer webview of old Office, where the
    // pane's bootstrap shows a "use a newer Office" message (see Es5EntryPlugin). No polyfills are added.
    target: ["web", "es5"],
    devtool: dev ? "eval-source-map" : false,
    // The only page: both ribbon buttons open the task pane (检查整个工作簿 with ?check=workbook), so there is no
    // function file.
    entry: {
      taskpane: "./src/taskpane/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: `[name]${hash}.js`,
      chunkFilename: `[name]${hash}.js`,
      publicPath: "auto",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".mjs", ".js", ".json"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true } },
        },
        {
          // The pure core does nothing when imported: what a chunk does not use of its barrels (src/sheet/index,
          // src/review/index…) is left out, e.g. the print layout of the plan from the pane's first load.
          test: /[\\/]src[\\/](sheet|scoring|rubric|review|rollup|export|workbook)[\\/]/,
          sideEffects: false,
        },
        {
          test: /\.(png|jpe?g|gif|svg|ico)$/,
          type: "asset/resource",
          generator: { filename: `assets/[name]${hash}[ext]` },
        },
      ],
    },
    optimization: {
      // Lazily imported modules become separate async chunks (webpack's defaults for chunks: "async"); exceljs,
      // which the pane imports lazily and only in file mode, always gets its own chunk: lazy-exceljs.<hash>.js.
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
      runtimeChunk: false,
    },
    performance: {
      // The entry bundles are tiny; the lazily loaded pane (React + Fluent UI) and exceljs are the big chunks.
      hints: dev ? false : "warning",
      maxEntrypointSize: 1024 * 1024,
      maxAssetSize: 1024 * 1024,
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        officeJsUrl,
        scriptLoading: "defer",
      }),
      // Development bundles use eval source maps (strings), so this only matters for production.
      ...(dev ? [] : [new Es5EntryPlugin(["taskpane"])]),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets", to: "assets" },
          // A development build written to disk (`npm run build:dev`, not the dev server) needs its own copy.
          ...(dev && !process.env.WEBPACK_SERVE
            ? [{ from: LOCAL_OFFICE_JS_DIR, to: LOCAL_OFFICE_JS_PATH }]
            : []),
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: dev ? undefined : (content) => rewriteManifest(content.toString("utf8"), publicUrl),
          },
        ],
      }),
    ],
    devServer: {
      port: DEV_PORT,
      host: "localhost",
      server: dev ? devServerType() : undefined,
      hot: false,
      headers: { "Access-Control-Allow-Origin": "*" },
      // office.js and its per-host files are served from the npm package, not copied (it is ~86 MB).
      static: [{ directory: LOCAL_OFFICE_JS_DIR, publicPath: `/${LOCAL_OFFICE_JS_PATH.replace(/\/$/, "")}` }],
      client: { overlay: { errors: true, warnings: false } },
    },
  };
};

module.exports.resolvePublicUrl = resolvePublicUrl;
module.exports.rewriteManifest = rewriteManifest;
module.exports.devCerts = devCerts;
module.exports.DEV_URL = DEV_URL;
module.exports.CDN_OFFICE_JS = CDN_OFFICE_JS;
