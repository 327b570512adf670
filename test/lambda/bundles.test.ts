import { execFile } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startEmulator } from 'aws-ai/testing';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

// Lazy SDK loading survives esbuild (decision 0701): the bench handlers (bench/lambda/) bundled in
// ESM and CJS, SDK bundled and external, load no @aws-sdk/client-* package when imported, and
// only the one they call on their first call. Built package (`npm test` builds first).
const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const handlers = `${root}bench/lambda/`;
const out = `${root}node_modules/.cache/aws-ai-bundles-test/`;
const BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";
const emu = await startEmulator();
afterAll(() => emu.close());
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

interface Built {
  file: string;
  clients: string[];
}

async function build(
  handler: string,
  options: {
    format: 'esm' | 'cjs';
    sdk: 'bundled' | 'external';
    mainFields?: string;
    banner?: boolean;
  },
): Promise<Built> {
  const mainFields = options.mainFields ?? 'main,module';
  const file = `${out}${handler}.${options.format}.${options.sdk}.${mainFields.replace(',', '-')}${options.banner ? '.banner' : ''}.${options.format === 'esm' ? 'mjs' : 'cjs'}`;
  const result = await esbuild.build({
    entryPoints: [`${handlers}${handler}.ts`],
    outfile: file,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: options.format,
    mainFields: mainFields.split(','),
    external: options.sdk === 'external' ? ['@aws-sdk/*'] : [],
    ...(options.banner ? { banner: { js: BANNER } } : {}),
    tsconfigRaw: '{}',
    metafile: true,
    logLevel: 'error',
  });
  const inputs = Object.keys(Object.values(result.metafile.outputs)[0]?.inputs ?? {});
  const clients = [
    ...new Set(inputs.map((p) => /@aws-sdk\/(client-[^/]+)/.exec(p)?.[1]).filter(Boolean)),
  ] as string[];
  return { file, clients: clients.sort() };
}

/** Imports a bundle in a fresh process; with `call`, calls its handler once. */
async function probe(file: string, call: boolean) {
  const { stdout } = await run(
    process.execPath,
    [`${handlers}probe.mjs`, file, ...(call ? ['call'] : [])],
    { env: { ...process.env, BENCH_ENDPOINT: emu.endpoint } },
  );
  return JSON.parse(stdout) as {
    atImport: string[];
    atCall: string[];
    builtinsAtImport: string[];
    builtinsAtCall: string[];
    answer: unknown;
  };
}

