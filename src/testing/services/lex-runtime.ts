import { gunzipSync, gzipSync } from 'node:zlib';
import { EmulatorError } from '../emulator-error';
import type { EmulatorInput, Handler } from '../types';
import { bodyLimit, MIB, type ServiceDefinition } from './definition';
import type { LexBots } from './lex-bot';
import { startConversationHandler } from './lex-conversation';
import { synthesizeAudio } from './polly-audio';

// Model limits (`reference/aws-models/lexv2-runtime.json`).
const BOT_ID = /^[0-9a-zA-Z]{10}$/;
const SESSION_ID = /^[0-9a-zA-Z._:-]{2,100}$/;
const TEXT_MAX = 1024;
const MESSAGES_MAX = 10;
/** `Message.content` (`Text`: 1–1,024), a card's title/subtitle/imageUrl (`AttachmentTitle`/`Url`: 1–250). */
const CARD_FIELD_MAX = 250;
/** `ButtonsList` (max 5); `ButtonText` / `ButtonValue` (1–50). */
const BUTTONS_MAX = 5;
const BUTTON_FIELD_MAX = 50;
const MESSAGE_TYPES = ['CustomPayload', 'ImageResponseCard', 'PlainText', 'SSML'];
const INPUT_TYPES =
  /^(audio\/l16|audio\/x-l16|audio\/lpcm|audio\/x-cbr-opus-with-preamble|text\/plain)/i;

const invalid = (message: string) => new EmulatorError('ValidationException', message);

/** Lex V2's header encoding: JSON, gzip, base64 (RecognizeUtterance and PutSession headers). */
export function lexHeader(value: unknown): string {
  return gzipSync(Buffer.from(JSON.stringify(value), 'utf8')).toString('base64');
}

function readLexHeader(value: unknown, name: string): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = JSON.parse(gunzipSync(Buffer.from(String(value), 'base64')).toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error();
    return parsed as Record<string, unknown>;
  } catch {
    throw invalid(`${name} must be a JSON object compressed with gzip and then base64 encoded`);
  }
}

/** AWS's wording for one broken constraint; it names the member, never quotes the value. */
const constraint = (member: string, rule: string) =>
  invalid(
    `1 validation error detected: Value at '${member}' failed to satisfy constraint: ${rule}`,
  );

function checkLength(value: unknown, member: string, max: number, required: boolean): void {
  if (value === undefined && !required) return;
  if (value === undefined) throw constraint(member, 'Member must not be null');
  if (typeof value !== 'string' || value.length < 1 || value.length > max) {
    throw constraint(member, `Member must have length between 1 and ${max}`);
  }
}

/**
 * `Messages` as the model bounds them (PutSession `messages`, ConfigurationEvent
 * `welcomeMessages`): at most 10; each with a known `contentType`, `content` of 1–1,024 characters,
 * an `imageResponseCard` with a title, at most 5 buttons of 1–50 characters.
 */
function checkLexMessages(value: unknown, member: string): Record<string, unknown>[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw constraint(member, 'Member must be a list');
  if (value.length > MESSAGES_MAX) {
    throw constraint(member, `Member must have length less than or equal to ${MESSAGES_MAX}`);
  }
  value.forEach((m, i) => {
    const at = `${member}.${i + 1}.member`;
    if (!isObject(m)) throw constraint(at, 'Member must be a structure');
    if (!MESSAGE_TYPES.includes(String(m.contentType))) {
      throw constraint(
        `${at}.contentType`,
        `Member must satisfy enum value set: [${MESSAGE_TYPES.join(', ')}]`,
      );
    }
    checkLength(m.content, `${at}.content`, TEXT_MAX, false);
    const card = m.imageResponseCard;
    if (card === undefined) return;
    if (!isObject(card)) throw constraint(`${at}.imageResponseCard`, 'Member must be a structure');
    checkLength(card.title, `${at}.imageResponseCard.title`, CARD_FIELD_MAX, true);
    checkLength(card.subtitle, `${at}.imageResponseCard.subtitle`, CARD_FIELD_MAX, false);
    checkLength(card.imageUrl, `${at}.imageResponseCard.imageUrl`, CARD_FIELD_MAX, false);
    const buttons = card.buttons ?? [];
    if (!Array.isArray(buttons) || buttons.length > BUTTONS_MAX) {
      throw constraint(
        `${at}.imageResponseCard.buttons`,
        `Member must have length less than or equal to ${BUTTONS_MAX}`,
      );
    }
    buttons.forEach((b, j) => {
      const button = isObject(b) ? b : {};
      const where = `${at}.imageResponseCard.buttons.${j + 1}.member`;
      checkLength(button.text, `${where}.text`, BUTTON_FIELD_MAX, true);
      checkLength(button.value, `${where}.value`, BUTTON_FIELD_MAX, true);
    });
  });
  return value as Record<string, unknown>[];
}

