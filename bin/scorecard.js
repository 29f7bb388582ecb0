#!/usr/bin/env node
// Runs the compiled CLI (dist-cli/, built by `npm run build:cli`, which `npm ci` and `npm pack` run as prepare).
const { main, processIo } = require("../dist-cli/scorecard.cjs");

main(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
