import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// These tests check the built package (`npm test` builds before running vitest), through the
// package's own name, exactly as a user resolves it.
const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as {
  version: string;
  exports: Record<string, unknown>;
};
const subpaths = Object.keys(pkg.exports)
  .filter((key) => key !== './package.json')
  .map((key) => (key === '.' ? 'aws-ai' : `aws-ai/${key.slice(2)}`));

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
}

describe('built package (run `npm run build` first)', () => {
  it('exports every subpath the design names', () => {
    expect(subpaths.sort()).toEqual(
      [
        'aws-ai',
        'aws-ai/documents',
        'aws-ai/endpoints',
        'aws-ai/generative',
        'aws-ai/knowledge',
        'aws-ai/agents',
        'aws-ai/medical',
        'aws-ai/recommendations',
        'aws-ai/conversation',
        'aws-ai/speech',
        'aws-ai/tensor',
        'aws-ai/testing',
        'aws-ai/text',
        'aws-ai/vision',
      ].sort(),
    );
  });

  it.each(subpaths)('require(%s) and import(%s) both work and agree', (specifier) => {
    const script = (kind: 'cjs' | 'esm') =>
      kind === 'cjs'
        ? `console.log(Object.keys(require(${JSON.stringify(specifier)})).sort().join(','))`
        : `console.log(Object.keys(await import(${JSON.stringify(specifier)})).filter(k => k !== 'default').sort().join(','))`;
    const cjs = node(['-e', script('cjs')]).trim();
    const esm = node(['--input-type=module', '-e', script('esm')]).trim();
    expect(cjs.length).toBeGreaterThan(0);
    expect(esm).toBe(cjs);
  });

  it('loads no AWS SDK client when aws-ai is imported', () => {
    const loaded = node([
      '-e',
      `require('aws-ai'); new (require('aws-ai').AwsAI)({ region: 'us-east-1' }).text;
       console.log(Object.keys(require.cache).filter(p => p.includes('@aws-sdk/client-')).length)`,
    ]);
    expect(Number(loaded)).toBe(0);
  });

  it('shares one copy of the error classes between subpaths (CJS chunks)', () => {
    const same = node([
      '-e',
      `console.log(require('aws-ai').ValidationError === require('aws-ai/text').ValidationError)`,
    ]);
    expect(same.trim()).toBe('true');
  });

  it('keeps VERSION in step with package.json', async () => {
    const { VERSION } = await import('../../src/version');
    expect(VERSION).toBe(pkg.version);
  });
});
