import { checkRequestOptions, runCall } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { withSite } from '../core/internal/name-failure';
import { loadOnce } from '../core/load-once';
import { ValidationError } from '../errors';
import { converseStream } from './converse-stream';
import { genAiCall } from './gen-ai-telemetry';
import type { GenerativeStream } from './generative-stream';
import type {
  ChatParams,
  GenerateOptions,
  GenerateResult,
  GenerateStreamOptions,
  GenerativeContentPart,
  GenerativeMessage,
} from './types';

/**
 * Converse's request code alone, not the whole `impl`: a bundle of the `chat` function
 * (functions.ts) then carries no other operation, and no Bedrock control-plane or S3 client. Its
 * streamed turns load their own event code (converse-stream). This file must not reach `load-impl`.
 */
const loadConverse = /* @__PURE__ */ loadOnce(() => import('./converse'));

const SEND_SITE = { service: 'bedrock-runtime', operation: 'Converse' } as const;

/**
 * A conversation that keeps its history. Each turn sends the whole history (cleaned: blank text
 * dropped, every tool call answered, `toolConfig` present whenever tool blocks are in it) and
 * appends the user turn and the answer only when the turn succeeds, so a failed turn leaves the
 * history valid. One turn at a time.
 *
 * @example
 * ```ts
 * const chat = ai.generative.chat({ model: 'amazon.nova-lite-v1:0', system: 'Be brief.' });
 * await chat.send('My name is Ada.');
 * const { text } = await chat.send('What is my name?');
 * ```
 */
export class GenerativeChat {
  readonly #ctx: ModuleContext;
  readonly #params: Omit<ChatParams, 'history'>;
  #history: GenerativeMessage[];
  #busy = false;

  /** @internal */
  constructor(ctx: ModuleContext, params: ChatParams) {
    if (typeof params !== 'object' || params === null) {
      throw new ValidationError('chat needs { model }');
    }
    const { history, ...rest } = params;
    this.#ctx = ctx;
    this.#params = rest;
    this.#history = [...(history ?? [])];
  }

  /** The turns so far (a copy). */
  get history(): GenerativeMessage[] {
    return [...this.#history];
  }

  /** Forgets every turn. */
  clear(): void {
    this.#history = [];
  }

  #turn(input: string | GenerativeContentPart[]): GenerativeMessage {
    if (this.#busy) {
      throw new ValidationError('a chat turn is still running; await it before sending the next');
    }
    if (typeof input !== 'string' && !Array.isArray(input)) {
      throw new ValidationError('send text or an array of content parts');
    }
    return { role: 'user', content: input };
  }

  /**
   * Sends one user turn and waits for the answer (running tools with `execute`, like `generate`).
   *
   * @throws {@link ValidationError} for blank input or a turn already running
   */
  async send(
    input: string | GenerativeContentPart[],
    options?: GenerateOptions,
  ): Promise<GenerateResult> {
    // Its refusals name the call's site, as every check inside the call does.
    const user = withSite(SEND_SITE, () => this.#turn(input));
    this.#busy = true;
    try {
      const messages = [...this.#history, user];
      const result = await runCall(
        this.#ctx,
        options,
        {
          ...SEND_SITE,
          ...genAiCall('generative.chat.send', 'chat', this.#params.model),
        },
        async (scoped) =>
          (await loadConverse()).generate(this.#ctx, { ...this.#params, messages }, scoped),
      );
      this.#history.push(user, ...result.responseMessages);
      return result;
    } finally {
      this.#busy = false;
    }
  }

  /** Streams the answer to one user turn; the turn joins the history once the stream ends well. */
  stream(
    input: string | GenerativeContentPart[],
    options?: GenerateStreamOptions,
  ): GenerativeStream {
    return withSite({ service: 'bedrock-runtime', operation: 'ConverseStream' }, () => {
      checkRequestOptions(options);
      const user = this.#turn(input);
      // Busy only once the stream exists: stream options it refuses (a bad `recover`) throw here,
      // and must not leave the chat refusing every later turn.
      const stream = converseStream(
        this.#ctx,
        { ...this.#params, messages: [...this.#history, user] },
        options,
        'generative.chat.stream',
      );
      this.#busy = true;
      stream.settled.then(
        (message) => {
          this.#history.push(user, ...message.responseMessages);
          this.#busy = false;
        },
        () => {
          this.#busy = false;
        },
      );
      return stream;
    });
  }
}
