import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Benchmark, median } from './harness';

const root = fileURLToPath(new URL('..', import.meta.url));

const RAW_CLIENTS = [
  '@aws-sdk/client-comprehend',
  '@aws-sdk/client-translate',
  '@aws-sdk/client-rekognition',
  '@aws-sdk/client-polly',
  '@aws-sdk/client-transcribe',
  '@aws-sdk/client-transcribe-streaming',
  '@aws-sdk/client-textract',
  '@aws-sdk/client-bedrock-runtime',
  '@aws-sdk/client-sagemaker-runtime',
  '@aws-sdk/client-s3',
];

const probe = fileURLToPath(new URL('./import-probe.mjs', import.meta.url));

/**
 * Milliseconds one fresh Node process spends in the given imports, timed inside an ES module file
 * (process start and the ESM loader's own start-up excluded: an app's entry file pays those before
 * it imports anything). `aws-ai` resolves to the built package through its own `exports`.
 */
function timeImport(specifiers: string[]): number {
  const out = execFileSync(process.execPath, [probe, ...specifiers], { cwd: root });
  return Number(out.toString());
}

const RUNS = 9;

/** Cost of `import('aws-ai')` against importing the ten raw SDK clients, in the same run. */
export const importCost: Benchmark = {
  name: 'import-cost',
  async run() {
    const cases: Record<string, string[]> = {
      'ten raw SDK clients (baseline)': RAW_CLIENTS,
      "import('aws-ai')": ['aws-ai'],
      "import('aws-ai/text')": ['aws-ai/text'],
      "import('aws-ai/generative')": ['aws-ai/generative'],
    };
    const samples: Record<string, number[]> = Object.fromEntries(
      Object.keys(cases).map((k) => [k, []]),
    );
    // Interleave the cases so that machine noise hits all of them alike.
    for (let i = 0; i < RUNS; i++) {
      for (const [name, specifiers] of Object.entries(cases))
        samples[name]?.push(timeImport(specifiers));
    }
    const baseline = median(samples['ten raw SDK clients (baseline)'] ?? []);
    const rows = Object.keys(cases).map((name) => {
      const ms = median(samples[name] ?? []);
      return { name, 'median ms': ms.toFixed(2), 'ratio to baseline': (ms / baseline).toFixed(3) };
    });
    const ratio = median(samples["import('aws-ai')"] ?? []) / baseline;
    return {
      name: 'import-cost',
      description: `Median of ${RUNS} fresh Node ${process.version} processes each; time spent in the import only, timed in an ES module file (bench/import-probe.mjs) as an app's entry file would import.`,
      rows,
      goal: "import('aws-ai') below 0.1 of the ten raw clients",
      met: ratio < 0.1,
    };
  },
};