describe('bundles with the SDK external', () => {
  it.each([
    ['a', 'esm'],
    ['a', 'cjs'],
    ['a-class', 'esm'],
    ['c', 'esm'],
    ['c', 'cjs'],
    ['b', 'esm'],
  ] as const)(
    '%s (%s) loads no SDK client at import, then only the one it calls',
    async (handler, format) => {
      const { file } = await build(handler, { format, sdk: 'external', banner: format === 'esm' });
      const result = await probe(file, true);
      expect(result.atImport).toEqual([]);
      expect(result.atCall).toEqual([
        handler === 'b' ? 'client-bedrock-runtime' : 'client-comprehend',
      ]);
      expect(result.answer).toEqual(handler === 'b' ? expect.stringContaining('Bonjour') : 'fr');
    },
  );

  it('keeps every SDK client out of the static graph of the root entry, ESM and CJS', async () => {
    for (const format of ['esm', 'cjs'] as const) {
      const { file } = await build('c', { format, sdk: 'external' });
      const text = await import('node:fs/promises').then((fs) => fs.readFile(file, 'utf8'));
      expect(text).not.toMatch(/from\s*"@aws-sdk\/client-/);
      expect((await probe(file, false)).atImport).toEqual([]);
    }
  });

  it('loads at import no Node built-in that the raw SDK handler does not load too', async () => {
    // `node:util` (for one `promisify`) cost ~5 ms of every cold start: it loads worker_threads
    // and ~45 more internal modules that the SDK never needs.
    const root = await probe((await build('c', { format: 'esm', sdk: 'external' })).file, false);
    const raw = await probe((await build('raw-a', { format: 'esm', sdk: 'external' })).file, true);
    expect(raw.builtinsAtCall).toContain('https');
    expect(root.builtinsAtImport.filter((m) => !raw.builtinsAtCall.includes(m))).toEqual([]);
  });
});

describe('bundles with the SDK bundled', () => {
  it.each(['main,module', 'module,main'])(
    'a (%s) holds the Comprehend client only; a-class also Translate and S3',
    async (mainFields) => {
      const fn = await build('a', { format: 'esm', sdk: 'bundled', mainFields, banner: true });
      expect(fn.clients).toEqual(['client-comprehend']);
      const cls = await build('a-class', { format: 'esm', sdk: 'bundled', mainFields });
      expect(cls.clients).toEqual(['client-comprehend', 'client-s3', 'client-translate']);
      expect((await probe(fn.file, true)).answer).toBe('fr');
    },
  );

  it.each([
    ['a', 'main,module'],
    ['a', 'module,main'],
    ['c', 'main,module'],
    ['b', 'module,main'],
  ])(
    '%s (%s) runs no SDK code at import: an ES module bundle without the createRequire banner imports',
    async (handler, mainFields) => {
      // The SDK's CommonJS code calls require('node:…'), which fails in an ES module without the
      // banner: importing succeeds only if none of it runs before the first call.
      const { file } = await build(handler, { format: 'esm', sdk: 'bundled', mainFields });
      await expect(probe(file, false)).resolves.toMatchObject({ atImport: [] });
    },
  );

  it('a CommonJS bundle with the SDK inside answers without a banner', async () => {
    const { file, clients } = await build('a', { format: 'cjs', sdk: 'bundled' });
    expect(clients).toEqual(['client-comprehend']);
    expect((await probe(file, true)).answer).toBe('fr');
  });
});

describe('per-operation functions (decision 0701)', () => {
  // What a handler that imports one function carries, SDK bundled: the client of the service it
  // calls, and S3 only where the operation itself stages or reads S3 (images over 5 MiB, multi-page
  // documents, asynchronous inference). Checked from esbuild's metafile of the built package.
  it.each([
    ['aws-ai/text', 'createTextClient, detectLanguage', ['client-comprehend']],
    ['aws-ai/text', 'createTextClient, translateDocument', ['client-translate']],
    ['aws-ai/text', 'createTextClient, startSentimentJob', ['client-comprehend', 'client-s3']],
    ['aws-ai/generative', 'createGenerativeClient, stream', ['client-bedrock-runtime']],
    ['aws-ai/generative', 'createGenerativeClient, generateObject', ['client-bedrock-runtime']],
    ['aws-ai/generative', 'createGenerativeClient, generateImage', ['client-bedrock-runtime']],
    ['aws-ai/generative', 'createGenerativeClient, generateVideo', ['client-bedrock-runtime']],
    ['aws-ai/generative', 'createGenerativeClient, videoJobs', ['client-bedrock-runtime']],
    ['aws-ai/generative', 'createGenerativeClient, chat', ['client-bedrock-runtime']],
    ['aws-ai/text', 'createTextClient, importTerminology', ['client-translate']],
    ['aws-ai/text', 'createTextClient, listTerminologies', ['client-translate']],
    ['aws-ai/speech', 'createSpeechClient, synthesizeToS3', ['client-polly']],
    ['aws-ai/speech', 'createSpeechClient, synthesize', ['client-polly']],
    ['aws-ai/speech', 'createSpeechClient, transcribeStream', ['client-transcribe-streaming']],
    ['aws-ai/medical', 'createMedicalClient, entities', ['client-comprehendmedical']],
    ['aws-ai/medical', 'createMedicalClient, transcribeStream', ['client-transcribe-streaming']],
    ['aws-ai/documents', 'createDocumentsClient, identity', ['client-textract']],
    ['aws-ai/documents', 'createDocumentsClient, analyze', ['client-s3', 'client-textract']],
    ['aws-ai/vision', 'createVisionClient, labels', ['client-rekognition', 'client-s3']],
    ['aws-ai/endpoints', 'createEndpointsClient, invoke', ['client-sagemaker-runtime']],
    // A completion handler: the clients of the module's own job kinds, not every module's.
    ['aws-ai/documents', 'createDocumentsClient, jobFromEvent', ['client-s3', 'client-textract']],
    ['aws-ai/vision', 'createVisionClient, jobFromEvent', ['client-rekognition']],
    ['aws-ai/medical', 'createMedicalClient, resumeJob', ['client-s3', 'client-transcribe']],
  ])('%s { %s } holds %j', async (subpath, names, expected) => {
    const result = await esbuild.build({
      stdin: { contents: `export { ${names} } from '${subpath}';`, resolveDir: root, loader: 'js' },
      bundle: true,
      minify: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      mainFields: ['main', 'module'],
      tsconfigRaw: '{}',
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
    const inputs = Object.keys(Object.values(result.metafile.outputs)[0]?.inputs ?? {});
    const clients = [
      ...new Set(inputs.map((p) => /@aws-sdk\/(client-[^/]+)/.exec(p)?.[1]).filter(Boolean)),
    ].sort();
    expect(clients).toEqual(expected);
  });
});
