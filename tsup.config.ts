import { defineConfig } from 'tsup';

const subpaths = [
  'text',
  'vision',
  'speech',
  'documents',
  'generative',
  'endpoints',
  'knowledge',
  'agents',
  'medical',
  'recommendations',
  'conversation',
  'tensor',
  'testing',
];

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    ...Object.fromEntries(subpaths.map((name) => [`${name}/index`, `src/${name}/index.ts`])),
    // The `aws-ai-emulator` bin (package.json `bin`); not a subpath export.
    'testing/cli': 'src/testing/cli.ts',
  },
  format: ['esm', 'cjs'],
  // Shared code goes to chunks in both formats, so error classes and caches exist once per format
  // and a Lambda that imports one subpath loads only that subpath and the chunks it needs.
  splitting: true,
  dts: true,
  clean: true,
  target: 'node22',
  platform: 'node',
  sourcemap: false,
  // p-retry (and its is-network-error) are build-time inputs, not dependencies: bundled into both
  // formats, so `require('aws-ai')` works on every Node 22 release, also those before 22.12 that
  // cannot require an ES module without a flag (decision 0702). Their licenses:
  // THIRD-PARTY-NOTICES.md.
  noExternal: ['p-retry', 'is-network-error'],
});
