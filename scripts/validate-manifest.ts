// Validates manifest.xml three ways:
//   1. offline: xmllint against Microsoft's XSD schemas in ../shared/schemas/office-addin-manifest/xmllint
//   2. offline: office-addin-manifest-converter (XML -> JSON, Teams schema v1.24), then
//      `office-addin-manifest validate manifest.json` against the JSON schemas bundled in @microsoft/app-manifest
//   3. online:  `office-addin-manifest validate manifest.xml` (Microsoft's validation service)
//
//   npm run validate                      all three; exit 0 = valid, 1 = invalid, 2 = valid offline but no network
//   npm run validate:offline              1 and 2 only
//   tsx scripts/validate-manifest.ts [--offline] [path/to/manifest.xml]
//
// The offline checks run inside `unshare -n` (an empty network namespace) when the system allows it, which
// proves they do not reach the network.

import { spawnSync } from "child_process";
import { lookup } from "dns/promises";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..");
export const XSD = path.resolve(
  ROOT,
  "../shared/schemas/office-addin-manifest/xmllint/OfficeAppManifestV1_1.xsd",
);
export const TEAMS_SCHEMA_VERSION = "1.24";
export const TEAMS_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${TEAMS_SCHEMA_VERSION}/MicrosoftTeams.schema.json`;
export const VALIDATION_HOST = "validationgateway.omex.office.net";

const MANIFEST_CLI = require.resolve("office-addin-manifest/cli.js");
const CONVERTER_CLI = require.resolve("office-addin-manifest-converter/cli.js");

export interface CheckResult {
  name: string;
  ok: boolean;
  /** True when the check ran inside an empty network namespace. */
  isolated: boolean;
  output: string;
}

interface RunResult {
  status: number | null;
  output: string;
  isolated: boolean;
}

let unshareWorks: boolean | undefined;

/** Whether `unshare -n` (run without network) is available here. */
export function canIsolateNetwork(): boolean {
  if (unshareWorks === undefined) {
    if (process.platform !== "linux") {
      unshareWorks = false;
    } else {
      const probe = spawnSync("unshare", ["-n", "true"], { stdio: "ignore" });
      unshareWorks = probe.status === 0;
    }
  }
  return unshareWorks;
}

function run(command: string, args: string[], offline: boolean): RunResult {
  const isolated = offline && canIsolateNetwork();
  const [cmd, argv] = isolated ? ["unshare", ["-n", command, ...args]] : [command, args];
  const result = spawnSync(cmd, argv, { cwd: ROOT, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? String(result.error) : ""}`;
  return { status: result.status, output: output.trim(), isolated };
}

/** Local file that @microsoft/app-manifest uses for TEAMS_SCHEMA_URL (so no download is needed). */
export function bundledTeamsSchema(): string {
  const manifestPkg = path.dirname(require.resolve("office-addin-manifest/package.json"));
  const appManifestPkg = path.dirname(
    require.resolve("@microsoft/app-manifest/package.json", { paths: [manifestPkg] }),
  );
  return path.join(
    appManifestPkg,
    "build",
    "json-schemas",
    "teams",
    `v${TEAMS_SCHEMA_VERSION}`,
    "MicrosoftTeams.schema.json",
  );
}

/** Check 1: xmllint against the XSD schemas (no network: --nonet). */
export function validateWithXmllint(manifestPath: string): CheckResult {
  const name = "xmllint + XSD (OfficeAppManifestV1_1)";
  if (!fs.existsSync(XSD)) {
    return { name, ok: false, isolated: false, output: `找不到 XSD / XSD schema not found: ${XSD}` };
  }
  const which = spawnSync("xmllint", ["--version"], { encoding: "utf8" });
  if (which.error) {
    return {
      name,
      ok: false,
      isolated: false,
      output: "未安装 xmllint / xmllint is not installed (Debian/Ubuntu: apt-get install libxml2-utils)",
    };
  }
  const r = run("xmllint", ["--noout", "--nonet", "--schema", XSD, path.resolve(manifestPath)], true);
  return { name, ok: r.status === 0, isolated: r.isolated, output: r.output };
}

