import { checkRequestOptions } from '../core/call-scope';
import { withSite } from '../core/internal/name-failure';
import type { JobRef } from '../core/job';
import { loadOnce } from '../core/load-once';
import { ServiceModule } from '../core/service-module';
import type { AwsAIStream } from '../core/stream';
import { loadBatch } from './batch-load';
import type {
  EmbedBatchOptions,
  GenerativeBatchJob,
  GenerativeBatchOptions,
  GenerativeBatchRecord,
} from './batch-types';
import { GenerativeChat } from './chat';
import { converseStream } from './converse-stream';
import { genAiCall } from './gen-ai-telemetry';
import type { GenerativeStream } from './generative-stream';
import { invokeModelStream } from './invoke-stream';
// Operation code loads on first use: importing the module class must stay cheap.
import { loadImpl as impl } from './load-impl';
import { type ObjectStream, streamObject } from './object-stream';
import type {
  ChatParams,
  CheckContent,
  CheckOptions,
  CheckResult,
  CountTokensResult,
  EmbedOptions,
  GenerateImageParams,
  GenerateImageResult,
  GenerateObjectParams,
  GenerateObjectResult,
  GenerateOptions,
  GenerateParams,
  GenerateResult,
  GenerateStreamOptions,
  GenerateVideoParams,
  GenerativeVideoJobSummary,
  GuardContent,
  GuardOptions,
  GuardResult,
  InvokeOptions,
  InvokeResult,
  StreamObjectOptions,
  StreamObjectParams,
} from './types';
import type { GenerativeVideoJob } from './video';
import { assertInvocationArn } from './video-arn';
import { VoiceSession } from './voice-session';
import type { VoiceOptions, VoiceParams } from './voice-types';

/** Video's code (also in `impl`): `videoJob` loads it for the ARN check it shares with the function. */
const loadVideo = /* @__PURE__ */ loadOnce(() => import('./video'));

/**
 * Generative models on Amazon Bedrock: Converse (`generate`, `stream`, `chat`, tool loops,
 * `generateObject`), embeddings across model families, and raw `invoke`/`invokeStream`.
 * Available as `ai.generative`, or alone from `aws-ai/generative`.
 *
 * @example
 * ```ts
 * import { Generative } from 'aws-ai/generative';
 * const gen = new Generative({ region: 'us-east-1' });
 * const { text } = await gen.generate({ model: 'amazon.nova-lite-v1:0', prompt: 'Say hi' });
 * ```
 */
export class Generative extends ServiceModule {
  /**
   * Generates one answer (Converse). With tools that have `execute`, runs the tool loop: the
   * model's tool calls are executed (a thrown error goes back to the model as an error result)
   * and the model is asked again, up to `maxSteps` calls (default 5); `steps` lists each call and
   * `usage` sums them.
   *
   * Checked before any call: model, exactly one of prompt/messages, a conversation that starts
   * with a user turn and alternates, blank text, maxTokens/temperature/topP, tool names and
   * schemas, toolChoice, images (at most 20, 3.75 MB, png/jpeg/gif/webp), documents (at most 5,
   * 4.5 MB, next to a text block), at most 4 cache checkpoints. Blank text blocks are dropped and
   * unanswered tool calls get an error result, so replayed histories stay valid.
   *
   * @throws ValidationError for bad parameters, and for a model that needs an inference profile
   *   (the message names the profile id, e.g. `us.anthropic.claude-…`, for the client's region)
   * @throws ThrottlingError when Bedrock still throttles after the retries
   * @throws AccessDeniedError when the model is not enabled for the account
   * @example
   * ```ts
   * const { text, usage } = await ai.generative.generate({
   *   model: 'amazon.nova-lite-v1:0',
   *   system: 'Answer in one sentence.',
   *   prompt: 'What is Amazon Bedrock?',
   * });
   * ```
   */
  async generate(params: GenerateParams, options?: GenerateOptions): Promise<GenerateResult> {
    return this.call(
      {
        service: 'bedrock-runtime',
        operation: 'Converse',
        ...genAiCall('generative.generate', 'chat', params?.model),
      },
      options,
      async (scoped) => (await impl()).generate(this.ctx, params, scoped),
    );
  }

