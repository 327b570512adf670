/**
 * One long ConverseStream (2,000 text deltas, then a tool call whose input arrives in 5 partial
 * deltas) read to the end by: the raw AWS SDK `ConverseStreamCommand` loop, `ai.generative.stream`,
 * and the Vercel AI SDK's `streamText` with `@ai-sdk/amazon-bedrock`, all against the same
 * emulator. Each client on its default transport (the AWS SDK: HTTP/2; Vercel: fetch, HTTP/1.1)
 * and on equal transport (the AWS SDK clients given an HTTP/1.1 request handler). Rounds are
 * interleaved; medians per stream.
 */
import { createAmazonBedrock } from '@ai-sdk/amazon-bedrock';
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { jsonSchema, streamText, tool } from 'ai';
import { AwsAI } from '../src/index';
import { type Emulator, startEmulator } from '../src/testing/index';
import { type Benchmark, type BenchRow, median } from './harness';

const DELTAS = 2_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const MODEL = 'amazon.nova-lite-v1:0';

function events(): unknown[] {
  const list: unknown[] = [{ messageStart: { role: 'assistant' } }];
  for (let i = 0; i < DELTAS; i += 1) {
    list.push({ contentBlockDelta: { contentBlockIndex: 0, delta: { text: `w${i} ` } } });
  }
  list.push({ contentBlockStop: { contentBlockIndex: 0 } });
  list.push({
    contentBlockStart: {
      contentBlockIndex: 1,
      start: { toolUse: { toolUseId: 't1', name: 'lookup' } },
    },
  });
  for (const input of ['', '{"ci', 'ty":', ' "Par', 'is"}']) {
    list.push({ contentBlockDelta: { contentBlockIndex: 1, delta: { toolUse: { input } } } });
  }
  list.push({ contentBlockStop: { contentBlockIndex: 1 } });
  list.push({ messageStop: { stopReason: 'tool_use' } });
  list.push({
    metadata: {
      usage: { inputTokens: 5, outputTokens: DELTAS, totalTokens: DELTAS + 5 },
      metrics: { latencyMs: 1 },
    },
  });
  return list;
}

type Reader = () => Promise<number>;

function readers(emu: Emulator): Record<string, Reader> {
  const request = {
    modelId: MODEL,
    messages: [
      { role: 'user' as const, content: [{ text: 'Tell me a long story, then look up Paris' }] },
    ],
    toolConfig: {
      tools: [{ toolSpec: { name: 'lookup', inputSchema: { json: { type: 'object' } } } }],
    },
  };
  const h2 = new BedrockRuntimeClient({ ...emu.config, maxAttempts: 1 });
  const h1 = new BedrockRuntimeClient({
    ...emu.config,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler(),
  });
  const raw = (client: BedrockRuntimeClient) => async () => {
    const out = await client.send(new ConverseStreamCommand(request));
    let n = 0;
    for await (const _ of out.stream ?? []) n += 1;
    return n;
  };
  const tools = { lookup: { input: { type: 'object' } } };
  const ours = (ai: AwsAI) => async () => {
    let n = 0;
    for await (const _ of ai.generative.stream({
      model: MODEL,
      prompt: 'Tell me a long story',
      tools,
    }))
      n += 1;
    return n;
  };
  const aiH2 = new AwsAI(emu.config);
  const aiH1 = new AwsAI({ ...emu.config, clients: { 'bedrock-runtime': h1 } });
  const bedrock = createAmazonBedrock({
    region: emu.config.region,
    accessKeyId: emu.config.credentials.accessKeyId,
    secretAccessKey: emu.config.credentials.secretAccessKey,
    baseURL: emu.endpoint,
  });
  const vercel = async () => {
    const result = streamText({
      model: bedrock(MODEL),
      prompt: 'Tell me a long story',
      tools: { lookup: tool({ inputSchema: jsonSchema({ type: 'object' }) }) },
      maxRetries: 0,
    });
    let n = 0;
    for await (const _ of result.fullStream) n += 1;
    return n;
  };
  return {
    'raw SDK, HTTP/2 (default)': raw(h2),
    'ai.generative.stream, HTTP/2 (default)': ours(aiH2),
    'raw SDK, HTTP/1.1': raw(h1),
    'ai.generative.stream, HTTP/1.1': ours(aiH1),
    'Vercel streamText, fetch HTTP/1.1 (default)': vercel,
  };
}

