// Bundles the `scorecard` command line into plain JavaScript (dist-cli/), so the installed command starts
// without a TypeScript compiler. npm packages stay external: they are the package's `dependencies`.
import { build } from "esbuild";
import { mkdirSync, renameSync, writeFileSync } from "fs";
import { dirname, join } from "path";
import { fileURLToPath } from "url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Tests build into a temporary folder (`--outdir DIR`) rather than over the installed dist-cli.
const at = process.argv.indexOf("--outdir");

const { outputFiles } = await build({
  absWorkingDir: root,
  entryPoints: {
    scorecard: "src/cli/main.ts",
    "check-worker": "src/cli/checkWorker.ts",
    "summary-worker": "src/cli/summaryWorker.ts",
  },
  outdir: at > 0 ? process.argv[at + 1] : "dist-cli",
  outExtension: { ".js": ".cjs" },
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  packages: "external",
  logLevel: "warning",
  write: false,
});
// Each file replaced in one rename: a `scorecard` started meanwhile (npm pack in one test, the CLI in another)
// never reads a half-written bundle.
for (const file of outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(`${file.path}.tmp`, file.contents);
  renameSync(`${file.path}.tmp`, file.path);
}
