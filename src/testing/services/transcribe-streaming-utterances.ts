import { EmulatorError } from '../emulator-error';
import { isRecord } from '../protocols/wire-json';
import { segmentBytes } from './transcribe-transcript';
import { transcribeViolation as violation } from './transcribe-violation';

async function* audioChunks(stream: unknown): AsyncGenerator<Uint8Array> {
  if (typeof stream !== 'object' || stream === null || !(Symbol.asyncIterator in stream)) return;
  for await (const event of stream as AsyncIterable<unknown>) {
    const chunk =
      isRecord(event) && isRecord(event.AudioEvent) ? event.AudioEvent.AudioChunk : undefined;
    if (chunk instanceof Uint8Array) yield chunk;
  }
}

/** One emulated utterance: its 1-based index and the audio bytes `[from, to)` it covers. */
export interface EmulatedUtterance {
  index: number;
  from: number;
  to: number;
  partial: boolean;
}

/**
 * Reads the audio of a stream while it arrives and makes a partial then a final utterance per
 * 100 ms of audio (all channels counted: 2 channels take twice the bytes); `event` turns each into
 * the operation's result event. Shared by the three streaming operations.
 */
export async function* emulatedStream<E>(
  audioStream: unknown,
  sampleRate: number,
  channels: number,
  event: (utterance: EmulatedUtterance) => E,
): AsyncGenerator<E> {
  const segment = segmentBytes(sampleRate, channels);
  let received = 0;
  let emitted = 0;
  let index = 0;
  for await (const chunk of audioChunks(audioStream)) {
    received += chunk.byteLength;
    while (received - emitted >= segment) {
      index += 1;
      yield event({ index, from: emitted, to: emitted + segment, partial: true });
      yield event({ index, from: emitted, to: emitted + segment, partial: false });
      emitted += segment;
    }
  }
  if (received > emitted) {
    index += 1;
    yield event({ index, from: emitted, to: received, partial: true });
    yield event({ index, from: emitted, to: received, partial: false });
  }
}

/** The sample rate and channel count a streaming request declares. */
export function audioFormatOf(input: Record<string, unknown>): {
  sampleRate: number;
  channels: number;
} {
  return {
    sampleRate: Number(input.MediaSampleRateHertz ?? 16000) || 16000,
    channels:
      input.EnableChannelIdentification === true ? Number(input.NumberOfChannels ?? 2) || 2 : 1,
  };
}

/**
 * A session id the way AWS makes one when the client sends none: a 36-character UUID (the model's
 * pattern `[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-…-[a-fA-F0-9]{12}`), derived from the request id (itself a
 * UUID) so that runs are deterministic.
 */
export function sessionIdOf(requestId: string): string {
  return `5e551011${requestId.slice(8)}`;
}

/** The BadRequestException of the streaming operations. */
export const streamBadRequest = (message: string): EmulatorError =>
  new EmulatorError('BadRequestException', message);
/** `VocabularyName`, `VocabularyFilterName`, `ModelName`: 1–200 of `^[0-9a-zA-Z._-]+$`. */
const NAME = /^[0-9a-zA-Z._-]{1,200}$/;
const SESSION_ID = /^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$/;

/**
 * The members StartStreamTranscription and StartCallAnalyticsStreamTranscription share, checked
 * as the model does (transcribe-streaming.smithy.json): `MediaSampleRateHertz` 8000–48000, the
 * `MediaEncoding` enum, the name and `SessionId` patterns, the `VocabularyFilterMethod` enum, at
 * most two channels, and PII identification or redaction but not both ("If you set both, your
 * request returns a BadRequestException"), `PiiEntityTypes` only with one of them.
 */
export function checkStreamMembers(input: Record<string, unknown>): void {
  const rate = Number(input.MediaSampleRateHertz);
  if (!(Number.isInteger(rate) && rate >= 8000 && rate <= 48_000)) {
    throw violation('mediaSampleRateHertz');
  }
  if (!['pcm', 'ogg-opus', 'flac'].includes(String(input.MediaEncoding))) {
    throw violation('mediaEncoding');
  }
  for (const [member, wire] of [
    ['VocabularyName', 'vocabularyName'],
    ['VocabularyFilterName', 'vocabularyFilterName'],
    ['LanguageModelName', 'languageModelName'],
  ] as const) {
    if (input[member] !== undefined && !NAME.test(String(input[member]))) throw violation(wire);
  }
  if (
    input.VocabularyFilterMethod !== undefined &&
    !['remove', 'mask', 'tag'].includes(String(input.VocabularyFilterMethod))
  ) {
    throw violation('vocabularyFilterMethod');
  }
  if (input.SessionId !== undefined && !SESSION_ID.test(String(input.SessionId))) {
    throw violation('sessionId');
  }
  // NumberOfChannels: at least 2 (range), "Up to two channels are supported" (its docs).
  if (input.NumberOfChannels !== undefined && Number(input.NumberOfChannels) !== 2) {
    throw streamBadRequest('Amazon Transcribe supports up to two channels.');
  }
  if (input.ContentIdentificationType !== undefined && input.ContentRedactionType !== undefined) {
    throw streamBadRequest(
      "You can't set ContentIdentificationType and ContentRedactionType in the same request.",
    );
  }
  if (
    input.PiiEntityTypes !== undefined &&
    input.ContentIdentificationType === undefined &&
    input.ContentRedactionType === undefined
  ) {
    throw streamBadRequest(
      'PiiEntityTypes needs ContentIdentificationType or ContentRedactionType.',
    );
  }
}
