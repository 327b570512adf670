import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { splitText, type TextChunk, utf8ByteLength } from '../src/core/chunking';
import { AwsAI, BatchError, BatchItemError } from '../src/index';
import { type Emulator, startEmulator } from '../src/testing/index';
import { createPrng } from '../src/testing/prng';
import { createComprehendService } from '../src/testing/services/comprehend';
import {
  detectEntities as emulatedEntities,
  detectSentiment as emulatedSentiment,
} from '../src/testing/services/comprehend-analysis';
import { detectLanguage as emulatedLanguage } from '../src/testing/services/comprehend-language';
import { combineSentiment } from '../src/text/sentiment';
import type { TextEntity, TextSentimentResult } from '../src/text/types';
import type { Benchmark, BenchRow } from './harness';

const DOCS = 10_000;
/** Entities run on the first documents only: 10,000 would add ~18 CPU-bound seconds (~75 entities per document). */
const ENTITY_DOCS = 2_000;
const MIN_BYTES = 200;
const MAX_BYTES = 8_000;
const SEED = 0x7e47;
/** Accepted calls per second per operation; above it the emulator answers ThrottlingException. */
const RATE = 40;
/** Token bucket size: calls accepted back to back after an idle spell. */
const BURST = 10;
/** Comprehend Batch* limits (aws-limits §1): the floor every plan is measured against. */
const BATCH_DOCS = 25;
const BATCH_DOC_BYTES = 5_000;

// ---------------------------------------------------------------------------------------------
// Corpus: deterministic, mixed scripts (Latin with combining marks, Japanese, Chinese, emoji).

const EN_WORDS =
  'the room was clean and the staff were friendly but breakfast came late our flight landed early we walked along the river every evening'.split(
    ' ',
  );
const EN_MOOD = ['good', 'great', 'lovely', 'bad', 'terrible', 'cold', 'wonderful', 'awful'];
const NAMES = ['Paris', 'Seattle', 'Maria Lopez', 'Acme Corp', 'Tokyo', 'John Smith', 'Berlin'];
const ES_WORDS =
  'el hotel es muy bonito pero la comida que pedimos llegó fría y el personal está siempre para ayudar con una sonrisa'.split(
    ' ',
  );
const JA = [
  'ホテルの部屋はとても綺麗でした',
  '東京駅から歩いて十分です',
  '朝食は少し遅れて届きました',
  'スタッフの皆さんは親切でした',
  '京都の夜景が素晴らしかった',
];
const ZH = [
  '这家酒店的房间非常干净',
  '我们在北京住了三个晚上',
  '早餐的种类很多味道也不错',
  '服务员的态度十分友好',
  '交通方便离地铁站很近',
];
/** Astral emoji, a flag, a ZWJ family and a heart with a variation selector. */
const EMOJI = ['😀', '👍', '🎉', '🚀', '🇯🇵', '👨‍👩‍👧', '❤️', '🍣', '🌧️'];
/** Latin words spelled with combining marks (e + U+0301, n + U+0303). */
const COMBINING = ['cafe\u0301', 'jalapen\u0303o', 'cre\u0300me', 'nai\u0308ve'];

type Lang = 'en' | 'es' | 'ja' | 'zh';

