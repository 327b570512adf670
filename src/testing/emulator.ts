import type { ServiceName } from '../errors';
import { dispatch, type EmulatorState, handlerKey } from './dispatch';
import { EmulatorError } from './emulator-error';
import { createFaultTable } from './faults';
import { createRequestIds } from './request-ids';
import { createServices } from './services';
import type { AgentScript, FlowScript } from './services/bedrock-agent-runtime-agents';
import type {
  KnowledgeBaseOptions,
  KnowledgeDocumentInput,
} from './services/bedrock-agent-runtime-kb';
import { SONIC_CONNECTION_LIMIT_MS, withNovaSonic } from './services/bedrock-sonic';
import type { BotScript } from './services/lex-bot';
import type { PersonalizeData } from './services/personalize-runtime';
import { startTransport } from './transport';
import type {
  EmulatorCall,
  EmulatorConfig,
  EmulatorInput,
  EmulatorOptions,
  FaultRule,
  Handler,
} from './types';

/** A running emulator. Get one from {@link startEmulator}. */
export interface Emulator {
  /** `http://127.0.0.1:PORT` (the `host` option's address, loopback for a wildcard one). */
  readonly endpoint: string;
  /** Plain client config: `new AwsAI(emu.config)` or `new PollyClient({ ...emu.config })`. */
  readonly config: EmulatorConfig;
  /** Every request received, in order, faulted ones included (empty with `recordCalls: false`). */
  readonly calls: readonly EmulatorCall[];
  /**
   * Adds or replaces the handler of one operation (until {@link Emulator.reset}).
   *
   * @example
   * ```ts
   * emu.handle('comprehend', 'DetectSentiment', (input) => ({
   *   Sentiment: String(input.Text).includes('love') ? 'POSITIVE' : 'NEUTRAL',
   * }));
   * ```
   */
  handle<I = EmulatorInput>(service: ServiceName, operation: string, fn: Handler<I>): void;
  /**
   * An error to throw from a handler; the emulator answers with that AWS error in the service's
   * protocol (or as an exception event once a stream has started).
   *
   * @example
   * ```ts
   * emu.handle('translate', 'TranslateText', () => {
   *   throw emu.error('UnsupportedLanguagePairException', 'no such pair');
   * });
   * ```
   */
  error(code: string, message: string, status?: number): EmulatorError;
  /**
   * Injects a fault; returns a function that removes the rule.
   *
   * @example
   * ```ts
   * emu.fault({ service: 'comprehend', kind: 'throttle', times: 2 });
   * const stop = emu.fault({ kind: 'delay', delayMs: 50 });
   * stop();
   * ```
   */
  fault(rule: FaultRule): () => void;
  /**
   * Loads documents into an emulated Bedrock knowledge base (until {@link Emulator.reset}): chunked
   * at sentence ends, ranked by BM25 and the emulator's deterministic embeddings, filtered by
   * metadata; Retrieve, RetrieveAndGenerate(Stream) and Rerank answer from it.
   *
   * @example
   * ```ts
   * emu.knowledgeBase('KB12345678', [
   *   { text: 'Employees get 25 vacation days.', metadata: { department: 'hr', year: 2025 } },
   * ]);
   * ```
   */
  knowledgeBase(
    id: string,
    documents: readonly KnowledgeDocumentInput[],
    options?: KnowledgeBaseOptions,
  ): void;
  /**
   * Scripts a Bedrock agent (InvokeAgent by agent id; InvokeInlineAgent by `agentName`, else the
   * script named `inline`): text, traces, return-of-control calls, files and pauses.
   *
   * @example
   * ```ts
   * emu.agent('AGENT12345', { steps: [
   *   { call: { actionGroup: 'weather', function: 'forecast', parameters: { city: 'Paris' } } },
   *   { text: ({ results }) => `It will be ${results.forecast}.` },
   * ] });
   * ```
   */
  agent(id: string, script: AgentScript): void;
  /**
   * Scripts a Bedrock flow (InvokeFlow by flow id): outputs, multi-turn input requests, pauses.
   *
   * @example
   * ```ts
   * emu.flow('FLOW123456', { steps: [{ output: (input) => `Echo: ${String(input)}` }] });
   * ```
   */
  flow(id: string, script: FlowScript): void;
  /**
   * Loads the catalog and interaction history of an emulated Personalize campaign or recommender
   * (until {@link Emulator.reset}); GetRecommendations, GetPersonalizedRanking and
   * GetActionRecommendations for that ARN answer deterministically from it (popularity plus
   * co-occurrence; filters read as `Items.<KEY> IN ($KEY)`). An ARN never loaded answers
   * ResourceNotFoundException.
   *
   * @example
   * ```ts
   * emu.personalize('arn:aws:personalize:us-east-1:123456789012:campaign/movies', {
   *   items: [{ itemId: 'm1', GENRES: 'Comedy' }, 'm2', 'm3'],
   *   interactions: [{ userId: 'u1', itemId: 'm1' }, { userId: 'u2', itemId: 'm1' }],
   * });
   * ```
   */
  personalize(arn: string, data: PersonalizeData): void;
  /**
   * Scripts an Amazon Lex V2 bot (until {@link Emulator.reset}): intents matched from sample
   * utterances, slots elicited in order (values found anywhere in the text), an optional
   * confirmation, then a closing message. RecognizeText, RecognizeUtterance (gzip+base64 headers,
   * spoken answers from the Polly emulator's audio), Get/Put/DeleteSession answer for any alias and
   * locale of the bot id; a bot id never scripted answers ResourceNotFoundException.
   *
   * @example
   * ```ts
   * emu.bot('PIZZABOT01', { intents: [{
   *   name: 'OrderPizza', utterances: ['I want a pizza', 'order a {size} pizza'],
   *   slots: [{ name: 'size', prompt: 'What size?', values: ['small', 'large'] }],
   *   fulfilled: 'A {size} pizza is on its way.',
   * }] });
   * ```
   */
  bot(id: string, script: BotScript): void;
  /**
   * Makes the emulator look like a fresh one: forgets calls, faults, custom handlers, every S3
   * bucket and object (staged documents, job outputs), and what every service keeps: started jobs
   * and tasks (Comprehend, Translate, Textract, Transcribe, Polly, Bedrock batch and async
   * invocations, SageMaker transform jobs, Rekognition video), Rekognition collections and liveness
   * sessions, imported Translate terminologies, knowledge bases, agents, bots and Personalize
   * data. A job started before answers the service's not-found error afterwards, lists are empty,
   * running-job limits start from zero, and ids, request ids and the fault PRNG restart. Stage test
   * objects after the reset. Each emulator keeps its own state: two never see each other's jobs.
   *
   * @example
   * ```ts
   * beforeEach(() => emu.reset());
   * ```
   */
  reset(): void;
  /**
   * Stops listening and drops open connections.
   *
   * @example
   * ```ts
   * afterAll(() => emu.close());
   * ```
   */
  close(): Promise<void>;
}

