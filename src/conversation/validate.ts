import { describe, describeInput } from '../config';
import { ValidationError } from '../errors';
import {
  ACTIVE_CONTEXT_NAME,
  ACTIVE_CONTEXT_NAME_MAX_CHARS,
  ACTIVE_CONTEXTS_MAX,
  BOT_ID,
  BUTTON_FIELD_MAX_CHARS,
  CARD_BUTTONS_MAX,
  CARD_FIELD_MAX_CHARS,
  CONTEXT_ATTRIBUTE_NAME_MAX_CHARS,
  CONTEXT_ATTRIBUTES_MAX,
  CONTEXT_TTL_SECONDS,
  CONTEXT_TTL_TURNS,
  INPUT_CONTENT_TYPE_PREFIXES,
  INPUT_CONTENT_TYPES,
  MESSAGE_CONTENT_MAX_CHARS,
  MESSAGES_MAX,
  RESPONSE_CONTENT_TYPES,
  SESSION_ID,
  SPEECH_MAX_MS,
  TEXT_MAX_CHARS,
} from './limits';
import type { BotMessage, BotRef, BotSessionState } from './types';

/** An unpaired UTF-16 surrogate: no UTF-8 encoding exists. @internal */
export const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A resource id (bot, alias, locale) for a message: quoted when shaped like an id (printable ASCII
 * without spaces, at most 80 characters), else by its length, so text passed as an id is never
 * quoted (ADR 0005, session 9 amendment: the rule of `shownString`).
 */
function shownId(value: unknown): string {
  if (typeof value !== 'string') return describe(value);
  return /^[\x21-\x7e]{1,80}$/.test(value)
    ? `'${value}'`
    : `a string of ${value.length} characters`;
}

/** A bot, alias and locale. @internal */
export function checkBotRef(ref: unknown): BotRef {
  if (typeof ref !== 'object' || ref === null) {
    throw new ValidationError('bot() needs { botId, botAliasId, localeId }');
  }
  const { botId, botAliasId, localeId } = ref as Record<string, unknown>;
  if (typeof botId !== 'string' || !BOT_ID.test(botId)) {
    throw new ValidationError(
      `botId must be the bot's 10-character id of letters and digits (e.g. 'AB12CD34EF'); got ${shownId(botId)}`,
    );
  }
  if (typeof botAliasId !== 'string' || botAliasId === '') {
    throw new ValidationError(
      `botAliasId must be the alias id (e.g. 'TSTALIASID'); got ${shownId(botAliasId)}`,
    );
  }
  if (typeof localeId !== 'string' || localeId === '') {
    throw new ValidationError(
      `localeId must be a locale such as 'en_US'; got ${shownId(localeId)}`,
    );
  }
  return { botId, botAliasId, localeId };
}

/** A session id, or a generated one. @internal */
export function checkSessionId(sessionId: unknown): string {
  if (sessionId === undefined) return globalThis.crypto.randomUUID();
  if (typeof sessionId !== 'string' || !SESSION_ID.test(sessionId)) {
    throw new ValidationError(
      `sessionId must be 2 to 100 letters, digits, '.', '_', ':' or '-'; got ${describeInput(sessionId)}`,
    );
  }
  return sessionId;
}

/** RecognizeText input: 1–1,024 characters (UTF-16 code units, as Lex counts). @internal */
export function checkText(text: unknown): string {
  if (typeof text !== 'string' || text.trim() === '' || text.length > TEXT_MAX_CHARS) {
    throw new ValidationError(
      `text must be a non-blank string of at most ${TEXT_MAX_CHARS} characters; got ${typeof text === 'string' ? `${text.length} characters` : typeof text}`,
    );
  }
  if (LONE_SURROGATE.test(text)) {
    throw new ValidationError(
      'text has an unpaired UTF-16 surrogate: it cannot be encoded as UTF-8, so Lex cannot read it',
    );
  }
  return text;
}

/** Request attributes: string values. @internal */
export function checkAttributes(
  value: unknown,
  label = 'requestAttributes',
): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(`${label} must be an object of string values`);
  }
  for (const [key, v] of Object.entries(value)) {
    // M-LEX `StringMap`: keys are `NonEmptyString`.
    if (key === '') {
      throw new ValidationError(
        `${label} has an empty name: Lex takes names of 1 or more characters`,
      );
    }
    if (typeof v !== 'string') {
      throw new ValidationError(`${label}.${key} must be a string; got ${typeof v}`);
    }
  }
  return { ...(value as Record<string, string>) };
}

function checkWhole(value: unknown, where: string, range: { min: number; max: number }): void {
  if (!Number.isInteger(value) || (value as number) < range.min || (value as number) > range.max) {
    throw new ValidationError(
      `${where} must be a whole number from ${range.min} to ${range.max}; got ${describe(value)}`,
    );
  }
}