type Json = Record<string, unknown>;

/** `Slots`: a map of `Slot` or null; a `Slot`'s `value` needs a non-empty `interpretedValue`. */
function checkLexSlots(value: unknown, member: string, depth: number): void {
  if (value === undefined) return;
  if (!isObject(value)) throw constraint(member, 'Member must be a map');
  for (const [name, slot] of Object.entries(value)) {
    if (slot === null) continue;
    if (!isObject(slot)) throw constraint(`${member}.${name}`, 'Member must be a structure');
    checkLexSlot(slot, `${member}.${name}`, depth);
  }
}

function checkLexSlot(slot: Json, member: string, depth: number): void {
  if (depth > 8) throw constraint(member, 'Member nests too deep');
  if (slot.value !== undefined) {
    const v = isObject(slot.value) ? slot.value : {};
    if (typeof v.interpretedValue !== 'string' || v.interpretedValue === '') {
      throw constraint(`${member}.value.interpretedValue`, 'Member must not be null');
    }
  }
  if (slot.values !== undefined) {
    if (!Array.isArray(slot.values)) throw constraint(`${member}.values`, 'Member must be a list');
    slot.values.forEach((item, i) => {
      if (!isObject(item))
        throw constraint(`${member}.values.${i + 1}.member`, 'Member must be a structure');
      checkLexSlot(item, `${member}.values.${i + 1}.member`, depth + 1);
    });
  }
  checkLexSlots(slot.subSlots, `${member}.subSlots`, depth + 1);
}

/** A `StringMap` (`sessionAttributes`, `requestAttributes`): `NonEmptyString` keys, string values. */
function checkStringMap(value: unknown, member: string): void {
  if (value === undefined) return;
  if (!isObject(value)) throw constraint(member, 'Member must be a map');
  for (const [key, v] of Object.entries(value)) {
    if (key === '')
      throw constraint(`${member}`, 'Map keys must have length greater than or equal to 1');
    if (typeof v !== 'string') throw constraint(`${member}.${key}`, 'Member must be a string');
  }
}

const ACTIVE_CONTEXT_NAME = /^([A-Za-z0-9]_?)+$/;

function checkRange(value: unknown, member: string, min: number, max: number): void {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw constraint(member, `Member must have value between ${min} and ${max}`);
  }
}

/**
 * `activeContexts` (`ActiveContextsList`, max 20): each a `name` (1–100 of
 * `^([A-Za-z0-9]_?)+$`), a `timeToLive` (5–86,400 s and 1–20 turns, both required) and
 * `contextAttributes` (required; at most 10, names 1–100, values `Text` 1–1,024).
 */
function checkActiveContexts(value: unknown, member: string): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length > 20) {
    throw constraint(member, 'Member must have length less than or equal to 20');
  }
  value.forEach((c, i) => {
    const at = `${member}.${i + 1}.member`;
    const context = isObject(c) ? c : {};
    const name = context.name;
    if (typeof name !== 'string' || name.length > 100 || !ACTIVE_CONTEXT_NAME.test(name)) {
      throw constraint(
        `${at}.name`,
        'Member must satisfy regular expression pattern: ^([A-Za-z0-9]_?)+$',
      );
    }
    const ttl = isObject(context.timeToLive) ? context.timeToLive : {};
    checkRange(ttl.timeToLiveInSeconds, `${at}.timeToLive.timeToLiveInSeconds`, 5, 86_400);
    checkRange(ttl.turnsToLive, `${at}.timeToLive.turnsToLive`, 1, 20);
    const attributes = context.contextAttributes;
    if (!isObject(attributes))
      throw constraint(`${at}.contextAttributes`, 'Member must not be null');
    if (Object.keys(attributes).length > 10) {
      throw constraint(
        `${at}.contextAttributes`,
        'Member must have length less than or equal to 10',
      );
    }
    for (const [key, v] of Object.entries(attributes)) {
      if (key === '' || key.length > 100) {
        throw constraint(`${at}.contextAttributes`, 'Map keys must have length between 1 and 100');
      }
      checkLength(v, `${at}.contextAttributes.${key}`, TEXT_MAX, true);
    }
  });
}

