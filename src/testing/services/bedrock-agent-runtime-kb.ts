import { EmulatorError } from '../emulator-error';
import { isRecord } from '../protocols/wire-json';

/** A metadata value of an emulated document. */
export type KnowledgeMetadataInput = string | number | boolean | string[];

/** A document loaded into an emulated knowledge base with `emu.knowledgeBase(id, documents)`. */
export interface KnowledgeDocumentInput {
  /** The document's text. */
  text: string;
  /** Document id. @default `doc-N` */
  id?: string;
  /** Where it lives: an `s3://` URI, an http(s) URL (a web source) or anything else (custom). */
  uri?: string;
  /** Metadata attributes filters can use. */
  metadata?: Record<string, KnowledgeMetadataInput>;
}

/** Options of `emu.knowledgeBase`. */
export interface KnowledgeBaseOptions {
  /** Words per chunk (chunks end at sentence ends). @default 60 */
  chunkWords?: number;
  /** Results per Retrieve page; more come with a `nextToken`. @default 100 */
  pageSize?: number;
}

/** One chunk of an emulated knowledge base. @internal */
export interface KbChunk {
  readonly id: string;
  readonly documentId: string;
  readonly text: string;
  readonly terms: readonly string[];
  readonly vector: Float64Array;
  readonly location: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
}

/** An emulated knowledge base: chunks plus settings. @internal */
export interface EmulatedKnowledgeBase {
  readonly id: string;
  readonly chunks: readonly KbChunk[];
  readonly pageSize: number;
}

const STOPWORDS = new Set(
  'a an and are as at be by do does for from has have how i in is it its me my of on or our so that the their this to was we what when where which who why will with you your'.split(
    ' ',
  ),
);

/** Lower-case word tokens without stopwords. @internal */
export function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter(
    (t) => t.length > 1 && !STOPWORDS.has(t),
  );
}

const DIMENSIONS = 256;

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/**
 * The emulator's deterministic "embedding": terms and their 4-character prefixes hashed into 256
 * dimensions, unit length. Plausible for tests (shared words and stems score high), not a model.
 * @internal
 */
export function embed(terms: readonly string[]): Float64Array {
  const v = new Float64Array(DIMENSIONS);
  for (const term of terms) {
    const at = hash(term) % DIMENSIONS;
    v[at] = (v[at] ?? 0) + 1;
    if (term.length > 4) {
      const stem = hash(`~${term.slice(0, 4)}`) % DIMENSIONS;
      v[stem] = (v[stem] ?? 0) + 0.5;
    }
  }
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < v.length; i++) v[i] = (v[i] ?? 0) / norm;
  return v;
}

function cosine(a: Float64Array, b: Float64Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] ?? 0) * (b[i] ?? 0);
  return dot;
}

/** Sentences of a text, each with its trailing space kept off. @internal */
export function sentences(text: string): string[] {
  return (text.match(/[^.!?\n]+[.!?]*/g) ?? []).map((s) => s.trim()).filter((s) => s !== '');
}

function chunkText(text: string, chunkWords: number): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let words = 0;
  for (const sentence of sentences(text)) {
    const n = sentence.split(/\s+/).length;
    if (words > 0 && words + n > chunkWords) {
      chunks.push(current.join(' '));
      current = [];
      words = 0;
    }
    current.push(sentence);
    words += n;
  }
  if (current.length > 0) chunks.push(current.join(' '));
  return chunks;
}

