/**
 * The generative operations a Lambda handler calls, as standalone functions for small bundles:
 * `import { stream } from 'aws-ai/generative'` puts only ConverseStream's code and the Bedrock
 * Runtime client in a bundle, where the `Generative` class (whose methods a bundler cannot drop)
 * also carries images, video, structured output, guardrails, batch jobs (with the Bedrock control
 * plane and S3 clients), voice and embeddings (decision 0701). Each function loads only its
 * operation's files: `generate`, `stream`, `chat`, `generateObject`, `streamObject`,
 * `countTokens`, `guard`, `check`, `embed`, `embedMany`, `generateImage`, `generateVideo`,
 * `videoJob`, `videoJobs`, `invoke` and `invokeStream`.
 *
 * Each function takes a {@link GenerativeClient} first (or a `Generative` module, or
 * `ai.generative`, sharing their SDK clients), then the same params and options as the method of
 * the same name, and behaves exactly like it: same validation, retries, deadline, telemetry and
 * errors.
 *
 * @example
 * ```ts
 * import { createGenerativeClient, stream } from 'aws-ai/generative';
 * const bedrock = createGenerativeClient({ region: 'us-east-1' }); // outside the handler
 * export const handler = async (event: { prompt: string }) => {
 *   let text = '';
 *   for await (const chunk of stream(bedrock, { model: 'amazon.nova-lite-v1:0', prompt: event.prompt }).textStream)
 *     text += chunk;
 *   return text;
 * };
 * ```
 * @packageDocumentation
 */

import type { AwsAIConfig } from '../config';
import { runCall } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { contextOfClient, functionClient } from '../core/function-client';
import type { Job, JobRef } from '../core/job';
import {
  jobFromEvent as jobFromEventOf,
  moduleJobsOwner,
  resumeJob as resumeJobOf,
} from '../core/jobs';
import { loadOnce } from '../core/load-once';
import type { AwsAIStream } from '../core/stream';
import { ValidationError } from '../errors';
import { GenerativeChat } from './chat';
import { converseStream } from './converse-stream';
import { genAiCall } from './gen-ai-telemetry';
import type { Generative } from './generative-module';
import type { GenerativeStream } from './generative-stream';
import { invokeModelStream } from './invoke-stream';
import { GENERATIVE_JOB_KINDS } from './job-kinds';
import { type ObjectStream, streamObject as objectStream } from './object-stream';
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

declare const generativeClientBrand: unique symbol;

/**
 * What the generative functions take first: the config and the SDK-client cache, without methods
 * (so a bundle keeps only the functions you import). Make one with {@link createGenerativeClient}
 * outside the handler; a `Generative` module or `ai.generative` works too.
 */
export interface GenerativeClient {
  readonly [generativeClientBrand]: true;
}

/** What the per-operation functions take: a {@link createGenerativeClient} client or a `Generative`. */
export type AnyGenerativeClient = GenerativeClient | Generative;

// One operation's code each, loaded on its first call: a bundle inlines only the files reached.
const loadConverse = /* @__PURE__ */ loadOnce(() => import('./converse'));
const loadEmbed = /* @__PURE__ */ loadOnce(() => import('./embed'));
const loadObject = /* @__PURE__ */ loadOnce(() => import('./generate-object'));
const loadCountTokens = /* @__PURE__ */ loadOnce(() => import('./count-tokens'));
const loadGuard = /* @__PURE__ */ loadOnce(() => import('./guard'));
const loadInvoke = /* @__PURE__ */ loadOnce(() => import('./invoke'));
const loadImages = /* @__PURE__ */ loadOnce(() => import('./images'));
const loadVideo = /* @__PURE__ */ loadOnce(() => import('./video'));

/**
 * Makes a {@link GenerativeClient}: cheap, nothing is loaded or sent until the first call. Keep it
 * outside the handler so warm invocations reuse its SDK client.
 *
 * @param config region, credentials, endpoints, retry, concurrency, timeout, `bedrock.apiKey`… as
 *   for `new Generative(config)`
 * @throws ValidationError for an invalid retry, concurrency or timeout setting
 * @example
 * ```ts
 * const bedrock = createGenerativeClient({ region: 'us-east-1', timeoutMs: 30_000 });
 * ```
 */
