// Run by bench/lambda.ts in a fresh process: `node bench/lambda/probe.mjs <bundle.mjs|.cjs> [call]`.
// Imports a handler bundle, lists the @aws-sdk/client-* packages Node has loaded (a bundle with the
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

const t0 = performance.now();
const mod = await import(bundle);
const importMs = performance.now() - t0;
const atImport = clients();
let callMs = 0;
let answer;
if (call) {
  const handler = mod.handler ?? mod.default?.handler;
  const t1 = performance.now();
  answer = await handler({ body: 'Bonjour, je voudrais un café, s’il vous plaît.' });
  callMs = performance.now() - t1;
}
process.stdout.write(JSON.stringify({ importMs, callMs, atImport, atCall: clients(), answer }));
