import { describe, describeInput } from '../config';
import { checkRequestOptions } from '../core/call-scope';
import { ValidationError } from '../errors';
import {
  CONVERSATION_AUDIO_CONTENT_TYPE,
  CONVERSATION_SAMPLE_RATE,
  CONVERSATION_TEXT_MAX_CHARS,
  DTMF_KEY,
  INPUT_CONTENT_TYPES,
  WELCOME_MESSAGES_MAX,
} from './limits';
import type { BotConverseOptions, BotMessage, BotSessionState } from './types';
import {
  checkAttributes,
  checkMessages,
  checkSessionState,
  LONE_SURROGATE,
  responseContentType,
} from './validate';

/** Where conversation errors happen. @internal */
export const CONVERSE_SITE = { service: 'lex-runtime', operation: 'StartConversation' } as const;

/** A conversation's options, checked: what the first event and the request carry. @internal */
export interface ConversePlan {
  mode: 'AUDIO' | 'TEXT';
  responseContentType: string;
  audioResponse: boolean;
  sessionState: BotSessionState | undefined;
  requestAttributes: Record<string, string> | undefined;
  welcomeMessages: readonly BotMessage[] | undefined;
  playback: 'auto' | 'manual';
  idleTimeoutMs: number | undefined;
}

/** A timer above 2^31 - 1 ms fires after 1 ms in Node: refused, not shortened. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * An option's value for a message: a string of at most 40 characters is quoted, a longer one named
 * by its length (`describe`, ADR 0005): an option is not the user's data, but text passed by
 * mistake as one must not be quoted.
 */
const optionKind = describe;

/** Checks `converse()`'s input and options before any request. @internal */
export function planConverse(
  input: unknown,
  options: BotConverseOptions | undefined,
): ConversePlan {
  const o = checkRequestOptions(options);
  if (
    input === null ||
    typeof input !== 'object' ||
    !(Symbol.asyncIterator in input || Symbol.iterator in input)
  ) {
    throw new ValidationError(
      `converse() needs an AsyncIterable (or Iterable) of audio chunks, { text } and { dtmf }; got ${describeInput(input)}`,
      CONVERSE_SITE,
    );
  }
  const { mode, contentType, playback, idleTimeoutMs } = o;
  if (mode !== undefined && mode !== 'audio' && mode !== 'text') {
    throw new ValidationError(
      `mode must be 'audio' or 'text'; got ${optionKind(mode)}`,
      CONVERSE_SITE,
    );
  }
  if (
    contentType !== undefined &&
    contentType !== 'pcm-8k' &&
    !(
      typeof contentType === 'string' &&
      contentType.replace(/\s+/g, '').toLowerCase() ===
        CONVERSATION_AUDIO_CONTENT_TYPE.replace(/\s+/g, '')
    )
  ) {
    throw new ValidationError(
      `contentType must be pcm-8k (${INPUT_CONTENT_TYPES['pcm-8k']}): StartConversation takes only ${CONVERSATION_SAMPLE_RATE} Hz 16-bit mono PCM; got ${optionKind(contentType)}. Resample first (e.g. ffmpeg -ac 1 -ar 8000 -f s16le)`,
      CONVERSE_SITE,
    );
  }
  if (playback !== undefined && playback !== 'auto' && playback !== 'manual') {
    throw new ValidationError(
      `playback must be 'auto' or 'manual'; got ${optionKind(playback)}`,
      CONVERSE_SITE,
    );
  }
  if (
    idleTimeoutMs !== undefined &&
    !(typeof idleTimeoutMs === 'number' && idleTimeoutMs > 0 && idleTimeoutMs <= MAX_TIMER_MS)
  ) {
    throw new ValidationError(
      `idleTimeoutMs must be a number of ms above 0, at most ${MAX_TIMER_MS}; got ${optionKind(idleTimeoutMs)}`,
      CONVERSE_SITE,
    );
  }
  const modeName = mode === 'text' ? 'TEXT' : 'AUDIO';
  // An array is all there: its items are checked now, not when the stream reads them.
  if (Array.isArray(input)) {
    for (let i = 0; i < input.length; i++) checkInputItem(input[i], i, modeName);
  }
  const response = responseContentType(o.responseContentType);
  const sessionState = checkSessionState(o.sessionState);
  const requestAttributes = checkAttributes(o.requestAttributes);
  if (o.welcomeMessages !== undefined) {
    if (!Array.isArray(o.welcomeMessages) || o.welcomeMessages.length > WELCOME_MESSAGES_MAX) {
      throw new ValidationError(
        `welcomeMessages must be an array of at most ${WELCOME_MESSAGES_MAX} messages`,
        CONVERSE_SITE,
      );
    }
    if (typeof sessionState?.dialogAction?.type !== 'string') {
      throw new ValidationError(
        "welcomeMessages need sessionState.dialogAction.type (e.g. { dialogAction: { type: 'ElicitIntent' } }), as Lex requires",
        CONVERSE_SITE,
      );
    }
  }
  const welcomeMessages = checkMessages(o.welcomeMessages, 'welcomeMessages');
  return {
    mode: modeName,
    responseContentType: response,
    audioResponse: response.startsWith('audio/'),
    sessionState,
    requestAttributes,
    welcomeMessages,
    playback: playback ?? 'auto',
    idleTimeoutMs,
  };
}

