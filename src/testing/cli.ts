#!/usr/bin/env node
// `aws-ai-emulator`: the emulator of `aws-ai/testing` as a process, for other languages' SDKs, the
// AWS CLI and docker-compose setups. Nothing here runs on import except `main()` below: this file
// is only ever the program, never a library entry.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startEmulator } from './emulator';
import type { FaultKind, FaultRule } from './types';

const FAULT_KINDS: readonly FaultKind[] = [
  'throttle',
  'server-error',
  'reset',
  'delay',
  'malformed',
  'stream-error',
];

/** Every flag; `--help` prints each one's line, and a test checks that none is left out. */
const FLAGS = {
  port: {
    type: 'string',
    short: 'p',
    help: 'port to listen on; 0 picks a free one (default 4566)',
  },
  host: {
    type: 'string',
    help: 'address to listen on (default 127.0.0.1, loopback only; 0.0.0.0 in a container)',
  },
  seed: {
    type: 'string',
    help: 'seed of the PRNG that picks the requests a fault `rate` hits (default 24301)',
  },
  faults: {
    type: 'string',
    help: 'JSON file with fault rules: an array, or { "faults": [...] } (see docs/testing.md)',
  },
  help: { type: 'boolean', short: 'h', help: 'print this help and exit' },
} as const;

const USAGE = `Usage: aws-ai-emulator [options]

Runs the aws-ai emulator of the AWS AI services (Comprehend, Translate, Rekognition, Polly,
Textract, Transcribe and Transcribe Streaming, Bedrock Runtime, SageMaker Runtime, S3) until
SIGINT (Ctrl-C) or SIGTERM. Prints its endpoint on the first line of stdout. Answers are canned
and deterministic; any credentials are accepted.

Options:
${Object.entries(FLAGS)
  .map(([name, flag]) => {
    const short = 'short' in flag ? `-${flag.short}, ` : '    ';
    const value = flag.type === 'string' ? ` <${name === 'faults' ? 'file' : name}>` : '';
    return `  ${short}--${name}${value}`.padEnd(26) + flag.help;
  })
  .join('\n')}

Example:
  aws-ai-emulator --port 4566 &
  aws comprehend detect-dominant-language --text "Bonjour" \\
    --endpoint-url http://127.0.0.1:4566 --region us-east-1
`;

class UsageError extends Error {}

function integer(name: string, text: string, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new UsageError(`--${name} must be an integer from 0 to ${max}, got '${text}'`);
  }
  return value;
}

/** Reads and checks a faults file: every rule needs a known `kind`. */
async function readFaults(path: string): Promise<FaultRule[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`--faults ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const rules =
    parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && 'faults' in parsed
      ? parsed.faults
      : parsed;
  if (!Array.isArray(rules)) {
    throw new UsageError(
      `--faults ${path}: expected an array of fault rules or { "faults": [...] }`,
    );
  }
  return rules.map((rule: unknown, i) => {
    const kind = (rule as { kind?: unknown } | null)?.kind;
    if (typeof rule !== 'object' || rule === null || !FAULT_KINDS.includes(kind as FaultKind)) {
      throw new UsageError(
        `--faults ${path}: rule ${i} needs a kind (${FAULT_KINDS.join(', ')}), got ${JSON.stringify(kind)}`,
      );
    }
    return rule as FaultRule;
  });
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: FLAGS,
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const port = values.port === undefined ? 4566 : integer('port', values.port, 65_535);
  const seed = values.seed === undefined ? undefined : integer('seed', values.seed, 0xffff_ffff);
  const faults = values.faults === undefined ? [] : await readFaults(values.faults);

  const emu = await startEmulator({
    port,
    host: values.host ?? '127.0.0.1',
    ...(seed === undefined ? {} : { seed }),
  });
  // `reset()` forgets faults; the file's rules are the process's baseline, so add them once here.
  try {
    for (const rule of faults) emu.fault(rule);
  } catch (err) {
    await emu.close();
    throw new UsageError(`--faults: ${err instanceof Error ? err.message : String(err)}`);
  }

  process.stdout.write(`${emu.endpoint}\n`);
  process.stderr.write(
    `aws-ai-emulator listening on ${emu.endpoint}` +
      `${faults.length > 0 ? ` with ${faults.length} fault rule(s)` : ''}; Ctrl-C stops it\n`,
  );

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        // A second signal while closing: stop now.
        resolve(130);
        return;
      }
      stopping = true;
      process.stderr.write(`aws-ai-emulator: ${signal}, stopping\n`);
      emu.close().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const code = String((err as { code?: unknown } | null)?.code ?? '');
    // Bad flags exit 2 (as getopt tools do); anything else, a busy port among them, exits 1.
    const usage = err instanceof UsageError || code.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(
      `aws-ai-emulator: ${err instanceof Error ? err.message : String(err)}\n` +
        (usage ? 'Run aws-ai-emulator --help for the options.\n' : ''),
    );
    process.exit(usage ? 2 : 1);
  },
);
