#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx scorecard …` works right after `npm ci`.
require("tsx/cjs");
const { main } = require("../src/cli/main.ts");

main(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + "\n"),
  err: (line) => process.stderr.write(line + "\n"),
}).then((code) => {
  process.exitCode = code;
});
