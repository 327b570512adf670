import type { BinaryInput } from '../core/inputs';
import { ServiceModule } from '../core/service-module';
import type { AwsAIStream } from '../core/stream';
import { parseCallAnalytics, parseTranscript } from './call-analytics-output';
import { analyzeCallStream } from './call-analytics-stream';
import type { AnalyzeCallStreamOptions, CallAnalyticsStream } from './call-analytics-stream-types';
import type {
  AnalyzeCallOptions,
  CallAnalysis,
  CallAnalyticsJob,
  CallAnalyticsJobOptions,
} from './call-analytics-types';
import { loadImpl } from './load-impl';
import type { SpeechSynthesisJob, SpeechSynthesizeToS3Options } from './synthesis-task-types';
import { synthesizeStream } from './synthesize-stream';
import { type TranscribeStream, transcribeStream } from './transcribe-stream';
import type { Transcript } from './transcript';
import type {
  SpeechMark,
  SpeechMarksOptions,
  SpeechSynthesizeOptions,
  SpeechSynthesizeResult,
  SpeechVoicesOptions,
  TranscribeOptions,
  TranscribeStreamOptions,
  TranscriptionJob,
  TranscriptionJobOptions,
  Voice,
} from './types';

/**
 * Speech (Amazon Polly, Amazon Transcribe). Available as `ai.speech`, or alone from `aws-ai/speech`.
 *
 * @example
 * ```ts
 * import { Speech } from 'aws-ai/speech';
 * const speech = new Speech();
 * const voices = await speech.voices({ language: 'en-GB', engine: 'neural' });
 * ```
 */
export class Speech extends ServiceModule {
  /**
   * Lists Polly voices, optionally for one language and engine. The list is fetched once (every
   * page) and cached for the life of the client.
   *
   * @example
   * ```ts
   * const [voice] = await ai.speech.voices({ language: 'es-ES', engine: 'neural' });
   * console.log(voice?.id); // e.g. 'Lucia'
   * ```
   */
  async voices(options?: SpeechVoicesOptions): Promise<Voice[]> {
    return this.call(
      { service: 'polly', operation: 'DescribeVoices', method: 'speech.voices' },
      options,
      async (scoped) => (await loadImpl()).listVoices(this.ctx, scoped),
    );
  }

  /**
   * Text (or SSML) to audio with Amazon Polly, any length. Text over Polly's limits (3,000 billed
   * characters, 6,000 in all) is split at sentence ends (SSML: never inside a tag, each piece a
   * valid `<speak>` document), the pieces are synthesized within the Polly concurrency limit and
   * joined in order. MP3, PCM, mu-law and A-law join into one playable stream; Ogg pieces join
   * into a chained Ogg file (each piece a complete logical stream, one after the other, per
   * RFC 3533; most players read it through).
   *
   * With `marks`, speech marks of every piece come back re-based: `time` by the measured duration
   * of the audio before the piece (PCM by size, MP3 by frames, Ogg by its last granule position),
   * `start`/`end` by the piece's UTF-8 byte offset in `text`.
   *
   * @param text - plain text or SSML (`<speak>…</speak>`, detected unless `ssml` says otherwise).
   * @param options - `voice` (default: with `language`, the first voice of the cached voice list
   *   that speaks it and supports `engine`, `standard` when none is given; else `Joanna`), `engine`,
   *   `format` (default `mp3`), `sampleRate` (mp3/ogg_vorbis 8000–48000, pcm 8000/16000, ogg_opus
   *   48000, mulaw/alaw 8000), `lexicons` (≤ 5), `language`, `marks`.
   * @throws {@link ValidationError} before any call for empty text, unbalanced SSML, a format and
   *   sample rate Polly rejects, marks with the generative engine, a voice that lacks the engine,
   *   a `language` without a voice for the engine.
   * @throws {@link ServiceError} code `UnmeasurableAudio` when marks of split text need the
   *   duration of audio that cannot be read.
   * @throws {@link AwsAIError} subclasses for service errors, after retries.
   * @example
   * ```ts
   * const { audio, marks } = await ai.speech.synthesize(longArticle, {
   *   voice: 'Joanna', engine: 'neural', marks: ['word'],
   * });
   * await writeFile('article.mp3', audio);
   * ```
   */
  async synthesize(
    text: string,
    options?: SpeechSynthesizeOptions,
  ): Promise<SpeechSynthesizeResult> {
    return this.call(
      { service: 'polly', operation: 'SynthesizeSpeech', method: 'speech.synthesize' },
      options,
      async (scoped) => (await loadImpl()).synthesize(this.ctx, text, scoped),
    );
  }

