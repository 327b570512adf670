import { concatBytes } from '@smithy/core/serde';
import { endedEarly, readWholeBody } from '../core/body-end';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { type ErrorSite, fromAwsError } from '../core/error-mapping';
import { ServiceError, StreamError } from '../errors';
import { audioDurationMs } from './audio-duration';
import { POLLY } from './polly';
import { resolveVoice } from './resolve-voice';
import { parseMarks } from './speech-marks-parse';
import type { SpeechPiece } from './speech-pieces';
import {
  audioRequest,
  checkFormat,
  checkMarks,
  type PieceRequest,
  planSpeech,
  type SpeechPlan,
  withVoice,
} from './synthesize-request';
import type {
  SpeechMark,
  SpeechMarksOptions,
  SpeechSynthesizeOptions,
  SpeechSynthesizeResult,
} from './types';

const SITE: ErrorSite = { service: 'polly', operation: 'SynthesizeSpeech' };

/** Pieces synthesized ahead of the one being streamed. */
const STREAM_LOOKAHEAD = 2;

interface PieceAudio {
  bytes: Uint8Array;
  contentType: string;
  characters: number;
  requestId: string | undefined;
}

/** One SynthesizeSpeech call, its body read inside the attempt so a dropped body is retried. */
function synthesizePiece(
  ctx: ModuleContext,
  plan: SpeechPlan,
  piece: SpeechPiece,
  request: PieceRequest,
  options: SpeechSynthesizeOptions | SpeechMarksOptions,
): Promise<PieceAudio> {
  return callAws(
    ctx,
    POLLY,
    SITE.operation,
    async ({ client, sdk, signal }) => {
      const out = await client.send(
        new sdk.SynthesizeSpeechCommand({ ...plan.base, ...request, Text: piece.text }),
        { abortSignal: signal },
      );
      const bytes = out.AudioStream
        ? await readWholeBody(out.AudioStream, SITE, 'audio')
        : new Uint8Array();
      return {
        bytes,
        contentType: out.ContentType ?? 'application/octet-stream',
        characters: out.RequestCharacters ?? 0,
        requestId: out.$metadata.requestId,
      };
    },
    options,
  );
}

/** Piece-relative byte offset → offset in the caller's text (marks inside reopened tags clamp). */
function rebaseOffset(offset: number, piece: SpeechPiece): number {
  const inBody = Math.min(Math.max(offset - piece.prefixBytes, 0), piece.bodyBytes);
  return piece.sourceByteStart + inBody;
}

function rebaseMarks(marks: SpeechMark[], piece: SpeechPiece, offsetMs: number): SpeechMark[] {
  // An unsplit text was sent as it is: Polly's marks already point into it.
  if (piece.prefixBytes === 0 && piece.sourceByteStart === 0 && offsetMs === 0) return marks;
  return marks.map((mark) => ({
    ...mark,
    time: Math.round(mark.time + offsetMs),
    start: rebaseOffset(mark.start, piece),
    end: rebaseOffset(mark.end, piece),
  }));
}

/** Start offsets (ms) of each piece from the measured durations of the pieces before it. */
function offsets(durations: readonly number[]): number[] {
  const result: number[] = [];
  let total = 0;
  for (const duration of durations) {
    result.push(total);
    total += duration;
  }
  return result;
}

function measured(audio: PieceAudio, format: string, sampleRate: number | undefined): number {
  const duration = audioDurationMs(audio.bytes, format, sampleRate);
  if (duration === undefined) {
    throw new ServiceError(
      `Polly returned ${format} audio whose duration cannot be read, so speech marks cannot be re-based; request mp3 or pcm`,
      { ...SITE, code: 'UnmeasurableAudio', requestId: audio.requestId, retryable: false },
    );
  }
  return duration;
}

/** @internal */
export async function synthesize(
  ctx: ModuleContext,
  text: string,
  options: SpeechSynthesizeOptions = {},
): Promise<SpeechSynthesizeResult> {
  const checked = planSpeech(text, options);
  const format = options.format ?? 'mp3';
  checkFormat(format, options.sampleRate);
  const marks = options.marks;
  if (marks !== undefined) checkMarks(marks, options, checked.ssml);
  const voice = await resolveVoice(ctx, options);
  const plan = withVoice(checked, voice);
  const request = audioRequest(options);
  const [audio, markBytes] = await Promise.all([
    Promise.all(plan.pieces.map((piece) => synthesizePiece(ctx, plan, piece, request, options))),
    marks
      ? Promise.all(
          plan.pieces.map((piece) =>
            synthesizePiece(
              ctx,
              plan,
              piece,
              { OutputFormat: 'json', SpeechMarkTypes: [...marks] },
              options,
            ),
          ),
        )
      : undefined,
  ]);
  const durations = audio.map((piece) => audioDurationMs(piece.bytes, format, options.sampleRate));
  const known = durations.every((d) => d !== undefined);
  let rebased: SpeechMark[] | undefined;
  if (markBytes) {
    // Every piece but the last shifts the marks after it: its duration must be known.
    const starts = offsets(
      audio.map((piece, i) =>
        i === audio.length - 1 ? 0 : measured(piece, format, options.sampleRate),
      ),
    );
    rebased = markBytes.flatMap((bytes, i) =>
      rebaseMarks(
        parseMarks(bytes.bytes, bytes.requestId),
        plan.pieces[i] as SpeechPiece,
        starts[i] ?? 0,
      ),
    );
  }
  return {
    audio: concatBytes(audio.map((piece) => piece.bytes)),
    contentType: audio[0]?.contentType ?? 'application/octet-stream',
    characters: audio.reduce((sum, piece) => sum + piece.characters, 0),
    requestIds: audio.map((piece) => piece.requestId ?? ''),
    pieces: plan.pieces.length,
    voice,
    durationMs: known ? durations.reduce<number>((sum, d) => sum + (d ?? 0), 0) : undefined,
    ...(rebased ? { marks: rebased } : {}),
  };
}

