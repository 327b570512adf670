import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// `npm run docs` builds the API reference from the TSDoc (typedoc.config.mjs). This runs the same
// configuration without writing the site. typedoc treats its warnings as errors there, so this fails
// on an export, method or accessor without a comment, a {@link} that resolves to nothing, and a type
// that a public signature references but no entry point exports (the TS2305 a user would hit).
const root = fileURLToPath(new URL('../..', import.meta.url));

it('the API reference builds with 0 warnings', () => {
  let output = '';
  try {
    output = execFileSync(
      process.execPath,
      ['node_modules/typedoc/bin/typedoc', '--emit', 'none', '--logLevel', 'Warn'],
      { cwd: root, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, NO_COLOR: '1' } },
    );
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    output = `${stdout ?? ''}${stderr ?? ''}`;
  }
  const warnings = output
    .split('\n')
    .filter((line) => /\[(warning|error)\]/.test(line) && !/Found \d+ errors/.test(line));
  expect(warnings).toEqual([]);
}, 120_000);
