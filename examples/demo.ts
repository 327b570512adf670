/**
 * `npm run demo`: the tour of all six modules, then every example program, each against its own
 * local emulator (answers are emulated, no AWS account needed).
 * `npm run demo -- --live` runs only the tour, against real AWS (see examples/tour.ts).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const live = process.argv.includes('--live');

function run(file: string, args: string[] = []): void {
  execFileSync(process.execPath, ['--import', 'tsx', `${here}${file}`, ...args], {
    stdio: 'inherit',
  });
}

run('tour.ts', live ? ['--live'] : []);
if (!live) {
  const examples = readdirSync(here)
    .filter((f) => f.endsWith('.ts') && !['demo.ts', 'tour.ts'].includes(f))
    .sort();
  for (const file of examples) {
    console.log(`\n${'═'.repeat(100)}\nexamples/${file}\n${'═'.repeat(100)}`);
    run(file);
  }
  console.log(`\nRan the tour and ${examples.length} examples against the emulator.`);
}
