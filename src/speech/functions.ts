/**
 * The speech operations as standalone functions, for Lambda bundles: `import { synthesize } from
 * 'aws-ai/speech'` puts only Polly's code and client in a bundle, where the `Speech` class (whose
 * methods a bundler cannot drop) also carries Transcribe, Transcribe Streaming and S3 code
 * (decision 0701).
 *
 * Each function takes a {@link SpeechClient} first (or a `Speech` module, or `ai.speech`, sharing
 * their SDK clients and voice list), then the same input and options as the method of the same
 * name, and behaves exactly like it: same validation, splitting, retries, deadline, telemetry and
 * errors.
 *
 * @example
 * ```ts
 * import { createSpeechClient, synthesize } from 'aws-ai/speech';
 * const speech = createSpeechClient({ region: 'us-east-1' }); // outside the handler
 * export const handler = async (event: { text: string }) => {
 *   const { audio } = await synthesize(speech, event.text, { voice: 'Joanna', engine: 'neural' });
 *   return Buffer.from(audio).toString('base64');
 * };
 * ```
 * @packageDocumentation
 */

import type { AwsAIConfig } from '../config';
import { runCall } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { contextOfClient, functionClient } from '../core/function-client';
import type { BinaryInput } from '../core/inputs';
import type { Job, JobRef } from '../core/job';
import {
  jobFromEvent as jobFromEventOf,
  moduleJobsOwner,
  resumeJob as resumeJobOf,
} from '../core/jobs';
import { loadOnce } from '../core/load-once';
import type { AwsAIStream } from '../core/stream';
import { analyzeCallStream as analyzeCallStreamOp } from './call-analytics-stream';
import type { AnalyzeCallStreamOptions, CallAnalyticsStream } from './call-analytics-stream-types';
import type {
  AnalyzeCallOptions,
  CallAnalysis,
  CallAnalyticsJob,
  CallAnalyticsJobOptions,
} from './call-analytics-types';
import { SPEECH_JOB_KINDS } from './job-kinds';
import type { Speech } from './speech-module';
import type { SpeechSynthesisJob, SpeechSynthesizeToS3Options } from './synthesis-task-types';
import { synthesizeStream as synthesizeStreamOp } from './synthesize-stream';
import { type TranscribeStream, transcribeStream as transcribeStreamOp } from './transcribe-stream';
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

declare const speechClientBrand: unique symbol;

/**
 * What the speech functions take first: the config, the SDK-client cache and the cached voice
 * list, without methods (so a bundle keeps only the functions you import). Make one with
 * {@link createSpeechClient} outside the handler; a `Speech` module or `ai.speech` works too.
 *
 * @example
 * ```ts
 * const speech: SpeechClient = createSpeechClient({ region: 'eu-west-1' });
 * const british = await voices(speech, { language: 'en-GB' });
 * ```
 */
export interface SpeechClient {
  readonly [speechClientBrand]: true;
}

/**
 * What the per-operation functions take: a {@link createSpeechClient} client or a `Speech` module.
 *
 * @example
 * ```ts
 * const say = (client: AnySpeechClient, text: string) => synthesize(client, text);
 * await say(createSpeechClient(), 'Hello'); // or say(ai.speech, 'Hello')
 * ```
 */
export type AnySpeechClient = SpeechClient | Speech;

// One operation's code each, loaded on its first call: a bundle inlines only the files reached
// (the streams load theirs in synthesize-stream and transcribe-stream).
const loadVoices = /* @__PURE__ */ loadOnce(() => import('./voices'));
const loadSynthesize = /* @__PURE__ */ loadOnce(() => import('./synthesize'));
const loadTranscribeJob = /* @__PURE__ */ loadOnce(() => import('./transcribe-job'));
const loadSynthesisTask = /* @__PURE__ */ loadOnce(() => import('./synthesis-task'));
const loadCallAnalyticsJob = /* @__PURE__ */ loadOnce(() => import('./call-analytics-job'));

/**
 * Makes a {@link SpeechClient}: cheap, nothing is loaded or sent until the first call. Keep it
 * outside the handler so warm invocations reuse its SDK clients and voice list.
 *
 * @param config region, credentials, endpoints, retry, concurrency, timeout, staging… as for
 *   `new Speech(config)`
 * @throws ValidationError for an invalid retry, concurrency or timeout setting
 * @example
 * ```ts
 * const speech = createSpeechClient({ region: 'us-east-1', timeoutMs: 10_000 });
 * ```
 */
export function createSpeechClient(config?: AwsAIConfig): SpeechClient {
  return functionClient(config) as unknown as SpeechClient;
}

function contextOf(client: AnySpeechClient): ModuleContext {
  return contextOfClient(client, 'a SpeechClient (createSpeechClient) or a Speech module');
}