  /**
   * Streams one answer (ConverseStream). The returned stream is an `AsyncIterable` of typed
   * events (text and reasoning deltas, tool-call start/delta/end with parsed input, stop,
   * metadata with usage) with `.textStream`, `.text`, `.usage`, `.finalMessage()` and `.abort()`.
   * The request starts on first read; `break` aborts it. Failures before the first event are
   * retried; later ones end the stream with a `StreamError` whose `code` is the exception
   * (`ThrottlingException`, `ModelStreamErrorException`, …, or `IdleTimeout` after
   * `idleTimeoutMs`, default 60 s, without an event) and whose `cause` is the typed error. With
   * `recover: 'restart'` a retryable failure restarts the request after a `reset` event.
   * Tools with `execute` run as in {@link generate}: `tool-result` and `step-finish` events, then
   * the next model call's events, up to `maxSteps` calls; `finalMessage()` has `steps` and
   * `responseMessages`. Tools without `execute` end the stream at the call (`toolCalls`).
   *
   * @throws ValidationError synchronously for bad stream options; parameter errors surface on read
   * @throws TimeoutError (on read, from every reader and `finalMessage()`) when `timeoutMs` passes
   *   before the stream ends: `timeoutMs` bounds the whole stream
   * @throws StreamError on read: code `IdleTimeout` after `idleTimeoutMs` without an event,
   *   `StreamTruncated` when the stream closed without its `messageStop` (never a silent `'other'`)
   * @example
   * ```ts
   * const stream = ai.generative.stream({ model, prompt: 'Tell me a story' });
   * for await (const chunk of stream.textStream) process.stdout.write(chunk);
   * console.log(await stream.usage);
   *
   * // With tools: results arrive between the model calls.
   * for await (const event of ai.generative.stream({ model, prompt: 'Weather in Paris?', tools })) {
   *   if (event.type === 'tool-result') console.log(event.name, event.output);
   * }
   * ```
   */
  stream(params: GenerateParams, options?: GenerateStreamOptions): GenerativeStream {
    return converseStream(this.ctx, params, options);
  }

  /**
   * Starts a conversation that keeps its history: `send(text | parts)` and `stream(text | parts)`.
   * The history is cleaned before every request and grows only with successful turns.
   *
   * @throws ValidationError (from `send`/`stream`) for blank input or overlapping turns
   * @example
   * ```ts
   * const chat = ai.generative.chat({ model: 'amazon.nova-lite-v1:0', system: 'Be brief.' });
   * await chat.send('My name is Ada.');
   * console.log((await chat.send('What is my name?')).text);
   * ```
   */
  chat(params: ChatParams): GenerativeChat {
    return new GenerativeChat(this.ctx, params);
  }

  /**
   * Generates a value that matches a schema and validates it. The schema is any Standard Schema
   * (zod 3/4, valibot, arktype, effect), a JSON Schema, or `{ schema, jsonSchema }` for validators
   * that cannot export JSON Schema. `mode` (default `auto`) puts it to the model as Converse
   * `outputConfig.textFormat` on models that support it (Claude 4.5+, some open-weight models),
   * else as a forced tool call (`auto` also falls back to the tool when Bedrock refuses
   * `outputConfig`), or as a JSON instruction (`json`). A schema that is not an object is wrapped
   * in `{ value }` and unwrapped after; the wrapper is checked. An invalid answer gets one repair
   * round with the validation issues. JSON Schemas are validated by `@cfworker/json-schema`,
   * loaded on the first validation only.
   *
   * @throws StructuredOutputError with the raw output (`text`) and the `issues` when the repaired
   *   answer is still invalid, or the model never produced one
   * @throws ValidationError before any call: no schema, a Standard Schema that cannot export JSON
   *   Schema without `jsonSchema` given (the message says how), a `$ref` that does not resolve, a
   *   bad `mode` or `name`, and every check {@link generate} makes
   * @example
   * ```ts
   * import * as v from 'valibot';
   * import { toJsonSchema } from '@valibot/to-json-schema';
   * const City = v.object({ city: v.string(), country: v.string() });
   * const { object } = await ai.generative.generateObject({
   *   model: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
   *   schema: { schema: City, jsonSchema: toJsonSchema(City) },
   *   prompt: 'Where is the Eiffel Tower?',
   * });
   * ```
   */
  async generateObject<T>(
    params: GenerateObjectParams<T>,
    options?: GenerateOptions,
  ): Promise<GenerateObjectResult<T>> {
    return this.call(
      { service: 'bedrock-runtime', operation: 'Converse' },
      options,
      async (scoped) => (await impl()).generateObject(this.ctx, params, scoped),
    );
  }

