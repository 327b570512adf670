// `npm run docs`: the API reference in docs/api/ (gitignored), one section per subpath export.
// test/package/api-docs.test.ts runs the same configuration with `--emit none` and fails on any
// warning: an undocumented export or method, a broken {@link}, or a type that a public signature
// uses but no entry point exports.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const entryPoints = Object.keys(pkg.exports)
  .filter((key) => key !== './package.json')
  .map((key) => (key === '.' ? 'src/index.ts' : `src/${key.slice(2)}/index.ts`));

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'aws-ai',
  entryPoints,
  out: 'docs/api',
  tsconfig: 'tsconfig.typedoc.json',
  readme: 'none',
  excludeInternal: true,
  excludePrivate: true,
  excludeProtected: true,
  excludeExternals: true,
  disableSources: true,
  // `npm run typecheck` type-checks; the reference builds while a sibling file is mid-edit.
  skipErrorChecking: true,
  validation: { notExported: true, invalidLink: true, notDocumented: true },
  // Every export, method and accessor needs a comment; members of option and result types are
  // documented where they need it (see docs/releasing.md), not required one by one.
  requiredToBeDocumented: [
    'Enum',
    'Variable',
    'Function',
    'Class',
    'Interface',
    'TypeAlias',
    'Method',
    'Accessor',
  ],
  treatWarningsAsErrors: true,
};
