// npm start — run the add-in for development.
//
//   Windows / macOS: dev certificates (office-addin-dev-certs) + `office-addin-debugging start manifest.xml`,
//                    which starts the dev server and sideloads the add-in into desktop Excel.
//   Elsewhere, or when that fails: webpack-dev-server on localhost:3000 (https with the dev certificates when they
//                    exist, else http) and instructions for the standalone page and for Excel on the web.
//
//   npm start -- --server-only   (tsx scripts/start.ts --server-only)  skip office-addin-debugging, just run the dev server
//   npm run stop                 (tsx scripts/start.ts --stop)         `office-addin-debugging stop manifest.xml`
//
// The Office tools print errors but still exit 0 in several failure cases, so every step is checked by its effect
// (certificate files exist, the tool printed no error and did print "started", the server answers) and success is
// never reported after a failure.

import { spawn, type SpawnOptions } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import * as net from "net";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const PORT = 3000;
const HOST = "localhost";
const CERT_DIR = path.join(os.homedir(), ".office-addin-dev-certs");
const CERT_FILES = ["localhost.crt", "localhost.key", "ca.crt"].map((f) => path.join(CERT_DIR, f));
const READY_TIMEOUT_MS = 180_000;

const args = process.argv.slice(2);

function log(zh: string, en?: string): void {
  console.log(en === undefined ? zh : `${zh}\n${en}`);
}

function fail(zh: string, en: string): void {
  console.error(`\n✖ ${zh}\n  ${en}`);
}

function resolveOptional(specifier: string): string | null {
  try {
    return require.resolve(specifier);
  } catch {
    return null;
  }
}

function certsExist(): boolean {
  return CERT_FILES.every((file) => fs.existsSync(file));
}

interface Captured {
  code: number;
  output: string;
}

/** Runs a command, echoing and capturing its output. */
function runCaptured(command: string, argv: string[], options: SpawnOptions = {}): Promise<Captured> {
  return new Promise((resolve) => {
    const child = spawn(command, argv, { cwd: ROOT, env: process.env, ...options });
    let output = "";
    const collect = (stream: NodeJS.ReadableStream | null, sink: NodeJS.WriteStream) =>
      stream?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        sink.write(chunk);
      });
    collect(child.stdout, process.stdout);
    collect(child.stderr, process.stderr);
    child.on("error", (error) => resolve({ code: -1, output: `${output}\n${error.message}` }));
    child.on("close", (code) => resolve({ code: code ?? -1, output }));
  });
}

/** GET a URL (self-signed dev certificates accepted); resolves with the status code or null. */
function probe(url: string): Promise<number | null> {
  return new Promise((resolve) => {
    const lib = url.startsWith("https:") ? https : http;
    const req = lib.get(url, { rejectUnauthorized: false, timeout: 3000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? null);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(null));
  });
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.setTimeout(1000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitForPage(
  url: string,
  timeoutMs: number,
  isAlive: () => boolean = () => true,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) return false;
    if ((await probe(url)) === 200) return true;
    await delay(500);
  }
  return false;
}

/** Which protocol answers on the port: tries https then http. */
async function detectRunningServer(): Promise<"https" | "http" | null> {
  for (const protocol of ["https", "http"] as const) {
    if ((await probe(`${protocol}://${HOST}:${PORT}/taskpane.html`)) === 200) return protocol;
  }
  return null;
}