/** A session state's `activeContexts`, bounded as the model bounds them. */
function checkActiveContexts(value: unknown, label: string): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length > ACTIVE_CONTEXTS_MAX) {
    throw new ValidationError(
      `${label} must be an array of at most ${ACTIVE_CONTEXTS_MAX} contexts ({ name, timeToLive, contextAttributes })`,
    );
  }
  value.forEach((c, i) => {
    const where = `${label}[${i}]`;
    const context = (typeof c === 'object' && c !== null ? c : {}) as Record<string, unknown>;
    const { name, timeToLive, contextAttributes } = context;
    if (
      typeof name !== 'string' ||
      name.length > ACTIVE_CONTEXT_NAME_MAX_CHARS ||
      !ACTIVE_CONTEXT_NAME.test(name)
    ) {
      throw new ValidationError(
        `${where}.name must be 1 to ${ACTIVE_CONTEXT_NAME_MAX_CHARS} letters and digits, single '_' between them; got ${shownId(name)}`,
      );
    }
    const ttl = (typeof timeToLive === 'object' && timeToLive !== null ? timeToLive : {}) as Record<
      string,
      unknown
    >;
    checkWhole(
      ttl.timeToLiveInSeconds,
      `${where}.timeToLive.timeToLiveInSeconds`,
      CONTEXT_TTL_SECONDS,
    );
    checkWhole(ttl.turnsToLive, `${where}.timeToLive.turnsToLive`, CONTEXT_TTL_TURNS);
    if (
      typeof contextAttributes !== 'object' ||
      contextAttributes === null ||
      Array.isArray(contextAttributes) ||
      Object.keys(contextAttributes).length > CONTEXT_ATTRIBUTES_MAX
    ) {
      throw new ValidationError(
        `${where}.contextAttributes must be an object of at most ${CONTEXT_ATTRIBUTES_MAX} string values ({} for none)`,
      );
    }
    for (const [key, v] of Object.entries(contextAttributes)) {
      if (key === '' || key.length > CONTEXT_ATTRIBUTE_NAME_MAX_CHARS) {
        throw new ValidationError(
          `${where}.contextAttributes names must be 1 to ${CONTEXT_ATTRIBUTE_NAME_MAX_CHARS} characters`,
        );
      }
      checkField(v, `${where}.contextAttributes.${key}`, MESSAGE_CONTENT_MAX_CHARS);
    }
  });
}

/**
 * An intent's slots in Lex's shape (M-LEX `Slots`: a map of `Slot` or null; a `Slot`'s `value`
 * needs `interpretedValue`, `values` is a list of slots, `subSlots` a map of them), so that
 * `{ size: 'large' }` is refused here with the shape to use, not by Lex after the request.
 */
function checkSlots(value: unknown, label: string, depth = 0): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(`${label} must be an object of slots by name`);
  }
  for (const [name, slot] of Object.entries(value)) {
    const where = `${label}.${name}`;
    if (slot === null || slot === undefined) continue;
    if (typeof slot !== 'object' || Array.isArray(slot)) {
      throw new ValidationError(
        `${where} must be a Lex slot ({ value: { interpretedValue: '…' } }) or null; got ${describeInput(slot)}`,
      );
    }
    checkSlot(slot as Record<string, unknown>, where, depth);
  }
}

function checkSlot(slot: Record<string, unknown>, where: string, depth: number): void {
  // Lex nests a list's values and a composite's sub-slots one level or two; deeper is a cycle or
  // a mistake, and refusing it keeps a self-referencing object from recursing for ever.
  if (depth > 8) throw new ValidationError(`${where} nests slots too deep`);
  const v = slot.value;
  if (v !== undefined) {
    const given = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
    if (typeof given.interpretedValue !== 'string' || given.interpretedValue === '') {
      throw new ValidationError(
        `${where}.value must be { interpretedValue, originalValue?, resolvedValues? } with a non-empty interpretedValue`,
      );
    }
  }
  if (slot.values !== undefined) {
    if (!Array.isArray(slot.values)) {
      throw new ValidationError(`${where}.values must be an array of slots (a List slot)`);
    }
    slot.values.forEach((item, i) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        throw new ValidationError(`${where}.values[${i}] must be a Lex slot ({ value })`);
      }
      checkSlot(item as Record<string, unknown>, `${where}.values[${i}]`, depth + 1);
    });
  }
  if (slot.subSlots !== undefined) checkSlots(slot.subSlots, `${where}.subSlots`, depth + 1);
}

