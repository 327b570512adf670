import type { RequestOptions } from '../config';
import type { CallSite, ScopedOptions } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { loadOnce } from '../core/load-once';
import type {
  BotPutOptions,
  BotPutResult,
  BotRef,
  BotSayOptions,
  BotSendOptions,
  BotSessionSnapshot,
  BotSessionState,
  BotTurn,
} from './types';

/** The operation code, loaded on first call (see `impl.ts`). */
const impl = loadOnce(() => import('./impl'));

/** How a session runs one public call in its module's scope. @internal */
export type RunCall = <O extends RequestOptions, T>(
  site: CallSite,
  options: O | undefined,
  fn: (options: ScopedOptions<O>) => Promise<T>,
) => Promise<T>;

const site = (operation: string, method: string): CallSite => ({
  service: 'lex-runtime',
  operation,
  method: `conversation.${method}`,
});

/**
 * One user's conversation with a Lex V2 bot: text and audio turns, and the session's state. Made by
 * {@link Conversation.bot}; holds no connection, only the bot and the session id, so it is cheap
 * to make one per Lambda invocation with the user's id.
 */
export interface BotSession {
  /** The bot, alias and locale. */
  readonly bot: Readonly<BotRef>;
  /** The session id (given or generated). */
  readonly sessionId: string;
  /**
   * Sends the user's text (RecognizeText) and returns the bot's answer: messages, the intent with
   * typed slots, interpretations with confidence, the dialog action and the session state.
   *
   * @throws ValidationError for empty text or more than 1,024 characters, a bad session state or
   *   request attributes, before any call
   * @throws NotFoundError when the bot, alias or locale does not exist
   * @example
   * ```ts
   * const turn = await bot.send('I would like a large pizza');
   * if (turn.dialogAction?.type === 'ElicitSlot') console.log(turn.text); // "What toppings?"
   * ```
   */
  send(text: string, options?: BotSendOptions): Promise<BotTurn>;
  /**
   * Sends the user's speech (RecognizeUtterance) and returns the same typed turn, plus what Lex
   * heard and, with an audio `responseContentType`, the bot's spoken answer. The session state and
   * request attributes travel as gzip+base64 headers and the answer's headers are decoded: you
   * never see that encoding. A WAV file (16-bit PCM mono, 8 or 16 kHz) is unwrapped for you.
   *
   * @throws ValidationError for no bytes, a format Lex does not take, PCM over 15 s, or session
   *   state plus request attributes over Lex's 12 KB of headers, before any call
   * @example
   * ```ts
   * const turn = await bot.say(await readFile('question.wav'), { responseContentType: 'pcm' });
   * console.log(turn.inputTranscript, turn.text); // turn.audio: 16 kHz PCM of the answer
   * ```
   */
  say(audio: Uint8Array, options?: BotSayOptions): Promise<BotTurn>;
  /**
   * The session's current state (GetSession).
   *
   * @throws NotFoundError when the session does not exist (never started, ended or expired)
   * @example
   * ```ts
   * const { intent } = await bot.state();
   * ```
   */
  state(options?: RequestOptions): Promise<BotSessionSnapshot>;
  /**
   * Sets the session's state (PutSession): switch intent, fill slots, set session attributes, or
   * have the bot say messages next.
   *
   * @throws ValidationError for a state without `dialogAction.type`, more than 10 messages, or
   *   non-string attributes, before any call
   * @example
   * ```ts
   * await bot.put({ dialogAction: { type: 'ElicitIntent' }, sessionAttributes: { tier: 'gold' } });
   * ```
   */
  put(sessionState: BotSessionState, options?: BotPutOptions): Promise<BotPutResult>;
  /**
   * Ends the session (DeleteSession): Lex forgets its state; the next turn starts afresh.
   *
   * @throws NotFoundError when the session does not exist
   * @example
   * ```ts
   * await bot.end();
   * ```
   */
  end(options?: RequestOptions): Promise<{ sessionId: string }>;
}

/** @internal */
export class LexBotSession implements BotSession {
  readonly bot: Readonly<BotRef>;
  readonly sessionId: string;
  readonly #ctx: ModuleContext;
  readonly #run: RunCall;

  constructor(ctx: ModuleContext, run: RunCall, bot: BotRef, sessionId: string) {
    this.#ctx = ctx;
    this.#run = run;
    this.bot = Object.freeze({ ...bot });
    this.sessionId = sessionId;
  }

  #ref() {
    return { ...this.bot, sessionId: this.sessionId };
  }

  send(text: string, options?: BotSendOptions): Promise<BotTurn> {
    return this.#run(site('RecognizeText', 'send'), options, async (scoped) =>
      (await impl()).send(this.#ctx, this.#ref(), text, scoped),
    );
  }

  say(audio: Uint8Array, options?: BotSayOptions): Promise<BotTurn> {
    return this.#run(site('RecognizeUtterance', 'say'), options, async (scoped) =>
      (await impl()).say(this.#ctx, this.#ref(), audio, scoped),
    );
  }

  state(options?: RequestOptions): Promise<BotSessionSnapshot> {
    return this.#run(site('GetSession', 'state'), options, async (scoped) =>
      (await impl()).state(this.#ctx, this.#ref(), scoped),
    );
  }

  put(sessionState: BotSessionState, options?: BotPutOptions): Promise<BotPutResult> {
    return this.#run(site('PutSession', 'put'), options, async (scoped) =>
      (await impl()).put(this.#ctx, this.#ref(), sessionState, scoped),
    );
  }

  end(options?: RequestOptions): Promise<{ sessionId: string }> {
    return this.#run(site('DeleteSession', 'end'), options, async (scoped) =>
      (await impl()).end(this.#ctx, this.#ref(), scoped),
    );
  }
}
