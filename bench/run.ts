import { batcher } from './batcher';
import { corpus } from './corpus';
import { generativeStream } from './generative-stream';
import { runBenchmarks } from './harness';
import { importCost } from './import-cost';
import { lambda } from './lambda';
import { splitTextBench } from './split-text';
import { tensorStack } from './tensor-stack';
import { textBulk } from './text-bulk';
import { textractParse } from './textract-parse';

// Benchmarks by name; `npm run bench -- import-cost` runs only the named ones.
const all = [
  importCost,
  lambda,
  splitTextBench,
  tensorStack,
  textractParse,
  textBulk,
  batcher,
  corpus,
  generativeStream,
];
const wanted = process.argv.slice(2);
const selected = wanted.length ? all.filter((b) => wanted.includes(b.name)) : all;
await runBenchmarks(selected);