  /**
   * Synthesizes a long text to S3 with Polly tasks (StartSpeechSynthesisTask), for audiobooks and
   * articles too long to join in memory. Each task takes up to 100,000 billed characters (200,000
   * with SSML tags); a longer text is split at sentence boundaries (SSML: outside atomic elements,
   * tags reopened) into one task per piece, started in order. With `marks`, a speech-marks task
   * runs beside each audio task. Polly writes `<prefix><taskId>.<ext>` files. One call (ADR 0006):
   * `timeoutMs` and `signal` bound every start request together; the job is not bound to them.
   *
   * @returns a {@link SpeechSynthesisJob}: `tasks` (ids and the text range of each), `status()`,
   *   and `wait()`, which polls GetSpeechSynthesisTask and resolves to the audio (and marks) file
   *   URIs in text order
   * @throws ValidationError before any call for empty text, an `output` that is not an
   *   `s3://bucket/prefix` Polly accepts, a bad format, sample rate, voice or marks
   * @example
   * ```ts
   * const job = await ai.speech.synthesizeToS3(book, {
   *   output: 's3://my-audio/books/moby-dick/', voice: 'Ruth', engine: 'long-form',
   * });
   * const { audio } = await job.wait({ timeoutMs: 3_600_000 });
   * console.log(audio); // ['s3://my-audio/books/moby-dick/<taskId>.mp3', …] in text order
   * ```
   */
  async synthesizeToS3(
    text: string,
    options: SpeechSynthesizeToS3Options,
  ): Promise<SpeechSynthesisJob> {
    // One call scope for the start (ADR 0006, amendment); the job is not bound to it.
    return this.call(
      {
        service: 'polly',
        operation: 'StartSpeechSynthesisTask',
        method: 'speech.synthesizeToS3',
      },
      options,
      async (scoped) => (await loadImpl()).synthesizeToS3(this.ctx, text, scoped),
    );
  }

  /**
   * Like {@link Speech.synthesize}, as a stream of audio chunks: the first piece's bytes are
   * relayed as Polly sends them, while the next pieces (2 ahead) are synthesized. Breaking out of
   * the loop or aborting cancels the requests.
   *
   * @throws {@link ValidationError} at once for input Polly would reject (see `synthesize`).
   * @throws while reading: {@link AwsAIError} subclasses; {@link StreamError} when the connection
   *   drops mid-audio; {@link AbortError} on abort.
   * @example
   * ```ts
   * const audio = ai.speech.synthesizeStream(chapter, { format: 'mp3' });
   * await pipeline(audio.toNodeReadable(), createWriteStream('chapter.mp3'));
   * ```
   */
  synthesizeStream(text: string, options?: SpeechSynthesizeOptions): AwsAIStream<Uint8Array> {
    return synthesizeStream(this.ctx, text, options);
  }

  /**
   * Speech marks (`time`, `type`, `start`, `end`, `value`, Polly's names) for any length of text.
   * For text split into several pieces, the audio of every piece but the last is also synthesized
   * (8 kHz PCM, billed again) to measure where the next piece starts; use
   * `synthesize(text, { marks })` to get audio and marks for one price.
   *
   * @param options - `types` (≤ 4 of sentence, word, viseme, ssml; default `['word']`) and the voice options.
   * @throws {@link ValidationError} for the generative engine, `ssml` marks on plain text, bad types.
   * @example
   * ```ts
   * const marks = await ai.speech.speechMarks('Hello there. How are you?', { types: ['word'] });
   * // [{ time: 6, type: 'word', start: 0, end: 5, value: 'Hello' }, …]
   * ```
   */
  async speechMarks(text: string, options?: SpeechMarksOptions): Promise<SpeechMark[]> {
    return this.call(
      { service: 'polly', operation: 'SynthesizeSpeech', method: 'speech.speechMarks' },
      options,
      async (scoped) => (await loadImpl()).speechMarks(this.ctx, text, scoped),
    );
  }

