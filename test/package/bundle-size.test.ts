import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

// Size budgets per subpath of the built package (`npm test` builds first), bundled as a Lambda
// deployment bundles it: esbuild, minified, Node 22, SDK external (`@aws-sdk/*`, as CDK does by
// default). Each budget is the size measured when it was set plus about 12 %; raise one only with
// a reason in the commit (decision 0701). The figures are printed after the tests.
const root = fileURLToPath(new URL('../..', import.meta.url));

const KB = 1024;
const BUDGETS: Record<string, { entry: string; budgetKB: number }> = {
  'aws-ai': { entry: "export * from 'aws-ai';", budgetKB: 268 },
  'aws-ai/text': { entry: "export * from 'aws-ai/text';", budgetKB: 70 },
  'aws-ai/text detectLanguage()': {
    entry: "export { createTextClient, detectLanguage } from 'aws-ai/text';",
    budgetKB: 34,
  },
  'aws-ai/vision': { entry: "export * from 'aws-ai/vision';", budgetKB: 68 },
  'aws-ai/speech': { entry: "export * from 'aws-ai/speech';", budgetKB: 81 },
  'aws-ai/documents': { entry: "export * from 'aws-ai/documents';", budgetKB: 65 },
  'aws-ai/generative': { entry: "export * from 'aws-ai/generative';", budgetKB: 78 },
  'aws-ai/endpoints': { entry: "export * from 'aws-ai/endpoints';", budgetKB: 88 },
  'aws-ai/medical': { entry: "export * from 'aws-ai/medical';", budgetKB: 76 },
  'aws-ai/recommendations': { entry: "export * from 'aws-ai/recommendations';", budgetKB: 43 },
  'aws-ai/tensor': { entry: "export * from 'aws-ai/tensor';", budgetKB: 44 },
  'aws-ai/testing': { entry: "export * from 'aws-ai/testing';", budgetKB: 150 },
};

async function bundle(entry: string, format: 'esm' | 'cjs'): Promise<string> {
  const result = await esbuild.build({
    stdin: { contents: entry, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format,
    external: ['@aws-sdk/*'],
    // The published package, not the sources the repository's tsconfig maps `aws-ai` to.
    tsconfigRaw: '{}',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

const measured: string[] = [];
afterAll(() => {
  console.log(
    `Bundle sizes (esbuild ${esbuild.version}, minified, SDK external):\n${measured.join('\n')}`,
  );
});

describe('bundle size per subpath (SDK external)', () => {
  it.each(Object.entries(BUDGETS))(
    '%s stays within its budget',
    async (name, { entry, budgetKB }) => {
      const [esm, cjs] = await Promise.all([bundle(entry, 'esm'), bundle(entry, 'cjs')]);
      const kb = (text: string) => Buffer.byteLength(text) / KB;
      measured.push(
        `  ${name.padEnd(30)} esm ${kb(esm).toFixed(1).padStart(6)} KB  cjs ${kb(cjs).toFixed(1).padStart(6)} KB  budget ${budgetKB} KB`,
      );
      expect(kb(esm)).toBeLessThanOrEqual(budgetKB);
      expect(kb(cjs)).toBeLessThanOrEqual(budgetKB);
      // No SDK client in the static graph: an ES module bundle imports one only with `import()`.
      expect(esm).not.toMatch(/from\s*"@aws-sdk\/client-/);
    },
  );
});
