#!/usr/bin/env node
// Runs the compiled CLI (dist-cli/, built by `npm run build:cli`, which `npm ci` and `npm pack` run as prepare).
const { main } = require("../dist-cli/scorecard.cjs");

main(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + "\n"),
  err: (line) => process.stderr.write(line + "\n"),
}).then((code) => {
  process.exitCode = code;
});