  /**
   * Streams a value that matches a schema: `partialObjectStream` yields the value so far as the
   * JSON arrives, `object` settles with the validated value. With `output: 'array'` the schema
   * describes one element and `elementStream` yields each element once it is complete and
   * valid. Same schemas, modes and repair round as {@link generateObject} (array mode: no repair
   * round, since valid elements were already delivered; an invalid one fails the stream at its
   * end). `timeoutMs` bounds the whole stream, `idleTimeoutMs` each wait for an event.
   *
   * @throws ValidationError synchronously for bad stream options; parameter errors surface on read
   * @throws StructuredOutputError (on read and from `object`) when the answer does not match
   * @example
   * ```ts
   * const stream = ai.generative.streamObject({
   *   model,
   *   schema: z.object({ name: z.string(), steps: z.array(z.string()) }),
   *   prompt: 'A pancake recipe',
   * });
   * for await (const partial of stream.partialObjectStream) console.log(partial.steps?.length);
   * console.log(await stream.object);
   *
   * const cities = ai.generative.streamObject({ model, output: 'array', schema: City, prompt: 'Five cities' });
   * for await (const city of cities.elementStream) console.log(city.name);
   * ```
   */
  streamObject<T>(
    params: StreamObjectParams<T> & { output: 'array' },
    options?: StreamObjectOptions,
  ): ObjectStream<T[], T>;
  streamObject<T>(
    params: StreamObjectParams<T> & { output?: 'object' | undefined },
    options?: StreamObjectOptions,
  ): ObjectStream<T>;
  streamObject<T>(
    params: StreamObjectParams<T>,
    options?: StreamObjectOptions,
  ): ObjectStream<T> | ObjectStream<T[], T> {
    return streamObject<T, never>(this.ctx, params as StreamObjectParams<unknown>, options);
  }

  /**
   * Counts the input tokens `generate` would send for these parameters (CountTokens), without
   * running the model: the request is built and checked exactly as for `generate`.
   *
   * @throws ValidationError for every parameter `generate` refuses, before any call
   * @example
   * ```ts
   * const { inputTokens } = await ai.generative.countTokens({
   *   model: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
   *   system: 'Be brief.',
   *   prompt: longText,
   * });
   * ```
   */
  async countTokens(params: GenerateParams, options?: GenerateOptions): Promise<CountTokensResult> {
    return this.call(
      {
        service: 'bedrock-runtime',
        operation: 'CountTokens',
        ...genAiCall('generative.countTokens', 'invoke', params?.model),
      },
      options,
      async (scoped) => (await impl()).countTokens(this.ctx, params, scoped),
    );
  }

  /**
   * Checks content with a Bedrock guardrail without calling a model (ApplyGuardrail): a user's
   * input (`source: 'input'`, the default) or a model's output. Returns the action
   * (`intervened` or `none`), the text to use instead (blocked message or masked PII) and every
   * assessment, typed as Bedrock returns them.
   *
   * @throws ValidationError before any call for a malformed guardrail id or version, or blank content
   * @throws NotFoundError when the guardrail or version does not exist
   * @example
   * ```ts
   * const verdict = await ai.generative.guard(userText, { id: 'gr1abc', version: '1' });
   * if (verdict.action === 'intervened') return verdict.outputs.join('\n');
   * ```
   */
  async guard(content: GuardContent, options: GuardOptions): Promise<GuardResult> {
    return this.call(
      { service: 'bedrock-runtime', operation: 'ApplyGuardrail' },
      options,
      async (scoped) => (await impl()).guard(this.ctx, content, { ...options, ...scoped }),
    );
  }

  /**
   * Scores content with Bedrock's inline guardrail checks (InvokeGuardrailChecks), without a
   * guardrail resource: harmful-content categories, prompt attacks and PII, each with Bedrock's
   * severity or confidence scores; deciding what to do with them is yours.
   *
   * @throws ValidationError before any call for no checks, unknown categories or blank content
   * @example
   * ```ts
   * const { promptAttack } = await ai.generative.check(userText, { checks: { promptAttack: true } });
   * if (promptAttack.some((r) => r.severityScore > 0.8)) throw new Error('rejected');
   * ```
   */
  async check(content: CheckContent, options: CheckOptions): Promise<CheckResult> {
    return this.call(
      { service: 'bedrock-runtime', operation: 'InvokeGuardrailChecks' },
      options,
      async (scoped) => (await impl()).check(this.ctx, content, { ...options, ...scoped }),
    );
  }

