/**
 * Lex V2 StartConversation for the emulator: a bidirectional event stream over HTTP/2 driven by the
 * scriptable bot (`emu.bot(id, script)`). Events are decoded and encoded by the emulator's
 * event-stream protocol (`EventStreamCodec` from `@smithy/core/event-streams`), never by hand here.
 *
 * Per user turn it answers as Lex does: a `TranscriptEvent` for speech, an `IntentResultEvent`, a
 * `TextResponseEvent`, and with an audio `responseContentType` `AudioResponseEvent` chunks (the
 * Polly emulator's audio) closed by one without audio. Speech ends at 500 ms of silence after
 * non-silent 8 kHz PCM (what the bot "hears" is the script's `hear`); DTMF keys end at `#`; text is
 * a turn of its own. Input during an answer that awaits its `PlaybackCompletionEvent` interrupts it
 * (`PlaybackInterruptionEvent`). `HeartbeatEvent`s come every `script.heartbeatMs` (default 2 s).
 *
 * Errors are the ones the model gives the operation: ValidationException (mid-stream) for an input
 * the model refuses (no ConfigurationEvent first, audio not 8 kHz PCM, audio or DTMF in TEXT mode,
 * a key outside `[A-D0-9#*]`, text outside 1–1,024 characters), and, as exception events right
 * after the 200 (the model has them only in the response event stream), ConflictException for a
 * second conversation on a session already in one and ResourceNotFoundException for an unknown bot.
 *
 * The names of the request events received are kept in the call's `input.received`, in order.
 */

import { EmulatorError } from '../emulator-error';
import { Outbox } from '../outbox';
import { encodeException } from '../protocols/event-stream';
import { isRecord } from '../protocols/wire-json';
import type { Handler } from '../types';
import type { BotAnswer, LexBots } from './lex-bot';

type Json = Record<string, unknown>;

/** The only audio StartConversation takes (M-LEX `AudioInputEvent.contentType`). */
const AUDIO_TYPE =
  /^audio\/lpcm;\s*sample-rate=8000;\s*sample-size-bits=16;\s*channel-count=1;\s*is-big-endian=false$/i;
/** M-LEX `DTMFRegex`. */
const DTMF = /^[A-D0-9#*]$/;
/** M-LEX `Text`: 1–1,024 characters. */
const TEXT_MAX = 1024;
/** Silence after speech that ends an utterance, as 8 kHz 16-bit bytes (500 ms). */
const END_OF_SPEECH_BYTES = 8_000;
/** A sample quieter than this is silence. */
const SILENCE_LEVEL = 64;
/** Bytes per `AudioResponseEvent` chunk. */
const AUDIO_RESPONSE_CHUNK = 4_096;
const DEFAULT_HEARTBEAT_MS = 2_000;

const invalid = (message: string) => new EmulatorError('ValidationException', message);

function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return new Uint8Array(Buffer.from(value, 'base64'));
  return new Uint8Array();
}

/** Whether 16-bit little-endian PCM holds any sample above the silence level. */
function loud(pcm: Uint8Array): boolean {
  const view = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  for (let at = 0; at + 1 < pcm.byteLength; at += 2) {
    if (Math.abs(view.getInt16(at, true)) > SILENCE_LEVEL) return true;
  }
  return false;
}

export interface ConversationDeps {
  readonly bots: LexBots;
  /** Checks the bot and session and returns the session key (throws as Lex does). */
  readonly sessionKey: (input: Json) => string;
  /** The bot's script (throws ResourceNotFoundException). */
  readonly script: (input: Json) => NonNullable<ReturnType<LexBots['script']>>;
  /** Speech for messages in a content type (the Polly emulator's audio). */
  readonly speech: (messages: ReadonlyArray<Json>, contentType: string) => Uint8Array;
  /** Checks `Messages` as the model bounds them (throws ValidationException); returns them. */
  readonly checkMessages: (value: unknown, member: string) => Json[];
  /** Checks the members a `SessionState` requires (throws ValidationException). */
  readonly checkSessionState: (value: unknown, member: string) => void;
  /** Checks a `StringMap` of attributes (throws ValidationException). */
  readonly checkAttributes: (value: unknown, member: string) => void;
}

