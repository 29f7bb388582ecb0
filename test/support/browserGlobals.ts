/*
 * jsdom (the component tests' environment) lacks TextDecoder and TextEncoder, which every browser the pane runs in
 * has and the zip reader uses: lend Node's, only where they are missing.
 */
import { TextDecoder, TextEncoder } from "util";

if (typeof globalThis.TextDecoder === "undefined") Object.assign(globalThis, { TextDecoder, TextEncoder });
