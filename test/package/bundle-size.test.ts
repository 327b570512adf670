import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

// Size budgets per subpath of the built package (`npm test` builds first), bundled as a Lambda
// deployment bundles it: esbuild, minified, Node 22, SDK external (`@aws-sdk/*`, as CDK does by
// default). Each budget is the size measured when it was set plus about 12 %; raise one only with
// a reason in the commit, and give a new subpath its own (decision 0701). The figures are printed
// after the tests.
const root = fileURLToPath(new URL('../..', import.meta.url));

const KB = 1024;
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  exports: Record<string, unknown>;
};
const subpaths = Object.keys(pkg.exports)
  .filter((key) => key !== './package.json')
  .map((key) => (key === '.' ? 'aws-ai' : `aws-ai/${key.slice(2)}`));

/** KB (minified, the larger of ESM and CJS) per subpath; every subpath of `exports` needs one. */
const BUDGET_KB: Record<string, number> = {
  'aws-ai': 595,
  'aws-ai/text': 120,
  'aws-ai/vision': 99,
  'aws-ai/speech': 136,
  'aws-ai/documents': 105,
  'aws-ai/generative': 210,
  'aws-ai/endpoints': 131,
  'aws-ai/knowledge': 69,
  'aws-ai/agents': 74,
  'aws-ai/medical': 110,
  'aws-ai/recommendations': 48,
  'aws-ai/conversation': 70,
  'aws-ai/tensor': 46,
  'aws-ai/testing': 292,
};

/** Entries that matter on their own: the per-operation functions (decision 0701). */
const EXTRA: Record<string, { entry: string; budgetKB: number }> = {
  'aws-ai/text detectLanguage()': {
    entry: "export { createTextClient, detectLanguage } from 'aws-ai/text';",
    budgetKB: 47,
  },
  'aws-ai/generative stream()': {
    entry: "export { createGenerativeClient, stream } from 'aws-ai/generative';",
    budgetKB: 113,
  },
  'aws-ai/generative generateObject()': {
    entry: "export { createGenerativeClient, generateObject } from 'aws-ai/generative';",
    budgetKB: 107,
  },
  'aws-ai/generative generateImage()': {
    entry: "export { createGenerativeClient, generateImage } from 'aws-ai/generative';",
    budgetKB: 57,
  },
  'aws-ai/generative chat()': {
    entry: "export { createGenerativeClient, chat } from 'aws-ai/generative';",
    budgetKB: 121,
  },
  'aws-ai/text importTerminology()': {
    entry: "export { createTextClient, importTerminology } from 'aws-ai/text';",
    budgetKB: 48,
  },
  'aws-ai/speech synthesize()': {
    entry: "export { createSpeechClient, synthesize } from 'aws-ai/speech';",
    budgetKB: 59,
  },
  'aws-ai/speech transcribeStream()': {
    entry: "export { createSpeechClient, transcribeStream } from 'aws-ai/speech';",
    budgetKB: 56,
  },
  'aws-ai/medical entities()': {
    entry: "export { createMedicalClient, entities } from 'aws-ai/medical';",
    budgetKB: 55,
  },
  'aws-ai/documents identity()': {
    entry: "export { createDocumentsClient, identity } from 'aws-ai/documents';",
    budgetKB: 61,
  },
  'aws-ai/documents jobFromEvent()': {
    entry: "export { createDocumentsClient, jobFromEvent } from 'aws-ai/documents';",
    budgetKB: 83,
  },
  'aws-ai/vision labels()': {
    entry: "export { createVisionClient, labels } from 'aws-ai/vision';",
    budgetKB: 55,
  },
  'aws-ai/endpoints invoke()': {
    entry: "export { createEndpointsClient, invoke } from 'aws-ai/endpoints';",
    budgetKB: 67,
  },
};

const CASES: Array<[string, { entry: string; budgetKB: number | undefined }]> = [
  ...subpaths.map((s): [string, { entry: string; budgetKB: number | undefined }] => [
    s,
    { entry: `export * from '${s}';`, budgetKB: BUDGET_KB[s] },
  ]),
  ...Object.entries(EXTRA),
];

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

/** Up to five places (with 20 characters around) where `text` leaves ASCII. */
function nonAscii(text: string): string[] {
  return [...text.matchAll(/.{0,20}[\u{80}-\u{10ffff}].{0,20}/gu)].slice(0, 5).map((m) => m[0]);
}

const measured: string[] = [];
afterAll(() => {
  console.log(
    `Bundle sizes (esbuild ${esbuild.version}, minified, SDK external):\n${measured.join('\n')}`,
  );
});

describe('bundle size per subpath (SDK external)', () => {
  it.each(CASES)('%s stays within its budget', async (name, { entry, budgetKB }) => {
    if (budgetKB === undefined) {
      throw new Error(`${name} has no size budget: add one to BUDGET_KB in this test file`);
    }
    const [esm, cjs] = await Promise.all([bundle(entry, 'esm'), bundle(entry, 'cjs')]);
    const kb = (text: string) => Buffer.byteLength(text) / KB;
    measured.push(
      `  ${name.padEnd(30)} esm ${kb(esm).toFixed(1).padStart(6)} KB  cjs ${kb(cjs).toFixed(1).padStart(6)} KB  budget ${budgetKB} KB`,
    );
    expect(kb(esm)).toBeLessThanOrEqual(budgetKB);
    expect(kb(cjs)).toBeLessThanOrEqual(budgetKB);
    // No SDK client in the static graph: an ES module bundle imports one only with `import()`.
    expect(esm).not.toMatch(/from\s*"@aws-sdk\/client-/);
    // ASCII only: esbuild escapes strings but not regular expression literals, and one character
    // above U+007F makes Node decode the whole bundle (the SDK's code too) as UTF-8 into a two-byte
    // string, ~1.5 ms more per cold start for 500 KB. Write such characters as \u escapes.
    expect(nonAscii(esm)).toEqual([]);
  });
});