/**
 * A `SessionState` as the model bounds it: `dialogAction.type` and `intent.name` (required),
 * `sessionAttributes` and `activeContexts`.
 */
function checkLexSessionState(
  value: unknown,
  member: string,
): asserts value is Record<string, unknown> | undefined {
  if (value === undefined) return;
  if (!isObject(value)) throw constraint(member, 'Member must be a structure');
  if (value.dialogAction !== undefined) {
    const type = isObject(value.dialogAction) ? value.dialogAction.type : undefined;
    if (typeof type !== 'string')
      throw constraint(`${member}.dialogAction.type`, 'Member must not be null');
  }
  if (value.intent !== undefined) {
    const name = isObject(value.intent) ? value.intent.name : undefined;
    if (typeof name !== 'string' || name === '') {
      throw constraint(`${member}.intent.name`, 'Member must not be null');
    }
    checkLexSlots((value.intent as Json).slots, `${member}.intent.slots`, 0);
  }
  checkStringMap(value.sessionAttributes, `${member}.sessionAttributes`);
  checkActiveContexts(value.activeContexts, `${member}.activeContexts`);
}

function sessionKey(input: EmulatorInput): string {
  const { botId, botAliasId, localeId, sessionId } = input;
  if (typeof botId !== 'string' || !BOT_ID.test(botId)) {
    throw invalid("1 validation error detected: Value at 'botId' failed to satisfy constraint");
  }
  if (typeof sessionId !== 'string' || !SESSION_ID.test(sessionId)) {
    throw invalid("1 validation error detected: Value at 'sessionId' failed to satisfy constraint");
  }
  return `${botId}/${String(botAliasId)}/${String(localeId)}/${sessionId}`;
}

function scriptOf(bots: LexBots, input: EmulatorInput) {
  const script = bots.script(String(input.botId));
  if (!script) {
    throw new EmulatorError(
      'ResourceNotFoundException',
      `Could not find bot ${String(input.botId)} (alias ${String(input.botAliasId)}, locale ${String(input.localeId)})`,
    );
  }
  return script;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Speech for the bot's messages in the asked content type (the Polly emulator's audio). */
function speech(messages: ReadonlyArray<Record<string, unknown>>, contentType: string): Uint8Array {
  const text = messages
    .filter((m) => m.contentType === 'PlainText' || m.contentType === 'SSML')
    .map((m) => String(m.content ?? '').replace(/<[^>]*>/g, ''))
    .join(' ');
  if (contentType.startsWith('audio/pcm')) return synthesizeAudio(text, 'pcm', 16000);
  if (contentType.startsWith('audio/ogg')) return synthesizeAudio(text, 'ogg_vorbis', 22050);
  return synthesizeAudio(text, 'mp3', 22050);
}