/** Check 2: convert to the JSON (unified) manifest and validate that against the bundled JSON schema. */
export function validateAsJson(manifestPath: string, workDir?: string): CheckResult {
  const name = `office-addin-manifest-converter -> JSON manifest v${TEAMS_SCHEMA_VERSION} + office-addin-manifest validate`;
  const schemaFile = bundledTeamsSchema();
  if (!fs.existsSync(schemaFile)) {
    return {
      name,
      ok: false,
      isolated: false,
      output: `找不到 JSON 架构 / bundled JSON schema missing: ${schemaFile}`,
    };
  }
  const outDir = workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "manifest-json-"));
  const jsonPath = path.join(outDir, "manifest.json");
  fs.rmSync(jsonPath, { force: true });
  const convert = run(
    process.execPath,
    [
      CONVERTER_CLI,
      "convert",
      path.resolve(manifestPath),
      "-o",
      outDir,
      "-v",
      "--schema-override",
      TEAMS_SCHEMA_URL,
      "--schema-version-override",
      TEAMS_SCHEMA_VERSION,
    ],
    true,
  );
  const notes = convert.output
    .split("\n")
    .filter((line) => /ERROR|WARNING/.test(line))
    .join("\n");
  // The converter exits 0 even when it fails; the only reliable signal is the missing output file.
  if (convert.status !== 0 || !fs.existsSync(jsonPath)) {
    return {
      name,
      ok: false,
      isolated: convert.isolated,
      output: `转换失败 / conversion failed (no ${jsonPath})\n${notes || convert.output}`,
    };
  }
  const validate = validateJsonFile(jsonPath);
  if (validate.ok && !workDir) fs.rmSync(outDir, { recursive: true, force: true });
  return {
    name,
    ok: validate.ok,
    isolated: convert.isolated && validate.isolated,
    output: [notes, validate.output, validate.ok ? "" : `JSON: ${jsonPath}`].filter(Boolean).join("\n"),
  };
}

/** `office-addin-manifest validate` on a JSON manifest: checked against the JSON schema named by its $schema. */
export function validateJsonFile(jsonPath: string): CheckResult {
  const r = run(process.execPath, [MANIFEST_CLI, "validate", path.resolve(jsonPath)], true);
  return {
    name: "office-addin-manifest validate (JSON)",
    ok: r.status === 0,
    isolated: r.isolated,
    output: r.output,
  };
}

/** True when the online validation service's host name resolves (a cheap "is there network" test). */
export async function hasNetwork(host = VALIDATION_HOST, timeoutMs = 5000): Promise<boolean> {
  const timeout = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    if (typeof timer === "object" && "unref" in timer) timer.unref();
  });
  const resolved = lookup(host).then(
    () => true,
    () => false,
  );
  return Promise.race([resolved, timeout]);
}

export const NO_NETWORK_MESSAGE =
  "无网络：无法连接微软清单验证服务，已跳过在线验证（离线验证已通过）。\n" +
  `No network: cannot reach Microsoft's manifest validation service (${VALIDATION_HOST}); ` +
  "online validation skipped (the offline checks passed). Run `npm run validate` again when online.";

/** Check 3: Microsoft's online validation service. ok = null when there is no network. */
export async function validateOnline(manifestPath: string): Promise<CheckResult & { noNetwork: boolean }> {
  const name = "office-addin-manifest validate (online)";
  if (!(await hasNetwork())) {
    return { name, ok: false, isolated: false, noNetwork: true, output: NO_NETWORK_MESSAGE };
  }
  const r = run(process.execPath, [MANIFEST_CLI, "validate", path.resolve(manifestPath)], false);
  const noNetwork =
    /Unable to contact the manifest validation service|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/.test(
      r.output,
    );
  return {
    name,
    ok: r.status === 0 && !noNetwork,
    isolated: false,
    noNetwork,
    output: noNetwork ? `${NO_NETWORK_MESSAGE}\n${r.output.split("\n")[0]}` : r.output,
  };
}

function report(result: CheckResult): void {
  const mark = result.ok ? "通过 / PASS" : "失败 / FAIL";
  const net = result.isolated ? " [无网络环境运行 / ran with no network]" : "";
  console.log(`\n== ${mark}: ${result.name}${net}`);
  if (result.output) console.log(result.output.replace(/^/gm, "   "));
}

export async function main(argv: string[]): Promise<number> {
  const offlineOnly = argv.includes("--offline");
  const manifestPath = argv.find((a) => !a.startsWith("--")) ?? path.join(ROOT, "manifest.xml");
  if (!fs.existsSync(manifestPath)) {
    console.error(`找不到清单 / Manifest not found: ${manifestPath}`);
    return 1;
  }
  console.log(`清单 / Manifest: ${path.resolve(manifestPath)}`);
  const offline = [validateWithXmllint(manifestPath), validateAsJson(manifestPath)];
  offline.forEach(report);
  if (offline.some((r) => !r.ok)) {
    console.error("\n清单无效 / The manifest is NOT valid (offline checks failed).");
    return 1;
  }
  if (offlineOnly) {
    console.log("\n离线验证通过 / Offline validation passed.");
    return 0;
  }
  const online = await validateOnline(manifestPath);
  if (online.noNetwork) {
    console.error(`\n${online.output}`);
    return 2;
  }
  report(online);
  if (!online.ok) {
    console.error("\n在线验证未通过 / Online validation failed.");
    return 1;
  }
  console.log("\n全部验证通过 / All validations passed.");
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(
        "验证脚本出错 / Validation script error:",
        error instanceof Error ? error.message : error,
      );
      process.exitCode = 1;
    },
  );
}
