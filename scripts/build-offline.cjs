// Writes dist/scorecard-offline.html: the standalone page (file mode) as ONE file, every script and asset inlined,
// for a clerk with WPS or Excel 2016, no server and no network. `npm run build` runs it after the main build.
//   node scripts/build-offline.cjs [OUT.html]
//
// The chunks stay as the served pane has them (issue 22: quick on an office PC). The code of the first screen
// (新建 / 打开…) runs as ordinary scripts; every other chunk is carried gzipped, as base64 in an inert
// <script type="text/x-chunk">, which the browser neither compiles nor runs until webpack's runtime asks for it
// (InlineChunkLoading below): ExcelJS and the tabs cost nothing until they are used, and the page is a third
// the size, which a slow PC decodes and parses in a third of the time.
const fs = require("fs");
const zlib = require("zlib");
const os = require("os");
const path = require("path");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const configModule = require("../webpack.config.js");
const { startScreenHtml } = require("./offlineStart.cjs");

const ROOT = path.join(__dirname, "..");
const CHUNK_TYPE = "text/x-chunk";
/** The first screen's scripts, as text: run one per task once the HTML start screen has painted. */
const START_TYPE = "text/x-start";

// ES5: runs the blocks of START_TYPE in order, each as a script of its own and in a task of its own, after a
// frame has painted the start screen (or soon anyway, where a hidden page paints no frames).
const START_RUNNER = `(function () {
  var blocks = [].slice.call(document.querySelectorAll('script[type="${START_TYPE}"]'));
  var started = false;
  var next = function () {
    var block = blocks.shift();
    if (!block) return;
    var script = document.createElement("script");
    script.text = block.textContent;
    document.head.appendChild(script);
    setTimeout(next, 0);
  };
  var start = function () {
    if (started) return;
    started = true;
    next();
  };
  requestAnimationFrame(function () { setTimeout(start, 0); });
  setTimeout(start, 200);
})();`;

/**
 * webpack loads a lazy chunk by adding <script src="NAME.js">, which a page opened from disk has nowhere to
 * fetch. This replaces that loader (the loadScript runtime global): the chunk's text is taken from its inert
 * block in the page and run as an inline script, at once or, while the page is still being parsed, once it is.
 */
class InlineChunkLoading {
  apply(compiler) {
    const { RuntimeGlobals, RuntimeModule, Template } = compiler.webpack;
    class InlineLoadScript extends RuntimeModule {
      constructor() {
        super("load inlined chunk", RuntimeModule.STAGE_ATTACH);
      }
      generate() {
        return Template.asString([
          `${RuntimeGlobals.loadScript} = function (url, done) {`,
          Template.indent([
            'var name = url.slice(url.lastIndexOf("/") + 1);',
            "var run = function () {",
            Template.indent([
              `var block = document.querySelector('script[type="${CHUNK_TYPE}"][data-chunk="' + name + '"]');`,
              'if (!block) return done({ type: "missing", target: { src: url } });',
              "var packed = atob(block.textContent);",
              "var bytes = new Uint8Array(packed.length);",
              "for (var i = 0; i < packed.length; i++) bytes[i] = packed.charCodeAt(i);",
              'var script = document.createElement("script");',
              "script.text = new TextDecoder().decode(self.__scorecardGunzip(bytes));",
              "document.head.appendChild(script);",
              'done({ type: "load", target: script });',
            ]),
            "};",
            'if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);',
            "else run();",
          ]),
          "};",
        ]);
      }
    }
    compiler.hooks.thisCompilation.tap("InlineChunkLoading", (compilation) => {
      // Before webpack's own RuntimePlugin (stage 0): returning true leaves its <script src> loader out.
      compilation.hooks.runtimeRequirementInTree
        .for(RuntimeGlobals.loadScript)
        .tap({ name: "InlineChunkLoading", stage: -10 }, (chunk) => {
          compilation.addRuntimeModule(chunk, new InlineLoadScript());
          return true;
        });
    });
  }
}

