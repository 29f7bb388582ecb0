// manifest.xml: offline validation two ways (XSD via xmllint, JSON manifest via Microsoft's converter + validator),
// broken copies must fail both, content checks (locales, requirements, ribbon commands) and the icons.

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  NO_NETWORK_MESSAGE,
  TEAMS_SCHEMA_URL,
  bundledTeamsSchema,
  canIsolateNetwork,
  validateAsJson,
  validateJsonFile,
  validateWithXmllint,
} from "../scripts/validate-manifest";

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const MANIFEST_ID = "48217e5f-285e-4a67-974d-09268b747a88";
const DEV_URL = "https://localhost:3000/";

const hasXmllint = !spawnSync("xmllint", ["--version"]).error;
const isolated = canIsolateNetwork();

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "manifest-test-"));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Writes a modified copy of manifest.xml into the temp dir. */
function brokenCopy(name: string, edit: (xml: string) => string): string {
  const xml = fs.readFileSync(MANIFEST, "utf8");
  const changed = edit(xml);
  expect(changed).not.toBe(xml);
  const file = path.join(tmp, `${name}.xml`);
  fs.writeFileSync(file, changed);
  return file;
}

/** Evaluates an XPath 1.0 expression on manifest.xml with xmllint (a real XML parser). */
function xpath(expr: string, file = MANIFEST): string {
  const r = spawnSync("xmllint", ["--nonet", "--xpath", expr, file], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : "";
}
const el = (name: string) => `*[local-name()='${name}']`;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const buf = fs.readFileSync(file);
  expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(buf.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe("offline validation route a: xmllint + Microsoft XSD", () => {
  test("xmllint is installed", () => {
    expect(hasXmllint).toBe(true);
  });

  test("manifest.xml validates against OfficeAppManifestV1_1.xsd", () => {
    const result = validateWithXmllint(MANIFEST);
    expect(result.output).toContain("validates");
    expect(result.ok).toBe(true);
    if (isolated) expect(result.isolated).toBe(true);
  });

  test.each([
    ["missing-id", (x: string) => x.replace(/\s*<Id>[^<]*<\/Id>/, "")],
    ["bad-guid", (x: string) => x.replace(MANIFEST_ID, "not-a-guid")],
    [
      "bad-permissions",
      (x: string) => x.replace("<Permissions>ReadWriteDocument", "<Permissions>Everything"),
    ],
    [
      "elements-out-of-order",
      (x: string) =>
        x.replace(/(\s*<Version>[^<]*<\/Version>)(\s*<ProviderName>[^<]*<\/ProviderName>)/, "$2$1"),
    ],
    ["long-resid", (x: string) => x.replace(/"CheckWorkbook\.Url"/g, `"${"C".repeat(40)}"`)],
  ])("a broken copy (%s) fails xmllint", (name, edit) => {
    const result = validateWithXmllint(brokenCopy(`xsd-${name}`, edit));
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/fails to validate|Schemas validity error/);
  });
});

describe("offline validation route b: JSON manifest (Teams schema v1.24) + office-addin-manifest validate", () => {
  test("the v1.24 JSON schema is bundled locally, so no download is needed", () => {
    expect(TEAMS_SCHEMA_URL).toBe(
      "https://developer.microsoft.com/json-schemas/teams/v1.24/MicrosoftTeams.schema.json",
    );
    expect(fs.existsSync(bundledTeamsSchema())).toBe(true);
  });

  /** Converts manifest.xml once (into tmp/json-ok) and returns the validation result. */
  let converted: ReturnType<typeof validateAsJson> | undefined;
  function convertGood(): { result: ReturnType<typeof validateAsJson>; out: string } {
    const out = path.join(tmp, "json-ok");
    if (!converted) {
      fs.mkdirSync(out, { recursive: true });
      converted = validateAsJson(MANIFEST, out);
    }
    return { result: converted, out };
  }

  test("manifest.xml converts and the JSON manifest validates", () => {
    const { result, out } = convertGood();
    expect(result.output).not.toMatch(/not valid|Error #/);
    expect(result.ok).toBe(true);
    if (isolated) expect(result.isolated).toBe(true);

    const json = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
    expect(json.$schema).toBe(TEAMS_SCHEMA_URL);
    expect(json.manifestVersion).toBe("1.24");
    expect(json.id).toBe(MANIFEST_ID);
    expect(json.localizationInfo.defaultLanguageTag).toBe("zh-cn");
    const ext = json.extensions[0];
    expect(ext.requirements.capabilities).toContainEqual({ name: "ExcelApi", minVersion: "1.7" });
    // Both buttons open pages in the same task pane (view); no function file, no executeFunction.
    type Runtime = { code: { page: string }; actions: { id: string; type: string; view?: string }[] };
    const runtimes = ext.runtimes as Runtime[];
    const actions = runtimes.flatMap((r) => r.actions);
    expect(actions.map((a) => a.type)).toEqual(["openPage", "openPage"]);
    expect(new Set(actions.map((a) => a.view))).toEqual(new Set(["Scorecard.Taskpane"]));
    const tab = ext.ribbons[0].tabs[0];
    expect(tab.builtInTabId).toBe("TabHome");
    const controls = tab.groups[0].controls as { id: string; actionId: string }[];
    expect(controls.map((c) => c.id)).toEqual(["Scorecard.ShowTaskpane", "Scorecard.CheckWorkbook"]);
    const pageOf = (control: { actionId: string }): string | undefined =>
      runtimes.find((r) => r.actions.some((a) => a.id === control.actionId))?.code.page;
    expect(pageOf(controls[0])).toBe(`${DEV_URL}taskpane.html`);
    expect(pageOf(controls[1])).toBe(`${DEV_URL}taskpane.html?check=workbook`);
  });

  test("a broken copy (missing Id) fails the JSON route", () => {
    const file = brokenCopy("json-missing-id", (x) => x.replace(/\s*<Id>[^<]*<\/Id>/, ""));
    const out = path.join(tmp, "json-missing-id");
    fs.mkdirSync(out);
    const result = validateAsJson(file, out);
    expect(result.ok).toBe(false);
    expect(fs.existsSync(path.join(out, "manifest.json"))).toBe(false);
    expect(result.output).toMatch(/conversion failed/);
  });

  test("the JSON validator itself rejects a converted manifest that breaks the schema", () => {
    const { out } = convertGood();
    const json = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
    json.name.short = "这个名称远远超过了清单架构允许的三十个字符的最大长度限制所以必须被拒绝";
    json.id = "not-a-guid";
    const dir = path.join(tmp, "json-broken");
    fs.mkdirSync(dir);
    fs.copyFileSync(path.join(out, "en-us.json"), path.join(dir, "en-us.json"));
    const file = path.join(dir, "manifest.json");
    fs.writeFileSync(file, JSON.stringify(json, null, 2));
    const result = validateJsonFile(file);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/\/name\/short must NOT have more than 30 characters/);
    expect(result.output).toMatch(/\/id must match pattern/);
    expect(result.output).toMatch(/The manifest is not valid/);
  });

  (isolated ? test : test.skip)(
    "the checks really run without network: a schema that is not bundled cannot be fetched",
    () => {
      const json = JSON.parse(fs.readFileSync(path.join(convertGood().out, "manifest.json"), "utf8"));
      json.$schema = "https://example.invalid/json-schemas/not-bundled/MicrosoftTeams.schema.json";
      const dir = path.join(tmp, "json-unbundled");
      fs.mkdirSync(dir);
      const file = path.join(dir, "manifest.json");
      fs.writeFileSync(file, JSON.stringify(json));
      const result = validateJsonFile(file);
      expect(result.isolated).toBe(true);
      expect(result.ok).toBe(false);
      expect(result.output).toMatch(/Failed to get manifest at url/);
    },
  );
});

describe("npm run validate", () => {
  const tsxCli = require.resolve("tsx/cli");
  const script = path.join(ROOT, "scripts", "validate-manifest.ts");

  test("--offline passes for manifest.xml and fails for a broken copy", () => {
    const ok = spawnSync(process.execPath, [tsxCli, script, "--offline"], { cwd: ROOT, encoding: "utf8" });
    expect(ok.stdout).toContain("Offline validation passed");
    expect(ok.status).toBe(0);

    const broken = brokenCopy("cli-missing-id", (x) => x.replace(/\s*<Id>[^<]*<\/Id>/, ""));
    const bad = spawnSync(process.execPath, [tsxCli, script, "--offline", broken], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(bad.status).toBe(1);
    expect(`${bad.stdout}${bad.stderr}`).toContain("NOT valid");
  });

  (isolated ? test : test.skip)(
    "without network the online step fails with a clear 无网络 / no network message, not a stack trace",
    () => {
      const r = spawnSync("unshare", ["-n", process.execPath, tsxCli, script], {
        cwd: ROOT,
        encoding: "utf8",
      });
      const out = `${r.stdout}${r.stderr}`;
      expect(r.status).toBe(2);
      expect(out).toContain("无网络");
      expect(out).toContain("No network");
      expect(out).toContain(NO_NETWORK_MESSAGE.split("\n")[0]);
      expect(out).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
    },
  );
});

describe("manifest content", () => {
  const text = fs.readFileSync(MANIFEST, "utf8");

  test("TaskPaneApp for Excel workbooks with a stable GUID", () => {
    expect(xpath(`string(/${el("OfficeApp")}/@*[local-name()='type'])`)).toBe("TaskPaneApp");
    expect(xpath(`string(//${el("OfficeApp")}/${el("Id")})`)).toBe(MANIFEST_ID);
    expect(xpath(`string(//${el("Hosts")}/${el("Host")}/@Name)`)).toBe("Workbook");
    expect(xpath(`string(//${el("Permissions")})`)).toBe("ReadWriteDocument");
    expect(xpath(`string(//${el("ProviderName")})`)).not.toBe("");
    expect(xpath(`string(//${el("SupportUrl")}/@DefaultValue)`)).toMatch(/^https:\/\//);
  });

  test("requires ExcelApi 1.7", () => {
    expect(
      xpath(`string(/${el("OfficeApp")}/${el("Requirements")}//${el("Set")}[@Name='ExcelApi']/@MinVersion)`),
    ).toBe("1.7");
  });

  test("zh-CN is the default locale, with en-US overrides for name and description", () => {
    expect(xpath(`string(//${el("DefaultLocale")})`)).toBe("zh-CN");
    expect(xpath(`string(//${el("DisplayName")}/@DefaultValue)`)).toBe("示范型服务站评分表");
    expect(xpath(`string(//${el("DisplayName")}/${el("Override")}[@Locale='en-US']/@Value)`)).toBe(
      "Demonstration Station Scorecard",
    );
    expect(xpath(`string(//${el("Description")}/@DefaultValue)`)).toMatch(/[\u4e00-\u9fff]/);
    expect(xpath(`string(//${el("Description")}/${el("Override")}[@Locale='en-US']/@Value)`)).toMatch(
      /scorecard/i,
    );
  });

  test("every ribbon string has a Chinese default and an en-US override", () => {
    const ids = xpath(
      `//${el("ShortStrings")}/${el("String")}/@id | //${el("LongStrings")}/${el("String")}/@id`,
    )
      .split(/\s+/)
      .map((attr) => attr.replace(/^id="|"$/g, ""));
    expect(ids.length).toBeGreaterThanOrEqual(6);
    for (const id of ids) {
      const base = `//${el("String")}[@id='${id}']`;
      expect(xpath(`string(${base}/@DefaultValue)`)).toMatch(/[\u4e00-\u9fff]/);
      expect(xpath(`string(${base}/${el("Override")}[@Locale='en-US']/@Value)`)).toMatch(/^[ -~]+$/);
    }
  });

  test("VersionOverrides V1_0 with two buttons on the Home tab", () => {
    const vo = `//${el("VersionOverrides")}`;
    expect(xpath(`string(${vo}/@*[local-name()='type'])`)).toBe("VersionOverridesV1_0");
    expect(xpath(`namespace-uri(${vo})`)).toBe(
      "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
    );
    expect(xpath(`string(${vo}//${el("OfficeTab")}/@id)`)).toBe("TabHome");
    expect(xpath(`count(${vo}//${el("OfficeTab")}//${el("Control")})`)).toBe("2");

    expect(xpath(`count(${vo}//${el("Action")}[@*[local-name()='type']='ShowTaskpane'])`)).toBe("2");
    // ExecuteFunction (and Office.addin.showAsTaskpane) would need a shared runtime; no function file is left.
    expect(xpath(`count(${vo}//${el("Action")}[@*[local-name()='type']='ExecuteFunction'])`)).toBe("0");
    expect(xpath(`count(${vo}//${el("FunctionFile")})`)).toBe("0");
    expect(text).not.toContain("commands.html");

    const control = (id: string): string => `${vo}//${el("Control")}[@id='${id}']`;
    const urlOf = (id: string): string =>
      xpath(
        `string(//${el("Url")}[@id=string(${control(id)}/${el("Action")}/${el("SourceLocation")}/@resid)]/@DefaultValue)`,
      );
    const stringOf = (id: string, locale?: string): string =>
      xpath(
        locale
          ? `string(//${el("String")}[@id='${id}']/${el("Override")}[@Locale='${locale}']/@Value)`
          : `string(//${el("String")}[@id='${id}']/@DefaultValue)`,
      );
    for (const id of ["Scorecard.ShowTaskpane", "Scorecard.CheckWorkbook"]) {
      expect(xpath(`string(${control(id)}/${el("Action")}/@*[local-name()='type'])`)).toBe("ShowTaskpane");
      // One task pane: the check opens (or reloads) the same pane, not a second one.
      expect(xpath(`string(${control(id)}/${el("Action")}/${el("TaskpaneId")})`)).toBe("Scorecard.Taskpane");
    }
    expect(urlOf("Scorecard.ShowTaskpane")).toBe(`${DEV_URL}taskpane.html`);
    expect(urlOf("Scorecard.CheckWorkbook")).toBe(`${DEV_URL}taskpane.html?check=workbook`);

    const check = control("Scorecard.CheckWorkbook");
    const labelId = xpath(`string(${check}/${el("Label")}/@resid)`);
    expect(stringOf(labelId)).toBe("检查整个工作簿");
    expect(stringOf(labelId, "en-US")).toBe("Check whole workbook");
    const tipId = xpath(`string(${check}/${el("Supertip")}/${el("Description")}/@resid)`);
    expect(stringOf(tipId)).toMatch(/^检查整个工作簿中的评分表/);
    expect(stringOf(tipId, "en-US")).toMatch(/^Check every scorecard in the workbook/);
    expect(xpath(`string(${check}/${el("Icon")}/*[@size='32']/@resid)`)).toBe("Check.32x32");
  });

  test("every resid points at an existing resource (the XSD does not check this)", () => {
    const resids = [...text.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
    const defined = new Set([...text.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]));
    expect(resids.length).toBeGreaterThan(10);
    for (const id of resids) expect(defined).toContain(id);
  });

  test("all URLs are https://localhost:3000/ development URLs", () => {
    const urls = [...text.matchAll(/(?:DefaultValue|Value)="(https?:\/\/[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) expect(url.startsWith(DEV_URL)).toBe(true);
  });
});

describe("icons", () => {
  test.each([16, 32, 64, 80])("assets/icon-%i.png has that many pixels per side", (size) => {
    expect(pngSize(path.join(ROOT, "assets", `icon-${size}.png`))).toEqual({ width: size, height: size });
  });

  test("logo-filled.png is 80px", () => {
    expect(pngSize(path.join(ROOT, "assets", "logo-filled.png"))).toEqual({ width: 80, height: 80 });
  });

  test("every image the manifest references exists with the declared size", () => {
    const text = fs.readFileSync(MANIFEST, "utf8");
    const images = [...text.matchAll(/<bt:Image id="[^"]*\.(\d+)x\d+" DefaultValue="([^"]+)"/g)].map((m) => ({
      size: Number(m[1]),
      url: m[2],
    }));
    images.push({ size: 32, url: xpath(`string(//${el("IconUrl")}/@DefaultValue)`) });
    images.push({ size: 64, url: xpath(`string(//${el("HighResolutionIconUrl")}/@DefaultValue)`) });
    expect(images.length).toBe(8);
    for (const { size, url } of images) {
      expect(url.startsWith(`${DEV_URL}assets/`)).toBe(true);
      const file = path.join(ROOT, url.slice(DEV_URL.length));
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
  });
});
