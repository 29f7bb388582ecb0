// Packs the `scorecard` command line as a reviewer installs it: `npm install -g ./veteran-station-scorecard-<v>.tgz`.
//
// The tarball is packed from a staging folder, not from the project: its package.json names the command, the
// Node it needs and its three runtime dependencies, bundled inside with everything they need — no dev or
// optional dependencies (office-addin-debugging pulls in keytar, a native build that fails without libsecret and
// makes npm roll the whole install back) and no scripts. npm then has nothing to fetch or build, with or without
// the registry.
//
//   node scripts/pack-cli.mjs [--pack-destination DIR]     (npm run pack:cli)
//   node scripts/pack-cli.mjs --refuse-root-pack           (the project's prepack: `npm pack` of the project
//                                                            itself would carry the dev tooling; it says so)
import { execFileSync } from "child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { dirname, join, relative } from "path";
import { fileURLToPath } from "url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);

if (argv.includes("--refuse-root-pack")) {
  console.error(
    "请用 npm run pack:cli 打包命令行（npm pack 会带上开发依赖，在审核人的机器上安装失败）。\n" +
      "Use npm run pack:cli to pack the command line: npm pack of the project would carry its development tooling.",
  );
  process.exit(1);
}

const at = argv.indexOf("--pack-destination");
const destination = at >= 0 ? argv[at + 1] : root;
const project = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const runtime = project.bundleDependencies;

/** The folder of package `name` as Node would find it from `from` (node_modules up the tree). */
function packageDir(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dir === root || dirname(dir) === dir) return null;
  }
}

/** Every installed package the runtime dependencies need, as folders under the project. */
function closure() {
  const found = new Set();
  const visit = (name, from, optional) => {
    const dir = packageDir(name, from);
    if (dir === null) {
      if (optional) return;
      throw new Error(
        `${name} (needed from ${relative(root, from) || "."}) is not installed: run npm ci first`,
      );
    }
    if (found.has(dir)) return;
    found.add(dir);
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, dir, false);
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dep, dir, true);
  };
  for (const name of runtime) visit(name, root, false);
  return [...found].sort();
}

execFileSync(process.execPath, [join(root, "scripts", "build-cli.mjs")], { stdio: "inherit" });

const stage = mkdtempSync(join(tmpdir(), "scorecard-pack-"));
try {
  cpSync(join(root, "bin"), join(stage, "bin"), { recursive: true });
  cpSync(join(root, "dist-cli"), join(stage, "dist-cli"), {
    recursive: true,
    filter: (path) => !path.endsWith(".tmp"),
  });
  cpSync(join(root, "README.md"), join(stage, "README.md"));
  for (const dir of closure())
    cpSync(dir, join(stage, relative(root, dir)), { recursive: true, dereference: true });
  const manifest = {
    name: project.name,
    version: project.version,
    description: project.description,
    license: project.license,
    engines: project.engines,
    bin: project.bin,
    files: ["bin/", "dist-cli/"],
    dependencies: Object.fromEntries(runtime.map((name) => [name, project.dependencies[name]])),
    bundleDependencies: runtime,
  };
  writeFileSync(join(stage, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const packed = execFileSync("npm", ["pack", "--pack-destination", destination, "--loglevel", "error"], {
    cwd: stage,
    encoding: "utf8",
  });
  console.log(join(destination, packed.trim().split("\n").pop()));
} finally {
  rmSync(stage, { recursive: true, force: true });
}
