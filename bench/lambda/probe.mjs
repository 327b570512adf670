// Run by bench/lambda.ts in a fresh process: `node bench/lambda/probe.mjs <bundle.mjs|.cjs> [call]`.
// Imports a handler bundle, lists the @aws-sdk/client-* packages (and Node built-ins) Node has loaded (a bundle with the
// SDK external loads them from node_modules), calls the handler once, lists them again, and prints
// the figures as JSON. A bundled SDK is part of the bundle: its laziness shows in the import time.
import { createRequire } from 'node:module';

const [bundle, call] = process.argv.slice(2);
const cache = createRequire(import.meta.url).cache;
const clients = () =>
  [
    ...new Set(
      Object.keys(cache)
        .map((p) => /@aws-sdk[\\/](client-[^\\/]+)/.exec(p)?.[1])
        .filter(Boolean),
    ),
  ].sort();

// Node's public built-ins (`zlib`, not `internal/…`) loaded so far.
const builtins = () =>
  process.moduleLoadList
    .map((m) => /^NativeModule ([^/]+)$/.exec(m)?.[1])
    .filter((m) => m !== undefined && !m.startsWith('internal'));
performance.now(); // the global loads perf_hooks on first use: before the snapshot, not in it
const before = new Set(builtins());
const newBuiltins = () => builtins().filter((m) => !before.has(m));

const t0 = performance.now();
const mod = await import(bundle);
const importMs = performance.now() - t0;
const atImport = clients();
const builtinsAtImport = newBuiltins();
let callMs = 0;
let answer;
if (call) {
  const handler = mod.handler ?? mod.default?.handler;
  const t1 = performance.now();
  answer = await handler({ body: 'Bonjour, je voudrais un café, s’il vous plaît.' });
  callMs = performance.now() - t1;
}
// CPU the whole process used so far (Node's start-up included): unlike wall time, not inflated by
// waiting for a shared machine's disk or CPU.
const cpu = process.cpuUsage();
process.stdout.write(
  JSON.stringify({
    cpuMs: (cpu.user + cpu.system) / 1000,
    importMs,
    callMs,
    atImport,
    atCall: clients(),
    builtinsAtImport,
    builtinsAtCall: newBuiltins(),
    answer,
  }),
);