/**
 * Lists Polly voices (every page, cached for the life of the client), optionally for one language
 * and engine; see `Speech.voices`.
 *
 * @throws ValidationError before any request for a bad client, language or engine
 * @throws AwsAIError subclasses for service errors, after retries
 * @example
 * ```ts
 * const [voice] = await voices(speech, { language: 'es-ES', engine: 'neural' });
 * ```
 */
export async function voices(
  client: AnySpeechClient,
  options?: SpeechVoicesOptions,
): Promise<Voice[]> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    { service: 'polly', operation: 'DescribeVoices', method: 'speech.voices' },
    async (scoped) => (await loadVoices()).listVoices(ctx, scoped),
  );
}

/**
 * Text (or SSML) to audio with Amazon Polly, any length: split at sentence ends, synthesized within
 * the concurrency limit and joined in order, with re-based speech marks on request; see
 * `Speech.synthesize`.
 *
 * @throws ValidationError before any request for a bad client, empty text, unbalanced SSML, a
 *   format and sample rate Polly rejects, marks with the generative engine, an unknown voice
 * @throws ServiceError code `UnmeasurableAudio` when marks of split text need the duration of
 *   audio that cannot be read
 * @throws AwsAIError subclasses for service errors, after retries
 * @example
 * ```ts
 * const { audio } = await synthesize(speech, 'Hello!', { voice: 'Joanna', engine: 'neural' });
 * ```
 */
export async function synthesize(
  client: AnySpeechClient,
  text: string,
  options?: SpeechSynthesizeOptions,
): Promise<SpeechSynthesizeResult> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    { service: 'polly', operation: 'SynthesizeSpeech', method: 'speech.synthesize' },
    async (scoped) => (await loadSynthesize()).synthesize(ctx, text, scoped),
  );
}

/**
 * Like {@link synthesize}, as a stream of audio chunks: the first piece relayed as Polly sends it,
 * the next ones synthesized ahead; see `Speech.synthesizeStream`. The requests start on first read.
 *
 * @throws ValidationError synchronously for a bad client, or input Polly would reject
 * @throws while reading: AwsAIError subclasses; StreamError when the connection drops mid-audio;
 *   TimeoutError and AbortError
 * @example
 * ```ts
 * await pipeline(synthesizeStream(speech, chapter).toNodeReadable(), createWriteStream('ch.mp3'));
 * ```
 */
export function synthesizeStream(
  client: AnySpeechClient,
  text: string,
  options?: SpeechSynthesizeOptions,
): AwsAIStream<Uint8Array> {
  return synthesizeStreamOp(contextOf(client), text, options);
}

/**
 * Synthesizes a long text to S3 with Polly tasks (StartSpeechSynthesisTask): one task per piece of
 * at most 100,000 billed characters (200,000 with SSML tags), started in order, plus a
 * speech-marks task per piece with `marks`; see `Speech.synthesizeToS3`. Returns the job (`tasks`,
 * `ref`, `status()`, `wait()`, `result()`) without waiting. One call: `timeoutMs` and `signal`
 * bound every request of the start together; the job is not bound to them. A bundle of this
 * function carries Polly only.
 *
 * @throws ValidationError before any request for a bad client, empty text, an `output` that is
 *   not an `s3://bucket/prefix` Polly accepts, a bad format, sample rate, voice, marks or SNS topic
 * @throws AwsAIError subclasses for service errors of the start, after retries
 * @example
 * ```ts
 * const job = await synthesizeToS3(speech, book, {
 *   output: 's3://my-audio/books/moby-dick/', voice: 'Ruth', engine: 'long-form',
 * });
 * const { audio } = await job.wait({ timeoutMs: 3_600_000 }); // s3:// URIs in text order
 * ```
 */
export async function synthesizeToS3(
  client: AnySpeechClient,
  text: string,
  options: SpeechSynthesizeToS3Options,
): Promise<SpeechSynthesisJob> {
  const ctx = contextOf(client);
  // One call scope for the start (ADR 0006, amendment); the job is not bound to it.
  return runCall(
    ctx,
    options,
    { service: 'polly', operation: 'StartSpeechSynthesisTask', method: 'speech.synthesizeToS3' },
    async (scoped) => (await loadSynthesisTask()).synthesizeToS3(ctx, text, scoped),
  );
}

/**
 * Speech marks (`time`, `type`, `start`, `end`, `value`) for any length of text; see
 * `Speech.speechMarks`.
 *
 * @throws ValidationError before any request for a bad client, the generative engine, `ssml` marks
 *   on plain text, bad types
 * @throws AwsAIError subclasses for service errors, after retries
 * @example
 * ```ts
 * const marks = await speechMarks(speech, 'Hello there.', { types: ['word'] });
 * ```
 */
