import { readFileSync } from 'node:fs';

/**
 * The JSON response of an AWS CLI doc example under `test/fixtures/aws/` (see its SOURCES.md): the
 * block indented by 4 spaces after the line `Output::`. `repair` fixes known upstream typos first.
 */
export function cliFixture<T>(path: string, repair: (json: string) => string = (j) => j): T {
  const rst = readFileSync(new URL(`../fixtures/aws/${path}`, import.meta.url), 'utf8');
  const block = (rst.split('Output::')[1] ?? '')
    .split('\n')
    .filter((line) => line.startsWith('    '))
    .map((line) => line.slice(4))
    .join('\n');
  return JSON.parse(repair(block)) as T;
}
