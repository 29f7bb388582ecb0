// Writes dist/scorecard-offline.html: the standalone page (file mode) as ONE file, every script and asset inlined,
// for a clerk with WPS or Excel 2016, no server and no network. `npm run build` runs it after the main build.
//   node scripts/build-offline.cjs [OUT.html]
const fs = require("fs");
const os = require("os");
const path = require("path");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const configModule = require("../webpack.config.js");

const ROOT = path.join(__dirname, "..");

/** The production config, reshaped: one chunk (lazy imports included), assets as data URIs, no office.js. */
function offlineConfig(outDir) {
  const config = configModule({}, { mode: "production" });
  const icon = fs.readFileSync(path.join(ROOT, "assets", "icon-32.png")).toString("base64");
  return {
    ...config,
    // One self-contained file opened in a current browser: the ES5 entry downlevelling is for Office's webviews.
    target: ["web", "es2022"],
    output: { path: outDir, filename: "[name].js", chunkFilename: "[name].js", publicPath: "", clean: true },
    module: {
      rules: config.module.rules.map((rule) =>
        rule.type === "asset/resource" ? { test: rule.test, type: "asset/inline" } : rule,
      ),
    },
    optimization: { ...config.optimization, splitChunks: false },
    infrastructureLogging: { level: "error" },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        officeJsUrl: "",
        iconHref: `data:image/png;base64,${icon}`,
        scriptLoading: "blocking",
        minify: false,
        inject: "body",
      }),
      new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
    ],
  };
}

/** Builds into a temporary folder and writes the page with its script inlined to `outFile`. */
function buildOffline(outFile) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scorecard-offline-"));
  return new Promise((resolve, reject) => {
    webpack(offlineConfig(dir), (error, stats) => {
      if (error || !stats || stats.hasErrors())
        return reject(error || new Error(stats ? stats.toString({ all: false, errors: true }) : "no stats"));
      try {
        const scripts = fs.readdirSync(dir).filter((f) => f.endsWith(".js"));
        if (scripts.length !== 1) throw new Error(`expected one script, webpack wrote ${scripts.join(", ")}`);
        const html = fs.readFileSync(path.join(dir, "taskpane.html"), "utf8");
        // "</script" inside the code would end the inline element; "<\/script" means the same to JavaScript.
        const code = fs.readFileSync(path.join(dir, scripts[0]), "utf8").replace(/<\/script/gi, "<\\/script");
        const name = scripts[0].replace(/\./g, "\\.");
        const tag = new RegExp(`<script[^>]*\\ssrc=["']?${name}["']?[^>]*></script>`);
        if (!tag.test(html)) throw new Error("the page does not load its script");
        fs.mkdirSync(path.dirname(outFile), { recursive: true });
        fs.writeFileSync(
          outFile,
          html.replace(tag, () => `<script>${code}</script>`),
        );
        resolve(outFile);
      } catch (e) {
        reject(e);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

module.exports = { buildOffline };

if (require.main === module) {
  buildOffline(path.resolve(process.argv[2] || path.join(ROOT, "dist", "scorecard-offline.html"))).then(
    (file) => console.log(`wrote ${path.relative(process.cwd(), file)}`),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
