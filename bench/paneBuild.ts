/*
 * Shared by bench/pane.ts and test/browser.test.ts: build the task pane with the project's webpack config into a
 * temporary directory, and serve it over http on 127.0.0.1 with office.js taken from the local
 * @microsoft/office-js copy (never the CDN).
 */
import { execFile } from "child_process";
import { createReadStream, existsSync, mkdtempSync, readFileSync, statSync } from "fs";
import { createServer, type Server } from "http";
import { tmpdir } from "os";
import { dirname, extname, join, normalize, resolve, sep } from "path";
import { promisify } from "util";

export const ROOT = resolve(__dirname, "..");
const run = promisify(execFile);

export const OFFICE_JS_DIR = join(dirname(require.resolve("@microsoft/office-js/package.json")), "dist");
const CDN_OFFICE_JS = /https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js/g;

export interface Build {
  readonly dir: string;
  /** webpack's JSON stats, when asked for. */
  readonly statsFile?: string;
}

/**
 * Runs `webpack --mode <mode> --output-path <tmp>`. Production builds need a public URL; the project's default
 * (package.json config.publicUrl) is used unless ADDIN_PUBLIC_URL is set.
 */
export async function buildPane(
  mode: "development" | "production",
  options: { stats?: boolean; sourceMaps?: boolean } = {},
): Promise<Build> {
  const dir = mkdtempSync(join(tmpdir(), `pane-${mode}-`));
  const statsFile = options.stats ? join(dir, "..", `${dir.split(sep).pop()}-stats.json`) : undefined;
  const args = ["webpack", "--mode", mode, "--output-path", dir];
  if (statsFile) args.push(`--json=${statsFile}`);
  if (options.sourceMaps) args.push("--devtool", "source-map");
  await run("npx", args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_ENV: mode } });
  if (!existsSync(join(dir, "taskpane.html"))) throw new Error(`webpack wrote no taskpane.html into ${dir}`);
  return { dir, statsFile };
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".map": "application/json",
};

export interface Served {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A tiny static server for a built pane. /office-js/… is served from the local @microsoft/office-js package,
 * and HTML pointing at the office.js CDN (production builds) is pointed at that local copy instead.
 */
export async function servePane(dir: string): Promise<Served> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    const [base, rel] = path.startsWith("/office-js/")
      ? [OFFICE_JS_DIR, path.slice("/office-js/".length)]
      : [dir, path.slice(1) || "taskpane.html"];
    const file = normalize(join(base, rel));
    if (!file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    if (extname(file) === ".html") {
      const html = readFileSync(file, "utf8").replace(CDN_OFFICE_JS, "/office-js/office.js");
      res.writeHead(200, { "content-type": type, "cache-control": "no-store" });
      res.end(html);
      return;
    }
    res.writeHead(200, { "content-type": type, "cache-control": "no-store" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** Arguments for the Debian chromium: no sandbox (containers), no network but 127.0.0.1, no background noise. */
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export const chromiumAvailable = (): boolean => existsSync(CHROMIUM.executablePath);

/** Browser tests fail, never skip, without Chromium: CI installs it, so a missing one is a broken setup. */
export function requireChromium(): void {
  if (!chromiumAvailable())
    throw new Error(
      `Chromium is required for this test but ${CHROMIUM.executablePath} was not found. ` +
        "Install it (Debian: apt-get install chromium fonts-wqy-microhei).",
    );
}