/** A session state in Lex's shape. @internal */
export function checkSessionState(
  value: unknown,
  label = 'sessionState',
): BotSessionState | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(
      `${label} must be a Lex session state object ({ intent?, dialogAction?, sessionAttributes?, … })`,
    );
  }
  const state = value as BotSessionState;
  if (
    state.intent !== undefined &&
    (typeof state.intent?.name !== 'string' || state.intent.name === '')
  ) {
    throw new ValidationError(`${label}.intent.name must be the intent's name`);
  }
  if (state.intent !== undefined) checkSlots(state.intent.slots, `${label}.intent.slots`);
  if (state.dialogAction !== undefined && typeof state.dialogAction?.type !== 'string') {
    throw new ValidationError(
      `${label}.dialogAction.type must be set (e.g. 'ElicitIntent', 'ElicitSlot', 'Close')`,
    );
  }
  checkAttributes(state.sessionAttributes, `${label}.sessionAttributes`);
  checkActiveContexts(state.activeContexts, `${label}.activeContexts`);
  return state;
}

/** A message field Lex bounds: a string of `min`–`max` characters, named by its length only. */
function checkField(value: unknown, where: string, max: number, optional = false): void {
  if (optional && value === undefined) return;
  if (typeof value !== 'string' || value.length < 1 || value.length > max) {
    throw new ValidationError(
      `${where} must be a string of 1 to ${max} characters, as Lex takes it; got ${describeInput(value)}`,
    );
  }
}

/**
 * Messages the bot is to say (PutSession `messages`, ConfigurationEvent `welcomeMessages`): at most
 * 10, each shaped as the model requires, so Lex never refuses one after the request is sent.
 * @internal
 */
export function checkMessages(
  value: unknown,
  label = 'messages',
): readonly BotMessage[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > MESSAGES_MAX) {
    throw new ValidationError(`${label} must be an array of at most ${MESSAGES_MAX} messages`);
  }
  value.forEach((m, i) => {
    const where = `${label}[${i}]`;
    const type = (m as { type?: unknown })?.type;
    if (!['text', 'ssml', 'custom', 'card'].includes(type as string)) {
      throw new ValidationError(
        `${where}.type must be text, ssml, custom or card; got ${describe(type)}`,
      );
    }
    const message = m as Record<string, unknown>;
    if (type === 'text') checkField(message.text, `${where}.text`, MESSAGE_CONTENT_MAX_CHARS);
    if (type === 'ssml') checkField(message.ssml, `${where}.ssml`, MESSAGE_CONTENT_MAX_CHARS);
    if (type === 'custom') {
      checkField(message.payload, `${where}.payload`, MESSAGE_CONTENT_MAX_CHARS);
    }
    if (type !== 'card') return;
    checkField(message.title, `${where}.title`, CARD_FIELD_MAX_CHARS);
    checkField(message.subtitle, `${where}.subtitle`, CARD_FIELD_MAX_CHARS, true);
    checkField(message.imageUrl, `${where}.imageUrl`, CARD_FIELD_MAX_CHARS, true);
    const buttons = message.buttons;
    // The model leaves a card's buttons optional: none is a card without buttons.
    if (buttons === undefined) return;
    if (!Array.isArray(buttons) || buttons.length > CARD_BUTTONS_MAX) {
      throw new ValidationError(
        `${where}.buttons must be an array of at most ${CARD_BUTTONS_MAX} buttons ({ text, value })`,
      );
    }
    buttons.forEach((b, j) => {
      const button = (typeof b === 'object' && b !== null ? b : {}) as Record<string, unknown>;
      checkField(button.text, `${where}.buttons[${j}].text`, BUTTON_FIELD_MAX_CHARS);
      checkField(button.value, `${where}.buttons[${j}].value`, BUTTON_FIELD_MAX_CHARS);
    });
  });
  return value as BotMessage[];
}

/** The `Response-Content-Type` for a short name or a Lex content type. @internal */
export function responseContentType(value: unknown): string {
  if (value === undefined) return RESPONSE_CONTENT_TYPES.text;
  if (typeof value === 'string' && value in RESPONSE_CONTENT_TYPES) {
    return RESPONSE_CONTENT_TYPES[value as keyof typeof RESPONSE_CONTENT_TYPES];
  }
  if (typeof value === 'string' && (value.startsWith('audio/') || value.startsWith('text/plain'))) {
    return value;
  }
  throw new ValidationError(
    `responseContentType must be text, mpeg, ogg, pcm or a Lex content type ('audio/…', 'text/plain; charset=utf-8'); got ${describe(value)}`,
  );
}

/** Audio ready for RecognizeUtterance: its bytes and Lex content type. @internal */
export interface UtteranceAudio {
  bytes: Uint8Array;
  contentType: string;
  /** PCM duration in ms (undefined for Opus and text). */
  durationMs: number | undefined;
}

function pcmRate(contentType: string): number | undefined {
  if (!/^audio\/(x-)?l16|^audio\/lpcm/.test(contentType)) return undefined;
  const rate = /(?:^|[;\s])(?:sample-)?rate=(\d+)/.exec(contentType)?.[1];
  return rate === undefined ? 16_000 : Number(rate);
}

