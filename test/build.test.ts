// Production webpack build (webpack Node API, temporary output dir): CDN office.js, one page (taskpane.html), manifest
// rewritten to the configured public URL, no source maps, hashed file names, lazy imports split into their own chunks.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import webpack from "webpack";
import type { Configuration, Stats } from "webpack";
import { validateWithXmllint } from "../scripts/validate-manifest";

interface ConfigModule {
  (env: Record<string, unknown>, argv: { mode?: string }): Configuration;
  resolvePublicUrl(env?: Record<string, string | undefined>): string;
  rewriteManifest(xml: string, publicUrl: string): string;
  CDN_OFFICE_JS: string;
  DEV_URL: string;
}

const ROOT = path.resolve(__dirname, "..");
const configModule = require("../webpack.config.js") as ConfigModule;
const pkg = require("../package.json") as { config: { publicUrl: string } };

const PUBLIC_URL = "https://scorecard.build-test.example/station/";
// A full production build (minifying exceljs, React and Fluent UI) takes about a minute on a busy machine.
const BUILD_TIMEOUT = 300_000;

function build(config: Configuration): Promise<Stats> {
  return new Promise((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error || !stats) return reject(error ?? new Error("no stats"));
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve(stats);
    });
  });
}

function productionConfig(outDir: string, publicUrl?: string): Configuration {
  const saved = process.env.ADDIN_PUBLIC_URL;
  if (publicUrl === undefined) delete process.env.ADDIN_PUBLIC_URL;
  else process.env.ADDIN_PUBLIC_URL = publicUrl;
  try {
    const config = configModule({}, { mode: "production" });
    config.output = { ...config.output, path: outDir };
    config.infrastructureLogging = { level: "error" };
    return config;
  } finally {
    if (saved === undefined) delete process.env.ADDIN_PUBLIC_URL;
    else process.env.ADDIN_PUBLIC_URL = saved;
  }
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join("/"));
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "build-test-"));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("production URL configuration", () => {
  test("ADDIN_PUBLIC_URL wins, else package.json config.publicUrl; always ends with /", () => {
    expect(configModule.resolvePublicUrl({ ADDIN_PUBLIC_URL: "https://a.example/x" })).toBe(
      "https://a.example/x/",
    );
    expect(configModule.resolvePublicUrl({})).toBe(pkg.config.publicUrl.replace(/\/?$/, "/"));
  });

  test("rejects http, localhost and garbage", () => {
    expect(() => configModule.resolvePublicUrl({ ADDIN_PUBLIC_URL: "http://a.example/" })).toThrow(/https/);
    expect(() => configModule.resolvePublicUrl({ ADDIN_PUBLIC_URL: "https://localhost:8443/" })).toThrow(
      /localhost/,
    );
    expect(() => configModule.resolvePublicUrl({ ADDIN_PUBLIC_URL: "not a url" })).toThrow(/Invalid/);
  });

  test("rewriteManifest refuses to leave localhost behind", () => {
    expect(configModule.rewriteManifest(`<a href="${configModule.DEV_URL}x.html"/>`, PUBLIC_URL)).toBe(
      `<a href="${PUBLIC_URL}x.html"/>`,
    );
    expect(() => configModule.rewriteManifest("<a href='https://localhost:3001/'/>", PUBLIC_URL)).toThrow(
      /localhost/,
    );
  });
});