function corpus(count: number, seed: number): string[] {
  const random = createPrng(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  const latin = (words: readonly string[]) => {
    const n = 6 + int(14);
    const parts = Array.from({ length: n }, () => {
      const r = random();
      if (r < 0.08) return pick(EN_MOOD);
      if (r < 0.13) return pick(NAMES);
      if (r < 0.17) return pick(EMOJI);
      if (r < 0.2) return pick(COMBINING);
      if (r < 0.23) return String(int(5000));
      return pick(words);
    });
    const sentence = parts.join(' ');
    return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}${pick(['.', '!', '?'])} `;
  };
  const cjk = (phrases: readonly string[]) =>
    `${pick(phrases)}${random() < 0.3 ? pick(EMOJI) : ''}${pick(phrases)}。`;
  const sentence: Record<Lang, () => string> = {
    en: () => latin(EN_WORDS),
    es: () => latin(ES_WORDS),
    ja: () => cjk(JA),
    zh: () => cjk(ZH),
  };
  return Array.from({ length: count }, () => {
    const r = random();
    const lang: Lang = r < 0.45 ? 'en' : r < 0.7 ? 'es' : r < 0.85 ? 'ja' : 'zh';
    const target = MIN_BYTES + int(MAX_BYTES - MIN_BYTES + 1);
    let text = '';
    let bytes = 0;
    let last = '';
    while (bytes < target) {
      text += last;
      last = sentence[lang]();
      bytes += utf8ByteLength(last);
    }
    // Cut the last sentence so the document lands on its drawn size (never inside a code point).
    let out = text;
    let size = utf8ByteLength(text);
    for (const point of last) {
      const n = utf8ByteLength(point);
      if (size + n > target) break;
      out += point;
      size += n;
    }
    return /\s$/u.test(out) ? `${out.trimEnd()}.` : out;
  });
}

// ---------------------------------------------------------------------------------------------
// Emulator: the default Comprehend answers behind one token bucket per operation, in its own
// process so that the client measured here has a core to itself.

/** Accepted and throttled calls per operation. */
export type OperationCounts = Record<string, { accepted: number; throttled: number }>;

/** What the emulator process reports: its counts so far and the CPU seconds it has used. */
interface ServerStats {
  counts: OperationCounts;
  cpuSeconds: number;
}

/**
 * Starts an emulator whose Comprehend operations each sit behind a token bucket of `rate` calls/s
 * and `burst` tokens; calls that find the bucket empty get `ThrottlingException`. Run in the child
 * process the benchmark spawns; `counts` are what the parent asks for over IPC.
 */
export async function serveThrottledComprehend(
  rate: number,
  burst: number,
): Promise<{ emu: Emulator; counts: OperationCounts }> {
  const emu = await startEmulator();
  const counts: OperationCounts = {};
  const { handlers } = createComprehendService();
  for (const [operation, answer] of Object.entries(handlers)) {
    const count = { accepted: 0, throttled: 0 };
    counts[operation] = count;
    let tokens = burst;
    let last = performance.now();
    emu.handle('comprehend', operation, (input, ctx) => {
      // The bench counts calls itself; the emulator's log would keep 100+ MB of request text.
      (emu.calls as unknown[]).length = 0;
      const now = performance.now();
      tokens = Math.min(burst, tokens + ((now - last) / 1000) * rate);
      last = now;
      if (tokens < 1) {
        count.throttled++;
        throw emu.error('ThrottlingException', 'Rate exceeded', 400);
      }
      tokens -= 1;
      count.accepted++;
      return answer(input, ctx);
    });
  }
  return { emu, counts };
}

const SERVER = `
const { serveThrottledComprehend } = await import(${JSON.stringify(import.meta.url)});
const { emu, counts } = await serveThrottledComprehend(${RATE}, ${BURST});
process.on('message', () => {
  const cpu = process.cpuUsage();
  process.send({ counts, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
});
process.on('disconnect', () => emu.close().then(() => process.exit(0)));
process.send({ endpoint: emu.endpoint });
`;

interface Server {
  endpoint: string;
  stats: () => Promise<ServerStats>;
  stop: () => void;
}

async function startServer(): Promise<Server> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SERVER], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      child.once('message', (m) => resolve(m as T));
      child.once('exit', (code) => reject(new Error(`emulator process exited with ${code}`)));
    });
  const { endpoint } = await next<{ endpoint: string }>();
  return {
    endpoint,
    stats: () => {
      const reply = next<ServerStats>();
      child.send('stats');
      return reply;
    },
    stop: () => {
      child.disconnect();
      child.kill();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The floor: what the fewest possible calls would carry, planned with the facade's own splitter.

interface Plan {
  /** Language each document is detected as (the emulator's detector on the facade's sample). */
  languages: string[];
  /** Pieces of each document, ≤5,000 bytes at sentence boundaries. */
  pieces: TextChunk[][];
  /** ceil(docs / 25): BatchDetectDominantLanguage. */
  detectCalls: number;
  /** Σ over languages of ceil(pieces / 25): one language per Batch call. */
  analysisCalls: number;
  /** ceil(Σ pieces / 25), ignoring languages. */
  analysisCallsAnyLanguage: number;
  totalPieces: number;
  totalBytes: number;
}

function plan(docs: readonly string[]): Plan {
  const pieces = docs.map((d) => splitText(d, BATCH_DOC_BYTES));
  const languages = pieces.map((p) => emulatedLanguage(p[0]?.text ?? ''));
  const perLanguage = new Map<string, number>();
  pieces.forEach((p, i) => {
    const lang = languages[i] as string;
    perLanguage.set(lang, (perLanguage.get(lang) ?? 0) + p.length);
  });
  const totalPieces = pieces.reduce((n, p) => n + p.length, 0);
  return {
    languages,
    pieces,
    detectCalls: Math.ceil(docs.length / BATCH_DOCS),
    analysisCalls: [...perLanguage.values()].reduce((n, k) => n + Math.ceil(k / BATCH_DOCS), 0),
    analysisCallsAnyLanguage: Math.ceil(totalPieces / BATCH_DOCS),
    totalPieces,
    totalBytes: docs.reduce((n, d) => n + utf8ByteLength(d), 0),
  };
}

/** The shortest time `calls` accepted calls take behind the bucket: the burst, then one per 1/RATE. */
function floorSeconds(calls: number): number {
  return Math.max(0, calls - BURST) / RATE;
}

// ---------------------------------------------------------------------------------------------
// Checks: every input has its own result at its own index.

function expectedSentiment(pieces: readonly TextChunk[]): string {
  const parts = pieces.map((p) => {
    const out = emulatedSentiment(p.text);
    const s = out.SentimentScore;
    return {
      label: out.Sentiment.toLowerCase(),
      scores: { positive: s.Positive, negative: s.Negative, neutral: s.Neutral, mixed: s.Mixed },
      bytes: utf8ByteLength(p.text),
    };
  });
  if (parts.length === 1) return parts[0]?.label ?? '';
  const scores = combineSentiment(parts as Parameters<typeof combineSentiment>[0]);
  const labels = ['positive', 'negative', 'neutral', 'mixed'] as const;
  return labels.reduce((best, l) => (scores[l] > scores[best] ? l : best), 'neutral');
}

interface Outcome<R> {
  results: Array<R | BatchItemError>;
  seconds: number;
  /** CPU seconds of this (client) process during the run. */
  cpuSeconds: number;
}

async function timed<R>(run: () => Promise<Array<R | BatchItemError>>): Promise<Outcome<R>> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let results: Array<R | BatchItemError>;
  try {
    results = await run();
  } catch (err) {
    // The default throws one BatchError carrying every result; keep them to count the losses.
    if (!(err instanceof BatchError)) throw err;
    results = err.results as Array<R | BatchItemError>;
  }
  const used = process.cpuUsage(cpu);
  return {
    results,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

/** Indices whose result is missing, an error, or not the answer for that index's own text. */
function wrongSentiments(
  docs: readonly string[],
  p: Plan,
  results: ReadonlyArray<TextSentimentResult | BatchItemError | undefined>,
) {
  let lost = 0;
  let misplaced = 0;
  const codes = new Map<string, number>();
  for (let i = 0; i < docs.length; i++) {
    const r = results[i];
    if (r === undefined || r instanceof BatchItemError) {
      lost++;
      const code = r?.code ?? 'missing';
      codes.set(code, (codes.get(code) ?? 0) + 1);
    } else if (
      r.language !== p.languages[i] ||
      r.sentiment !== expectedSentiment(p.pieces[i] as TextChunk[])
    )
      misplaced++;
  }
  const why = [...codes].map(([code, n]) => `${code} ×${n}`).join(', ');
  return { lost: lost + Math.max(0, docs.length - results.length), misplaced, why };
}

function wrongEntities(
  docs: readonly string[],
  p: Plan,
  results: ReadonlyArray<TextEntity[] | BatchItemError | undefined>,
) {
  let lost = 0;
  let misplaced = 0;
  let entities = 0;
  for (let i = 0; i < docs.length; i++) {
    const r = results[i];
    const doc = docs[i] as string;
    if (r === undefined || r instanceof BatchItemError) {
      lost++;
      continue;
    }
    entities += r.length;
    const expected = (p.pieces[i] as TextChunk[]).reduce(
      (n, piece) => n + emulatedEntities(piece.text).length,
      0,
    );
    const sliced = r.every((e) => doc.slice(e.start, e.end) === e.text);
    if (r.length !== expected || !sliced) misplaced++;
  }
  return { lost: lost + Math.max(0, docs.length - results.length), misplaced, entities };
}

// ---------------------------------------------------------------------------------------------

/**
 * 10,000 mixed-script documents through `ai.text.sentiment` (languages detected) and then
 * `ai.text.entities` (one call per detected language), against an emulator that throttles every
 * Comprehend operation above {@link RATE} calls/s: calls and time against their floors, throttled
 * attempts, and documents lost or answered at the wrong index.
 */
export const textBulk: Benchmark = {
  name: 'text-bulk',
  async run() {
    const docs = corpus(DOCS, SEED);
    const p = plan(docs);
    const sizes = docs.map(utf8ByteLength);
    const server = await startServer();
    try {
      // A user's default client: default retry policy and concurrency, no tuning for the bench.
      const ai = new AwsAI({
        region: 'us-east-1',
        endpoint: server.endpoint,
        credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
      });

      const emulatorStart = (await server.stats()).cpuSeconds;
      const sentiment = await timed(() => ai.text.sentiment(docs, { throwOnItemError: false }));
      const emulatorMid = (await server.stats()).cpuSeconds;
      const sent = wrongSentiments(docs, p, sentiment.results);

      // Entities with the languages the sentiment run detected (the expected one where it lost
      // the document, so that this phase is measured on its own): one array call per language.
      const entityDocs = docs.slice(0, ENTITY_DOCS);
      const pe = plan(entityDocs);
      const byLanguage = new Map<string, number[]>();
      entityDocs.forEach((_, i) => {
        const r = sentiment.results[i];
        const language =
          r === undefined || r instanceof BatchItemError ? pe.languages[i] : r.language;
        if (language !== undefined)
          byLanguage.set(language, [...(byLanguage.get(language) ?? []), i]);
      });
      const entities = await timed(async () => {
        const out = new Array<TextEntity[] | BatchItemError>(entityDocs.length);
        await Promise.all(
          [...byLanguage].map(async ([language, indices]) => {
            const got = await ai.text.entities(
              indices.map((i) => entityDocs[i] as string),
              { language, throwOnItemError: false },
            );
            got.forEach((r, k) => {
              out[indices[k] as number] = r;
            });
          }),
        );
        return out;
      });
      const ents = wrongEntities(entityDocs, pe, entities.results);

      const afterEntities = await server.stats();
      const { counts, cpuSeconds: emulatorAfter } = afterEntities;

      // The same sentiment run twice more on the same quota: backoff alone (adaptiveRate: false),
      // the baseline of this run; and two clients with nothing shared, each learning its own rate
      // on one quota (as two Lambdas or processes would).
      const sentimentOps = ['BatchDetectDominantLanguage', 'BatchDetectSentiment'];
      const phase = async (run: () => Promise<Array<TextSentimentResult | BatchItemError>>) => {
        const before = (await server.stats()).counts;
        await new Promise((r) => setTimeout(r, 1_000)); // the bucket refills its burst
        const out = await timed(run);
        const after = (await server.stats()).counts;
        const delta = (op: string, k: 'accepted' | 'throttled') =>
          (after[op]?.[k] ?? 0) - (before[op]?.[k] ?? 0);
        return {
          ...out,
          accepted: sentimentOps.reduce((n, op) => n + delta(op, 'accepted'), 0),
          throttled: sentimentOps.reduce((n, op) => n + delta(op, 'throttled'), 0),
          check: wrongSentiments(docs, p, out.results),
        };
      };
      const clientOf = (extra: { adaptiveRate?: boolean } = {}) =>
        new AwsAI({
          region: 'us-east-1',
          endpoint: server.endpoint,
          credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
          ...extra,
        });
      const backoffOnly = await phase(() =>
        clientOf({ adaptiveRate: false }).text.sentiment(docs, { throwOnItemError: false }),
      );
      const half = Math.ceil(docs.length / 2);
      const twoClients = await phase(async () => {
        const [a, b] = await Promise.all([
          clientOf().text.sentiment(docs.slice(0, half), { throwOnItemError: false }),
          clientOf().text.sentiment(docs.slice(half), { throwOnItemError: false }),
        ]);
        return [...a, ...b];
      });
      const count = (op: string) => counts[op] ?? { accepted: 0, throttled: 0 };
      const detect = count('BatchDetectDominantLanguage');
      const batchSentiment = count('BatchDetectSentiment');
      const batchEntities = count('BatchDetectEntities');
      const singles = ['DetectDominantLanguage', 'DetectSentiment', 'DetectEntities'].reduce(
        (n, op) => n + count(op).accepted + count(op).throttled,
        0,
      );
      const fmt = (n: number, d = 2) => Number(n.toFixed(d));
      const sentimentFloor = p.detectCalls + p.analysisCalls;
      const sentimentTimeFloor = floorSeconds(p.detectCalls) + floorSeconds(p.analysisCalls);
      const rows: BenchRow[] = [
        {
          name: 'sentiment(10,000 docs), languages detected',
          'calls accepted': detect.accepted + batchSentiment.accepted,
          'minimum calls': sentimentFloor,
          'calls / minimum': fmt((detect.accepted + batchSentiment.accepted) / sentimentFloor, 3),
          'throttled attempts': detect.throttled + batchSentiment.throttled,
          'throttled / accepted': fmt(
            (detect.throttled + batchSentiment.throttled) /
              Math.max(1, detect.accepted + batchSentiment.accepted),
            3,
          ),
          's elapsed': fmt(sentiment.seconds),
          's floor (calls / rate)': fmt(sentimentTimeFloor),
          'time / floor': fmt(sentiment.seconds / sentimentTimeFloor, 3),
          'client CPU s': fmt(sentiment.cpuSeconds),
          'emulator CPU s': fmt(emulatorMid - emulatorStart),
          'lost docs': sent.lost,
          'wrong-index docs': sent.misplaced,
          'lost because': sent.why || '-',
        },
        {
          name: '  of which BatchDetectDominantLanguage',
          'calls accepted': detect.accepted,
          'minimum calls': p.detectCalls,
          'throttled attempts': detect.throttled,
        },
        {
          name: '  of which BatchDetectSentiment',
          'calls accepted': batchSentiment.accepted,
          'minimum calls': p.analysisCalls,
          'throttled attempts': batchSentiment.throttled,
        },
        ...[
          ['sentiment, adaptiveRate: false (backoff only; baseline)', backoffOnly],
          ['sentiment, two clients sharing the quota (5,000 docs each)', twoClients],
        ].map(([name, run]) => {
          const r = run as typeof backoffOnly;
          return {
            name: name as string,
            'calls accepted': r.accepted,
            'minimum calls': sentimentFloor,
            'throttled attempts': r.throttled,
            'throttled / accepted': fmt(r.throttled / Math.max(1, r.accepted), 3),
            's elapsed': fmt(r.seconds),
            's floor (calls / rate)': fmt(sentimentTimeFloor),
            'time / floor': fmt(r.seconds / sentimentTimeFloor, 3),
            'client CPU s': fmt(r.cpuSeconds),
            'lost docs': r.check.lost,
            'wrong-index docs': r.check.misplaced,
            'lost because': r.check.why || '-',
          };
        }),
        {
          name: `entities(first ${ENTITY_DOCS.toLocaleString('en')} docs), one array call per language`,
          'calls accepted': batchEntities.accepted,
          'minimum calls': pe.analysisCalls,
          'calls / minimum': fmt(batchEntities.accepted / pe.analysisCalls, 3),
          'throttled attempts': batchEntities.throttled,
          's elapsed': fmt(entities.seconds),
          's floor (calls / rate)': fmt(floorSeconds(pe.analysisCalls)),
          'time / floor': fmt(entities.seconds / floorSeconds(pe.analysisCalls), 3),
          'client CPU s': fmt(entities.cpuSeconds),
          'emulator CPU s': fmt(emulatorAfter - emulatorMid),
          'lost docs': ents.lost,
          'wrong-index docs': ents.misplaced,
          entities: ents.entities,
        },
      ];
      const lost = sent.lost + ents.lost + sent.misplaced + ents.misplaced;
      const extraCalls =
        detect.accepted +
        batchSentiment.accepted +
        batchEntities.accepted -
        (sentimentFloor + pe.analysisCalls);
      const totalSeconds = sentiment.seconds + entities.seconds;
      const totalFloor = sentimentTimeFloor + floorSeconds(pe.analysisCalls);
      const sentimentThrottled = detect.throttled + batchSentiment.throttled;
      const sentimentAccepted = detect.accepted + batchSentiment.accepted;
      const checks = {
        noLostOrMisplaced: lost === 0,
        minimumCalls: extraCalls === 0,
        noSingleDocCalls: singles === 0,
        timeWithin1_5xFloor: totalSeconds <= 1.5 * totalFloor,
        // Adaptive rate (issue 19): few wasted calls, near the floor, alone and with a second client.
        throttledAtMost0_05PerAccepted: sentimentThrottled <= 0.05 * sentimentAccepted,
        sentimentWithin1_1xFloor: sentiment.seconds <= 1.1 * sentimentTimeFloor,
        twoClientsThrottledAtMost0_1: twoClients.throttled <= 0.1 * twoClients.accepted,
        twoClientsWithin1_2xFloor: twoClients.seconds <= 1.2 * sentimentTimeFloor,
        twoClientsNoLoss: twoClients.check.lost + twoClients.check.misplaced === 0,
      };
      rows.push({
        name: 'checks',
        ...Object.fromEntries(Object.entries(checks).map(([k, v]) => [k, String(v)])),
      });
      const languages = [...new Set(p.languages)].sort().join('/');
      return {
        name: 'text-bulk',
        description:
          `${DOCS.toLocaleString('en')} documents of ${Math.min(...sizes)}–${Math.max(...sizes)} UTF-8 bytes ` +
          `(${(p.totalBytes / 1e6).toFixed(1)} MB, PRNG seed ${SEED}; ${languages} with emoji, ` +
          `combining marks and CJK), ${p.totalPieces.toLocaleString('en')} pieces of ≤${BATCH_DOC_BYTES} bytes ` +
          `from the core splitter. Emulator in its own process: one token bucket per Comprehend operation, ` +
          `${RATE} calls/s, burst ${BURST}, ThrottlingException above it. Client: new AwsAI({ region, endpoint, credentials }) with ` +
          'the default retry policy and concurrency. Minimum calls: ceil(docs / 25) to detect languages + ' +
          `Σ per language ceil(pieces / 25) (${p.analysisCallsAnyLanguage} if languages could share a call). ` +
          `Time floor per operation: (calls − ${BURST}) / ${RATE} s.`,
        rows,
        goal:
          '0 lost or misplaced documents; accepted calls = minimum; no single-document calls; time ≤ 1.5× the rate-limited floor; ' +
          'adaptive rate: throttled ≤ 0.05 per accepted call and sentiment ≤ 1.1× floor; two clients on one quota: ≤ 0.1 throttled per accepted, ≤ 1.2× floor, 0 lost',
        met: Object.values(checks).every(Boolean),
      };
    } finally {
      server.stop();
    }
  },
};