function printGuidance(protocol: "https" | "http"): void {
  const base = `${protocol}://${HOST}:${PORT}/`;
  const line = "─".repeat(72);
  console.log(`
${line}
示范型服务站评分表 · 开发服务器已就绪 / Demonstration Station Scorecard · dev server is ready

独立网页版（在普通浏览器中打开和审核 .xlsx 文件）
Standalone page (open and review .xlsx files in a plain browser):
    ${base}taskpane.html

在 Excel 网页版中旁加载 / Sideload into Excel on the web:
  1. 在 Excel 网页版 (https://www.office.com) 中打开或新建一个工作簿。
     Open or create a workbook in Excel on the web (https://www.office.com).
  2. 选择 插入 > 加载项 > 上传我的加载项（有的版本为 开始 > 加载项 > 更多加载项 > 我的加载项 > 上传我的加载项）。
     Select Insert > Add-ins > Upload My Add-in (in some versions: Home > Add-ins > More Add-ins > My Add-ins > Upload My Add-in).
  3. 选择 ${MANIFEST}，然后选择 上传；在 开始 选项卡上使用 评分表 组。
     Browse to ${MANIFEST}, choose Upload, then use the Scorecard group on the Home tab.
`);
  if (protocol === "http") {
    console.log(`注意：Excel 网页版只能加载 https 加载项，当前服务器是 http（没有开发证书）。
  Note: Excel on the web only loads add-ins over https; this server is http because there are no dev certificates.
  先运行 / First run:  npx office-addin-dev-certs install   然后重新 / then run again:  npm start
  （证书位置 / certificates go to ${CERT_DIR}）
`);
  }
  console.log(`停止服务器：按 Ctrl+C / Stop the server: press Ctrl+C
${line}`);
}

/** Windows/macOS: dev certs + office-addin-debugging. Resolves true only when everything verifiably worked. */
async function startWithOfficeDebugging(): Promise<boolean> {
  // Certificates first: even when office-addin-debugging is missing, the fallback dev server can then use https,
  // which Excel on the web needs.
  const certsCli = resolveOptional("office-addin-dev-certs/cli.js");
  if (!certsCli) {
    fail("找不到 office-addin-dev-certs。", "office-addin-dev-certs is missing.");
    return false;
  }
  log("\n▶ 安装开发证书 / Installing dev certificates (office-addin-dev-certs install)…");
  const certs = await runCaptured(process.execPath, [certsCli, "install"], {
    stdio: ["inherit", "pipe", "pipe"],
  });
  if (certs.code !== 0 || !certsExist() || /unable to|error/i.test(certs.output)) {
    fail(
      `开发证书安装失败（${CERT_DIR} 中缺少 localhost.crt/localhost.key/ca.crt 或工具报错）。`,
      `Dev certificate installation failed (missing files in ${CERT_DIR} or the tool reported an error).`,
    );
    return false;
  }

  const debuggingCli = resolveOptional("office-addin-debugging/cli.js");
  if (!debuggingCli) {
    fail(
      "未安装 office-addin-debugging（可选依赖），改为只启动开发服务器。",
      "office-addin-debugging (optional dependency) is not installed; starting the dev server only.",
    );
    return false;
  }

  log(
    "\n▶ 启动调试并旁加载到 Excel / Starting debugging and sideloading into Excel (office-addin-debugging start)…",
  );
  const started = await runCaptured(
    process.execPath,
    [
      debuggingCli,
      "start",
      MANIFEST,
      "desktop",
      "--app",
      "excel",
      "--dev-server",
      "npm run dev-server",
      "--dev-server-port",
      String(PORT),
    ],
    { stdio: ["inherit", "pipe", "pipe"], env: { ...process.env, DEV_SERVER_PROTOCOL: "https" } },
  );
  // A failed loopback exemption is only a warning (the tool continues); anything else that looks like an error is not.
  const reportedError = started.output
    .split("\n")
    .some((line) => /unable to|error|not supported|failed/i.test(line) && !/loopback/i.test(line));
  const reportedStart = /Debugging started\.|^Started\./m.test(started.output);
  if (started.code !== 0 || reportedError || !reportedStart) {
    fail(
      "office-addin-debugging 未能启动调试或旁加载（见上方输出）。",
      "office-addin-debugging did not start debugging / sideload the add-in (see the output above).",
    );
    return false;
  }
  if (!(await waitForPage(`https://${HOST}:${PORT}/taskpane.html`, 30_000))) {
    fail(
      `https://${HOST}:${PORT}/taskpane.html 没有响应。`,
      `https://${HOST}:${PORT}/taskpane.html is not answering.`,
    );
    return false;
  }
  log(
    "\n✔ 已在桌面版 Excel 中旁加载（开始 选项卡 > 评分表）。停止：npm run stop",
    "✔ Sideloaded into desktop Excel (Home tab > Scorecard). To stop: npm run stop",
  );
  return true;
}