describe("npm run build (webpack --mode production)", () => {
  let out: string;
  let files: string[];
  let stats: Stats;

  beforeAll(async () => {
    out = path.join(tmp, "dist");
    stats = await build(productionConfig(out, PUBLIC_URL));
    files = listFiles(out);
  }, BUILD_TIMEOUT);

  test("taskpane.html loads office.js from Microsoft's CDN and its hashed bundle", () => {
    const html = fs.readFileSync(path.join(out, "taskpane.html"), "utf8");
    expect(html).toContain(configModule.CDN_OFFICE_JS);
    expect(html).toContain("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    expect(html).not.toContain("office-js/office.js");
    expect(html).toMatch(/lang="?zh-CN/);
    expect(html).toMatch(/charset="?utf-8/i);
    expect(html).toMatch(/id="?root/);
    expect(html).toMatch(/taskpane\.[0-9a-f]{8}\.js/);
  });

  test("taskpane.html is the only page: both ribbon buttons open the task pane, there is no function file", () => {
    expect(files.filter((f) => f.endsWith(".html"))).toEqual(["taskpane.html"]);
    expect(files.some((f) => /^commands[.]/.test(f))).toBe(false);
  });

  test("dist/manifest.xml points at the configured production URL, has no localhost and still validates", () => {
    const manifest = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
    expect(manifest).not.toMatch(/localhost/i);
    expect(manifest).toContain(`${PUBLIC_URL}taskpane.html`);
    expect(manifest).toContain(`${PUBLIC_URL}taskpane.html?check=workbook`);
    expect(manifest).not.toContain("commands.html");
    expect(manifest).toContain(`${PUBLIC_URL}assets/icon-32.png`);
    const result = validateWithXmllint(path.join(out, "manifest.xml"));
    expect(result.ok).toBe(true);
  });

  test("assets are copied and every icon URL in the dist manifest exists in dist/", () => {
    const manifest = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
    const assetUrls = [...manifest.matchAll(/"(https:\/\/[^"]+\.png)"/g)].map((m) => m[1]);
    expect(assetUrls.length).toBeGreaterThanOrEqual(8);
    for (const url of assetUrls) expect(files).toContain(url.slice(PUBLIC_URL.length));
  });

  test("no source maps and content-hashed JavaScript in production", () => {
    expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
    const js = files.filter((f) => f.endsWith(".js"));
    expect(js.length).toBeGreaterThanOrEqual(2);
    for (const f of js) {
      expect(f).toMatch(/\.[0-9a-f]{8}\.js$/);
      expect(fs.readFileSync(path.join(out, f), "utf8")).not.toContain("sourceMappingURL");
    }
  });

  test("no core-js / IE polyfills are bundled", () => {
    const modules = stats.toJson({ all: false, modules: true, nestedModules: true }).modules ?? [];
    const names = modules.flatMap((m) => [m.name ?? "", ...(m.modules ?? []).map((n) => n.name ?? "")]);
    expect(names.filter((n) => n.includes("node_modules/react-dom")).length).toBeGreaterThan(0);
    expect(names.some((n) => /core-js|regenerator-runtime|whatwg-fetch|es6-promise/.test(n))).toBe(false);
  });

  test("the entry bundles are ES5 syntax (they must parse in the old Internet Explorer webview)", () => {
    // acorn is webpack's own parser (a direct dependency of webpack).
    const acornPath = require.resolve("acorn", { paths: [path.dirname(require.resolve("webpack"))] });
    const acorn = require(acornPath) as { parse(code: string, options: { ecmaVersion: number }): unknown };
    const entries = files.filter((f) => /^taskpane\.[0-9a-f]{8}\.js$/.test(f));
    expect(entries).toHaveLength(1);
    for (const f of entries) {
      expect(() => acorn.parse(fs.readFileSync(path.join(out, f), "utf8"), { ecmaVersion: 5 })).not.toThrow();
    }
  });

  test("every chunk parses as ES2022: what src/taskpane/legacy.ts checks the webview can compile", () => {
    const acornPath = require.resolve("acorn", { paths: [path.dirname(require.resolve("webpack"))] });
    const acorn = require(acornPath) as {
      parse(code: string, options: { ecmaVersion: number; sourceType: "script" }): unknown;
    };
    const js = files.filter((f) => f.endsWith(".js"));
    expect(js.length).toBeGreaterThanOrEqual(3);
    for (const f of js)
      expect(() =>
        acorn.parse(fs.readFileSync(path.join(out, f), "utf8"), { ecmaVersion: 2022, sourceType: "script" }),
      ).not.toThrow();
  });

  test("Excel's first screen (the pane over the workbook) fetches none of file mode's code", () => {
    const groups = stats.toJson({ all: false, chunkGroups: true, assets: true }).namedChunkGroups ?? {};
    const js = (name: string): string[] =>
      (groups[name]?.assets ?? []).map((a) => a.name).filter((f) => f.endsWith(".js"));
    const excel = new Set(["pane", "scorecard", "excel"].flatMap(js));
    // FilePanel's file input, by its test id: in file mode's chunk, nowhere in Excel's.
    const holding = files.filter(
      (f) => f.endsWith(".js") && fs.readFileSync(path.join(out, f), "utf8").includes('"file-input"'),
    );
    expect(holding).toEqual(js("file").filter((f) => holding.includes(f)));
    expect(holding.length).toBeGreaterThan(0);
    expect(holding.some((f) => excel.has(f))).toBe(false);
  });

  test("exceljs, when used, is never in the first bundle", () => {
    const entry = files.find((f) => /^taskpane\.[0-9a-f]{8}\.js$/.test(f));
    expect(entry).toBeDefined();
    // A string that only exists inside exceljs (its workbook writer's part name).
    expect(fs.readFileSync(path.join(out, entry as string), "utf8")).not.toContain("xl/workbook.xml");
  });
});

describe("splitChunks: lazily imported modules become separate chunks", () => {
  test(
    '`import("exceljs")` lands in its own hashed async chunk, not in the entry bundle',
    async () => {
      // The fixture lives under the project (.tmp/ is git-ignored) so that it resolves the project's node_modules.
      fs.mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
      const fixtureDir = fs.mkdtempSync(path.join(ROOT, ".tmp", "split-"));
      try {
        const entryFile = path.join(fixtureDir, "entry.ts");
        fs.writeFileSync(
          entryFile,
          [
            "export async function countSheets(): Promise<number> {",
            '  const ExcelJS = await import("exceljs");',
            "  return new ExcelJS.Workbook().worksheets.length;",
            "}",
            "(window as unknown as { countSheets: typeof countSheets }).countSheets = countSheets;",
            "",
          ].join("\n"),
        );
        const out = path.join(tmp, "split");
        const config = productionConfig(out, PUBLIC_URL);
        config.entry = { taskpane: entryFile };
        // Minifying exceljs only costs time here; the chunk layout is the same.
        config.optimization = { ...config.optimization, minimize: false };
        await build(config);
        const js = listFiles(out).filter((f) => f.endsWith(".js"));
        const entry = js.find((f) => f.startsWith("taskpane."));
        const lazy = js.find((f) => /^lazy-exceljs\.[0-9a-f]{8}\.js$/.test(f));
        expect(entry).toBeDefined();
        expect(lazy).toBeDefined();
        const entrySize = fs.statSync(path.join(out, entry as string)).size;
        const lazySize = fs.statSync(path.join(out, lazy as string)).size;
        expect(entrySize).toBeLessThan(50 * 1024);
        expect(lazySize).toBeGreaterThan(500 * 1024);
        expect(fs.readFileSync(path.join(out, entry as string), "utf8")).not.toContain("xl/workbook.xml");
        expect(fs.readFileSync(path.join(out, lazy as string), "utf8")).toContain("xl/workbook.xml");
      } finally {
        fs.rmSync(fixtureDir, { recursive: true, force: true });
        try {
          fs.rmdirSync(path.join(ROOT, ".tmp")); // only if now empty
        } catch {
          // still used by something else
        }
      }
    },
    BUILD_TIMEOUT,
  );
});

describe("development build", () => {
  test("loads office.js from the local @microsoft/office-js package and keeps source maps", () => {
    const config = configModule({}, { mode: "development" });
    expect(config.devtool).toBeTruthy();
    const html = config.plugins?.filter((p) => p?.constructor?.name === "HtmlWebpackPlugin") ?? [];
    expect(html).toHaveLength(1);
    for (const plugin of html) {
      const options = (plugin as unknown as { userOptions: { officeJsUrl: string } }).userOptions;
      expect(options.officeJsUrl).toBe("office-js/office.js");
    }
    const devServer = (config as { devServer?: { static: { directory: string; publicPath: string }[] } })
      .devServer;
    const statics = devServer?.static ?? [];
    expect(statics).toContainEqual(
      expect.objectContaining({
        publicPath: "/office-js",
        directory: path.join(path.dirname(require.resolve("@microsoft/office-js/package.json")), "dist"),
      }),
    );
    expect(fs.existsSync(path.join(statics[0].directory, "office.js"))).toBe(true);
  });
});
