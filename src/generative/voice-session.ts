import { describe, validateTimeout } from '../config';
import type { ModuleContext } from '../core/context';
import { loadOnce } from '../core/load-once';
import { AwsAIStream } from '../core/stream';
import { ValidationError } from '../errors';
import { MAX_TOKENS_RANGE, NOVA_SONIC_V1_VOICES, TEMPERATURE_RANGE, TOP_P_RANGE } from './limits';
import { assertModel } from './model-id';
import { checkNumberOption, checkWellFormed } from './request-options';
import { toJsonSchema } from './schema';
import { checkEventText, toolResultText } from './voice-event-text';
import { VoiceInputQueue, type VoicePlan } from './voice-input';
import type { VoiceEvent, VoiceOptions, VoiceParams } from './voice-types';

const SITE = {
  service: 'bedrock-runtime',
  operation: 'InvokeModelWithBidirectionalStream',
} as const;

/** Sample rates Nova Sonic takes and gives (16-bit mono LPCM). */
const RATES = [8000, 16000, 24000];
/** Bedrock ends a bidirectional connection at 8 minutes; renew before, at a turn boundary. */
const DEFAULT_RENEW_AFTER_MS = 450_000;
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

const loadConnection = /* @__PURE__ */ loadOnce(() => import('./voice-connection'));

function checkRate(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!RATES.includes(value)) {
    throw new ValidationError(
      `${name} must be one of ${RATES.join(', ')} Hz, got ${describe(value)}`,
      SITE,
    );
  }
  return value;
}

/** The voice id: a Nova Sonic v1 voice from AWS's list, or (later Sonic models) an id's form. */
function checkVoice(model: string, voice: unknown): void {
  if (voice === undefined) return;
  if (typeof voice !== 'string' || !/^[a-z_]{2,32}$/.test(voice)) {
    throw new ValidationError(
      `voice must be a Nova Sonic voice id such as matthew, got ${describe(voice)}`,
      SITE,
    );
  }
  const v1 = /(^|[.:/])amazon\.nova-sonic-v1/.test(model);
  if (v1 && !(NOVA_SONIC_V1_VOICES as readonly string[]).includes(voice)) {
    throw new ValidationError(
      `voice ${describe(voice)} is not a Nova Sonic v1 voice: use one of ${NOVA_SONIC_V1_VOICES.join(', ')}`,
      SITE,
    );
  }
}