function handlers(bots: LexBots): Record<string, Handler> {
  const recognizeText: Handler = (input) => {
    const key = sessionKey(input);
    const script = scriptOf(bots, input);
    const text = input.text;
    if (typeof text !== 'string' || text.length < 1 || text.length > TEXT_MAX) {
      throw invalid(
        `1 validation error detected: Value at 'text' failed to satisfy constraint: Member must have length less than or equal to ${TEXT_MAX}`,
      );
    }
    const given = input.sessionState === undefined ? undefined : input.sessionState;
    checkLexSessionState(given, 'sessionState');
    checkStringMap(input.requestAttributes, 'requestAttributes');
    const answer = bots.turn(key, script, text, given);
    return {
      messages: answer.messages,
      sessionState: answer.sessionState,
      interpretations: answer.interpretations,
      ...(isObject(input.requestAttributes) ? { requestAttributes: input.requestAttributes } : {}),
      sessionId: input.sessionId,
    };
  };

  const recognizeUtterance: Handler = (input) => {
    const key = sessionKey(input);
    const script = scriptOf(bots, input);
    const requestType = String(input.requestContentType ?? '');
    if (!INPUT_TYPES.test(requestType)) {
      throw invalid(`Content-Type ${requestType} is not a supported input format`);
    }
    const responseType = String(input.responseContentType ?? 'text/plain; charset=utf-8');
    if (!(responseType.startsWith('audio/') || responseType.startsWith('text/plain'))) {
      throw invalid(`Response-Content-Type ${responseType} is not supported`);
    }
    const given = readLexHeader(input.sessionState, 'x-amz-lex-session-state');
    checkLexSessionState(given, 'sessionState');
    const attributes = readLexHeader(input.requestAttributes, 'x-amz-lex-request-attributes');
    checkStringMap(attributes, 'requestAttributes');
    const body = input.inputStream instanceof Uint8Array ? input.inputStream : new Uint8Array();
    const textInput = requestType.toLowerCase().startsWith('text/plain');
    const heard = textInput
      ? Buffer.from(body).toString('utf8')
      : (script.hear?.(body, requestType, bots.turns(key) + 1) ?? '');
    const answer = bots.turn(key, script, heard, given, !textInput);
    const audio = responseType.startsWith('audio/')
      ? speech(answer.messages, responseType)
      : new Uint8Array();
    return {
      inputMode: textInput ? 'Text' : 'Speech',
      contentType: responseType,
      messages: lexHeader(answer.messages),
      interpretations: lexHeader(answer.interpretations),
      sessionState: lexHeader(answer.sessionState),
      ...(attributes ? { requestAttributes: lexHeader(attributes) } : {}),
      sessionId: input.sessionId,
      inputTranscript: lexHeader(heard),
      audioStream: audio,
    };
  };

  const getSession: Handler = (input) => {
    const key = sessionKey(input);
    scriptOf(bots, input);
    const stored = bots.session(key);
    if (!stored)
      throw new EmulatorError(
        'ResourceNotFoundException',
        `Session ${String(input.sessionId)} not found`,
      );
    return {
      sessionId: input.sessionId,
      messages: stored.messages,
      interpretations: stored.interpretations,
      sessionState: stored.state,
    };
  };

  const putSession: Handler = (input) => {
    const key = sessionKey(input);
    scriptOf(bots, input);
    if (!isObject(input.sessionState)) throw invalid('sessionState is required');
    checkLexSessionState(input.sessionState, 'sessionState');
    const messages = checkLexMessages(input.messages, 'messages');
    checkStringMap(input.requestAttributes, 'requestAttributes');
    const responseType =
      typeof input.responseContentType === 'string'
        ? input.responseContentType
        : 'text/plain; charset=utf-8';
    // As RecognizeUtterance: text (`text/plain; charset=utf-8`) or speech (`audio/…`).
    if (!(responseType.startsWith('audio/') || responseType.startsWith('text/plain'))) {
      throw invalid(`ResponseContentType ${responseType} is not supported`);
    }
    // Checked in full before the session changes.
    const stored = bots.put(key, input.sessionState, messages);
    return {
      contentType: responseType,
      messages: lexHeader(messages),
      sessionState: lexHeader(stored.state),
      ...(isObject(input.requestAttributes)
        ? { requestAttributes: lexHeader(input.requestAttributes) }
        : {}),
      sessionId: input.sessionId,
      audioStream: responseType.startsWith('audio/')
        ? speech(messages, responseType)
        : new Uint8Array(),
    };
  };

  const deleteSession: Handler = (input) => {
    const key = sessionKey(input);
    scriptOf(bots, input);
    if (!bots.delete(key)) {
      throw new EmulatorError(
        'ResourceNotFoundException',
        `Session ${String(input.sessionId)} not found`,
      );
    }
    return {
      botId: input.botId,
      botAliasId: input.botAliasId,
      localeId: input.localeId,
      sessionId: input.sessionId,
    };
  };

  return {
    StartConversation: startConversationHandler({
      bots,
      sessionKey,
      script: (input) => scriptOf(bots, input),
      speech,
      checkMessages: checkLexMessages,
      checkSessionState: checkLexSessionState,
      checkAttributes: checkStringMap,
    }),
    RecognizeText: recognizeText,
    RecognizeUtterance: recognizeUtterance,
    GetSession: getSession,
    PutSession: putSession,
    DeleteSession: deleteSession,
  };
}