/**
 * Starts a local AWS emulator on 127.0.0.1: the real SDK clients talk to it over HTTP/1.1 and
 * HTTP/2, so tests exercise real serialization, signing, retries and event streams.
 *
 * @example
 * ```ts
 * import { ComprehendClient, DetectDominantLanguageCommand } from '@aws-sdk/client-comprehend';
 * import { startEmulator } from 'aws-ai/testing';
 *
 * const emu = await startEmulator();
 * const client = new ComprehendClient({ ...emu.config, maxAttempts: 1 });
 * const out = await client.send(new DetectDominantLanguageCommand({ Text: 'hola, ¿qué tal?' }));
 * // out.Languages → [{ LanguageCode: 'es', Score: 0.99 }]
 * await emu.close();
 * ```
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const ids = createRequestIds();
  const created = createServices({
    s3MaxObjectBytes: options.s3MaxObjectBytes,
    // Read when a transform job runs, after `state` exists.
    customHandler: (service, operation) => state.custom.get(handlerKey(service, operation)),
  });
  const { store, agentRuntime, personalize, bots } = created;
  const sonicLimit = options.sonicConnectionLimitMs ?? SONIC_CONNECTION_LIMIT_MS;
  const services = created.services.map((s) =>
    s.name === 'bedrock-runtime' ? withNovaSonic(s, () => sonicLimit) : s,
  );
  const state: EmulatorState = {
    services,
    calls: [],
    custom: new Map(),
    faults: createFaultTable(options.seed),
    nextRequestId: ids.next,
    recordCalls: options.recordCalls ?? true,
  };
  const host = options.host ?? '127.0.0.1';
  const transport = await startTransport(options.port ?? 0, host, (exchange) => {
    // A broken exchange must not take the test process down; the client sees a dropped request.
    dispatch(exchange, state).catch(() => exchange.reset());
  });
  const endpoint = `http://${endpointHost(host)}:${transport.port}`;
  let closed: Promise<void> | undefined;
  return {
    endpoint,
    config: {
      region: options.region ?? 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'emulator', secretAccessKey: 'emulator' },
    },
    calls: state.calls,
    handle(service, operation, fn) {
      state.custom.set(handlerKey(service, operation), fn as Handler);
    },
    error(code, message, status) {
      return new EmulatorError(code, message, status);
    },
    fault(rule) {
      return state.faults.add(rule);
    },
    knowledgeBase(id, documents, options) {
      agentRuntime.knowledgeBase(id, documents, options);
    },
    agent(id, script) {
      agentRuntime.agent(id, script);
    },
    flow(id, script) {
      agentRuntime.flow(id, script);
    },
    personalize(arn, data) {
      personalize.load(arn, data);
    },
    bot(id, script) {
      bots.define(id, script);
    },
    reset() {
      state.calls.length = 0;
      state.custom.clear();
      state.faults.clear();
      store.clear();
      personalize.clear();
      bots.clear();
      agentRuntime.clear();
      for (const service of services) service.reset?.();
      ids.reset();
    },
    close() {
      closed ??= transport.close();
      return closed;
    },
  };
}

/** The host to put in the endpoint URL: a wildcard address is reached through loopback. */
function endpointHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
