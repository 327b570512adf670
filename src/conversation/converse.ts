import type {
  Message,
  StartConversationRequestEventStream,
  StartConversationResponseEventStream,
} from '@aws-sdk/client-lex-runtime-v2';
import { type CallOptions, callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { fromAwsError } from '../core/error-mapping';
import { idleTimeoutError } from '../core/internal/idle';
import { AwsAIError, StreamError } from '../errors';
import type { ConverseControl, Outbound } from './converse-outbound';
import {
  CONVERSE_SITE,
  type ConversePlan,
  type ConverseRequestEvent,
  checkInputItem,
} from './converse-plan';
import { LEX_RUNTIME } from './lex';
import { CONVERSATION_AUDIO_CHUNK_BYTES, CONVERSATION_AUDIO_CONTENT_TYPE } from './limits';
import {
  botIntent,
  botMessages,
  dialogAction,
  interpretations,
  lexMessages,
  messageText,
  sessionStateOf,
} from './mappers';
import type { SessionRef } from './operations';
import type { BotConverseEvent, BotConverseOptions, ConverseInput } from './types';

function configurationEvent(
  plan: ConversePlan,
  out: Outbound,
): StartConversationRequestEventStream {
  return {
    ConfigurationEvent: {
      responseContentType: plan.responseContentType,
      // Text answers are never played; audio answers wait for PlaybackCompletionEvent.
      disablePlayback: !plan.audioResponse,
      ...(plan.sessionState ? { sessionState: plan.sessionState as never } : {}),
      ...(plan.requestAttributes ? { requestAttributes: plan.requestAttributes } : {}),
      ...(plan.welcomeMessages ? { welcomeMessages: lexMessages(plan.welcomeMessages) } : {}),
      eventId: out.id(),
      clientTimestampMillis: Date.now(),
    },
  };
}

/** The caller's audio as whole 16-bit samples in chunks of at most 100 ms. */
class AudioChunker {
  #carry: Uint8Array | undefined;
  chunks(bytes: Uint8Array): Uint8Array[] {
    let data = bytes;
    if (this.#carry) {
      const joined = new Uint8Array(this.#carry.byteLength + data.byteLength);
      joined.set(this.#carry);
      joined.set(data, this.#carry.byteLength);
      data = joined;
      this.#carry = undefined;
    }
    if (data.byteLength % 2 === 1) {
      this.#carry = data.slice(data.byteLength - 1);
      data = data.subarray(0, data.byteLength - 1);
    }
    const out: Uint8Array[] = [];
    for (let at = 0; at < data.byteLength; at += CONVERSATION_AUDIO_CHUNK_BYTES) {
      out.push(data.slice(at, at + CONVERSATION_AUDIO_CHUNK_BYTES));
    }
    return out;
  }
}

function toRequestEvents(
  item: ReturnType<typeof checkInputItem>,
  out: Outbound,
  audio: AudioChunker,
): ConverseRequestEvent[] {
  const clientTimestampMillis = Date.now();
  if (item.kind === 'text') {
    return [{ TextInputEvent: { text: item.text, eventId: out.id(), clientTimestampMillis } }];
  }
  if (item.kind === 'dtmf') {
    return [...item.keys].map((inputCharacter) => ({
      DTMFInputEvent: { inputCharacter, eventId: out.id(), clientTimestampMillis },
    }));
  }
  return audio.chunks(item.bytes).map((audioChunk) => ({
    AudioInputEvent: {
      audioChunk,
      contentType: CONVERSATION_AUDIO_CONTENT_TYPE,
      eventId: out.id(),
      clientTimestampMillis,
    },
  }));
}

function iteratorOf(input: unknown): AsyncIterator<unknown> | Iterator<unknown> {
  const source = input as Partial<AsyncIterable<unknown> & Iterable<unknown>>;
  const asyncOf = source[Symbol.asyncIterator];
  if (asyncOf) return asyncOf.call(source);
  return (source[Symbol.iterator] as () => Iterator<unknown>).call(source);
}

/** One response event of Lex as ours; undefined for members this version does not know. */
function toEvent(
  event: StartConversationResponseEventStream,
  sessionId: string,
): BotConverseEvent | undefined {
  if (event.TranscriptEvent) {
    return {
      type: 'transcript',
      transcript: event.TranscriptEvent.transcript ?? '',
      eventId: event.TranscriptEvent.eventId,
    };
  }
  if (event.IntentResultEvent) {
    const e = event.IntentResultEvent;
    return {
      type: 'intent',
      sessionId: e.sessionId ?? sessionId,
      intent: botIntent(e.sessionState?.intent),
      interpretations: interpretations(e.interpretations),
      dialogAction: dialogAction(e.sessionState),
      sessionState: sessionStateOf(e.sessionState),
      requestAttributes: e.requestAttributes,
      inputMode: e.inputMode,
      eventId: e.eventId,
    };
  }
  if (event.TextResponseEvent) {
    const messages = botMessages(event.TextResponseEvent.messages as Message[] | undefined);
    return {
      type: 'text',
      messages,
      text: messageText(messages),
      eventId: event.TextResponseEvent.eventId,
    };
  }
  if (event.AudioResponseEvent) {
    const e = event.AudioResponseEvent;
    if (!e.audioChunk || e.audioChunk.byteLength === 0) {
      return { type: 'audio-end', eventId: e.eventId };
    }
    return { type: 'audio', audio: e.audioChunk, contentType: e.contentType, eventId: e.eventId };
  }
  if (event.PlaybackInterruptionEvent) {
    const e = event.PlaybackInterruptionEvent;
    return {
      type: 'interrupted',
      reason: e.eventReason ?? 'VOICE_START_DETECTED',
      causedByEventId: e.causedByEventId,
      eventId: e.eventId,
    };
  }
  if (event.HeartbeatEvent) return { type: 'heartbeat', eventId: event.HeartbeatEvent.eventId };
  // A modeled exception as a union member (the SDK usually throws it instead).
  const [code, value] =
    Object.entries(event).find(([key, v]) => key.endsWith('Exception') && v !== undefined) ?? [];
  if (code) {
    const message = (value as { message?: unknown })?.message;
    throw Object.assign(new Error(typeof message === 'string' ? message : code), { name: code });
  }
  return undefined;
}

function midStreamError(err: unknown, requestId: string | undefined): StreamError {
  const mapped = fromAwsError(err, CONVERSE_SITE);
  return new StreamError(`Lex ended the conversation mid-stream: ${mapped.message}`, {
    ...CONVERSE_SITE,
    code: mapped.code,
    statusCode: mapped.statusCode,
    requestId: mapped.requestId ?? requestId,
    retryable: mapped.retryable,
    serviceMessage: mapped.serviceMessage,
    cause: err,
  });
}

/**
 * Runs StartConversation (see `BotSession.converse`): sends the ConfigurationEvent, then the
 * caller's input as it comes, and yields Lex's events typed. With `playback: 'auto'` it answers
 * each spoken answer's end with a PlaybackCompletionEvent. When the input ends it sends a
 * DisconnectionEvent and closes the request side; Lex's last events are still delivered. Whatever
 * ends the conversation (its end, an error, an abort), nothing is sent afterwards. @internal
 */
export async function* converseEvents(
  ctx: ModuleContext,
  ref: SessionRef,
  input: AsyncIterable<ConverseInput> | Iterable<ConverseInput>,
  plan: ConversePlan,
  options: BotConverseOptions,
  control: ConverseControl,
  signal: AbortSignal,
): AsyncGenerator<BotConverseEvent> {
  const { outbound } = control;
  const stop = new AbortController();
  let failure: { error: unknown } | undefined;
  let failed: () => void = () => {};
  const failedPromise = new Promise<never>((_, reject) => {
    failed = () => reject(failure?.error);
  });
  failedPromise.catch(() => {});
  const fail = (error: unknown): void => {
    if (failure) return;
    failure = { error };
    outbound.discard();
    stop.abort(error);
    failed();
  };
  let pumping = false;
  let previous: AbortController | undefined;
  const config = configurationEvent(plan, outbound);

  // Moves the caller's input onto the request, item by item, checked as it comes.
  const pump = async (): Promise<void> => {
    const iterator = iteratorOf(input);
    const chunker = new AudioChunker();
    let index = 0;
    let finished = false;
    try {
      for (;;) {
        if (outbound.ended || signal.aborted) return;
        const next = await iterator.next();
        if (next.done) {
          finished = true;
          break;
        }
        // Input that arrives after the conversation settled or closed is never sent.
        if (outbound.ended || signal.aborted) return;
        const item = checkInputItem(next.value, index, plan.mode);
        index += 1;
        for (const event of toRequestEvents(item, outbound, chunker)) {
          outbound.push(event as StartConversationRequestEventStream);
        }
      }
      outbound.end(true);
    } catch (err) {
      fail(
        AwsAIError.isInstance(err)
          ? err
          : new StreamError('the conversation input threw', {
              ...CONVERSE_SITE,
              code: 'InputError',
              retryable: false,
              cause: err,
            }),
      );
    } finally {
      if (!finished) Promise.resolve(iterator.return?.()).catch(() => {});
    }
  };

  // Every wait for Lex (the response headers, then each event) is bounded by idleTimeoutMs, and
  // ends at once when the input fails.
  const wait = async <T>(pending: Promise<T>): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const racers: Array<Promise<T>> = [pending, failedPromise];
    if (plan.idleTimeoutMs !== undefined) {
      const idleMs = plan.idleTimeoutMs;
      racers.push(
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            // The same error as every other stream's idle timeout (core/internal/idle.ts).
            const error = idleTimeoutError(CONVERSE_SITE, idleMs);
            fail(error);
            reject(error);
          }, idleMs);
        }),
      );
    }
    try {
      return await Promise.race(racers);
    } finally {
      clearTimeout(timer);
    }
  };

  let requestId: string | undefined;
  try {
    const response = await wait(
      callAws(
        ctx,
        LEX_RUNTIME,
        CONVERSE_SITE.operation,
        ({ client, sdk, signal: attempt }) => {
          // One body at a time: a refused attempt's body stops, the next one resends its events.
          previous?.abort();
          const own = new AbortController();
          previous = own;
          const requestSignal = AbortSignal.any([attempt, stop.signal, own.signal]);
          async function* body(): AsyncGenerator<StartConversationRequestEventStream> {
            yield config;
            // The caller's input is read from when the request's body flows, not before.
            if (!pumping) {
              pumping = true;
              void pump();
            }
            yield* outbound.body(requestSignal);
          }
          return client.send(
            new sdk.StartConversationCommand({
              botId: ref.botId,
              botAliasId: ref.botAliasId,
              localeId: ref.localeId,
              sessionId: ref.sessionId,
              conversationMode: plan.mode,
              requestEventStream: body(),
            }),
            { abortSignal: requestSignal },
          );
        },
        // The conversation's deadline is the stream's (bot-session.ts), not the request's.
        { signal, retry: options.retry, timeoutMs: 2_147_483_647 } as CallOptions,
      ),
    );
    outbound.started();
    requestId = response.$metadata?.requestId;
    if (!response.responseEventStream) {
      throw new StreamError('Lex answered StartConversation without an event stream', {
        ...CONVERSE_SITE,
        code: 'MissingStream',
        requestId,
      });
    }
    const events = response.responseEventStream[Symbol.asyncIterator]();
    for (;;) {
      const next = await wait(events.next());
      if (next.done) break;
      const event = toEvent(next.value, ref.sessionId);
      if (!event) continue;
      if (event.type === 'audio-end' && plan.audioResponse && plan.playback === 'auto') {
        outbound.playbackComplete();
      }
      yield event;
    }
    if (failure) throw failure.error;
  } catch (err) {
    if (failure) throw failure.error;
    if (signal.aborted) throw err;
    // A refused start is already typed (NotFoundError, AccessDeniedError, …).
    if (AwsAIError.isInstance(err) && requestId === undefined) throw err;
    throw StreamError.isInstance(err) ? err : midStreamError(err, requestId);
  } finally {
    // Nothing more goes out, however the conversation ended.
    outbound.discard();
  }
}