  /**
   * Generates images with Amazon Nova Canvas or Titan Image Generator v2 (InvokeModel with the
   * model's body): text-to-image (with an optional conditioning image), variation, inpainting and
   * outpainting (mask image or mask prompt), background removal. Prompt lengths, counts (1-5),
   * sizes, seeds, `cfgScale` and styles are checked against what each model documents before the
   * call; images come back as bytes with their format.
   *
   * @throws ValidationError before any call for an unsupported model or a parameter out of range
   * @throws ContentFilterError when Bedrock's content filters refuse the prompt or image
   * @example
   * ```ts
   * const { images } = await ai.generative.generateImage({
   *   model: 'amazon.nova-canvas-v1:0',
   *   prompt: 'A lighthouse at dawn, watercolor',
   *   size: '1280x720',
   *   count: 2,
   * });
   * await writeFile('lighthouse.png', images[0].bytes);
   * ```
   */
  async generateImage(
    params: GenerateImageParams,
    options?: GenerateOptions,
  ): Promise<GenerateImageResult> {
    return this.call(
      {
        service: 'bedrock-runtime',
        operation: 'InvokeModel',
        ...genAiCall('generative.generateImage', 'invoke', params?.model),
      },
      options,
      async (scoped) => (await impl()).generateImage(this.ctx, params, scoped),
    );
  }

  /**
   * Starts a video with Amazon Nova Reel (StartAsyncInvoke) and returns its job: `status()`,
   * `wait({ signal, onProgress, timeoutMs })`, `result()` with the S3 location of the MP4
   * (`<output>/<invocation id>/output.mp4`), `ref` to save. 6-second videos take an optional
   * 1280x720 start frame; 12-120 s videos (multi-shot, v1:1) a longer prompt. Bedrock offers no
   * cancel for async invocations, so the job has no `cancel`.
   *
   * @throws ValidationError before any call for a bad prompt, duration, frame, seed or output URI
   * @example
   * ```ts
   * const job = await ai.generative.generateVideo({
   *   prompt: 'Drone shot over a foggy forest at sunrise',
   *   output: 's3://my-bucket/videos/',
   * });
   * const [video] = await job.result({ onProgress: (s) => console.log(s.state) });
   * console.log(video.uri);
   * ```
   */
  async generateVideo(
    params: GenerateVideoParams,
    options?: GenerateOptions,
  ): Promise<GenerativeVideoJob> {
    return this.call(
      { service: 'bedrock-runtime', operation: 'StartAsyncInvoke' },
      options,
      async (scoped) => (await impl()).generateVideo(this.ctx, params, scoped),
    );
  }

  /**
   * The job of a video invocation started earlier (its ARN, e.g. from `job.ref.id` or
   * {@link videoJobs}).
   *
   * @throws ValidationError for something that is not an async-invoke ARN
   * @example
   * ```ts
   * const job = await ai.generative.videoJob(savedArn);
   * console.log((await job.status()).state);
   * ```
   */
  async videoJob(invocationArn: string): Promise<GenerativeVideoJob> {
    assertInvocationArn(invocationArn);
    return (await loadVideo()).videoJob(this.ctx, invocationArn);
  }

  /**
   * Lists video (async) invocations, every page (ListAsyncInvokes), optionally by state.
   *
   * @example
   * ```ts
   * for (const job of await ai.generative.videoJobs({ state: 'in-progress' })) console.log(job.id);
   * ```
   */
  async videoJobs(
    filter: {
      state?: 'in-progress' | 'completed' | 'failed' | undefined;
      limit?: number | undefined;
    } = {},
    options?: GenerateOptions,
  ): Promise<GenerativeVideoJobSummary[]> {
    return this.call(
      { service: 'bedrock-runtime', operation: 'ListAsyncInvokes' },
      options,
      async (scoped) => (await impl()).videoJobs(this.ctx, filter, scoped),
    );
  }

  /**
   * Embeds one text with the request body its model family needs (Titan v1/v2, Cohere v3/v4,
   * Nova). Vectors are `Float32Array`s; `normalize: true` gives unit length.
   *
   * @throws ValidationError for blank text, an unknown family, or unsupported `dimensions`
   * @example
   * ```ts
   * const v = await ai.generative.embed('hello', { model: 'amazon.titan-embed-text-v2:0', dimensions: 256 });
   * ```
   */
  async embed(text: string, options: EmbedOptions): Promise<Float32Array> {
    return this.call(
      {
        service: 'bedrock-runtime',
        operation: 'InvokeModel',
        ...genAiCall('generative.embed', 'embeddings', options?.model),
      },
      options,
      async (scoped) => (await impl()).embed(this.ctx, text, scoped),
    );
  }

