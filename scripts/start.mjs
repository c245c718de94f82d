#!/usr/bin/env node
// `npm start`: the server as compiled JavaScript in this one node process — no npm/tsx child
// wrappers at run time (issue 15: they cost ~110 MB and ~0.5 s). Compiles src/ first only when
// build/ is missing or older than src/ (a fresh clone after `npm ci` is already built).
import { build } from "./build.mjs";

await build();
await import("../build/main.js");