  /**
   * Live transcription (Transcribe Streaming over HTTP/2) of any `AsyncIterable<Uint8Array>` of
   * audio: a Node stream, a microphone, a file read in chunks. PCM is re-framed into chunks of
   * `chunkMs` (50–200 ms, default 100) and sent at real-time pace (`pace`); results arrive as
   * `{ resultId, text, isPartial, start, end, speaker?, channel? }` events, and
   * `stream.transcript()` gives the {@link Transcript} of the finals.
   *
   * The stream ends with a typed error, keeping the finals already delivered
   * (`stream.transcriptSoFar()`): {@link StreamError} for a mid-stream service exception or a
   * dropped connection, {@link StreamError} code `AudioIdleTimeout` when the source yields nothing
   * for `idleTimeoutMs` (15 s, after which AWS would end the session), {@link AbortError} on abort.
   * A throttled start is retried only while no audio has been read from the source.
   *
   * @throws {@link ValidationError} at once for a sample rate outside 8,000–48,000 Hz, an unknown
   *   encoding, `chunkMs` outside 50–200.
   * @example
   * ```ts
   * const live = ai.speech.transcribeStream(createReadStream('call.raw'), { sampleRate: 16000, encoding: 'pcm' });
   * for await (const event of live) if (!event.isPartial) console.log(event.text);
   * console.log((await live.transcript()).toSrt());
   * ```
   */
  transcribeStream(
    audio: AsyncIterable<Uint8Array>,
    options: TranscribeStreamOptions,
  ): TranscribeStream {
    return transcribeStream(this.ctx, audio, options);
  }

  /**
   * Live Call Analytics (StartCallAnalyticsStreamTranscription over HTTP/2) of a two-channel call
   * (agent and customer interleaved, one per channel): the streaming counterpart of
   * {@link Speech.analyzeCall}, with the stream model of {@link Speech.transcribeStream} (PCM
   * re-framed into `chunkMs` chunks at real-time `pace`, `keepAlive`, sessions renewed past
   * `maxSessionMs` with times re-based, `timeoutMs`, `idleTimeoutMs`, `signal`). The events are
   * `{ type: 'utterance', participant, text, start, end, sentiment?, issues, words, entities }`
   * per utterance (partials first) and `{ type: 'category', categories }` when a category rule
   * matches; `stream.transcript()` gives the {@link Transcript} of the final utterances with
   * speakers `agent` and `customer`.
   *
   * @throws {@link ValidationError} at once, before any request: channels that do not put agent
   *   and customer on 0 and 1, a language Call Analytics streaming lacks (code
   *   `UnsupportedLanguage`), bad PII types, a `postCall` output that is not `s3://` or a role
   *   that is not an IAM role ARN, bad audio or pacing options.
   * @throws while reading: {@link StreamError} (mid-stream service exception, dropped connection,
   *   `AudioIdleTimeout`), {@link TimeoutError} when `timeoutMs` passes, {@link AbortError}.
   * @example
   * ```ts
   * const live = ai.speech.analyzeCallStream(stereoPcm, {
   *   sampleRate: 8000, encoding: 'pcm', channels: { agent: 0, customer: 1 }, pii: 'redact',
   * });
   * for await (const e of live) {
   *   if (e.type === 'utterance' && !e.isPartial && e.issues.length) alert(e.participant, e.text);
   *   if (e.type === 'category') console.log(e.categories.map((c) => c.name));
   * }
   * ```
   */
  analyzeCallStream(
    audio: AsyncIterable<Uint8Array>,
    options: AnalyzeCallStreamOptions,
  ): CallAnalyticsStream {
    return analyzeCallStream(this.ctx, audio, options);
  }