export async function speechMarks(
  client: AnySpeechClient,
  text: string,
  options?: SpeechMarksOptions,
): Promise<SpeechMark[]> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    { service: 'polly', operation: 'SynthesizeSpeech', method: 'speech.speechMarks' },
    async (scoped) => (await loadSynthesize()).speechMarks(ctx, text, scoped),
  );
}

/**
 * Live transcription (Transcribe Streaming) of any `AsyncIterable<Uint8Array>` of audio; see
 * `Speech.transcribeStream` for the events, pacing, sessions and `transcript()`. The session starts
 * on first read.
 *
 * @throws ValidationError synchronously for a bad client, sample rate, encoding or `chunkMs`
 * @throws while reading: StreamError (service exception, dropped connection, `AudioIdleTimeout`),
 *   TimeoutError, AbortError
 * @example
 * ```ts
 * const live = transcribeStream(speech, micChunks, { sampleRate: 16000, encoding: 'pcm' });
 * for await (const event of live) if (!event.isPartial) console.log(event.text);
 * ```
 */
export function transcribeStream(
  client: AnySpeechClient,
  audio: AsyncIterable<Uint8Array>,
  options: TranscribeStreamOptions,
): TranscribeStream {
  return transcribeStreamOp(contextOf(client), audio, options);
}

/**
 * Live Call Analytics (Transcribe Streaming) of a two-channel call: utterances with participant,
 * sentiment and issues, and matched categories; see `Speech.analyzeCallStream`.
 *
 * @throws ValidationError synchronously for a bad client, channels, language, PII types, post-call
 *   settings, or audio and pacing options
 * @throws while reading: StreamError, TimeoutError, AbortError
 * @example
 * ```ts
 * const live = analyzeCallStream(speech, stereoPcm, {
 *   sampleRate: 8000, encoding: 'pcm', channels: { agent: 0, customer: 1 },
 * });
 * for await (const e of live) if (e.type === 'category') console.log(e.categories);
 * ```
 */
export function analyzeCallStream(
  client: AnySpeechClient,
  audio: AsyncIterable<Uint8Array>,
  options: AnalyzeCallStreamOptions,
): CallAnalyticsStream {
  return analyzeCallStreamOp(contextOf(client), audio, options);
}

/**
 * Transcribes recorded audio (an `s3://` URI, or bytes staged through `config.staging`) with a
 * Transcribe batch job, waits for it and returns the parsed {@link Transcript}; see
 * `Speech.transcribe`. A bundle of this function carries Transcribe and S3 (staging and output).
 *
 * @throws ValidationError before any request for a bad client, bad options, an unknown format,
 *   bytes without `staging`
 * @throws ServiceError code `TranscriptionJobFailed` with the job's reason
 * @throws TimeoutError when `timeoutMs` passes; AbortError on abort
 * @example
 * ```ts
 * const transcript = await transcribe(speech, 's3://media/interview.mp3', { speakers: 2 });
 * ```
 */
export async function transcribe(
  client: AnySpeechClient,
  input: BinaryInput,
  options?: TranscribeOptions,
): Promise<Transcript> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    { service: 'transcribe', operation: 'StartTranscriptionJob', method: 'speech.transcribe' },
    async (scoped) => (await loadTranscribeJob()).transcribe(ctx, input, scoped),
  );
}

/**
 * Starts a Transcribe batch job without waiting and returns it as a job (`ref`, `status()`,
 * `wait()`, `result()`); see `Speech.startTranscription`. One call: `timeoutMs` and `signal` bound
 * the upload and the start request together; the job is not bound to them.
 *
 * @throws ValidationError before any request, as {@link transcribe}
 * @example
 * ```ts
 * const job = await startTranscription(speech, 's3://media/interview.mp3');
 * await queue.send(JSON.stringify(job.ref)); // elsewhere: ai.jobs.resume(ref).result()
 * ```
 */
export async function startTranscription(
  client: AnySpeechClient,
  input: BinaryInput,
  options?: TranscriptionJobOptions,
): Promise<TranscriptionJob> {
  const ctx = contextOf(client);
  // One call scope for the start (ADR 0006, amendment); the job is not bound to it.
  return runCall(
    ctx,
    options,
    {
      service: 'transcribe',
      operation: 'StartTranscriptionJob',
      method: 'speech.startTranscription',
    },
    async (scoped) => (await loadTranscribeJob()).startTranscription(ctx, input, scoped),
  );
}