  /**
   * Embeds many texts: Cohere takes 96 per call, the others one; calls run under `concurrency`
   * (default 4) and the per-service limit. Result `i` belongs to text `i`.
   *
   * @throws BatchError when some texts failed (its `results` keep every vector that succeeded)
   * @throws ValidationError for an empty array, a blank text, an unknown family, bad `dimensions`
   * @example
   * ```ts
   * const vectors = await ai.generative.embedMany(docs, { model: 'cohere.embed-english-v3', purpose: 'document' });
   * ```
   */
  async embedMany(texts: readonly string[], options: EmbedOptions): Promise<Float32Array[]>;
  /**
   * With `batch: true`, sends the texts through a Bedrock batch inference job (see {@link batch}):
   * resolves once the job is started, with a job whose `results()` yields one vector per text in
   * input order (a `BatchItemError` for a record that failed). Needs `role` and `output`.
   *
   * @example
   * ```ts
   * const job = await ai.generative.embedMany(corpus, {
   *   batch: true, model: 'amazon.titan-embed-text-v2:0', role, output: 's3://my-bucket/emb/',
   * });
   * for await (const vector of job.results()) index.add(vector);
   * ```
   */
  async embedMany(
    texts: Iterable<string> | AsyncIterable<string>,
    options: EmbedBatchOptions,
  ): Promise<GenerativeBatchJob<Float32Array>>;
  async embedMany(
    texts: readonly string[] | Iterable<string> | AsyncIterable<string>,
    options: EmbedOptions | EmbedBatchOptions,
  ): Promise<Float32Array[] | GenerativeBatchJob<Float32Array>> {
    if ((options as EmbedBatchOptions | undefined)?.batch === true) {
      // The start is one call scope (ADR 0006, amendment): the uploads and every
      // CreateModelInvocationJob share its deadline, signal and retry budget; the job is not bound to it.
      return this.call(
        {
          service: 'bedrock',
          operation: 'CreateModelInvocationJob',
          method: 'generative.embedMany',
        },
        options as EmbedBatchOptions,
        async (scoped) => (await loadBatch()).startEmbedBatch(this.ctx, texts, scoped),
      );
    }
    return this.call(
      {
        service: 'bedrock-runtime',
        operation: 'InvokeModel',
        ...genAiCall('generative.embedMany', 'embeddings', options?.model),
      },
      options,
      async (scoped) => (await impl()).embedMany(this.ctx, texts as readonly string[], scoped),
    );
  }

  /**
   * Runs many prompts as Bedrock batch inference (CreateModelInvocationJob): half the on-demand
   * price, no throttling, hours instead of seconds. aws-ai writes the JSONL input under `input`
   * (record ids it assigns), splits it into several jobs where AWS's per-job limits require it
   * (50,000 records, 5 GB by default; never a job under the 100-record minimum) and resolves once
   * every job is created. `records` may be an array or any (async) iterable: it is read once and
   * never held whole. The returned job's `results()` yields one item per record in input order
   * (text, finish reason and usage for generate params; the raw output for `{ body }` records), or a
   * `BatchItemError` at its index for a record Bedrock failed. Save `job.ref` to read it elsewhere
   * (`ai.jobs.resume(ref)`, or `ai.jobs.fromEvent(event)` in the completion event's Lambda).
   * One call (ADR 0006): `timeoutMs` and `signal` bound the uploads and every
   * CreateModelInvocationJob together; the job is not bound to them (its `status`, `wait` and
   * `results` take their own options).
   *
   * @throws ValidationError before anything is uploaded for bad options, fewer records than the
   *   minimum (arrays; an iterable is counted as it is read, still before the first upload), and
   *   for records of arrays; a bad record of an iterable is refused when it is reached
   * @throws AccessDeniedError when the caller may not write `input` or create the job
   * @example
   * ```ts
   * const job = await ai.generative.batch(
   *   questions.map((q) => ({ prompt: q, maxTokens: 200 })),
   *   { model: 'amazon.nova-lite-v1:0', role: 'arn:aws:iam::123456789012:role/BedrockBatch',
   *     output: 's3://my-bucket/batch-out/' },
   * );
   * for await (const answer of job.results()) console.log(answer);
   * ```
   */
  async batch(
    records: Iterable<GenerativeBatchRecord> | AsyncIterable<GenerativeBatchRecord>,
    options: GenerativeBatchOptions,
  ): Promise<GenerativeBatchJob> {
    // The start is one call scope (ADR 0006, amendment): the uploads and every
    // CreateModelInvocationJob share its deadline, signal and retry budget; the job is not bound to it.
    return this.call(
      { service: 'bedrock', operation: 'CreateModelInvocationJob', method: 'generative.batch' },
      options,
      async (scoped) =>
        (await loadBatch()).startBatch(this.ctx, records, options == null ? options : scoped),
    );
  }