  /**
   * Transcribes recorded audio with an Amazon Transcribe batch job and returns the parsed
   * {@link Transcript} (words with times, confidence, speaker, channel; speaker turns; captions).
   *
   * `input` is an `s3://bucket/key` URI (same Region as the client), or bytes / a Buffer / a Blob /
   * a file path uploaded first to `config.staging` (and deleted afterwards). A unique job name is
   * generated; the job is polled (every `pollIntervalMs`, growing to 10 s) until it completes.
   * The transcript is read from the staging bucket when staging is configured, else from the
   * pre-signed URL Transcribe returns. How long a job runs depends on the audio's length: set
   * `timeoutMs` for your media (no deadline by default) or abort with `signal`.
   *
   * Limits: audio 500 ms to 4 h, ≤ 2 GB; mp3, mp4, wav, flac, ogg, amr, webm, m4a.
   *
   * `subtitles: true` (or `{ formats, startIndex }`) also has Transcribe write SRT/WebVTT files,
   * returned as text in `transcript.subtitles` (cues numbered from 1 unless `startIndex: 0`).
   *
   * @throws {@link ValidationError} before any call for bad options, an unknown format, bytes
   *   without `staging`.
   * @throws {@link ServiceError} code `TranscriptionJobFailed` with the job's failure reason;
   *   `MissingSubtitles` when a requested subtitle file is not listed on the finished job.
   * @throws {@link TimeoutError} when `timeoutMs` passes; {@link AbortError} on abort.
   * @example
   * ```ts
   * const transcript = await ai.speech.transcribe('s3://media/interview.mp3', { speakers: 2 });
   * console.log(transcript.segments.map((s) => `${s.speaker}: ${s.text}`).join('\n'));
   * await writeFile('interview.vtt', transcript.toVtt());
   * ```
   */
  async transcribe(input: BinaryInput, options?: TranscribeOptions): Promise<Transcript> {
    return this.call(
      { service: 'transcribe', operation: 'StartTranscriptionJob', method: 'speech.transcribe' },
      options,
      async (scoped) => (await loadImpl()).transcribe(this.ctx, input, scoped),
    );
  }

  /**
   * Starts an Amazon Transcribe batch job without waiting, and returns it as the one job type of
   * aws-ai (docs/jobs.md): `id` (the generated job name), `ref` (`{ kind:
   * 'transcribe.transcription', id }`, plain JSON for `ai.jobs.resume(ref)` in another process),
   * `status()`, `wait()`, `results()` / `result()` (the one {@link Transcript}, as
   * {@link Speech.transcribe} returns it). Transcribe has no stop operation: no `cancel`.
   *
   * Bytes are staged through `config.staging` and NOT deleted (`stagedUri`): Transcribe reads them
   * while the job runs. One call (ADR 0006): `timeoutMs` and `signal` bound the upload and the
   * start request together; the job it returns is not bound to them (its `status`, `wait` and
   * `result` take their own options).
   *
   * @throws {@link ValidationError} before any call, as `transcribe`
   * @example
   * ```ts
   * const job = await ai.speech.startTranscription('s3://media/interview.mp3', { speakers: 2 });
   * await queue.send(JSON.stringify(job.ref)); // elsewhere: ai.jobs.resume(ref).result()
   * const [transcript] = await job.result({ timeoutMs: 3_600_000 });
   * ```
   */
  async startTranscription(
    input: BinaryInput,
    options?: TranscriptionJobOptions,
  ): Promise<TranscriptionJob> {
    // One call scope for the start (ADR 0006, amendment); the job is not bound to it.
    return this.call(
      {
        service: 'transcribe',
        operation: 'StartTranscriptionJob',
        method: 'speech.startTranscription',
      },
      options,
      async (scoped) => (await loadImpl()).startTranscription(this.ctx, input, scoped),
    );
  }