export function createGenerativeClient(config?: AwsAIConfig): GenerativeClient {
  return functionClient(config) as unknown as GenerativeClient;
}

function contextOf(client: AnyGenerativeClient): ModuleContext {
  return contextOfClient(
    client,
    'a GenerativeClient (createGenerativeClient) or a Generative module',
  );
}

/**
 * One answer (Converse), with tools run up to `maxSteps`; see `Generative.generate`.
 *
 * @throws ValidationError before any request for bad params or options
 * @example
 * ```ts
 * const { text, usage } = await generate(bedrock, { model: 'amazon.nova-lite-v1:0', prompt: 'Hi' });
 * ```
 */
export async function generate(
  client: AnyGenerativeClient,
  params: GenerateParams,
  options?: GenerateOptions,
): Promise<GenerateResult> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    {
      service: 'bedrock-runtime',
      operation: 'Converse',
      ...genAiCall('generative.generate', 'chat', params?.model),
    },
    async (scoped) => (await loadConverse()).generate(ctx, params, scoped),
  );
}

/**
 * Streams one answer (ConverseStream); see `Generative.stream` for the events, readers and errors.
 * The request starts on first read.
 *
 * @throws ValidationError synchronously for a bad client or bad stream options
 * @example
 * ```ts
 * for await (const chunk of stream(bedrock, { model, prompt: 'Tell me a story' }).textStream)
 *   process.stdout.write(chunk);
 * ```
 */
export function stream(
  client: AnyGenerativeClient,
  params: GenerateParams,
  options?: GenerateStreamOptions,
): GenerativeStream {
  const ctx = contextOf(client);
  return converseStream(ctx, params, options);
}

/**
 * Starts a conversation that keeps its history: `send(text | parts)` (Converse) and `stream(text |
 * parts)` (ConverseStream), each turn in its own call scope as with the method; see
 * `Generative.chat`. Nothing is loaded or sent until the first turn.
 *
 * @throws ValidationError synchronously for a bad client or params that are not an object; from
 *   `send`/`stream`, for blank input or a turn already running
 * @example
 * ```ts
 * const conversation = chat(bedrock, { model: 'amazon.nova-lite-v1:0', system: 'Be brief.' });
 * await conversation.send('My name is Ada.');
 * console.log((await conversation.send('What is my name?')).text);
 * ```
 */
export function chat(client: AnyGenerativeClient, params: ChatParams): GenerativeChat {
  const ctx = contextOf(client);
  return new GenerativeChat(ctx, params);
}

/**
 * Embeds one text with the body its model family needs; see `Generative.embed`.
 *
 * @throws ValidationError for blank text, an unknown family, or unsupported `dimensions`
 * @example
 * ```ts
 * const v = await embed(bedrock, 'hello', { model: 'amazon.titan-embed-text-v2:0', dimensions: 256 });
 * ```
 */
export async function embed(
  client: AnyGenerativeClient,
  text: string,
  options: EmbedOptions,
): Promise<Float32Array> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    {
      service: 'bedrock-runtime',
      operation: 'InvokeModel',
      ...genAiCall('generative.embed', 'embeddings', options?.model),
    },
    async (scoped) => (await loadEmbed()).embed(ctx, text, scoped),
  );
}

/**
 * Embeds many texts in one call scope: Cohere takes 96 per request, the others one; requests run
 * under `concurrency` (default 4) and the per-service limit. Result `i` belongs to text `i`. See
 * `Generative.embedMany`, whose `batch: true` form (a Bedrock batch inference job, with the control
 * plane and S3 clients) has no function: call the method for it.
 *
 * @throws BatchError when some texts failed (its `results` keep every vector that succeeded)
 * @throws ValidationError for an empty array, a blank text, an unknown family, bad `dimensions`,
 *   and for `batch: true` (before any request)
 * @example
 * ```ts
 * const vectors = await embedMany(bedrock, docs, { model: 'cohere.embed-english-v3', purpose: 'document' });
 * ```
 */
export async function embedMany(
  client: AnyGenerativeClient,
  texts: readonly string[],
  options: EmbedOptions,
): Promise<Float32Array[]> {
  const ctx = contextOf(client);
  if ((options as { batch?: unknown } | undefined)?.batch === true) {
    throw new ValidationError(
      'embedMany(client, texts, { batch: true }) is not a function: a batch job needs the Bedrock ' +
        'control plane and S3; use new Generative(config).embedMany(texts, { batch: true, … })',
    );
  }
  return runCall(
    ctx,
    options,
    {
      service: 'bedrock-runtime',
      operation: 'InvokeModel',
      ...genAiCall('generative.embedMany', 'embeddings', options?.model),
    },
    async (scoped) => (await loadEmbed()).embedMany(ctx, texts, scoped),
  );
}