/** The production config, reshaped: chunks kept, named plainly, assets as data URIs, no office.js. */
function offlineConfig(outDir) {
  const config = configModule({}, { mode: "production" });
  const icon = fs.readFileSync(path.join(ROOT, "assets", "icon-32.png")).toString("base64");
  return {
    ...config,
    // The page's chunk loader inflates its lazy chunks with fflate, set up before the pane's own entry runs.
    entry: { taskpane: ["./src/taskpane/offlineInflate.ts", ...[].concat(config.entry.taskpane)] },
    // One self-contained file opened in a current browser: the ES5 entry downlevelling is for Office's webviews.
    target: ["web", "es2022"],
    output: { path: outDir, filename: "[name].js", chunkFilename: "[name].js", publicPath: "", clean: true },
    module: {
      rules: config.module.rules.map((rule) =>
        rule.type === "asset/resource" ? { test: rule.test, type: "asset/inline" } : rule,
      ),
    },
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
      new InlineChunkLoading(),
    ],
  };
}

/** "</script" inside the code would end the inline element; "<\/script" means the same to JavaScript. */
const inlineText = (code) => code.replace(/<\/script/gi, "<\\/script");

/**
 * Builds into a temporary folder and writes the page to `outFile`: the entry and the first screen's chunks (the
 * `pane` and `file` chunk groups) as scripts, in front of the entry so that they are installed when it starts; every other
 * chunk after it, inert.
 */
function buildOffline(outFile) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scorecard-offline-"));
  return new Promise((resolve, reject) => {
    webpack(offlineConfig(dir), (error, stats) => {
      if (error || !stats || stats.hasErrors())
        return reject(error || new Error(stats ? stats.toString({ all: false, errors: true }) : "no stats"));
      try {
        const info = stats.toJson({ all: false, entrypoints: true, chunkGroups: true, assets: true });
        const js = (assets) => assets.map((a) => a.name).filter((n) => n.endsWith(".js"));
        const entry = js(info.entrypoints.taskpane.assets);
        // The pane's start (`pane`) and file mode's root (`file`, which Excel never fetches).
        const first = [
          ...new Set([...js(info.namedChunkGroups.pane.assets), ...js(info.namedChunkGroups.file.assets)]),
        ].filter((n) => !entry.includes(n));
        const lazy = fs
          .readdirSync(dir)
          .filter((f) => f.endsWith(".js") && !entry.includes(f) && !first.includes(f))
          .sort();
        if (entry.length !== 1)
          throw new Error(`expected one entry script, webpack wrote ${entry.join(", ")}`);
        const read = (name) => inlineText(fs.readFileSync(path.join(dir, name), "utf8"));
        const packed = (name) =>
          zlib.gzipSync(fs.readFileSync(path.join(dir, name)), { level: 9 }).toString("base64");
        const html = fs.readFileSync(path.join(dir, "taskpane.html"), "utf8");
        const tag = new RegExp(
          `<script[^>]*\\ssrc=["']?${entry[0].replace(/\./g, "\\.")}["']?[^>]*></script>`,
        );
        if (!tag.test(html)) throw new Error("the page does not load its script");
        const root = /<div id=["']?root["']?><\/div>/;
        if (!root.test(html)) throw new Error("the page has no empty #root for its start screen");
        // The first screen's code (its chunks, then the entry) is compiled and run only after the HTML start screen
        // has painted, a script per task: a slow PC shows 新建 / 打开… and takes their clicks meanwhile.
        const scripts = [
          ...[...first, entry[0]].map(
            (name) => `<script type="${START_TYPE}" data-chunk="${name}">${read(name)}</script>`,
          ),
          `<script>${START_RUNNER}</script>`,
          ...lazy.map((name) => `<script type="${CHUNK_TYPE}" data-chunk="${name}">${packed(name)}</script>`),
        ];
        fs.mkdirSync(path.dirname(outFile), { recursive: true });
        fs.writeFileSync(
          outFile,
          // The start screen as HTML, usable before the scripts below are compiled (scripts/offlineStart.cjs).
          html.replace(root, () => startScreenHtml()).replace(tag, () => scripts.join("\n")),
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

module.exports = { buildOffline, CHUNK_TYPE, START_TYPE };

if (require.main === module) {
  buildOffline(path.resolve(process.argv[2] || path.join(ROOT, "dist", "scorecard-offline.html"))).then(
    (file) => console.log(`wrote ${path.relative(process.cwd(), file)}`),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
