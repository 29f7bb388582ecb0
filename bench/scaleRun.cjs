// One measured run of bench/scale.ts in its own process, so that peak RSS is this run's alone:
//   node bench/scaleRun.cjs cli|exceljs|floor ARGS...
// Prints "maxrss <kB> cpu <ms>" (peak RSS, and CPU time of every thread) as its last stderr line. cli runs the
// compiled CLI (dist-cli) with ARGS.
const { readFileSync } = require("fs");

async function run(mode, args) {
  if (mode === "cli") {
    // The installed command's own output (bin/scorecard.js); its stderr would mix with the maxrss line.
    const { main, processIo } = require("../dist-cli/scorecard.cjs");
    return main(args, { ...processIo(), err: () => undefined });
  }
  if (mode === "exceljs") {
    // A bare ExcelJS read: load every file into a workbook model, nothing else.
    const ExcelJS = require("exceljs");
    for (const file of args) await new ExcelJS.Workbook().xlsx.load(readFileSync(file));
    return 0;
  }
  if (mode === "floor") {
    // The floor: unzip each file's sheet and shared strings (central directory + native zlib, as the reader does)
    // and run one regex over the XML (every cell's reference and value).
    const { inflateRawSync } = require("zlib");
    let cells = 0;
    for (const file of args) {
      const zip = readFileSync(file);
      const eocd = zip.lastIndexOf(Uint8Array.from([0x50, 0x4b, 0x05, 0x06]));
      let at = zip.readUInt32LE(eocd + 16);
      for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
        const nameLength = zip.readUInt16LE(at + 28);
        const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
        if (/^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(name)) {
          const local = zip.readUInt32LE(at + 42);
          const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
          const xml = inflateRawSync(zip.subarray(start, start + zip.readUInt32LE(at + 20))).toString("utf8");
          for (const m of xml.matchAll(
            /<c r="([A-Z]+\d+)"[^>]*?(?:\/>|>(?:<f[^>]*>([^<]*)<\/f>)?(?:<v>([^<]*)<\/v>)?)/g,
          ))
            if (m[1]) cells++;
        }
        at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
      }
    }
    return cells > 0 ? 0 : 1;
  }
  throw new Error(`unknown mode ${mode}`);
}

run(process.argv[2], process.argv.slice(3)).then((code) => {
  const usage = process.resourceUsage();
  const cpu = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000);
  process.stderr.write(`maxrss ${usage.maxRSS} cpu ${cpu}\n`);
  process.exitCode = code;
});