function locationOf(uri: string): Record<string, unknown> {
  if (uri.startsWith('s3://')) return { type: 'S3', s3Location: { uri } };
  if (/^https?:\/\//.test(uri)) return { type: 'WEB', webLocation: { url: uri } };
  return { type: 'CUSTOM', customDocumentLocation: { id: uri } };
}

/** Builds an emulated knowledge base: documents chunked, each chunk tokenized and embedded. @internal */
export function buildKnowledgeBase(
  id: string,
  documents: readonly KnowledgeDocumentInput[],
  options: KnowledgeBaseOptions = {},
): EmulatedKnowledgeBase {
  const chunkWords = options.chunkWords ?? 60;
  const chunks: KbChunk[] = [];
  documents.forEach((doc, d) => {
    const documentId = doc.id ?? `doc-${d + 1}`;
    const uri = doc.uri ?? `s3://emulated-kb-${id.toLowerCase()}/${documentId}.txt`;
    chunkText(doc.text, chunkWords).forEach((text, c) => {
      const terms = tokenize(text);
      const chunkId = `${documentId}-chunk-${c + 1}`;
      chunks.push({
        id: chunkId,
        documentId,
        text,
        terms,
        vector: embed(terms),
        location: locationOf(uri),
        metadata: {
          ...doc.metadata,
          'x-amz-bedrock-kb-source-uri': uri,
          'x-amz-bedrock-kb-chunk-id': chunkId,
          'x-amz-bedrock-kb-data-source-id': 'EMULATEDDS',
        },
      });
    });
  });
  return { id, chunks, pageSize: options.pageSize ?? 100 };
}

/** BM25 scores (k1 1.2, b 0.75) of `query` over `docs`. @internal */
export function bm25(query: readonly string[], docs: ReadonlyArray<readonly string[]>): number[] {
  const n = docs.length;
  const avg = docs.reduce((s, d) => s + d.length, 0) / Math.max(n, 1) || 1;
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  return docs.map((d) => {
    const tf = new Map<string, number>();
    for (const t of d) tf.set(t, (tf.get(t) ?? 0) + 1);
    let score = 0;
    for (const q of new Set(query)) {
      const f = tf.get(q) ?? 0;
      if (f === 0) continue;
      const idf = Math.log(1 + (n - (df.get(q) ?? 0) + 0.5) / ((df.get(q) ?? 0) + 0.5));
      score += (idf * (f * 2.2)) / (f + 1.2 * (0.25 + (0.75 * d.length) / avg));
    }
    return score;
  });
}

/**
 * Relevance of each text to `query` in [0, 1]: cosine of the emulator's embeddings (`SEMANTIC`), or
 * its mean with BM25 scaled by the best BM25 score (`HYBRID`, the default). @internal
 */
export function rank(
  query: string,
  items: ReadonlyArray<{ terms: readonly string[]; vector: Float64Array }>,
  searchType: string | undefined,
): number[] {
  const q = tokenize(query);
  const qv = embed(q);
  const cos = items.map((item) => Math.max(0, cosine(qv, item.vector)));
  if (searchType === 'SEMANTIC') return cos.map(round);
  const lexical = bm25(
    q,
    items.map((i) => i.terms),
  );
  const best = Math.max(...lexical, 0);
  return cos.map((c, i) => round(0.5 * c + 0.5 * (best > 0 ? (lexical[i] ?? 0) / best : 0)));
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && a === b);
}

/** Whether `metadata` passes AWS's RetrievalFilter `filter`. @internal */
export function passes(filter: unknown, metadata: Record<string, unknown>): boolean {
  if (!isRecord(filter)) throw new EmulatorError('ValidationException', 'filter must be an object');
  const entries = Object.entries(filter);
  if (entries.length !== 1) {
    throw new EmulatorError('ValidationException', 'a RetrievalFilter sets exactly one member');
  }
  const [op, body] = entries[0] as [string, unknown];
  if (op === 'andAll' || op === 'orAll') {
    if (!Array.isArray(body) || body.length < 2) {
      throw new EmulatorError(
        'ValidationException',
        `1 validation error detected: Value at 'retrievalConfiguration.vectorSearchConfiguration.filter.${op}' failed to satisfy constraint: Member must have length greater than or equal to 2`,
      );
    }
    return op === 'andAll'
      ? body.every((f) => passes(f, metadata))
      : body.some((f) => passes(f, metadata));
  }
  if (!isRecord(body) || typeof body.key !== 'string') {
    throw new EmulatorError('ValidationException', `filter.${op} needs a key and a value`);
  }
  const has = Object.hasOwn(metadata, body.key);
  const actual = metadata[body.key];
  const value = body.value;
  switch (op) {
    case 'equals':
      return has && sameValue(actual, value);
    case 'notEquals':
      return !has || !sameValue(actual, value);
    case 'greaterThan':
      return typeof actual === 'number' && typeof value === 'number' && actual > value;
    case 'greaterThanOrEquals':
      return typeof actual === 'number' && typeof value === 'number' && actual >= value;
    case 'lessThan':
      return typeof actual === 'number' && typeof value === 'number' && actual < value;
    case 'lessThanOrEquals':
      return typeof actual === 'number' && typeof value === 'number' && actual <= value;
    case 'in':
      return has && Array.isArray(value) && value.some((v) => sameValue(v, actual));
    case 'notIn':
      return has && Array.isArray(value) && !value.some((v) => sameValue(v, actual));
    case 'startsWith':
      return typeof actual === 'string' && typeof value === 'string' && actual.startsWith(value);
    case 'stringContains':
      return typeof value === 'string'
        ? typeof actual === 'string'
          ? actual.includes(value)
          : Array.isArray(actual) && actual.some((a) => String(a).includes(value))
        : false;
    case 'listContains':
      return Array.isArray(actual) && actual.some((a) => sameValue(a, value));
    default:
      throw new EmulatorError('ValidationException', `unknown filter operator ${op}`);
  }
}

