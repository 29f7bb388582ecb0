// npm run build:wps — the WPS 加载项 (issue 23): dist-wps/<name>_<version>/ (the add-in folder: index.html,
// ribbon.xml, ribbon.js, taskpane.html and its chunks, icons), dist-wps/<name>.7z (its offline package, the folder
// inside, as WPS unpacks it), dist-wps/jsplugins.xml (the entry for oem.ini's JSPluginsServer), dist-wps/publish.xml
// (the entry for a jsaddons folder holding the add-in folder) and dist-wps/publish.html (installs it through
// WPS's local service).
//
//   WPS_ADDON_URL  where the offline package will be served or kept, ending in "/" (an intranet http(s) URL or a
//                  file:/// folder); else package.json config.wpsAddonUrl.
//   --out DIR      another output folder (tests).
/* global URL */
import { execFileSync } from "child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { createRequire } from "module";
import { join, resolve } from "path";
import webpack from "webpack";

const require = createRequire(import.meta.url);
const ROOT = resolve(new URL(".", import.meta.url).pathname, "..");
const pkg = require("../package.json");
const wpsConfig = require("../webpack.wps.config.js");

const xml = (text) => String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The offline package's base URL, ending in "/". */
export function addonBaseUrl(env = process.env) {
  const raw = (env.WPS_ADDON_URL || (pkg.config && pkg.config.wpsAddonUrl) || "").trim();
  if (!/^(https?|file):\/\//.test(raw))
    throw new Error(
      `WPS 加载项地址无效 / WPS_ADDON_URL must be an http(s):// or file:// URL: ${raw || "(empty)"}`,
    );
  return raw.endsWith("/") ? raw : `${raw}/`;
}

/** What WPS is told about the add-in (jsplugins.xml, publish.xml, the local service). */
export function addinEntry(baseUrl) {
  return {
    name: wpsConfig.ADDIN_NAME,
    addonType: "et",
    online: "false",
    url: `${baseUrl}${wpsConfig.ADDIN_NAME}.7z`,
    version: pkg.version,
  };
}

export function jspluginsXml(entry) {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    "<jsplugins>",
    `  <jsplugin name="${xml(entry.name)}" type="${entry.addonType}" url="${xml(entry.url)}" version="${xml(entry.version)}" enable="true" />`,
    "</jsplugins>",
    "",
  ].join("\n");
}

/** For a jsaddons folder that holds the unpacked add-in folder itself. */
export function publishXml(entry) {
  const folder = `${entry.name}_${entry.version}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    "<jsplugins>",
    `  <jsplugin name="${xml(entry.name)}" type="${entry.addonType}" url="${xml(folder)}" version="${xml(entry.version)}" enable="true" install="null" customDomain="" />`,
    "</jsplugins>",
    "",
  ].join("\n");
}

function run(config) {
  return new Promise((ok, fail) =>
    webpack(config, (error, stats) => {
      if (error) return fail(error);
      if (stats.hasErrors()) return fail(new Error(stats.toString({ all: false, errors: true })));
      ok(stats);
    }),
  );
}

export async function buildWps(outRoot = wpsConfig.OUT_ROOT, env = process.env) {
  const base = addonBaseUrl(env);
  const folder = wpsConfig.ADDIN_FOLDER;
  const sevenZip = ["7zz", "7za", "7z"].find((bin) => {
    try {
      execFileSync(bin, ["i"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  });
  if (!sevenZip)
    throw new Error(
      "需要 7-Zip 命令行（Debian: apt-get install 7zip）/ 7-Zip is needed for the offline package (7zz)",
    );
  rmSync(outRoot, { recursive: true, force: true });
  mkdirSync(outRoot, { recursive: true });
  const config = wpsConfig({ outDir: join(outRoot, folder) }, { mode: "production" });
  config.infrastructureLogging = { level: "error" };
  await run(config);
  const entry = addinEntry(base);
  execFileSync(sevenZip, ["a", "-t7z", "-bd", "-y", `${entry.name}.7z`, folder], {
    cwd: outRoot,
    stdio: "ignore",
  });
  writeFileSync(join(outRoot, "jsplugins.xml"), jspluginsXml(entry));
  writeFileSync(join(outRoot, "publish.xml"), publishXml(entry));
  const page = readFileSync(join(ROOT, "scripts", "wps", "publish.html"), "utf8")
    .replaceAll("__ADDIN__", JSON.stringify(entry))
    .replaceAll("__URL__", entry.url)
    .replaceAll("__FOLDER__", folder)
    .replaceAll("__VERSION__", entry.version);
  writeFileSync(join(outRoot, "publish.html"), page);
  return { outRoot, folder, entry };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const at = process.argv.indexOf("--out");
  const out = at > 0 ? resolve(process.argv[at + 1]) : undefined;
  buildWps(out)
    .then(({ outRoot, folder, entry }) => {
      console.log(`已生成 WPS 加载项 / WPS add-in written: ${join(outRoot, folder)}`);
      console.log(`离线包 / offline package: ${join(outRoot, `${entry.name}.7z`)} → ${entry.url}`);
      console.log(`jsplugins.xml, publish.xml, publish.html: ${outRoot}`);
      if (!existsSync(join(outRoot, folder, "ribbon.xml"))) process.exitCode = 1;
    })
    .catch((error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}
