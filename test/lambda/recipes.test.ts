import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startEmulator } from 'aws-ai/testing';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

// docs/lambda.md's bundling recipes, read from the doc itself, applied to examples/lambda-*.ts as a
// user's `src/handler.ts`; each bundle's handler then runs in a fresh Node process against the
// emulator. The package is the built one (`npm test` builds first), resolved by its name.
const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const work = `${root}node_modules/.cache/aws-ai-recipes/`;
const doc = await readFile(`${root}docs/lambda.md`, 'utf8');
const emu = await startEmulator();
afterAll(() => emu.close());

/** The fenced blocks under a `### heading` of the doc. */
function blocksUnder(heading: string, lang: string): string[] {
  const section = doc.split(/^### /m).find((s) => s.startsWith(heading));
  if (!section) throw new Error(`docs/lambda.md has no "### ${heading}"`);
  return [...section.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map(
    (m) => m[1] as string,
  );
}

/** Splits a one-line shell command into words (plain words and "double-quoted" words). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? (m[2] as string));
}

type Recipe = (dir: string) => Promise<string>;

/** `npx esbuild …` exactly as the doc writes it, run in the project directory. */
const cli: Recipe = async (dir) => {
  const [command] = blocksUnder('esbuild', 'sh');
  const [npx, ...args] = shellWords((command ?? '').trim());
  expect(npx).toBe('npx');
  await run('npx', args, { cwd: dir });
  return `${dir}build/index.mjs`;
};

/** The CDK `bundling` options of the doc, as NodejsFunction hands them to esbuild. */
const cdk: Recipe = async (dir) => {
  const [code = ''] = blocksUnder('AWS CDK', 'ts');
  // A property may wrap to the next line (`banner:\n  "…",`).
  const prop = (name: string) => new RegExp(`\\b${name}:\\s+(.+),$`, 'm').exec(code)?.[1];
  const list = (name: string) =>
    [...(prop(name) ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1] as string);
  const str = (name: string) => (prop(name) ?? '').replace(/^["']|["']$/g, '');
  expect(prop('format')).toBe('OutputFormat.ESM');
  expect(prop('runtime')).toBe('Runtime.NODEJS_22_X');
  expect(str('banner')).toBe(
    "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  );
  await esbuild.build({
    entryPoints: [`${dir}${str('entry')}`],
    outfile: `${dir}build/index.mjs`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: str('target'),
    minify: prop('minify') === 'true',
    mainFields: list('mainFields'),
    external: list('externalModules'),
    banner: { js: str('banner') },
    logLevel: 'error',
  });
  return `${dir}build/index.mjs`;
};

/** The SAM BuildProperties of the doc, turned into the esbuild command SAM runs. */
const sam: Recipe = async (dir) => {
  const [yaml = ''] = blocksUnder('AWS SAM', 'yaml');
  const props = yaml.slice(yaml.indexOf('BuildProperties:'));
  const scalar = (name: string) => new RegExp(`^\\s+${name}: (.+)$`, 'm').exec(props)?.[1];
  const items = (name: string) => {
    const block = new RegExp(`^\\s+${name}:\\n((?:\\s+- .+\\n?)+)`, 'm').exec(props)?.[1] ?? '';
    return [...block.matchAll(/- ["']?([^"'\n]+)["']?/g)].map((m) => m[1] as string);
  };
  const codeUri = /CodeUri: (.+)$/m.exec(yaml)?.[1] ?? '';
  const args = [
    ...items('EntryPoints').map((e) => `${codeUri}${e}`),
    '--bundle',
    '--platform=node',
    `--outdir=build`,
    `--format=${scalar('Format')}`,
    `--target=${scalar('Target')}`,
    ...(scalar('Minify') === 'true' ? ['--minify'] : []),
    ...items('External').map((e) => `--external:${e}`),
  ];
  await run('npx', ['esbuild', ...args, '--log-level=error'], { cwd: dir });
  expect(/Handler: (.+)$/m.exec(yaml)?.[1]).toBe('handler.handler');
  return `${dir}build/handler.js`;
};

const RECIPES: Record<string, Recipe> = { esbuild: cli, cdk, sam };

/**
 * Imports a bundle in a fresh process with a Lambda-like environment pointing at the emulator,
 * reports the SDK clients loaded after the import, then runs `call` (a function body with
 * `handler` in scope) and reports its value.
 */
async function invoke(bundle: string, call: string) {
  const script = `
    import { createRequire } from 'node:module';
    const cache = createRequire(import.meta.url).cache;
    const clients = () => Object.keys(cache).filter((p) => p.includes('@aws-sdk/client-'));
    const mod = await import(${JSON.stringify(bundle)});
    const handler = mod.handler ?? mod.default?.handler;
    const atImport = clients().length;
    const value = await (async () => { ${call} })();
    console.log(JSON.stringify({ atImport, value }));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      ...process.env,
      AWS_ENDPOINT_URL: emu.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'example',
    },
  });
  return JSON.parse(stdout) as { atImport: number; value: unknown };
}

describe.each(Object.entries(RECIPES))('docs/lambda.md %s recipe', (name, recipe) => {
  it('bundles examples/lambda-detect-language.ts; the handler answers, no SDK client at import', async () => {
    const dir = `${work}${name}-detect/`;
    await rm(dir, { recursive: true, force: true });
    await mkdir(`${dir}src`, { recursive: true });
    await copyFile(`${root}examples/lambda-detect-language.ts`, `${dir}src/handler.ts`);
    const bundle = await recipe(dir);
    const out = await invoke(
      bundle,
      `return handler({ body: JSON.stringify({ reviews: ['I loved this hotel', "C'était parfait, merci"] }) });`,
    );
    expect(out.atImport).toBe(0);
    expect(out.value).toEqual({ statusCode: 200, body: '["en","fr"]' });
  });

  it('bundles examples/lambda-synthesize.ts; the handler returns Polly audio, no SDK client at import', async () => {
    const dir = `${work}${name}-synthesize/`;
    await rm(dir, { recursive: true, force: true });
    await mkdir(`${dir}src`, { recursive: true });
    await copyFile(`${root}examples/lambda-synthesize.ts`, `${dir}src/handler.ts`);
    const bundle = await recipe(dir);
    // Only Polly's code: the Speech class would also bring Transcribe, Transcribe Streaming and S3.
    expect(await readFile(bundle, 'utf8')).not.toMatch(/client-transcribe|client-s3/);
    const out = await invoke(
      bundle,
      `const ok = await handler({ body: JSON.stringify({ text: 'Your order has shipped.' }) });
       const bad = await handler({ body: JSON.stringify({ text: '  ' }) });
       return { ok: { ...ok, body: Buffer.from(ok.body, 'base64').length }, bad: bad.statusCode };`,
    );
    expect(out.atImport).toBe(0);
    const value = out.value as {
      ok: { statusCode: number; headers: unknown; body: number };
      bad: number;
    };
    expect(value.ok.statusCode).toBe(200);
    expect(value.ok.headers).toEqual({ 'content-type': 'audio/mpeg' });
    expect(value.ok.body).toBeGreaterThan(1000);
    expect(value.bad).toBe(400);
  });

  it('bundles examples/lambda-stream.ts; the handler streams the answer into a response stream', async () => {
    const dir = `${work}${name}-stream/`;
    await rm(dir, { recursive: true, force: true });
    await mkdir(`${dir}src`, { recursive: true });
    await copyFile(`${root}examples/lambda-stream.ts`, `${dir}src/handler.ts`);
    const bundle = await recipe(dir);
    const out = await invoke(
      bundle,
      `const { Writable } = await import('node:stream');
       const chunks = [];
       let ended = false;
       const response = new Writable({
         write(chunk, _enc, done) { chunks.push(String(chunk)); done(); },
         final(done) { ended = true; done(); },
       });
       await handler({ body: 'Say hello' }, response);
       return { text: chunks.join(''), writes: chunks.length, ended };`,
    );
    expect(out.atImport).toBe(0);
    const value = out.value as { text: string; writes: number; ended: boolean };
    expect(value.text).toContain('Say hello');
    expect(value.ended).toBe(true);
  });
});