/** Checks everything before any network call. @internal */
export function planVoice(params: VoiceParams, options: VoiceOptions): VoicePlan {
  if (typeof params !== 'object' || params === null) {
    throw new ValidationError('voice() needs { model }', SITE);
  }
  if (typeof params.model !== 'string' || params.model.trim() === '') {
    throw new ValidationError(
      'model must be a Nova Sonic model id, e.g. amazon.nova-sonic-v1:0',
      SITE,
    );
  }
  // Bedrock's model-id form and length, as every generative method checks it.
  assertModel(params.model);
  if (!/sonic/i.test(params.model)) {
    throw new ValidationError(
      `model ${params.model} does not speak the bidirectional voice protocol: use a Nova Sonic model (amazon.nova-sonic-v1:0, amazon.nova-2-sonic-v1:0)`,
      SITE,
    );
  }
  if (params.system !== undefined) {
    if (typeof params.system !== 'string' || !params.system.trim()) {
      throw new ValidationError('system must be non-blank text', SITE);
    }
    checkWellFormed(params.system, 'system', SITE);
    checkEventText(params.system, 'system');
  }
  checkVoice(params.model, params.voice);
  // The same inference ranges as Converse (limits.ts, from the bedrock-runtime model).
  checkNumberOption(params.temperature, 'temperature', TEMPERATURE_RANGE, SITE);
  checkNumberOption(params.topP, 'topP', TOP_P_RANGE, SITE);
  checkNumberOption(params.maxTokens, 'maxTokens', { ...MAX_TOKENS_RANGE, integer: true }, SITE);
  const audio: unknown = params.audio;
  if (
    audio !== undefined &&
    (typeof audio !== 'object' || audio === null || Array.isArray(audio))
  ) {
    throw new ValidationError(
      `audio must be { inputRate?, outputRate? }, got ${describe(audio)}`,
      SITE,
    );
  }
  const history: unknown = params.history;
  if (history !== undefined && !Array.isArray(history)) {
    throw new ValidationError(
      `history must be an array of { role, text }, got ${describe(history)}`,
      SITE,
    );
  }
  const turns = (history ?? []) as VoiceParams['history'] & object;
  for (let i = 0; i < turns.length; i++) {
    const m = turns[i];
    if (m?.role !== 'user' && m?.role !== 'assistant') {
      throw new ValidationError(`history[${i}].role must be 'user' or 'assistant'`, SITE);
    }
    if (typeof m.text !== 'string' || m.text.trim() === '') {
      throw new ValidationError(`history[${i}].text must be non-blank text`, SITE);
    }
    checkWellFormed(m.text, `history[${i}].text`, SITE);
    checkEventText(m.text, `history[${i}].text`);
  }
  const tools = Object.entries(params.tools ?? {}).map(([name, tool]) => {
    if (!TOOL_NAME.test(name)) {
      throw new ValidationError(`tool name ${name} must be 1-64 letters, digits, _ or -`, SITE);
    }
    return {
      name,
      description: tool?.description ?? name,
      schema: toJsonSchema(tool?.input, `tools.${name}.input`),
    };
  });
  const renewAfterMs = options.renewAfterMs ?? DEFAULT_RENEW_AFTER_MS;
  if (!(renewAfterMs > 0) || !Number.isFinite(renewAfterMs)) {
    throw new ValidationError(`renewAfterMs must be a positive number, got ${renewAfterMs}`, SITE);
  }
  if (options.timeoutMs !== undefined) validateTimeout(options.timeoutMs, 'options.timeoutMs');
  if (options.idleTimeoutMs !== undefined && !(options.idleTimeoutMs > 0)) {
    throw new ValidationError(
      `idleTimeoutMs must be a positive number, got ${options.idleTimeoutMs}`,
      SITE,
    );
  }
  return {
    model: params.model,
    system: params.system,
    voice: params.voice ?? 'matthew',
    inputRate: checkRate(params.audio?.inputRate, 16000, 'audio.inputRate'),
    outputRate: checkRate(params.audio?.outputRate, 24000, 'audio.outputRate'),
    tools,
    params,
    renewAfterMs,
  };
}

/**
 * A duplex Nova Sonic conversation (see {@link Generative.voice}): write audio or text in with
 * {@link send}, {@link sendText} and {@link pipe}; read typed events out by iterating it. The
 * connection opens on the first read. One session may span several Bedrock connections: before
 * the 8-minute limit it renews at a turn boundary and carries the text history over.
 *
 * @example
 * ```ts
 * const session = ai.generative.voice({ model: 'amazon.nova-sonic-v1:0', system: 'Be brief.' });
 * void session.pipe(microphone).then(() => session.close());
 * for await (const event of session) {
 *   if (event.type === 'audio') speaker.write(event.audio);
 *   if (event.type === 'interrupted') speaker.clear();
 * }
 * ```
 */
export class VoiceSession implements AsyncIterable<VoiceEvent> {
  readonly #input = new VoiceInputQueue();
  readonly #stream: AwsAIStream<VoiceEvent>;