const SESSION = '/bots/{botId}/botAliases/{botAliasId}/botLocales/{localeId}/sessions/{sessionId}';
const LEX_HEADERS = {
  messages: 'x-amz-lex-messages',
  sessionState: 'x-amz-lex-session-state',
  requestAttributes: 'x-amz-lex-request-attributes',
  sessionId: 'x-amz-lex-session-id',
} as const;

/** Amazon Lex V2 Runtime: restJson1 (HTTP/2 from the SDK), bots scripted with `emu.bot()`. */
export function createLexRuntimeService(bots: LexBots): ServiceDefinition {
  const common = ['AccessDeniedException', 'ResourceNotFoundException', 'ValidationException'];
  return {
    name: 'lex-runtime',
    protocol: 'rest-json',
    signingName: 'lex',
    routes: [
      {
        operation: 'RecognizeText',
        method: 'POST',
        path: `${SESSION}/text`,
        request: { body: { kind: 'json' } },
        response: { body: { kind: 'json' } },
      },
      {
        operation: 'RecognizeUtterance',
        method: 'POST',
        path: `${SESSION}/utterance`,
        request: {
          headers: {
            sessionState: 'x-amz-lex-session-state',
            requestAttributes: 'x-amz-lex-request-attributes',
            requestContentType: 'Content-Type',
            responseContentType: 'Response-Content-Type',
          },
          body: { kind: 'payload', member: 'inputStream' },
        },
        response: {
          headers: {
            ...LEX_HEADERS,
            inputMode: 'x-amz-lex-input-mode',
            contentType: 'Content-Type',
            interpretations: 'x-amz-lex-interpretations',
            inputTranscript: 'x-amz-lex-input-transcript',
            recognizedBotMember: 'x-amz-lex-recognized-bot-member',
          },
          body: { kind: 'payload', member: 'audioStream' },
        },
      },
      {
        operation: 'GetSession',
        method: 'GET',
        path: SESSION,
        request: { body: { kind: 'none' } },
        response: { body: { kind: 'json' } },
      },
      {
        operation: 'PutSession',
        method: 'POST',
        path: SESSION,
        request: {
          headers: { responseContentType: 'ResponseContentType' },
          body: { kind: 'json' },
        },
        response: {
          headers: { ...LEX_HEADERS, contentType: 'Content-Type' },
          body: { kind: 'payload', member: 'audioStream' },
        },
      },
      {
        operation: 'StartConversation',
        method: 'POST',
        path: `${SESSION}/conversation`,
        request: {
          headers: { conversationMode: 'x-amz-lex-conversation-mode' },
          // audioChunk is a base64 JSON member of AudioInputEvent, not the raw event payload.
          body: { kind: 'event-stream', member: 'requestEventStream' },
        },
        response: { body: { kind: 'event-stream', member: 'responseEventStream' } },
      },
      {
        operation: 'DeleteSession',
        method: 'DELETE',
        path: SESSION,
        request: { body: { kind: 'none' } },
        response: { body: { kind: 'json' } },
      },
    ],
    handlers: handlers(bots),
    errors: {
      RecognizeText: common,
      RecognizeUtterance: common,
      GetSession: common,
      PutSession: common,
      DeleteSession: common,
      StartConversation: [...common, 'ConflictException'],
    },
    // RecognizeUtterance audio: 15 s of 16 kHz PCM is 480 KB; the model sets no maximum.
    maxRequestBody: bodyLimit(MIB),
    throttle: { code: 'ThrottlingException', status: 429 },
    serverError: { code: 'InternalServerException', status: 500 },
    streamError: { code: 'DependencyFailedException', status: 424 },
    // StartConversation's exception events are named by their code (`ValidationException`).
    streamExceptionCase: 'pascal',
    errorStatus: {
      AccessDeniedException: 403,
      ResourceNotFoundException: 404,
      ConflictException: 409,
      DependencyFailedException: 424,
      BadGatewayException: 502,
    },
  };
}