/** One request event of StartConversation (the SDK's union member and its value). @internal */
export type ConverseRequestEvent =
  | { TextInputEvent: { text: string; eventId: string; clientTimestampMillis: number } }
  | { DTMFInputEvent: { inputCharacter: string; eventId: string; clientTimestampMillis: number } }
  | {
      AudioInputEvent: {
        audioChunk: Uint8Array;
        contentType: string;
        eventId: string;
        clientTimestampMillis: number;
      };
    };

/**
 * Checks one item of the caller's input while the conversation runs (an async iterable cannot be
 * checked before the call): what it is and whether the conversation mode takes it. @internal
 */
export function checkInputItem(
  item: unknown,
  index: number,
  mode: 'AUDIO' | 'TEXT',
):
  | { kind: 'audio'; bytes: Uint8Array }
  | { kind: 'text'; text: string }
  | { kind: 'dtmf'; keys: string } {
  const where = `converse input[${index}]`;
  if (item instanceof Uint8Array) {
    if (mode === 'TEXT') {
      throw new ValidationError(
        `${where} is audio, but the conversation's mode is 'text' (text only): use mode 'audio'`,
        CONVERSE_SITE,
      );
    }
    return { kind: 'audio', bytes: item };
  }
  if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
    const { text, dtmf } = item as { text?: unknown; dtmf?: unknown };
    if (text !== undefined && dtmf !== undefined) {
      throw new ValidationError(
        `${where} has both text and dtmf: send them as two items`,
        CONVERSE_SITE,
      );
    }
    if (text !== undefined) {
      if (
        typeof text !== 'string' ||
        text.trim() === '' ||
        text.length > CONVERSATION_TEXT_MAX_CHARS
      ) {
        throw new ValidationError(
          `${where}.text must be a non-blank string of at most ${CONVERSATION_TEXT_MAX_CHARS} characters; got ${typeof text === 'string' ? `${text.length} characters` : describeInput(text)}`,
          CONVERSE_SITE,
        );
      }
      if (LONE_SURROGATE.test(text)) {
        throw new ValidationError(
          `${where}.text has an unpaired surrogate (not valid UTF-16, so not valid UTF-8)`,
          CONVERSE_SITE,
        );
      }
      return { kind: 'text', text };
    }
    if (dtmf !== undefined) {
      if (typeof dtmf !== 'string' || dtmf === '' || ![...dtmf].every((k) => DTMF_KEY.test(k))) {
        throw new ValidationError(
          `${where}.dtmf must be keys of a phone keypad (0-9, A-D, # and *); got ${describeInput(dtmf)}`,
          CONVERSE_SITE,
        );
      }
      if (mode === 'TEXT') {
        throw new ValidationError(
          `${where} is DTMF, but the conversation's mode is 'text' (text only): use mode 'audio'`,
          CONVERSE_SITE,
        );
      }
      return { kind: 'dtmf', keys: dtmf };
    }
  }
  throw new ValidationError(
    `${where} must be audio bytes (Uint8Array), { text } or { dtmf }; got ${describeInput(item)}`,
    CONVERSE_SITE,
  );
}