  /** @internal */
  constructor(ctx: ModuleContext, params: VoiceParams, options: VoiceOptions = {}) {
    const plan = planVoice(params, options);
    const input = this.#input;
    this.#stream = AwsAIStream.from(
      async function* (signal) {
        const { voiceEvents } = await loadConnection();
        yield* voiceEvents(ctx, plan, input, options, signal);
      },
      {
        signal: options.signal,
        timeoutMs: options.timeoutMs ?? ctx.config.timeoutMs,
        idleTimeoutMs: options.idleTimeoutMs,
        site: SITE,
        // The session's span, opened at its first read, over every connection it renews.
        telemetry: { enabled: ctx.config.telemetry, method: 'generative.voice' },
      },
    );
  }

  /**
   * Queues microphone audio: 16-bit little-endian mono PCM at `audio.inputRate`. The library cuts
   * it into the frames Bedrock expects and base64-encodes them.
   *
   * @throws ValidationError for anything but bytes of whole samples, or after {@link close}
   * @example
   * ```ts
   * mic.on('data', (pcm: Buffer) => session.send(pcm));
   * ```
   */
  send(chunk: Uint8Array): void {
    if (!(chunk instanceof Uint8Array)) {
      throw new ValidationError('send() takes PCM bytes (Uint8Array or Buffer)', SITE);
    }
    if (chunk.byteLength % 2 !== 0) {
      throw new ValidationError(
        'send() takes whole 16-bit samples (an even number of bytes)',
        SITE,
      );
    }
    if (chunk.byteLength > 0) this.#input.push({ kind: 'audio', bytes: chunk });
  }

  /**
   * Sends a typed user message; the model answers it as it would speech.
   *
   * @throws ValidationError for blank text, or after {@link close}
   * @example
   * ```ts
   * session.sendText('What is the weather in Paris?');
   * ```
   */
  sendText(text: string): void {
    if (typeof text !== 'string' || text.trim() === '') {
      throw new ValidationError('sendText() needs non-blank text', SITE);
    }
    checkEventText(text, 'sendText() text');
    this.#input.push({ kind: 'text', text });
  }

  /**
   * Answers a `tool-call` of a tool without `execute` (tools with `execute` are answered for you).
   *
   * @example
   * ```ts
   * if (event.type === 'tool-call') session.sendToolResult(event.id, await lookUp(event.input));
   * ```
   */
  sendToolResult(id: string, output: unknown, isError = false): void {
    if (typeof id !== 'string' || id === '') {
      throw new ValidationError('sendToolResult() needs the id of the tool call', SITE);
    }
    const text = toolResultText(output, isError, 'sendToolResult() output');
    this.#input.push({ kind: 'tool-result', id, text });
  }

  /**
   * Sends every chunk of an audio source (microphone, file, WebSocket) as it comes; resolves when
   * the source ends. The session stays open: call {@link close} when done.
   *
   * @example
   * ```ts
   * await session.pipe(createReadStream('question.pcm'));
   * session.close();
   * ```
   */
  async pipe(audio: AsyncIterable<Uint8Array>): Promise<void> {
    if (typeof audio?.[Symbol.asyncIterator] !== 'function') {
      throw new ValidationError('pipe() takes an AsyncIterable of PCM bytes', SITE);
    }
    let carry: Uint8Array | undefined;
    for await (const chunk of audio) {
      if (this.#stream.controller.signal.aborted) return;
      let bytes = chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk as ArrayBuffer);
      if (carry) {
        const joined = new Uint8Array(carry.byteLength + bytes.byteLength);
        joined.set(carry);
        joined.set(bytes, carry.byteLength);
        bytes = joined;
        carry = undefined;
      }
      // Whole samples only: an odd byte waits for the next chunk.
      if (bytes.byteLength % 2 === 1) {
        carry = bytes.slice(bytes.byteLength - 1);
        bytes = bytes.subarray(0, bytes.byteLength - 1);
      }
      if (bytes.byteLength > 0) this.#input.push({ kind: 'audio', bytes });
    }
  }

  /**
   * Ends the input the way the protocol wants (contentEnd, promptEnd, sessionEnd); the events the
   * model still sends are delivered, then iteration ends with an `end` event. Idempotent.
   *
   * @example
   * ```ts
   * session.close();
   * for await (const event of session) if (event.type === 'end') console.log(event.usage);
   * ```
   */
  close(): void {
    if (!this.#input.closed) this.#input.push({ kind: 'close' });
  }

  /**
   * Cuts both directions at once (the HTTP/2 stream is cancelled); reading ends with an
   * `AbortError`.
   *
   * @example
   * ```ts
   * setTimeout(() => session.abort(), 60_000);
   * ```
   */
  abort(reason?: unknown): void {
    this.#stream.abort(reason);
  }

  /** Reads the output events (once). */
  [Symbol.asyncIterator](): AsyncIterator<VoiceEvent, undefined> {
    return this.#stream[Symbol.asyncIterator]();
  }
}