/**
 * Generates a value that matches a schema (any Standard Schema, a JSON Schema, or `{ schema,
 * jsonSchema }`) and validates it, with one repair round; see `Generative.generateObject` for the
 * modes and schemas.
 *
 * @throws StructuredOutputError with the raw output and the `issues` when the repaired answer is
 *   still invalid, or the model never produced one
 * @throws ValidationError before any call: no schema, a schema that cannot export JSON Schema, a bad
 *   `mode` or `name`, and every check `generate` makes
 * @example
 * ```ts
 * const { object } = await generateObject(bedrock, {
 *   model: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
 *   schema: z.object({ city: z.string(), country: z.string() }),
 *   prompt: 'Where is the Eiffel Tower?',
 * });
 * ```
 */
export async function generateObject<T>(
  client: AnyGenerativeClient,
  params: GenerateObjectParams<T>,
  options?: GenerateOptions,
): Promise<GenerateObjectResult<T>> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    { service: 'bedrock-runtime', operation: 'Converse' },
    async (scoped) => (await loadObject()).generateObject(ctx, params, scoped),
  );
}

/**
 * Streams a value that matches a schema: `partialObjectStream`, `elementStream` (with `output:
 * 'array'`) and the validated `object`; see `Generative.streamObject`. The request starts on first
 * read; `timeoutMs` bounds the whole stream.
 *
 * @throws ValidationError synchronously for a bad client or bad stream options; parameter errors
 *   surface on read
 * @throws StructuredOutputError (on read and from `object`) when the answer does not match
 * @example
 * ```ts
 * const recipe = streamObject(bedrock, { model, schema: Recipe, prompt: 'A pancake recipe' });
 * for await (const partial of recipe.partialObjectStream) console.log(partial.steps?.length);
 * console.log(await recipe.object);
 * ```
 */
export function streamObject<T>(
  client: AnyGenerativeClient,
  params: StreamObjectParams<T> & { output: 'array' },
  options?: StreamObjectOptions,
): ObjectStream<T[], T>;
export function streamObject<T>(
  client: AnyGenerativeClient,
  params: StreamObjectParams<T> & { output?: 'object' | undefined },
  options?: StreamObjectOptions,
): ObjectStream<T>;
export function streamObject<T>(
  client: AnyGenerativeClient,
  params: StreamObjectParams<T>,
  options?: StreamObjectOptions,
): ObjectStream<T> | ObjectStream<T[], T> {
  const ctx = contextOf(client);
  return objectStream<T, never>(ctx, params as StreamObjectParams<unknown>, options);
}

/**
 * Counts the input tokens `generate` would send for these params (CountTokens), without running the
 * model; see `Generative.countTokens`.
 *
 * @throws ValidationError for every parameter `generate` refuses, before any call
 * @example
 * ```ts
 * const { inputTokens } = await countTokens(bedrock, { model, system: 'Be brief.', prompt: longText });
 * ```
 */
export async function countTokens(
  client: AnyGenerativeClient,
  params: GenerateParams,
  options?: GenerateOptions,
): Promise<CountTokensResult> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    {
      service: 'bedrock-runtime',
      operation: 'CountTokens',
      ...genAiCall('generative.countTokens', 'invoke', params?.model),
    },
    async (scoped) => (await loadCountTokens()).countTokens(ctx, params, scoped),
  );
}

/**
 * Checks content with a Bedrock guardrail without calling a model (ApplyGuardrail): the action
 * (`intervened` or `none`), the text to use instead and every assessment; see `Generative.guard`.
 *
 * @throws ValidationError before any call for a malformed guardrail id or version, or blank content
 * @throws NotFoundError when the guardrail or version does not exist
 * @example
 * ```ts
 * const verdict = await guard(bedrock, event.text, { id: 'gr1abc', version: '1' });
 * if (verdict.action === 'intervened') return verdict.outputs.join('\n');
 * ```
 */
