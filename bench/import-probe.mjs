// Run by bench/import-cost.ts in a fresh process: `node bench/import-probe.mjs <specifier>...`.
// This file is an ES module, so Node's ESM loader is already up when the clock starts, as it is in
// any app whose own entry file imports the package. Prints the milliseconds the imports took.
const specifiers = process.argv.slice(2);
const t0 = performance.now();
await Promise.all(specifiers.map((s) => import(s)));
process.stdout.write(String(performance.now() - t0));