/** Median ms per stream for each reader, rounds interleaved. @internal */
export async function measureStreams(
  rounds = ROUNDS,
): Promise<Record<string, { ms: number; cpuMs: number; events: number }>> {
  const emu = await startEmulator({ recordCalls: false });
  const list = events();
  emu.handle('bedrock-runtime', 'ConverseStream', () =>
    (async function* () {
      yield* list;
    })(),
  );
  try {
    const all = readers(emu);
    const samples: Record<string, number[]> = Object.fromEntries(
      Object.keys(all).map((k) => [k, []]),
    );
    const cpu: Record<string, number[]> = Object.fromEntries(Object.keys(all).map((k) => [k, []]));
    const counts: Record<string, number> = {};
    for (const [name, read] of Object.entries(all)) counts[name] = await read(); // warm-up
    for (let r = 0; r < rounds; r += 1) {
      for (const [name, read] of Object.entries(all)) {
        const start = performance.now();
        const used = process.cpuUsage();
        await read();
        samples[name]?.push(performance.now() - start);
        const spent = process.cpuUsage(used);
        // CPU time of the process (client and emulator; the emulator's share is the same stream
        // for every reader): steadier than wall time on a loaded machine.
        cpu[name]?.push((spent.user + spent.system) / 1000);
      }
    }
    return Object.fromEntries(
      Object.entries(samples).map(([name, s]) => [
        name,
        { ms: median(s), cpuMs: median(cpu[name] ?? []), events: counts[name] ?? 0 },
      ]),
    );
  } finally {
    await emu.close();
  }
}

export const generativeStream: Benchmark = {
  name: 'generative-stream',
  async run() {
    const figures = await measureStreams();
    const rawH2 = figures['raw SDK, HTTP/2 (default)']?.ms ?? Number.NaN;
    const rawH1 = figures['raw SDK, HTTP/1.1']?.ms ?? Number.NaN;
    const vercel = figures['Vercel streamText, fetch HTTP/1.1 (default)']?.ms ?? Number.NaN;
    const oursH2 = figures['ai.generative.stream, HTTP/2 (default)']?.ms ?? Number.NaN;
    const oursH1 = figures['ai.generative.stream, HTTP/1.1']?.ms ?? Number.NaN;
    const cpuOf = (name: string) => figures[name]?.cpuMs ?? Number.NaN;
    const rows: BenchRow[] = Object.entries(figures).map(([name, { ms, cpuMs, events }]) => {
      const rawSame = name.includes('HTTP/2') ? rawH2 : rawH1;
      return {
        name,
        'ms per stream (median)': Number(ms.toFixed(1)),
        'CPU ms per stream (median)': Number(cpuMs.toFixed(1)),
        'CPU vs raw SDK, same transport': name.startsWith('Vercel')
          ? '-'
          : Number(
              (
                cpuOf(name.includes('HTTP/2') ? 'raw SDK, HTTP/2 (default)' : 'raw SDK, HTTP/1.1') /
                cpuMs
              ).toFixed(2),
            ),
        'events read': events,
        'text deltas per s': Math.round((DELTAS / ms) * 1000),
        'speed vs raw SDK, same transport': name.startsWith('Vercel')
          ? '-'
          : Number((rawSame / ms).toFixed(2)),
        'speed vs Vercel': Number((vercel / ms).toFixed(2)),
      };
    });
    const goalRaw = rawH2 / oursH2 >= 0.97 && rawH1 / oursH1 >= 0.97;
    const goalVercel = vercel / oursH2 >= 1.2;
    return {
      name: 'generative-stream',
      description: `One ConverseStream of ${DELTAS} text deltas and a tool call (5 input deltas) read to the end, against the emulator; ${ROUNDS} interleaved rounds after a warm-up, medians.`,
      rows,
      goal: '>= 0.97x the raw SDK on the same transport; >= 1.2x Vercel streamText on default transports',
      met: goalRaw && goalVercel,
    };
  },
};

// `npx tsx bench/generative-stream.ts` prints the figures without the harness.
if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await measureStreams();
  console.table(figures);
}
