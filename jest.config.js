/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  setupFiles: ["<rootDir>/test/support/browserGlobals.ts"],
  transform: {
    "^.+\\.tsx?$": [
      "ts-jest",
      { tsconfig: { jsx: "react-jsx", module: "commonjs", moduleResolution: "node", isolatedModules: true } },
    ],
  },
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  testTimeout: 120000,
  // Two test files at a time on CI's 2 cores (Jest's default is one fewer than the cores): most suites wait on
  // LibreOffice, Chromium or a CLI child process, so the second core would otherwise idle.
  maxWorkers: 2,
};