/** The StartConversation handler. */
export function startConversationHandler(deps: ConversationDeps): Handler {
  const { bots } = deps;
  return (input) => {
    // Bad ids are a ValidationException, one of the operation's errors: the request is refused.
    const key = deps.sessionKey(input);
    // M-LEX `ConversationMode`: AUDIO or TEXT (the header may be left out: AUDIO).
    const modeHeader = input.conversationMode;
    if (modeHeader !== undefined && modeHeader !== 'AUDIO' && modeHeader !== 'TEXT') {
      throw new EmulatorError(
        'ValidationException',
        "1 validation error detected: Value at 'conversationMode' failed to satisfy constraint: Member must satisfy enum value set: [AUDIO, TEXT]",
      );
    }
    // AWS's model lists ResourceNotFoundException and ConflictException for StartConversation only
    // in its response event stream: an unknown bot or a busy session is an exception event after
    // the 200, not a refused request.
    // An encoded frame is written as it is: the exception goes out after the 200 (a handler that
    // throws before its first event gets an ordinary error answer instead).
    const refuse = (error: EmulatorError) => ({
      responseEventStream: (async function* () {
        yield encodeException(error.code, error.message);
      })(),
    });
    let script: ReturnType<ConversationDeps['script']>;
    try {
      script = deps.script(input);
    } catch (err) {
      if (err instanceof EmulatorError) return refuse(err);
      throw err;
    }
    if (bots.conversing(key)) {
      return refuse(
        new EmulatorError(
          'ConflictException',
          `Session ${String(input.sessionId)} is already in a conversation`,
        ),
      );
    }
    bots.startConversation(key);
    const mode = modeHeader === 'TEXT' ? 'TEXT' : 'AUDIO';
    const received: string[] = [];
    input.received = received;
    const out = new Outbox<Json>();
    let seq = 0;
    const id = () => `RESPONSE-${++seq}`;
    let closed = false;
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    const heartbeatMs = script.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    if (heartbeatMs > 0) {
      heartbeat = setInterval(() => out.push({ HeartbeatEvent: { eventId: id() } }), heartbeatMs);
      heartbeat.unref?.();
    }
    const finish = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      bots.endConversation(key);
    };

    // The conversation's configuration (the first event).
    let responseType = 'text/plain; charset=utf-8';
    let playback = false;
    let given: Json | undefined;
    let attributes: Json | undefined;
    // Input since the last answer that waits for its playback to complete.
    let awaitingPlayback = false;
    let speech: Uint8Array[] = [];
    let speaking = false;
    let quietBytes = 0;
    let keys = '';

    const answer = (messages: Json[]) => {
      out.push({ TextResponseEvent: { messages, eventId: id() } });
      if (!responseType.startsWith('audio/')) return;
      const audio = deps.speech(messages, responseType);
      for (let at = 0; at < audio.byteLength; at += AUDIO_RESPONSE_CHUNK) {
        out.push({
          AudioResponseEvent: {
            audioChunk: audio.subarray(at, at + AUDIO_RESPONSE_CHUNK),
            contentType: responseType,
            eventId: id(),
          },
        });
      }
      out.push({ AudioResponseEvent: { contentType: responseType, eventId: id() } });
      awaitingPlayback = playback;
    };

    const turn = (text: string, inputMode: 'Text' | 'Speech' | 'DTMF') => {
      if (inputMode === 'Speech')
        out.push({ TranscriptEvent: { transcript: text, eventId: id() } });
      const result: BotAnswer = bots.turn(key, script, text, given, inputMode === 'Speech');
      given = undefined;
      out.push({
        IntentResultEvent: {
          inputMode,
          interpretations: result.interpretations,
          sessionState: result.sessionState,
          ...(attributes ? { requestAttributes: attributes } : {}),
          sessionId: input.sessionId,
          eventId: id(),
        },
      });
      answer(result.messages);
    };

    const interrupt = (reason: string, causedBy: unknown) => {
      if (!awaitingPlayback) return;
      awaitingPlayback = false;
      out.push({
        PlaybackInterruptionEvent: {
          eventReason: reason,
          ...(typeof causedBy === 'string' ? { causedByEventId: causedBy } : {}),
          eventId: id(),
        },
      });
    };

    const endSpeech = () => {
      if (!speaking) return;
      const audio = Buffer.concat(speech);
      speech = [];
      speaking = false;
      quietBytes = 0;
      const heard = script.hear?.(audio, 'audio/lpcm; sample-rate=8000', bots.turns(key) + 1) ?? '';
      turn(heard, 'Speech');
    };

    const endKeys = () => {
      if (keys === '') return;
      const pressed = keys;
      keys = '';
      turn(pressed, 'DTMF');
    };

    const handle = (name: string, v: Json, first: boolean) => {
      if (first && name !== 'ConfigurationEvent') {
        throw invalid('The first event of a conversation must be a ConfigurationEvent');
      }
      if (name === 'ConfigurationEvent') {
        if (!first) throw invalid('Only the first event may be a ConfigurationEvent');
        if (typeof v.responseContentType !== 'string' || v.responseContentType === '') {
          throw invalid(
            "1 validation error detected: Value at 'responseContentType' failed to satisfy constraint: Member must not be null",
          );
        }
        responseType = v.responseContentType;
        if (!(responseType.startsWith('audio/') || responseType.startsWith('text/plain'))) {
          throw invalid(`responseContentType ${responseType} is not supported`);
        }
        playback = v.disablePlayback !== true && responseType.startsWith('audio/');
        deps.checkSessionState(v.sessionState, 'sessionState');
        deps.checkAttributes(v.requestAttributes, 'requestAttributes');
        given = isRecord(v.sessionState) ? v.sessionState : undefined;
        attributes = isRecord(v.requestAttributes) ? v.requestAttributes : undefined;
        const welcome = deps.checkMessages(v.welcomeMessages, 'welcomeMessages');
        if (welcome.length > 0) {
          const action = isRecord(given?.dialogAction) ? given.dialogAction : undefined;
          if (typeof action?.type !== 'string') {
            throw invalid('welcomeMessages need sessionState.dialogAction.type');
          }
          if (given) bots.put(key, given, welcome);
          given = undefined;
          answer(welcome);
        }
        return;
      }
      if (name === 'AudioInputEvent') {
        if (mode === 'TEXT')
          throw invalid('AudioInputEvent is not allowed in TEXT conversation mode');
        if (typeof v.contentType !== 'string' || !AUDIO_TYPE.test(v.contentType)) {
          throw invalid(
            `Audio contentType ${String(v.contentType)} is not supported: use audio/lpcm; sample-rate=8000; sample-size-bits=16; channel-count=1; is-big-endian=false`,
          );
        }
        endKeys();
        const chunk = bytesOf(v.audioChunk);
        if (loud(chunk)) {
          interrupt('VOICE_START_DETECTED', v.eventId);
          speaking = true;
          quietBytes = 0;
          speech.push(chunk);
        } else if (speaking) {
          speech.push(chunk);
          quietBytes += chunk.byteLength;
          if (quietBytes >= END_OF_SPEECH_BYTES) endSpeech();
        }
        return;
      }
      if (name === 'DTMFInputEvent') {
        if (mode === 'TEXT')
          throw invalid('DTMFInputEvent is not allowed in TEXT conversation mode');
        const key = v.inputCharacter;
        if (typeof key !== 'string' || !DTMF.test(key)) {
          throw invalid(
            "1 validation error detected: Value at 'inputCharacter' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[A-D0-9#*]{1}$",
          );
        }
        endSpeech();
        interrupt('DTMF_START_DETECTED', v.eventId);
        if (key === '#') endKeys();
        else keys += key;
        return;
      }
      if (name === 'TextInputEvent') {
        const text = v.text;
        if (typeof text !== 'string' || text.length < 1 || text.length > TEXT_MAX) {
          throw invalid(
            `1 validation error detected: Value at 'text' failed to satisfy constraint: Member must have length between 1 and ${TEXT_MAX}`,
          );
        }
        endSpeech();
        endKeys();
        interrupt('TEXT_DETECTED', v.eventId);
        turn(text, 'Text');
        return;
      }
      if (name === 'PlaybackCompletionEvent') {
        awaitingPlayback = false;
        return;
      }
      if (name === 'DisconnectionEvent') return;
      throw invalid(`Unknown event ${name}`);
    };

    async function readInput() {
      let first = true;
      try {
        const stream = input.requestEventStream;
        if (isRecord(stream) && Symbol.asyncIterator in stream) {
          for await (const event of stream as AsyncIterable<Json>) {
            const [name, value] = Object.entries(event)[0] ?? [];
            if (name === undefined) continue;
            received.push(name);
            handle(name, isRecord(value) ? value : {}, first);
            first = false;
            if (name === 'DisconnectionEvent') break;
          }
        }
        endSpeech();
        endKeys();
        out.push(null);
      } catch (err) {
        out.push(err instanceof Error ? err : new Error(String(err)));
      }
    }

    async function* events() {
      void readInput();
      try {
        for (;;) {
          const item = await out.next();
          if (item === null) return;
          if (item instanceof Error) throw item;
          yield item;
        }
      } finally {
        finish();
      }
    }
    return { responseEventStream: events() };
  };
}
