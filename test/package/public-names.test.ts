import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, expect, it } from 'vitest';

// Every name each entry point exports (read from the sources with the compiler) is imported by name
// from the built package (`npm test` builds first), in an ES module and in a CommonJS one, and the
// files must compile: a name lost from the emitted declarations fails here with TS2305.
const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
};
const subpaths = Object.keys(pkg.exports)
  .filter((key) => key !== './package.json')
  .map((key) => ({
    specifier: key === '.' ? 'aws-ai' : `aws-ai/${key.slice(2)}`,
    source: join(root, key === '.' ? 'src/index.ts' : `src/${key.slice(2)}/index.ts`),
  }));
// Inside the package, so `aws-ai/...` resolves through its own exports map (self-reference).
const dir = join(root, 'test/package/.public-names');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function exportedNames(): Map<string, string[]> {
  const program = ts.createProgram(
    subpaths.map((s) => s.source),
    {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      strict: true,
      skipLibCheck: true,
      noEmit: true,
    },
  );
  const checker = program.getTypeChecker();
  const names = new Map<string, string[]>();
  for (const { specifier, source } of subpaths) {
    const file = program.getSourceFile(source);
    const symbol = file && checker.getSymbolAtLocation(file);
    if (!symbol) throw new Error(`no module symbol for ${source}`);
    names.set(
      specifier,
      checker
        .getExportsOfModule(symbol)
        .map((s) => s.name)
        .sort(),
    );
  }
  return names;
}

it('each subpath exports what the built declarations let you import, ESM and CJS', () => {
  expect(existsSync(join(root, 'dist/index.d.ts')), 'run `npm run build` first').toBe(true);
  const names = exportedNames();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const lines = [...names].map(
    ([specifier, list], i) =>
      `import { ${list.map((n) => `type ${n} as _${i}_${n}`).join(', ')} } from '${specifier}';`,
  );
  writeFileSync(join(dir, 'esm.mts'), `${lines.join('\n')}\nexport {};\n`);
  writeFileSync(join(dir, 'cjs.cts'), `${lines.join('\n')}\nexport {};\n`);
  for (const list of names.values()) expect(list.length).toBeGreaterThan(0);

  let output = '';
  try {
    execFileSync(
      process.execPath,
      [
        'node_modules/typescript/bin/tsc',
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--types',
        'node',
        join(dir, 'esm.mts'),
        join(dir, 'cjs.cts'),
      ],
      { cwd: root, encoding: 'utf8', stdio: 'pipe' },
    );
  } catch (err) {
    output = String((err as { stdout?: string }).stdout ?? err);
  }
  expect(output).toBe('');
}, 120_000);