  /**
   * Rebuilds a batch job from its `ref` (what `job.ref` was), e.g. in another Lambda.
   * @throws ValidationError when `ref` is not a Bedrock batch job's
   */
  async resumeBatch(ref: JobRef): Promise<GenerativeBatchJob> {
    return (await loadBatch()).batchJob(this.ctx, ref);
  }

  /**
   * Raw InvokeModel: the model-native body (an object is sent as JSON, at most 25,000,000 bytes),
   * the response body parsed when it is JSON.
   *
   * @throws ValidationError for a missing model or an oversized body
   * @example
   * ```ts
   * const { body } = await ai.generative.invoke('amazon.titan-embed-text-v2:0', { inputText: 'hi' });
   * ```
   */
  async invoke<T = unknown>(
    model: string,
    body: unknown,
    options?: InvokeOptions,
  ): Promise<InvokeResult<T>> {
    return this.call(
      {
        service: 'bedrock-runtime',
        operation: 'InvokeModel',
        ...genAiCall('generative.invoke', 'invoke', model),
      },
      options,
      async (scoped) => (await impl()).invokeModel<T>(this.ctx, model, body, scoped),
    );
  }

  /**
   * Raw InvokeModelWithResponseStream: each chunk decoded (JSON parsed). Mid-stream exceptions and
   * idle stalls (`idleTimeoutMs`, default 60 s) end it with a `StreamError`.
   *
   * @throws ValidationError synchronously for a missing model or an oversized body
   * @throws TimeoutError on read when `timeoutMs` passes before the stream ends; StreamError
   *   (`IdleTimeout`) after `idleTimeoutMs` without a chunk
   * @example
   * ```ts
   * for await (const chunk of ai.generative.invokeStream(model, { prompt: 'Hi', max_gen_len: 100 })) {
   *   console.log(chunk);
   * }
   * ```
   */
  invokeStream<T = unknown>(model: string, body: unknown, options?: InvokeOptions): AwsAIStream<T> {
    return invokeModelStream<T>(this.ctx, model, body, options);
  }

  /**
   * Opens a Nova Sonic speech-to-speech session (InvokeModelWithBidirectionalStream). Write PCM
   * with `send(chunk)` / `pipe(source)` or text with `sendText(text)`; iterate the session for typed
   * events: user and assistant `transcript`s (`speculative` or `final`), assistant `audio` bytes,
   * `tool-call` (tools with `execute` run locally and their result goes back, then `tool-result`),
   * `interrupted` on barge-in, `turn-end`, `usage`, and `end` after `close()`. The library builds the
   * protocol's events (sessionStart, promptStart, content start/end, 32 ms base64 audio frames,
   * promptEnd, sessionEnd) in order. Before Bedrock's 8-minute connection limit the session opens
   * a new connection at a turn boundary and carries the text history over, so it can last any
   * length. The connection opens on the first read.
   *
   * @throws ValidationError at once for a model that is not Nova Sonic, bad rates, voice, tools,
   *   history or options (no network call)
   * @throws StreamError (on read) with Bedrock's code (`ValidationException`,
   *   `ModelStreamErrorException`, …) when the stream fails mid-session
   * @example
   * ```ts
   * const session = ai.generative.voice({
   *   model: 'amazon.nova-sonic-v1:0',
   *   system: 'You are a weather assistant.',
   *   tools: { get_weather: { input: citySchema, execute: ({ city }) => lookUp(city) } },
   * });
   * void session.pipe(microphone);
   * for await (const event of session) {
   *   if (event.type === 'audio') speaker.write(event.audio);
   *   if (event.type === 'transcript' && event.stage === 'final') console.log(event.role, event.text);
   * }
   * ```
   */
  voice(params: VoiceParams, options?: VoiceOptions): VoiceSession {
    return withSite(
      { service: 'bedrock-runtime', operation: 'InvokeModelWithBidirectionalStream' },
      () => {
        checkRequestOptions(options);
        return new VoiceSession(this.ctx, params, options);
      },
    );
  }
}