/** A ranked chunk. @internal */
export interface RankedChunk {
  readonly chunk: KbChunk;
  readonly score: number;
}

/** The chunks passing `filter`, best first. @internal */
export function search(
  kb: EmulatedKnowledgeBase,
  query: string,
  options: { filter?: unknown; searchType?: string | undefined },
): RankedChunk[] {
  const candidates =
    options.filter === undefined
      ? kb.chunks
      : kb.chunks.filter((c) => passes(options.filter, c.metadata));
  const scores = rank(query, candidates, options.searchType);
  return candidates
    .map((chunk, i) => ({ chunk, score: scores[i] ?? 0 }))
    .sort((a, b) => b.score - a.score || a.chunk.id.localeCompare(b.chunk.id));
}

/** A chunk as AWS's retrieval result / retrieved reference. @internal */
export function toResult(r: RankedChunk, withScore: boolean): Record<string, unknown> {
  return {
    content: { type: 'TEXT', text: r.chunk.text },
    location: r.chunk.location,
    metadata: r.chunk.metadata,
    ...(withScore ? { score: r.score } : {}),
  };
}

/** The answer to a question from ranked chunks, with AWS-shaped citations. @internal */
export interface GeneratedAnswer {
  readonly text: string;
  /** Each cited part in answer order: its text, span and references. */
  readonly parts: ReadonlyArray<{
    readonly text: string;
    readonly start: number;
    readonly end: number;
    readonly references: ReadonlyArray<Record<string, unknown>>;
  }>;
}

/** AWS's answer when retrieval found nothing to answer from. */
export const NO_ANSWER = 'Sorry, I am unable to assist you with this request.';

function codePoints(text: string): number {
  return [...text].length;
}

/** The sentence of `text` sharing most words with `question` (the first on a tie). */
function bestSentence(question: string, text: string): string {
  const wanted = new Set(tokenize(question));
  let best = '';
  let bestScore = -1;
  for (const sentence of sentences(text)) {
    const score = tokenize(sentence).filter((t) => wanted.has(t)).length;
    if (score > bestScore) {
      best = sentence;
      bestScore = score;
    }
  }
  return best || text;
}

/**
 * A canned answer built from the sentence most like the question in each of the top 3 chunks; each sentence is
 * cited by the chunk it came from. Spans are in code points with an inclusive end, as AWS's
 * (Python) service reports them. @internal
 */
export function generateAnswer(question: string, ranked: readonly RankedChunk[]): GeneratedAnswer {
  // Only chunks that share something with the question are cited, as a model would.
  const top = ranked.filter((r) => r.score > 0).slice(0, 3);
  if (top.length === 0) return { text: NO_ANSWER, parts: [] };
  let text = `Emulated answer to "${question.trim()}":`;
  const parts: Array<GeneratedAnswer['parts'][number]> = [];
  for (const r of top) {
    const sentence = bestSentence(question, r.chunk.text);
    text += ' ';
    const start = codePoints(text);
    text += sentence;
    parts.push({
      text: sentence,
      start,
      end: start + codePoints(sentence) - 1,
      references: [toResult(r, false)],
    });
  }
  return { text, parts };
}

/** AWS-shaped Citation of one answer part. @internal */
export function citationOf(part: GeneratedAnswer['parts'][number]): Record<string, unknown> {
  return {
    generatedResponsePart: {
      textResponsePart: { text: part.text, span: { start: part.start, end: part.end } },
    },
    retrievedReferences: part.references,
  };
}