/**
 * Analyzes a recorded call with a Transcribe Call Analytics job (StartCallAnalyticsJob, polled with
 * GetCallAnalyticsJob), waits for it and returns the parsed {@link CallAnalysis}: turns per
 * participant with sentiment, issues, outcomes and action items, categories, characteristics and,
 * with `summarization`, the summary; see `Speech.analyzeCall`. A bundle of this function carries
 * Transcribe and S3 (staging and reading the output).
 *
 * @throws ValidationError before any request for a bad client, an `output` that is not `s3://`,
 *   channels that do not put agent and customer on 0 and 1, a bad job name, role ARN, languages or
 *   poll options, bytes without `staging`
 * @throws ServiceError code `JobFailed` with Transcribe's reason when the job fails
 * @throws TimeoutError when `timeoutMs` passes; AbortError on abort
 * @example
 * ```ts
 * const call = await analyzeCall(speech, 's3://calls/2024-06-01/1234.wav', {
 *   output: 's3://calls/analytics/', channels: { agent: 0, customer: 1 }, summarization: true,
 * });
 * console.log(call.summary, call.turns.filter((t) => t.issues.length > 0));
 * ```
 */
export async function analyzeCall(
  client: AnySpeechClient,
  audio: BinaryInput,
  options: AnalyzeCallOptions,
): Promise<CallAnalysis> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    { service: 'transcribe', operation: 'StartCallAnalyticsJob', method: 'speech.analyzeCall' },
    async (scoped) => (await loadCallAnalyticsJob()).analyzeCall(ctx, audio, scoped),
  );
}

/**
 * Starts a Transcribe Call Analytics job without waiting and returns it as a job (`name`, `ref`
 * `{ kind: 'transcribe.call-analytics', id }`, `status()`, `wait()`, `result()` giving the one
 * {@link CallAnalysis} {@link analyzeCall} returns); see `Speech.startCallAnalysis`. Bytes are
 * staged and not deleted (`stagedUri`). One call: `timeoutMs` and `signal` bound the upload and
 * the start request together; the job is not bound to them.
 *
 * @throws ValidationError before any request, as {@link analyzeCall}
 * @throws AwsAIError subclasses for service errors of the start, after retries
 * @example
 * ```ts
 * const job = await startCallAnalysis(speech, 's3://calls/1234.wav', { output: 's3://calls/out/' });
 * await queue.send(JSON.stringify(job.ref)); // elsewhere: ai.jobs.resume<CallAnalysis>(ref).result()
 * ```
 */
export async function startCallAnalysis(
  client: AnySpeechClient,
  audio: BinaryInput,
  options: CallAnalyticsJobOptions,
): Promise<CallAnalyticsJob> {
  const ctx = contextOf(client);
  // One call scope for the start (ADR 0006, amendment); the job is not bound to it.
  return runCall(
    ctx,
    options,
    {
      service: 'transcribe',
      operation: 'StartCallAnalyticsJob',
      method: 'speech.startCallAnalysis',
    },
    async (scoped) => (await loadCallAnalyticsJob()).startCallAnalysis(ctx, audio, scoped),
  );
}

const JOBS_OWNER = /* @__PURE__ */ moduleJobsOwner('aws-ai/speech');

/**
 * A job of this module rebuilt from its `ref` (the object or its JSON text), as `ai.jobs.resume`
 * does, for Transcribe, Call Analytics and Polly synthesis jobs only.
 * A handler that imports `aws-ai/speech` then holds this module's job code, not every
 * module's. Nothing loads or is sent until the job is read.
 *
 * @throws ValidationError when `ref` is not a job ref, or is another module's kind
 * @example
 * ```ts
 * const speech = createSpeechClient();
 * const job = resumeJob(speech, JSON.parse(message.body)); // a ref saved with JSON.stringify(job.ref)
 * console.log((await job.status()).state);
 * ```
 */
export function resumeJob<T = unknown>(client: AnySpeechClient, ref: JobRef | string): Job<T> {
  return resumeJobOf<T>(contextOf(client), SPEECH_JOB_KINDS, ref, JOBS_OWNER);
}

/**
 * The job a completion event is about (EventBridge, SNS, or SQS carrying one of them), rebuilt
 * as {@link resumeJob} does; for an event of several jobs use `jobEvents(event)` and `resumeJob`.
 *
 * @throws ValidationError when the event is not one job's event, or the job is another module's kind
 * @example
 * ```ts
 * const speech = createSpeechClient();
 * export const handler = async (event: unknown) => {
 *   const [transcript] = await jobFromEvent(speech, event).result(); // Transcribe Job State Change
 *   console.log(transcript?.text);
 * };
 * ```
 */
export function jobFromEvent<T = unknown>(client: AnySpeechClient, event: unknown): Job<T> {
  return jobFromEventOf<T>(contextOf(client), SPEECH_JOB_KINDS, event, JOBS_OWNER);
}