export async function guard(
  client: AnyGenerativeClient,
  content: GuardContent,
  options: GuardOptions,
): Promise<GuardResult> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    { service: 'bedrock-runtime', operation: 'ApplyGuardrail' },
    async (scoped) => (await loadGuard()).guard(ctx, content, { ...options, ...scoped }),
  );
}

/**
 * Scores content with Bedrock's inline guardrail checks (InvokeGuardrailChecks), without a
 * guardrail resource: harmful-content categories, prompt attacks and PII; see `Generative.check`.
 *
 * @throws ValidationError before any call for no checks, unknown categories or blank content
 * @example
 * ```ts
 * const { promptAttack } = await check(bedrock, event.text, { checks: { promptAttack: true } });
 * if (promptAttack.some((r) => r.severityScore > 0.8)) throw new Error('rejected');
 * ```
 */
export async function check(
  client: AnyGenerativeClient,
  content: CheckContent,
  options: CheckOptions,
): Promise<CheckResult> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    { service: 'bedrock-runtime', operation: 'InvokeGuardrailChecks' },
    async (scoped) => (await loadGuard()).check(ctx, content, { ...options, ...scoped }),
  );
}

/**
 * Generates images with Amazon Nova Canvas or Titan Image Generator v2 (InvokeModel with the model's
 * body): text-to-image, variation, inpainting, outpainting, background removal; see
 * `Generative.generateImage` for the tasks and the limits checked.
 *
 * @throws ValidationError before any call for an unsupported model or a parameter out of range
 * @throws ContentFilterError when Bedrock's content filters refuse the prompt or image
 * @example
 * ```ts
 * const { images } = await generateImage(bedrock, {
 *   model: 'amazon.nova-canvas-v1:0',
 *   prompt: 'A lighthouse at dawn, watercolor',
 *   size: '1280x720',
 * });
 * return { png: Buffer.from(images[0].bytes).toString('base64') };
 * ```
 */
export async function generateImage(
  client: AnyGenerativeClient,
  params: GenerateImageParams,
  options?: GenerateOptions,
): Promise<GenerateImageResult> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    {
      service: 'bedrock-runtime',
      operation: 'InvokeModel',
      ...genAiCall('generative.generateImage', 'invoke', params?.model),
    },
    async (scoped) => (await loadImages()).generateImage(ctx, params, scoped),
  );
}

/**
 * Starts a video with Amazon Nova Reel (StartAsyncInvoke) and returns its job: `status()`,
 * `wait()`, `result()` with the S3 location of the MP4, `ref` to save; see `Generative.generateVideo`.
 * Bedrock writes the video to S3 itself: the bundle holds no S3 client.
 *
 * @throws ValidationError before any call for a bad prompt, duration, frame, seed or output URI
 * @example
 * ```ts
 * const job = await generateVideo(bedrock, {
 *   prompt: 'Drone shot over a foggy forest at sunrise',
 *   output: 's3://my-bucket/videos/',
 * });
 * return { id: job.id }; // videoJob(bedrock, id) later, in another invocation
 * ```
 */
export async function generateVideo(
  client: AnyGenerativeClient,
  params: GenerateVideoParams,
  options?: GenerateOptions,
): Promise<GenerativeVideoJob> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    { service: 'bedrock-runtime', operation: 'StartAsyncInvoke' },
    async (scoped) => (await loadVideo()).generateVideo(ctx, params, scoped),
  );
}

/**
 * The job of a video invocation started earlier (its ARN, e.g. from `job.id` or
 * {@link videoJobs}); see `Generative.videoJob`. Sends nothing until you read its status.
 *
 * @throws ValidationError for something that is not an async-invoke ARN (the method's check)
 * @example
 * ```ts
 * const job = await videoJob(bedrock, event.invocationArn);
 * const { state } = await job.status();
 * if (state === 'completed') return (await job.result())[0]?.uri;
 * ```
 */
export async function videoJob(
  client: AnyGenerativeClient,
  invocationArn: string,
): Promise<GenerativeVideoJob> {
  const ctx = contextOf(client);
  assertInvocationArn(invocationArn);
  return (await loadVideo()).videoJob(ctx, invocationArn);
}