/** Format used only to measure piece durations for standalone speech marks: the smallest PCM. */
const MEASURE_REQUEST: PieceRequest = { OutputFormat: 'pcm', SampleRate: '8000' };

/** @internal */
export async function speechMarks(
  ctx: ModuleContext,
  text: string,
  options: SpeechMarksOptions = {},
): Promise<SpeechMark[]> {
  const checked = planSpeech(text, options);
  const types = options.types ?? ['word'];
  checkMarks(types, options, checked.ssml);
  const plan = withVoice(checked, await resolveVoice(ctx, options));
  const { pieces } = plan;
  const [marks, audio] = await Promise.all([
    Promise.all(
      pieces.map((piece) =>
        synthesizePiece(
          ctx,
          plan,
          piece,
          { OutputFormat: 'json', SpeechMarkTypes: [...types] },
          options,
        ),
      ),
    ),
    // Times of a later piece start after the audio of the earlier ones: measure that audio.
    Promise.all(
      pieces
        .slice(0, -1)
        .map((piece) => synthesizePiece(ctx, plan, piece, MEASURE_REQUEST, options)),
    ),
  ]);
  // The last piece's own duration is not needed: nothing follows it.
  const starts = offsets([...audio.map((piece) => measured(piece, 'pcm', 8000)), 0]);
  return marks.flatMap((bytes, i) =>
    rebaseMarks(parseMarks(bytes.bytes, bytes.requestId), pieces[i] as SpeechPiece, starts[i] ?? 0),
  );
}

/**
 * The audio of a checked synthesis (see `synthesizeStream`): the first piece relayed as Polly sends
 * it, the next ones synthesized ahead. @internal
 */
export async function* synthesizeAudio(
  ctx: ModuleContext,
  checked: SpeechPlan,
  request: PieceRequest,
  options: SpeechSynthesizeOptions,
  signal: AbortSignal,
): AsyncGenerator<Uint8Array> {
  const callOptions = { ...options, signal };
  const plan = withVoice(checked, await resolveVoice(ctx, callOptions));
  const { pieces } = plan;
  // later[i] is piece i + 1, requested ahead so the audio continues without a gap.
  const later: Promise<PieceAudio>[] = [];
  const prefetch = (upTo: number): void => {
    while (later.length < Math.min(upTo, pieces.length - 1)) {
      const piece = pieces[later.length + 1] as SpeechPiece;
      const pending = synthesizePiece(ctx, plan, piece, request, callOptions);
      // A prefetched piece is never awaited when the consumer stops early.
      pending.catch(() => {});
      later.push(pending);
    }
  };
  // The first piece's body is relayed as it arrives: audio starts before the piece is done.
  const first = await callAws(
    ctx,
    POLLY,
    SITE.operation,
    ({ client, sdk, signal: attemptSignal }) =>
      client.send(
        new sdk.SynthesizeSpeechCommand({ ...plan.base, ...request, Text: pieces[0]?.text }),
        { abortSignal: attemptSignal },
      ),
    callOptions,
  );
  prefetch(STREAM_LOOKAHEAD);
  try {
    for await (const chunk of (first.AudioStream ?? []) as AsyncIterable<Uint8Array>) {
      yield chunk;
    }
  } catch (err) {
    if (signal.aborted) throw err;
    throw midStreamError(err);
  }
  // A dropped connection ends the relayed body as if it were complete: never a normal end.
  if (endedEarly(first.AudioStream) && !signal.aborted) {
    throw new StreamError(
      'polly SynthesizeSpeech: the audio was cut, the connection dropped (mid-stream)',
      { ...SITE, code: 'StreamInterrupted', retryable: true },
    );
  }
  for (let i = 0; i < later.length; i++) {
    prefetch(i + 1 + STREAM_LOOKAHEAD);
    yield ((await later[i]) as PieceAudio).bytes;
  }
}

/** The connection dropped while the first piece's audio was being relayed. */
function midStreamError(err: unknown): StreamError {
  const mapped = fromAwsError(err, SITE);
  return new StreamError(`${mapped.message} (mid-stream)`, {
    ...SITE,
    code: mapped.code,
    statusCode: mapped.statusCode,
    requestId: mapped.requestId,
    retryable: mapped.retryable,
    cause: err,
  });
}
