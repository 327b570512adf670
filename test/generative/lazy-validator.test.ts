import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';

// The JSON Schema validator is loaded on the first validation: a bundler keeps
// `import('@cfworker/json-schema')` dynamic (external, as tsup builds the package) and no static
// import of it reaches the generative entry, so import cost and Lambda bundles stay the same for
// code that never validates a JSON Schema.
const root = fileURLToPath(new URL('../..', import.meta.url));

describe('@cfworker/json-schema is loaded lazily', () => {
  it.each(['esm', 'cjs'] as const)(
    'is only a dynamic import of aws-ai/generative (%s)',
    async (format) => {
      const result = await esbuild.build({
        entryPoints: [`${root}src/generative/index.ts`],
        bundle: true,
        write: false,
        metafile: true,
        platform: 'node',
        format,
        splitting: false,
        external: ['@aws-sdk/*', '@smithy/*', '@cfworker/json-schema', '@opentelemetry/*'],
        logLevel: 'silent',
      });
      const imports = Object.values(result.metafile.inputs).flatMap((input) =>
        input.imports.filter((i) => i.path === '@cfworker/json-schema'),
      );
      expect(imports.length).toBeGreaterThan(0);
      expect(imports.every((i) => i.kind === 'dynamic-import')).toBe(true);
    },
  );

  it('is not bundled when bundling everything but the SDK: only the validation chunk holds it', async () => {
    const result = await esbuild.build({
      entryPoints: [`${root}src/generative/index.ts`],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      splitting: true,
      outdir: '/tmp/aws-ai-lazy-validator',
      external: ['@aws-sdk/*', '@smithy/*', '@opentelemetry/*'],
      logLevel: 'silent',
    });
    const entry = Object.entries(result.metafile.outputs).find(([, output]) =>
      output.entryPoint?.endsWith('src/generative/index.ts'),
    );
    expect(entry).toBeDefined();
    const inputs = Object.keys(entry?.[1].inputs ?? {});
    expect(inputs.some((i) => i.includes('@cfworker'))).toBe(false);
  });
});
