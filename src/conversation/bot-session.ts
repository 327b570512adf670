import { type RequestOptions, retryFor } from '../config';
import { endedEarly } from '../core/body-end';
import { type CallSite, guardCall, type ScopedOptions } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { withSite } from '../core/internal/name-failure';
import { loadOnce } from '../core/load-once';
import { AwsAIStream } from '../core/stream';
import { AbortError, AwsAIError, StreamError, TimeoutError, ValidationError } from '../errors';
import { Outbound } from './converse-outbound';
import { CONVERSE_SITE, planConverse } from './converse-plan';
import { planSay } from './say-plan';
import type {
  BotConversation,
  BotConverseEvent,
  BotConverseOptions,
  BotPutOptions,
  BotPutResult,
  BotRef,
  BotSayOptions,
  BotSayStreamOptions,
  BotSendOptions,
  BotSessionSnapshot,
  BotSessionState,
  BotStreamedTurn,
  BotTurn,
  ConverseInput,
} from './types';

/** The operation code, loaded on first call (see `impl.ts`). */
const impl = /* @__PURE__ */ loadOnce(() => import('./impl'));

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
   * Like {@link say}, with the bot's spoken answer as a stream: resolves with the typed turn as soon
   * as Lex's headers arrive, and `audio` relays the answer's bytes as Lex sends them (play them
   * before the answer is complete, or pipe them to a file). `timeoutMs` bounds the whole turn, the
   * audio included; the caller's `signal` cuts it.
   *
   * @throws ValidationError as {@link say} does, and for a `text` `responseContentType`, before any
   *   call
   * @throws while reading `audio`: StreamError when the connection drops mid-audio, AbortError or
   *   TimeoutError
   * @example
   * ```ts
   * const turn = await bot.sayStream(await readFile('question.wav'), { responseContentType: 'mpeg' });
   * console.log(turn.inputTranscript, turn.text);
   * await pipeline(turn.audio.toNodeReadable(), createWriteStream('answer.mp3'));
   * ```
   */
  sayStream(audio: Uint8Array, options?: BotSayStreamOptions): Promise<BotStreamedTurn>;
  /**
   * A live conversation over StartConversation (bidirectional HTTP/2): your input goes to Lex as it
   * comes — 8 kHz 16-bit mono PCM chunks, `{ text }` turns and `{ dtmf }` keys — and Lex's events
   * come back typed: `transcript`, `intent` (the same typed intent, slots, interpretations and
   * session state as {@link send}), `text`, `audio` chunks, `audio-end`, `interrupted` and
   * `heartbeat`. The library sends the ConfigurationEvent first, a PlaybackCompletionEvent after
   * each spoken answer (`playback: 'auto'`), and a DisconnectionEvent when your input ends or you
   * call `close()`. Starts on the first read; `abort()`, the caller's `signal`, `timeoutMs` and
   * `idleTimeoutMs` cut it, and nothing is sent after it settles.
   *
   * @throws ValidationError before any call for options Lex would refuse (a content type other than
   *   8 kHz PCM, more than 10 welcome messages, welcome messages without a dialog action, …), and
   *   for an input item Lex would refuse (blank or over 1,024 characters of text, keys outside
   *   `0-9 A-D # *`, audio in `text` mode): at the call for an array, while reading for an
   *   iterable; a bad item is never sent
   * @throws while reading: StreamError with Lex's code and request id when Lex fails mid-stream,
   *   StreamError (code `IdleTimeout`) after `idleTimeoutMs` without an event, AbortError
   * @example
   * ```ts
   * const chat = bot.converse([{ text: 'I want a pizza' }, { text: 'large' }]);
   * for await (const event of chat) {
   *   if (event.type === 'text') console.log('bot:', event.text);
   *   if (event.type === 'intent') console.log(event.intent?.name, event.dialogAction);
   * }
   * ```
   */
  converse(
    input: AsyncIterable<ConverseInput> | Iterable<ConverseInput>,
    options?: BotConverseOptions,
  ): BotConversation;
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
   * @throws ValidationError for a state without `dialogAction.type`, more than 10 messages, a
   *   message out of Lex's bounds (text over 1,024 characters, a card without a title or with more
   *   than 5 buttons, …), or non-string attributes, before any call
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

  sayStream(audio: Uint8Array, options?: BotSayStreamOptions): Promise<BotStreamedTurn> {
    const ctx = this.#ctx;
    const ref = this.#ref();
    const site = { service: 'lex-runtime', operation: 'RecognizeUtterance' } as const;
    return guardCall(site, options, async () => {
      const o = options ?? {};
      if (o.responseContentType === 'text' || String(o.responseContentType).startsWith('text/')) {
        throw new ValidationError(
          'sayStream streams the spoken answer: ask for audio (responseContentType mpeg, ogg or pcm), or use say() for a text answer',
          site,
        );
      }
      const plan = planSay(audio, { ...o, responseContentType: o.responseContentType ?? 'mpeg' });
      // Cuts the request when the audio stream is aborted or stopped early, also after the turn.
      const cut = new AbortController();
      // The turn's deadline (the call's or the client's timeoutMs) runs from this call to the end
      // of the audio: the request bounds the wait for the headers, this timer the relay after them.
      const timeoutMs = o.timeoutMs ?? ctx.config.timeoutMs;
      const deadline = new AbortController();
      let relaying = false;
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              const error = new TimeoutError(
                `lex-runtime RecognizeUtterance timed out after ${timeoutMs} ms`,
                { ...site, code: 'TimeoutError', retryable: true },
              );
              deadline.abort(error);
              // Before the headers, the request's own deadline answers (a TimeoutError too).
              if (relaying) cut.abort(error);
            }, timeoutMs);
      timer?.unref?.();
      const signal = o.signal ? AbortSignal.any([o.signal, cut.signal]) : cut.signal;
      const { turn, body } = await (await impl())
        .sayStart(ctx, ref, plan, { ...o, signal })
        .catch((err: unknown) => {
          clearTimeout(timer);
          // A turn that failed after its headers (a header that does not decode) leaves no body open.
          cut.abort(err);
          throw err;
        });
      relaying = true;
      const audioStream = AwsAIStream.from<Uint8Array>(
        async function* () {
          try {
            for await (const chunk of body ?? []) yield chunk;
            // A dropped connection ends the body as if it were complete (see endedEarly).
            if (endedEarly(body)) {
              throw new StreamError('the answer audio ended mid-stream: the connection dropped', {
                ...site,
                code: 'StreamInterrupted',
                retryable: true,
              });
            }
          } catch (err) {
            if (deadline.signal.aborted) throw deadline.signal.reason;
            if (AwsAIError.isInstance(err)) throw err;
            if (o.signal?.aborted) {
              throw new AbortError('lex-runtime RecognizeUtterance was aborted', {
                ...site,
                code: 'AbortError',
                cause: err,
              });
            }
            // The request's deadline (timeoutMs) cut the audio, or the connection dropped.
            const name = (err as { name?: unknown })?.name;
            if (name === 'AbortError' || name === 'TimeoutError') {
              throw new TimeoutError(
                'lex-runtime RecognizeUtterance timed out while relaying audio',
                {
                  ...site,
                  code: 'TimeoutError',
                  retryable: true,
                  cause: err,
                },
              );
            }
            throw new StreamError('the answer audio ended mid-stream', {
              ...site,
              code: 'StreamInterrupted',
              retryable: true,
              cause: err,
            });
          } finally {
            clearTimeout(timer);
          }
        },
        {
          binary: true,
          // The deadline rejects a pending read at once, with the TimeoutError above.
          signal: o.signal ? AbortSignal.any([o.signal, deadline.signal]) : deadline.signal,
          site,
        },
      );
      // Aborting or leaving the audio (also before reading it) cuts the request.
      const streamSignal = audioStream.controller.signal;
      streamSignal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          cut.abort(streamSignal.reason);
        },
        { once: true },
      );
      return { ...turn, audio: audioStream };
    });
  }

  converse(
    input: AsyncIterable<ConverseInput> | Iterable<ConverseInput>,
    options?: BotConverseOptions,
  ): BotConversation {
    return withSite(CONVERSE_SITE, () => {
      const plan = planConverse(input, options);
      const o = options ?? {};
      const ctx = this.#ctx;
      // Retry overrides are checked now, not when the stream is first read.
      retryFor(ctx.config, o.retry);
      const ref = this.#ref();
      const outbound = new Outbound();
      const stream = AwsAIStream.from<BotConverseEvent>(
        async function* (signal) {
          const { converseEvents } = await impl();
          yield* converseEvents(ctx, ref, input, plan, o, { outbound }, signal);
        },
        {
          signal: o.signal,
          // timeoutMs bounds the whole conversation when given; a live one has no natural end.
          timeoutMs: o.timeoutMs ?? ctx.config.timeoutMs,
          site: CONVERSE_SITE,
        },
      ) as BotConversation;
      stream.close = () => outbound.end(true);
      stream.playbackComplete = () => outbound.playbackComplete();
      return stream;
    });
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