  /**
   * Starts a Transcribe Call Analytics job without waiting, and returns it as the one job type of
   * aws-ai: `ref` is `{ kind: 'transcribe.call-analytics', id: name }`, `result()` gives the one
   * {@link CallAnalysis} {@link Speech.analyzeCall} returns. No `cancel` (Transcribe has no stop
   * operation). Bytes are staged and NOT deleted (`stagedUri`). One call (ADR 0006): `timeoutMs`
   * and `signal` bound the upload and the start request together; the job is not bound to them.
   *
   * @throws ValidationError before any call, as `analyzeCall`
   * @example
   * ```ts
   * const job = await ai.speech.startCallAnalysis('s3://calls/1234.wav', { output: 's3://calls/out/' });
   * const [call] = await ai.jobs.resume<CallAnalysis>(job.ref).result();
   * ```
   */
  async startCallAnalysis(
    audio: BinaryInput,
    options: CallAnalyticsJobOptions,
  ): Promise<CallAnalyticsJob> {
    // One call scope for the start (ADR 0006, amendment); the job is not bound to it.
    return this.call(
      {
        service: 'transcribe',
        operation: 'StartCallAnalyticsJob',
        method: 'speech.startCallAnalysis',
      },
      options,
      async (scoped) => (await loadImpl()).startCallAnalysis(this.ctx, audio, scoped),
    );
  }

  /**
   * Builds a {@link Transcript} from a Transcribe output file: the current format (with
   * `audio_segments`), the older one, and Call Analytics output (a top-level `Transcript` array
   * of turns; speakers `agent` and `customer`). Also exported as `parseTranscript` from
   * `aws-ai/speech`.
   *
   * @throws {@link ValidationError} when the input is not a Transcribe output file.
   * @example
   * ```ts
   * const transcript = ai.speech.parseTranscript(await readFile('asrOutput.json', 'utf8'));
   * ```
   */
  parseTranscript(json: unknown): Transcript {
    return parseTranscript(json);
  }

  /**
   * Analyzes a recorded call with Transcribe Call Analytics (StartCallAnalyticsJob, polled with
   * GetCallAnalyticsJob): the transcript per participant, sentiment per turn, issues, outcomes and
   * action items, categories, talk time, interruptions and, with `summarization`, the generative
   * call summary. The recording is an `s3://` URI or bytes staged through `config.staging`; the
   * output goes to `output` and is read back and parsed with {@link Speech.parseCallAnalytics}.
   *
   * @returns the {@link CallAnalysis}
   * @throws ValidationError before any call for an `output` that is not `s3://`, channels that do
   *   not put agent and customer on 0 and 1, a bad job name, role ARN or languages
   * @throws ServiceError (code `JobFailed`) when the job fails, with Transcribe's reason
   * @example
   * ```ts
   * const call = await ai.speech.analyzeCall('s3://calls/2024-06-01/1234.wav', {
   *   output: 's3://calls/analytics/', channels: { agent: 0, customer: 1 }, summarization: true,
   * });
   * console.log(call.summary, call.turns.filter((t) => t.issues.length > 0));
   * ```
   */
  async analyzeCall(audio: BinaryInput, options: AnalyzeCallOptions): Promise<CallAnalysis> {
    return this.call(
      { service: 'transcribe', operation: 'StartCallAnalyticsJob', method: 'speech.analyzeCall' },
      options,
      async (scoped) => (await loadImpl()).analyzeCall(this.ctx, audio, scoped),
    );
  }

  /**
   * Reads a Transcribe Call Analytics output file: the turns with participant, sentiment,
   * loudness, issues, outcomes and action items (spans into each turn's text), matched categories,
   * conversation characteristics (talk time and speed, interruptions, non-talk time, sentiment
   * scores) and the generative summary. Also exported as `parseCallAnalytics` from `aws-ai/speech`.
   *
   * @throws {@link ValidationError} when the input has no top-level `Transcript` array of turns.
   * @example
   * ```ts
   * const call = ai.speech.parseCallAnalytics(await readFile('call.json', 'utf8'));
   * const complaints = call.turns.filter((t) => t.participant === 'customer' && t.issues.length);
   * ```
   */
  parseCallAnalytics(json: unknown): CallAnalysis {
    return parseCallAnalytics(json);
  }
}