/**
 * Lists video (async) invocations, every page (ListAsyncInvokes), optionally by state; see
 * `Generative.videoJobs`.
 *
 * @throws ValidationError before any call for an unknown state or a limit that is not a positive
 *   integer
 * @example
 * ```ts
 * const running = await videoJobs(bedrock, { state: 'in-progress' });
 * return running.map((job) => job.id);
 * ```
 */
export async function videoJobs(
  client: AnyGenerativeClient,
  filter: {
    state?: 'in-progress' | 'completed' | 'failed' | undefined;
    limit?: number | undefined;
  } = {},
  options?: GenerateOptions,
): Promise<GenerativeVideoJobSummary[]> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    { service: 'bedrock-runtime', operation: 'ListAsyncInvokes' },
    async (scoped) => (await loadVideo()).videoJobs(ctx, filter, scoped),
  );
}

/**
 * Raw InvokeModel: the model-native body (an object is sent as JSON), the response body parsed when
 * it is JSON; see `Generative.invoke`.
 *
 * @throws ValidationError for a missing model or an oversized body
 * @example
 * ```ts
 * const { body } = await invoke<{ embedding: number[] }>(bedrock, 'amazon.titan-embed-text-v2:0', { inputText: 'hi' });
 * ```
 */
export async function invoke<T = unknown>(
  client: AnyGenerativeClient,
  model: string,
  body: unknown,
  options?: InvokeOptions,
): Promise<InvokeResult<T>> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    {
      service: 'bedrock-runtime',
      operation: 'InvokeModel',
      ...genAiCall('generative.invoke', 'invoke', model),
    },
    async (scoped) => (await loadInvoke()).invokeModel<T>(ctx, model, body, scoped),
  );
}

/**
 * Raw InvokeModelWithResponseStream: each chunk decoded (JSON parsed); see `Generative.invokeStream`.
 * The request starts on first read.
 *
 * @throws ValidationError synchronously for a bad client, a missing model, an oversized body or bad
 *   options
 * @throws TimeoutError on read when `timeoutMs` passes before the stream ends; StreamError
 *   (`IdleTimeout`) after `idleTimeoutMs` without a chunk
 * @example
 * ```ts
 * for await (const chunk of invokeStream(bedrock, 'meta.llama3-8b-instruct-v1:0', { prompt: 'Hi' }))
 *   console.log(chunk);
 * ```
 */
export function invokeStream<T = unknown>(
  client: AnyGenerativeClient,
  model: string,
  body: unknown,
  options?: InvokeOptions,
): AwsAIStream<T> {
  const ctx = contextOf(client);
  return invokeModelStream<T>(ctx, model, body, options);
}

const JOBS_OWNER = /* @__PURE__ */ moduleJobsOwner('aws-ai/generative');

/**
 * A job of this module rebuilt from its `ref` (the object or its JSON text), as `ai.jobs.resume`
 * does, for Bedrock batch inference and async invoke (video) jobs only.
 * A handler that imports `aws-ai/generative` then holds this module's job code, not every
 * module's. Nothing loads or is sent until the job is read.
 *
 * @throws ValidationError when `ref` is not a job ref, or is another module's kind
 * @example
 * ```ts
 * const bedrock = createGenerativeClient();
 * const job = resumeJob(bedrock, JSON.parse(message.body)); // a ref saved with JSON.stringify(job.ref)
 * console.log((await job.status()).state);
 * ```
 */
export function resumeJob<T = unknown>(client: AnyGenerativeClient, ref: JobRef | string): Job<T> {
  return resumeJobOf<T>(contextOf(client), GENERATIVE_JOB_KINDS, ref, JOBS_OWNER);
}

/**
 * The job a completion event is about (EventBridge, SNS, or SQS carrying one of them), rebuilt
 * as {@link resumeJob} does; for an event of several jobs use `jobEvents(event)` and `resumeJob`.
 *
 * @throws ValidationError when the event is not one job's event, or the job is another module's kind
 * @example
 * ```ts
 * const bedrock = createGenerativeClient();
 * export const handler = async (event: unknown) => {
 *   for await (const item of jobFromEvent(bedrock, event).results()) console.log(item); // Batch Inference Job State Change
 * };
 * ```
 */
export function jobFromEvent<T = unknown>(client: AnyGenerativeClient, event: unknown): Job<T> {
  return jobFromEventOf<T>(contextOf(client), GENERATIVE_JOB_KINDS, event, JOBS_OWNER);
}
