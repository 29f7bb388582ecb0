import { spawnSync, type SpawnSyncReturns } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { dirname, join } from "path";

/** The part of semver (ts-jest's and npm's own dependency, untyped here) that reads engines ranges. */
const semver = require("semver") as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
};

/*
 * The install a reviewer runs, exactly as the README writes it: `npm run pack:cli` in the checkout, then
 * `npm install -g ./veteran-station-scorecard-<version>.tgz` where the tarball is — once with the registry
 * reachable (npm would fetch and build whatever the package declares) and once without any network. Each goes
 * into a temporary prefix (npm_config_prefix, so the command stays as written), and the installed `scorecard`
 * runs from outside the checkout: no tsx, no sources, no registry.
 */
const ROOT = join(__dirname, "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  version: string;
  engines: { node: string };
};
const TARBALL = `veteran-station-scorecard-${pkg.version}.tgz`;
const README_INSTALL = `npm install -g ./${TARBALL}`;
const dir = mkdtempSync(join(tmpdir(), "scorecard-install-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): SpawnSyncReturns<string> =>
  spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, npm_config_loglevel: "error", ...env },
  });

/** The installed command, with PATH holding only the prefix's bin and node itself. */
const scorecard = (prefix: string, args: string[], cwd: string): SpawnSyncReturns<string> =>
  spawnSync("scorecard", args, {
    cwd,
    encoding: "utf8",
    env: { PATH: [join(prefix, "bin"), dirname(process.execPath)].join(":"), HOME: dir },
  });

describe("the packed command line", () => {
  let manifest: Record<string, unknown>;

  beforeAll(() => {
    const packed = run("npm", ["run", "pack:cli", "--", "--pack-destination", dir], ROOT);
    expect(packed.status).toBe(0);
    expect(existsSync(join(dir, TARBALL))).toBe(true);
    manifest = JSON.parse(
      run("tar", ["-xzOf", join(dir, TARBALL), "package/package.json"], dir).stdout,
    ) as Record<string, unknown>;
  }, 300_000);

  it("is what the README tells a reviewer to install", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme).toContain("npm run pack:cli");
    expect(readme).toContain(README_INSTALL);
  });

  it("declares nothing npm would fetch or build: no dev, optional or peer dependencies, no scripts", () => {
    for (const field of ["devDependencies", "optionalDependencies", "peerDependencies", "scripts"])
      expect([field, manifest[field]]).toEqual([field, undefined]);
    const dependencies = Object.keys((manifest.dependencies as Record<string, string>) ?? {});
    expect(dependencies.sort()).toEqual([...(manifest.bundleDependencies as string[])].sort());
    const listing = run("tar", ["-tzf", join(dir, TARBALL)], dir).stdout.split("\n");
    for (const name of dependencies) expect(listing).toContain(`package/node_modules/${name}/package.json`);
    expect(listing.some((p) => p.includes("node_modules/keytar/"))).toBe(false);
    expect(listing.some((p) => p.startsWith("package/src/"))).toBe(false);
  });

  it.each([
    ["with the registry reachable", {}],
    // No network at all: an address nothing listens on.
    ["without the network", { npm_config_registry: "http://127.0.0.1:9/", npm_config_fetch_retries: "0" }],
  ])(
    "installs with the README's command %s, and `scorecard` runs from anywhere",
    (_, env) => {
      const prefix = mkdtempSync(join(dir, "prefix-"));
      const [command, ...args] = README_INSTALL.split(" ");
      const installed = run(command, args, dir, { npm_config_prefix: prefix, ...env });
      expect(installed.stderr).not.toMatch(/ERR/);
      expect(installed.status).toBe(0);
      const home = join(prefix, "lib", "node_modules", "veteran-station-scorecard");
      expect(existsSync(join(home, "dist-cli", "scorecard.cjs"))).toBe(true);
      expect(existsSync(join(home, "node_modules", "exceljs"))).toBe(true);
      expect(existsSync(join(home, "node_modules", "tsx"))).toBe(false);

      const work = join(prefix, "work");
      mkdirSync(work);
      const created = scorecard(
        prefix,
        ["new", "--station", "巴川街道", "--year", "2020", "-o", "巴川街道.xlsx"],
        work,
      );
      expect(created.stderr).toBe("");
      expect(created.status).toBe(0);
      const checked = scorecard(prefix, ["check", "--json", "巴川街道.xlsx"], work);
      expect(checked.status).toBe(0);
      const card = JSON.parse(checked.stdout).files[0].scorecards[0];
      expect(card).toMatchObject({ station: "巴川街道", year: 2020, state: "填报中" });
      expect(scorecard(prefix, ["--version"], work).stdout.trim()).toBe(`scorecard ${pkg.version}`);
    },
    300_000,
  );
});

describe("the Node version", () => {
  it("satisfies every installed package's engines from the lowest version the project allows", () => {
    const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as {
      packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
    };
    const lowest = semver.minVersion(pkg.engines.node)?.version ?? "";
    expect(lowest).toMatch(/^20\./);
    const unmet = Object.entries(lock.packages)
      .filter(([path, p]) => path !== "" && !p.optional)
      .map(([path, p]) => [path, Array.isArray(p.engines) ? undefined : p.engines?.node] as const)
      .filter(([, range]) => range !== undefined && !semver.satisfies(lowest, range));
    expect(unmet).toEqual([]);
  });
});