/** The PCM samples of a WAV file (RIFF/WAVE, 16-bit PCM mono at 8 or 16 kHz) and their rate. */
function fromWav(bytes: Uint8Array): { pcm: Uint8Array; rate: number } | undefined {
  const text = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.byteLength < 12 || text(0) !== 'RIFF' || text(8) !== 'WAVE') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 12;
  let format: { tag: number; channels: number; rate: number; bits: number } | undefined;
  while (at + 8 <= bytes.byteLength) {
    const id = text(at);
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ') {
      // A PCM fmt chunk holds 16 bytes; a shorter or cut one has no sample size to read.
      if (size < 16 || at + 24 > bytes.byteLength) {
        throw new ValidationError(
          `the WAV file's fmt chunk is cut (${Math.max(0, Math.min(size, bytes.byteLength - at - 8))} of 16 bytes): send the whole file, or raw PCM with contentType pcm`,
        );
      }
      format = {
        tag: view.getUint16(at + 8, true),
        channels: view.getUint16(at + 10, true),
        rate: view.getUint32(at + 12, true),
        bits: view.getUint16(at + 22, true),
      };
    } else if (id === 'data') {
      if (!format) break;
      if (
        format.tag !== 1 ||
        format.channels !== 1 ||
        format.bits !== 16 ||
        ![8_000, 16_000].includes(format.rate)
      ) {
        throw new ValidationError(
          `a WAV file for Lex must be 16-bit PCM, mono, at 8000 or 16000 Hz; this one is format ${format.tag}, ${format.channels} channel(s), ${format.bits}-bit, ${format.rate} Hz: convert it first (e.g. ffmpeg -ac 1 -ar 16000 -sample_fmt s16)`,
        );
      }
      return {
        pcm: bytes.subarray(at + 8, Math.min(bytes.byteLength, at + 8 + size)),
        rate: format.rate,
      };
    }
    at += 8 + size + (size % 2);
  }
  throw new ValidationError('the WAV file has no fmt and data chunks');
}

/**
 * Checks audio for RecognizeUtterance: bytes, a format Lex takes, PCM of whole 16-bit samples and
 * at most 15 s. A WAV file is unwrapped to its PCM samples. @internal
 */
export function checkAudio(audio: unknown, format: unknown): UtteranceAudio {
  if (!(audio instanceof Uint8Array) || audio.byteLength === 0) {
    throw new ValidationError(
      `audio must be non-empty bytes (a Uint8Array or Buffer of PCM, a WAV file or Opus); got ${audio instanceof Uint8Array ? 'no bytes' : typeof audio}`,
    );
  }
  let bytes: Uint8Array = audio;
  let contentType: string;
  const wav = fromWav(audio);
  if (wav) {
    if (format !== undefined && format !== 'pcm' && format !== 'pcm-8k') {
      throw new ValidationError(
        `audio is a WAV file (PCM); contentType ${describe(format)} does not match it`,
      );
    }
    bytes = wav.pcm;
    contentType = wav.rate === 8_000 ? INPUT_CONTENT_TYPES['pcm-8k'] : INPUT_CONTENT_TYPES.pcm;
  } else if (
    format === undefined ||
    (typeof format === 'string' && format in INPUT_CONTENT_TYPES)
  ) {
    contentType = INPUT_CONTENT_TYPES[(format ?? 'pcm') as keyof typeof INPUT_CONTENT_TYPES];
  } else if (
    typeof format === 'string' &&
    INPUT_CONTENT_TYPE_PREFIXES.some((prefix) => format.toLowerCase().startsWith(prefix))
  ) {
    contentType = format;
  } else {
    throw new ValidationError(
      `contentType must be pcm (16 kHz), pcm-8k, opus or a content type Lex takes (audio/l16, audio/x-l16, audio/lpcm, audio/x-cbr-opus-with-preamble); got ${describe(format)}. Lex V2 takes no mu-law or MP3 input: convert to 16-bit PCM`,
    );
  }
  const rate = pcmRate(contentType);
  let durationMs: number | undefined;
  if (rate !== undefined) {
    if (bytes.byteLength % 2 !== 0) {
      throw new ValidationError(
        `PCM audio must be whole 16-bit samples; got ${bytes.byteLength} bytes (an odd count)`,
      );
    }
    durationMs = (bytes.byteLength / 2 / rate) * 1_000;
    if (durationMs > SPEECH_MAX_MS) {
      throw new ValidationError(
        `audio lasts ${(durationMs / 1_000).toFixed(1)} s; Lex takes at most ${SPEECH_MAX_MS / 1_000} s of speech per RecognizeUtterance turn: send a shorter utterance (split the audio at a pause)`,
      );
    }
  }
  return { bytes, contentType, durationMs };
}
