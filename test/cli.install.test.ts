import { spawnSync, type SpawnSyncReturns } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "fs";
import { tmpdir } from "os";
import { dirname, join } from "path";

// Packs the project as a reviewer receives it and installs the tarball offline into a temporary prefix, then
// runs the installed `scorecard` from outside the checkout: no tsx, no sources, no registry.
const ROOT = join(__dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "scorecard-install-"));
const prefix = join(dir, "prefix");
const work = join(dir, "work");

const npm = (args: string[]): SpawnSyncReturns<string> =>
  spawnSync("npm", args, {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, npm_config_loglevel: "error" },
  });

/** The installed command, with PATH holding only the prefix's bin and node itself. */
const scorecard = (args: string[]): SpawnSyncReturns<string> =>
  spawnSync("scorecard", args, {
    cwd: work,
    encoding: "utf8",
    env: { PATH: [join(prefix, "bin"), dirname(process.execPath)].join(":"), HOME: dir },
  });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the packed tarball", () => {
  beforeAll(() => {
    const packed = npm(["pack", "--pack-destination", dir]);
    expect(packed.status).toBe(0);
    const tarball = readdirSync(dir).find((f) => /^veteran-station-scorecard-.*\.tgz$/.test(f));
    expect(tarball).toBeDefined();
    const installed = npm([
      "install",
      "-g",
      "--prefix",
      prefix,
      "--offline",
      "--no-audit",
      "--no-fund",
      join(dir, tarball ?? ""),
    ]);
    expect(installed.stderr).not.toMatch(/ERR/);
    expect(installed.status).toBe(0);
    mkdirSync(work);
  }, 240000);

  it("installs the compiled command without TypeScript sources or tsx", () => {
    const pkg = join(prefix, "lib", "node_modules", "veteran-station-scorecard");
    expect(existsSync(join(pkg, "dist-cli", "scorecard.cjs"))).toBe(true);
    expect(existsSync(join(pkg, "src"))).toBe(false);
    expect(existsSync(join(pkg, "node_modules", "tsx"))).toBe(false);
    expect(existsSync(join(pkg, "node_modules", "exceljs"))).toBe(true);
  });

  it("puts `scorecard` on the PATH: new writes a workbook that check reads back", () => {
    const created = scorecard(["new", "--station", "巴川街道", "--year", "2020", "-o", "巴川街道.xlsx"]);
    expect(created.stderr).toBe("");
    expect(created.status).toBe(0);
    expect(created.stdout).toContain("巴川街道2020评分表");
    const checked = scorecard(["check", "--json", "巴川街道.xlsx"]);
    expect(checked.status).toBe(0);
    const card = JSON.parse(checked.stdout).files[0].scorecards[0];
    expect(card).toMatchObject({ station: "巴川街道", year: 2020, issues: [] });
    expect(card.self.missing).toHaveLength(70);
  });
});
