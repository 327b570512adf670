import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { importCircles, relativeImports } from './import-graph';

// Import circles make load order matter and defeat lazy loading and tree shaking. Counted as madge
// and dpdm count them: type-only imports and dynamic `import()`s included, so a circle closed by a
// type or by a lazily loaded implementation file fails too.
const src = fileURLToPath(new URL('../../src', import.meta.url));

const key = (circle: readonly string[]) => circle.join(' ↔ ');

it('src has no import circles, type-only and dynamic imports counted', () => {
  // The two known circles (generative json-schema ↔ schema, and impl ↔ object-stream) are gone:
  // none is allowed any more.
  expect(importCircles(src, true).map(key)).toEqual([]);
});

it('src has no import circles at run time', () => {
  expect(importCircles(src, false).map(key)).toEqual([]);
});

// Layering: config sits below core (core reads the resolved config), so config imports nothing from
// core/, by any path, type-only and dynamic imports counted. The error tree it throws from
// (src/errors.ts, src/redact.ts) sits below both and imports nothing of either.
/** Every file `file` imports, directly or not, as paths relative to src. */
function closure(file: string): string[] {
  const seen = new Set<string>();
  const visit = (f: string): void => {
    for (const target of relativeImports(f, true)) {
      if (seen.has(target)) continue;
      seen.add(target);
      visit(target);
    }
  };
  visit(file);
  return [...seen].map((f) => relative(src, f)).sort();
}

it('config imports nothing from core, and the error tree nothing from config or core', () => {
  expect(closure(join(src, 'config.ts')).filter((f) => f.startsWith('core/'))).toEqual([]);
  expect(closure(join(src, 'errors.ts'))).toEqual(['redact.ts']);
  expect(closure(join(src, 'redact.ts'))).toEqual([]);
});