async function stopOfficeDebugging(): Promise<number> {
  const debuggingCli = resolveOptional("office-addin-debugging/cli.js");
  if (!debuggingCli || !["win32", "darwin"].includes(process.platform)) {
    log(
      "没有需要停止的调试会话（开发服务器用 Ctrl+C 停止）。",
      "Nothing to stop (stop the dev server with Ctrl+C).",
    );
    return 0;
  }
  const stopped = await runCaptured(process.execPath, [debuggingCli, "stop", MANIFEST], {
    stdio: ["inherit", "pipe", "pipe"],
  });
  if (stopped.code !== 0 || /unable to|error/i.test(stopped.output)) {
    fail("停止调试失败。", "Stopping the debugging session failed.");
    return 1;
  }
  return 0;
}

/** Foreground webpack-dev-server; resolves with its exit code. */
async function startDevServer(): Promise<number> {
  if (await portInUse(PORT)) {
    const running = await detectRunningServer();
    if (running) {
      log(
        `端口 ${PORT} 上已有本项目的开发服务器在运行，直接使用它。`,
        `A dev server for this project is already running on port ${PORT}; using it.`,
      );
      printGuidance(running);
      return 0;
    }
    fail(`端口 ${PORT} 已被其他程序占用。`, `Port ${PORT} is already in use by another program.`);
    return 1;
  }

  const protocol: "https" | "http" = certsExist() ? "https" : "http";
  const webpackCli = require.resolve("webpack-cli/bin/cli.js");
  log(
    `\n▶ 启动开发服务器 / Starting webpack-dev-server on ${protocol}://${HOST}:${PORT}/ …`,
    protocol === "https"
      ? `  使用开发证书 / using dev certificates from ${CERT_DIR}`
      : "  没有开发证书，使用 http / no dev certificates, using http",
  );
  const child = spawn(process.execPath, [webpackCli, "serve", "--mode", "development"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, DEV_SERVER_PROTOCOL: protocol },
  });
  let exited = false;
  const exitCode = new Promise<number>((resolve) => {
    child.on("error", (error) => {
      exited = true;
      fail("无法启动 webpack-dev-server。", `Could not start webpack-dev-server: ${error.message}`);
      resolve(1);
    });
    child.on("exit", (code, signal) => {
      exited = true;
      resolve(code ?? (signal ? 0 : 1));
    });
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (!exited) child.kill(signal);
    });
  }

  const url = `${protocol}://${HOST}:${PORT}/taskpane.html`;
  const ready = await waitForPage(url, READY_TIMEOUT_MS, () => !exited);
  if (ready) {
    printGuidance(protocol);
  } else if (!exited) {
    fail(`开发服务器没有在规定时间内响应 ${url}。`, `The dev server did not answer ${url} in time.`);
    child.kill("SIGTERM");
    await exitCode;
    return 1;
  }
  const code = await exitCode;
  if (!ready) {
    fail("开发服务器启动失败（见上方输出）。", "The dev server failed to start (see the output above).");
    return code === 0 ? 1 : code;
  }
  return code;
}

async function main(): Promise<number> {
  if (args.includes("--stop")) return stopOfficeDebugging();
  const desktop = ["win32", "darwin"].includes(process.platform);
  if (desktop && !args.includes("--server-only")) {
    if (await startWithOfficeDebugging()) return 0;
    log(
      "\n↪ 改为只启动开发服务器并手动旁加载。",
      "↪ Falling back to the dev server with manual sideloading.",
    );
  } else if (!desktop) {
    log(
      `当前系统 (${process.platform}) 不支持自动旁加载到桌面版 Excel，只启动开发服务器。`,
      `Automatic sideloading into desktop Excel is not available on ${process.platform}; starting the dev server only.`,
    );
  }
  return startDevServer();
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error("npm start 出错 / npm start failed:", error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
