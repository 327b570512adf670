/**
 * Lex V2 Runtime limits, each with its source:
 * - M-LEX: `reference/aws-models/lexv2-runtime.json` (botocore service-2.json, 2020-08-07): shapes
 *   and the documentation of their members
 * - D-LEX1: Amazon Lex V1 Developer Guide, "Quotas", Runtime Service Quotas
 *   (https://docs.aws.amazon.com/lex/latest/dg/gl-limits.html). The V2 guide's runtime quota table
 *   (https://docs.aws.amazon.com/lexv2/latest/dg/quotas.html) could not be read when these were
 *   written; the V1 figures are the ones AWS publishes for the same header encoding and speech input.
 */

/** `botId`: exactly 10 letters and digits (M-LEX `BotIdentifier`: min 10, max 10, `^[0-9a-zA-Z]+$`). */
export const BOT_ID = /^[0-9a-zA-Z]{10}$/;
/** `sessionId`: 2–100 of `[0-9a-zA-Z._:-]` (M-LEX `SessionId`). */
export const SESSION_ID = /^[0-9a-zA-Z._:-]{2,100}$/;
/** `sessionId` length bounds (M-LEX `SessionId`: min 2, max 100). */
export const SESSION_ID_LENGTH = { min: 2, max: 100 } as const;
/** RecognizeText `text`: 1–1,024 characters (M-LEX `Text`: min 1, max 1024). */
export const TEXT_MAX_CHARS = 1_024;
/** PutSession `messages`: at most 10 (M-LEX `Messages`: max 10). */
export const MESSAGES_MAX = 10;
/** A message's `content` (text, SSML, custom payload): 1–1,024 characters (M-LEX `Message.content`: `Text`). */
export const MESSAGE_CONTENT_MAX_CHARS = 1_024;
/** A card's `title`, `subtitle` and `imageUrl`: 1–250 characters (M-LEX `AttachmentTitle`, `AttachmentUrl`). */
export const CARD_FIELD_MAX_CHARS = 250;
/** A card's buttons: at most 5 (M-LEX `ButtonsList`: max 5). */
export const CARD_BUTTONS_MAX = 5;
/** A button's `text` and `value`: 1–50 characters (M-LEX `ButtonText`, `ButtonValue`). */
export const BUTTON_FIELD_MAX_CHARS = 50;
/** A session state's `activeContexts`: at most 20 (M-LEX `ActiveContextsList`: max 20). */
export const ACTIVE_CONTEXTS_MAX = 20;
/** An active context's `name`: 1–100 of `^([A-Za-z0-9]_?)+$` (M-LEX `ActiveContextName`). */
export const ACTIVE_CONTEXT_NAME = /^([A-Za-z0-9]_?)+$/;
export const ACTIVE_CONTEXT_NAME_MAX_CHARS = 100;
/** `timeToLive.timeToLiveInSeconds`: 5–86,400 (M-LEX `ActiveContextTimeToLiveInSeconds`). */
export const CONTEXT_TTL_SECONDS = { min: 5, max: 86_400 } as const;
/** `timeToLive.turnsToLive`: 1–20 (M-LEX `ActiveContextTurnsToLive`). */
export const CONTEXT_TTL_TURNS = { min: 1, max: 20 } as const;
/**
 * `contextAttributes`: at most 10, names 1–100 characters, values 1–1,024 (M-LEX
 * `ActiveContextParametersMap`: max 10, key `ParameterName`, value `Text`).
 */
export const CONTEXT_ATTRIBUTES_MAX = 10;
export const CONTEXT_ATTRIBUTE_NAME_MAX_CHARS = 100;
/**
 * RecognizeUtterance: the gzip+base64 `x-amz-lex-session-state` and `x-amz-lex-request-attributes`
 * headers together at most 12 KB ("The maximum size of request and session headers combined is
 * 12 KB", D-LEX1).
 */
export const UTTERANCE_HEADERS_MAX_BYTES = 12 * 1_024;
/** RecognizeUtterance speech input: "can be up to 15 seconds long" (D-LEX1, PostContent). */
export const SPEECH_MAX_MS = 15_000;

/**
 * Input audio formats RecognizeUtterance takes, by our short name: the content types the model
 * lists for `requestContentType` (M-LEX). PCM is 16-bit little-endian mono.
 */
export const INPUT_CONTENT_TYPES = {
  pcm: 'audio/l16; rate=16000; channels=1',
  'pcm-8k':
    'audio/lpcm; sample-rate=8000; sample-size-bits=16; channel-count=1; is-big-endian=false',
  opus: 'audio/x-cbr-opus-with-preamble; preamble-size=0; bit-rate=256000; frame-size-milliseconds=4',
} as const;

/** Prefixes a raw `requestContentType` must start with (M-LEX `requestContentType` docs). */
export const INPUT_CONTENT_TYPE_PREFIXES = [
  'audio/l16',
  'audio/x-l16',
  'audio/lpcm',
  'audio/x-cbr-opus-with-preamble',
  'text/plain',
] as const;

/** Response content types Lex accepts (M-LEX `responseContentType` docs), by our short name. */
export const RESPONSE_CONTENT_TYPES = {
  text: 'text/plain; charset=utf-8',
  mpeg: 'audio/mpeg',
  ogg: 'audio/ogg',
  pcm: 'audio/pcm',
} as const;

/**
 * StartConversation audio input: 8 kHz 16-bit little-endian mono PCM only, with exactly this
 * content type ("You must use 8 KHz PCM 16-bit mono-channel little-endian format", M-LEX
 * `AudioInputEvent.contentType`; the operation's own documentation says the same).
 */
export const CONVERSATION_AUDIO_CONTENT_TYPE =
  'audio/lpcm; sample-rate=8000; sample-size-bits=16; channel-count=1; is-big-endian=false';
/** StartConversation audio input sample rate, in Hz (M-LEX `AudioInputEvent.contentType`). */
export const CONVERSATION_SAMPLE_RATE = 8_000;
/** One DTMF key: `A`–`D`, `0`–`9`, `#` or `*` (M-LEX `DTMFRegex`: min 1, max 1, `^[A-D0-9#*]{1}$`). */
export const DTMF_KEY = /^[A-D0-9#*]$/;
/** StartConversation `TextInputEvent.text`: 1–1,024 characters (M-LEX `Text`: min 1, max 1024). */
export const CONVERSATION_TEXT_MAX_CHARS = 1_024;
/** `ConfigurationEvent.welcomeMessages`: at most 10 (M-LEX `Messages`: max 10). */
export const WELCOME_MESSAGES_MAX = 10;
/** Event ids the library sends: 2–100 of `[0-9a-zA-Z._:-]` (M-LEX `EventId`). */
export const EVENT_ID = /^[0-9a-zA-Z._:-]{2,100}$/;
/**
 * Bytes of one `AudioInputEvent` chunk the library sends: 100 ms of 8 kHz 16-bit PCM. The model
 * sets no maximum (M-LEX `AudioChunk` is a bare blob); 100 ms keeps Lex's pause detection prompt
 * and the events small.
 */
export const CONVERSATION_AUDIO_CHUNK_BYTES = 1_600;
