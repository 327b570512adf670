/**
 * The most used generative operations as standalone functions, for Lambda bundles: `import { stream }
 * from 'aws-ai/generative'` puts only ConverseStream's code and the Bedrock Runtime client in a
 * bundle, where the `Generative` class (whose methods a bundler cannot drop) also carries images,
 * video, structured output, guardrails, batch jobs and embeddings (decision 0701).
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
import { checkRequestOptions, runCall } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { contextOfClient, functionClient } from '../core/function-client';
import { loadOnce } from '../core/load-once';
import { converseStream } from './converse-stream';
import { genAiCall } from './gen-ai-telemetry';
import type { Generative } from './generative-module';
import type { GenerativeStream } from './generative-stream';
import type {
  EmbedOptions,
  GenerateOptions,
  GenerateParams,
  GenerateResult,
  GenerateStreamOptions,
} from './types';

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
  checkRequestOptions(options);
  return converseStream(ctx, params, options);
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
