// One measured run of bench/scale.ts in its own process, so that peak RSS is this run's alone:
//   node bench/scaleRun.cjs cli|exceljs|floor ARGS...
// Prints "maxrss <kB>" as its last stderr line. cli runs the compiled CLI (dist-cli) with ARGS.
const { readFileSync } = require("fs");

async function run(mode, args) {
  if (mode === "cli") {
    const { main } = require("../dist-cli/scorecard.cjs");
    return main(args, { out: (l) => process.stdout.write(l + "\n"), err: () => undefined });
  }
  if (mode === "exceljs") {
    // A bare ExcelJS read: load every file into a workbook model, nothing else.
    const ExcelJS = require("exceljs");
    for (const file of args) await new ExcelJS.Workbook().xlsx.load(readFileSync(file));
    return 0;
  }
  if (mode === "floor") {
    // The floor: unzip each file and run one regex over its sheet XML (every cell's reference and value).
    const { unzipSync, strFromU8 } = require("fflate");
    let cells = 0;
    for (const file of args) {
      const parts = unzipSync(readFileSync(file), {
        filter: (f) => /^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(f.name),
      });
      for (const data of Object.values(parts))
        for (const m of strFromU8(data).matchAll(
          /<c r="([A-Z]+\d+)"[^>]*?(?:\/>|>(?:<f[^>]*>([^<]*)<\/f>)?(?:<v>([^<]*)<\/v>)?)/g,
        ))
          if (m[1]) cells++;
    }
    return cells > 0 ? 0 : 1;
  }
  throw new Error(`unknown mode ${mode}`);
}

run(process.argv[2], process.argv.slice(3)).then((code) => {
  process.stderr.write(`maxrss ${process.resourceUsage().maxRSS}\n`);
  process.exitCode = code;
});
