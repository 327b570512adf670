import type {
  GuardrailAssessment,
  GuardrailCoverage,
  GuardrailTraceAssessment,
  GuardrailUsage,
} from '@aws-sdk/client-bedrock-runtime';
import type { RequestOptions } from '../config';
import type { BinaryInput } from '../core/inputs';
import type { SchemaLike } from './schema';

/** Image formats Converse accepts. */
export type GenerativeImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

/** Document formats Converse accepts. */
export type GenerativeDocumentFormat =
  | 'pdf'
  | 'csv'
  | 'doc'
  | 'docx'
  | 'xls'
  | 'xlsx'
  | 'html'
  | 'txt'
  | 'md';

/** How long a prompt-cache entry lives. */
export type GenerativeCacheTtl = '5m' | '1h';

/** Text. `type` may be left out, so `{ text }` is a text block. */
export interface GenerativeTextPart {
  type?: 'text' | undefined;
  text: string;
}

/** An image: bytes, a Blob, a file path or an `s3://` URI (Bedrock never fetches http URLs). */
export interface GenerativeImagePart {
  type: 'image';
  image: BinaryInput;
  /** Sniffed from the bytes or the file extension when left out. */
  format?: GenerativeImageFormat | undefined;
}

/** A document the model reads (user messages only, next to a text block). */
export interface GenerativeDocumentPart {
  type: 'document';
  document: BinaryInput;
  /** Sniffed (pdf) or taken from the file extension when left out. */
  format?: GenerativeDocumentFormat | undefined;
  /** Shown to the model; characters Bedrock rejects are replaced. @default 'document-N' */
  name?: string | undefined;
  /** Ask the model to cite this document (`citations` parts and events). @default false */
  citations?: boolean | undefined;
}

/** Where a citation points in its source. Page and chunk ranges are as Bedrock gives them. */
export type GenerativeCitationLocation =
  | {
      type: 'document-char';
      documentIndex: number | undefined;
      start: number | undefined;
      end: number | undefined;
    }
  | {
      type: 'document-page';
      documentIndex: number | undefined;
      start: number | undefined;
      end: number | undefined;
    }
  | {
      type: 'document-chunk';
      documentIndex: number | undefined;
      start: number | undefined;
      end: number | undefined;
    }
  | {
      type: 'search-result';
      searchResultIndex: number | undefined;
      start: number | undefined;
      end: number | undefined;
    }
  | { type: 'web'; url: string | undefined; domain: string | undefined };

/** A passage of a source the model's text relies on. */
export interface GenerativeCitation {
  /** The source's title (the document name). */
  title?: string | undefined;
  /** The source's identifier (e.g. a URL), when it has one. */
  source?: string | undefined;
  /** The cited passage, as Bedrock quotes it. */
  citedText: string;
  /** Where it is in the source; undefined for a kind of location aws-ai does not know yet. */
  location: GenerativeCitationLocation | undefined;
}

/** Generated text with the citations backing it (Bedrock `citationsContent`). Keep it in history. */
export interface GenerativeCitationsPart {
  type: 'citations';
  /** The generated text. */
  text: string;
  citations: GenerativeCitation[];
}

/** A tool call the assistant made. */
export interface GenerativeToolCallPart {
  type: 'tool-call';
  id: string;
  name: string;
  input: unknown;
}

/** The answer to a tool call, sent back in a user message. */
export interface GenerativeToolResultPart {
  type: 'tool-result';
  /** The `id` of the tool call it answers. */
  id: string;
  /** A string goes back as text; anything else as JSON. */
  output: unknown;
  /** The tool failed; the model sees the output as an error. */
  isError?: boolean | undefined;
}

/** Model reasoning ("extended thinking"). Keep it, with its signature, when replaying history. */
export interface GenerativeReasoningPart {
  type: 'reasoning';
  text: string;
  signature?: string | undefined;
  /** Encrypted reasoning some models return instead of text. */
  redacted?: Uint8Array | undefined;
}

/** A prompt-cache checkpoint: everything before it may be cached. */
export interface GenerativeCachePointPart {
  type: 'cache-point';
  ttl?: GenerativeCacheTtl | undefined;
}

/** One block of a message. */
export type GenerativeContentPart =
  | GenerativeTextPart
  | GenerativeImagePart
  | GenerativeDocumentPart
  | GenerativeToolCallPart
  | GenerativeToolResultPart
  | GenerativeReasoningPart
  | GenerativeCitationsPart
  | GenerativeCachePointPart;

/** One turn of a conversation. */
export interface GenerativeMessage {
  role: 'user' | 'assistant';
  /** Text, or content blocks. */
  content: string | GenerativeContentPart[];
}

/** What a tool's `execute` receives besides its input. */
export interface GenerativeToolContext {
  /** The id of the call, as the model sent it. */
  toolCallId: string;
  /** 1 for the first model call of a tool loop. */
  step: number;
  /** Fires when the caller aborts the loop. */
  signal: AbortSignal | undefined;
}

/**
 * A tool the model may call. With `execute`, `generate` runs it and sends its result back (the tool
 * loop); without, `generate` returns the call in `toolCalls` for you to handle.
 */
export interface GenerativeTool<I = unknown> {
  description?: string | undefined;
  /** The input schema: zod (or any Standard Schema with JSON Schema export), or a JSON Schema. */
  input: SchemaLike<I>;
  /** Runs the tool; a thrown error goes back to the model as an error result. */
  execute?(input: I, context: GenerativeToolContext): unknown;
}

/** Tools by name (names: letters, digits, `_` and `-`, at most 64 characters). */
export type GenerativeToolSet = Record<string, GenerativeTool<unknown>>;

/** Which tool the model must use: any it likes (`auto`), at least one (`any`), or a named one. */
export type GenerativeToolChoice = 'auto' | 'any' | { tool: string };

/** A Bedrock guardrail applied to the call. */
export interface GenerativeGuardrail {
  /** Guardrail id or ARN. */
  id: string;
  /** Guardrail version, e.g. `1` or `DRAFT`. */
  version: string;
  /** Return the guardrail trace. @default false */
  trace?: boolean | undefined;
  /** Streams only: check each chunk before it is sent (`sync`) or in the background (`async`). */
  streamMode?: 'sync' | 'async' | undefined;
}

/**
 * Where prompt-cache checkpoints go: after the tools, after the system prompt, after the last
 * message. `true` places all three (at most 4 per request). Models without prompt caching reject it.
 */
export type GenerativeCacheOptions =
  | boolean
  | {
      tools?: boolean | undefined;
      system?: boolean | undefined;
      messages?: boolean | undefined;
      ttl?: GenerativeCacheTtl | undefined;
    };

/** An image attached to the prompt: the input itself, or with its format. */
export type GenerativeImageInput =
  | BinaryInput
  | { image: BinaryInput; format?: GenerativeImageFormat | undefined };

/** A document attached to the prompt. */
export type GenerativeDocumentInput =
  | BinaryInput
  | {
      document: BinaryInput;
      format?: GenerativeDocumentFormat | undefined;
      name?: string | undefined;
      /** Ask the model to cite this document. @default false */
      citations?: boolean | undefined;
    };

/**
 * Reasoning ("extended thinking"), mapped per model family: Anthropic Claude `thinking` with
 * `budgetTokens` (in `additionalModelRequestFields`) and `effort` (`outputConfig.effort`); Amazon
 * Nova 2 `reasoningConfig` from `effort`; OpenAI gpt-oss `reasoning_effort`; other models
 * `outputConfig.effort`.
 */
export interface GenerativeReasoning {
  /** How hard to think. `xhigh` and `max` need thinking on (`budgetTokens`, Claude). */
  effort?: 'low' | 'medium' | 'high' | 'xhigh' | 'max' | undefined;
  /** Claude: tokens the model may spend thinking (>= 1,024, below `maxTokens`). */
  budgetTokens?: number | undefined;
}

/** Bedrock service tiers: `priority` (faster, costs more), `default`, `flex` (cheaper, slower), `reserved`. */
export type GenerativeServiceTier = 'priority' | 'default' | 'flex' | 'reserved';

/** Parameters of {@link Generative.generate} and {@link Generative.stream}. */
export interface GenerateParams {
  /** Bedrock model id, inference profile id or ARN, e.g. `us.anthropic.claude-sonnet-4-20250514-v1:0`. */
  model: string;
  /** A single user message. Give `prompt` or `messages`, not both. */
  prompt?: string | undefined;
  /** The conversation so far, starting with a user turn and alternating user/assistant. */
  messages?: GenerativeMessage[] | undefined;
  /** System prompt. */
  system?: string | undefined;
  /** Maximum tokens to generate. @default the model's default */
  maxTokens?: number | undefined;
  /** Sampling temperature. */
  temperature?: number | undefined;
  /** Nucleus sampling. */
  topP?: number | undefined;
  /** Sequences that stop generation. */
  stop?: string[] | undefined;
  /** Images added to the last user message (at most 20, 3.75 MB each; png, jpeg, gif, webp). */
  images?: GenerativeImageInput[] | undefined;
  /** Documents added to the last user message (at most 5, 4.5 MB each). */
  documents?: GenerativeDocumentInput[] | undefined;
  /** Tools the model may call. */
  tools?: GenerativeToolSet | undefined;
  /** Which tool the model must call. @default 'auto' */
  toolChoice?: GenerativeToolChoice | undefined;
  /** Model calls of the tool loop (tools with `execute`), in `generate` and `stream`. @default 5 */
  maxSteps?: number | undefined;
  /** A guardrail to apply. */
  guardrail?: GenerativeGuardrail | undefined;
  /** Prompt-cache checkpoints. @default none */
  cache?: GenerativeCacheOptions | undefined;
  /** Model-specific fields Converse passes through (`additionalModelRequestFields`). */
  additionalModelRequestFields?: Record<string, unknown> | undefined;
  /**
   * Constrains the text answer to a JSON Schema (Converse `outputConfig.textFormat`, on models
   * that support structured output). The text is not parsed or validated here: use
   * {@link Generative.generateObject} for a validated value.
   */
  responseFormat?: GenerativeResponseFormat | undefined;
  /** Reasoning effort and budget, mapped to what the model family takes; checked before the call. */
  reasoning?: GenerativeReasoning | undefined;
  /** The service tier to run on. @default Bedrock's (`default`) */
  serviceTier?: GenerativeServiceTier | undefined;
  /** `optimized` uses the latency-optimized version of models that have one. @default 'standard' */
  latency?: 'standard' | 'optimized' | undefined;
  /** Key-value pairs recorded with the invocation logs (at most 16; keys 1-256, values 0-256 characters). */
  requestMetadata?: Record<string, string> | undefined;
  /**
   * Values of a Prompt management prompt's variables, when `model` is a prompt ARN
   * (`arn:aws:bedrock:…:prompt/…`). The prompt then supplies the model, system prompt and
   * inference settings: `system`, `maxTokens`, `temperature`, `topP`, `stop`, tools and
   * `additionalModelRequestFields` are refused; `prompt`/`messages` are optional and appended.
   */
  promptVariables?: Record<string, string> | undefined;
}

/** A JSON answer format (Converse `outputConfig.textFormat` of type `json_schema`). */
export interface GenerativeResponseFormat {
  type: 'json';
  /** The schema of the answer: any schema {@link GenerateObjectParams.schema} takes. */
  schema: SchemaLike;
  /** @default 'response' */
  name?: string | undefined;
  description?: string | undefined;
}

/**
 * Token counts, normalized across model families. Bedrock's own `inputTokens` leaves out cached
 * tokens; here `inputTokens` counts them, and the parts are reported separately.
 */
export interface GenerativeUsage {
  /** Every input token: uncached + cache read + cache write. */
  inputTokens: number;
  /** Input tokens neither read from nor written to the cache. */
  uncachedInputTokens: number;
  /** Input tokens read from the prompt cache. */
  cacheReadTokens: number;
  /** Input tokens written to the prompt cache. */
  cacheWriteTokens: number;
  outputTokens: number;
  /** `inputTokens + outputTokens`. */
  totalTokens: number;
}

/** Why generation stopped, the same for every model family. */
export type GenerativeFinishReason =
  | 'stop'
  | 'length'
  | 'tool-calls'
  | 'content-filter'
  | 'guardrail-intervened'
  | 'other';

/** The guardrail trace of a call (`guardrail.trace: true`): assessments of the input and output. */
export type GenerativeGuardrailTrace = GuardrailTraceAssessment;

/** A tool call with its parsed input. */
export interface GenerativeToolCall {
  id: string;
  name: string;
  input: unknown;
}

/** A tool result of a tool-loop step. */
export interface GenerativeToolResult {
  id: string;
  name: string;
  output: unknown;
  isError: boolean;
}

/** One model call of a tool loop. */
export interface GenerateStep {
  text: string;
  content: GenerativeContentPart[];
  toolCalls: GenerativeToolCall[];
  /** Results of the tools run after this step (empty on the last step). */
  toolResults: GenerativeToolResult[];
  stopReason: string;
  usage: GenerativeUsage;
  requestId: string | undefined;
}

/** Result of {@link Generative.generate}. */
export interface GenerateResult {
  /** All text blocks of the last answer, joined. */
  text: string;
  /** Blocks of the last answer (text, reasoning, tool calls). */
  content: GenerativeContentPart[];
  /** Tool calls of the last answer: those left for you when no `execute` ran them. */
  toolCalls: GenerativeToolCall[];
  /** Raw stop reason of the last answer: `end_turn`, `max_tokens`, `stop_sequence`, `tool_use`, … */
  stopReason: string;
  /** {@link stopReason}, normalized. */
  finishReason: GenerativeFinishReason;
  /** Usage summed over every step. */
  usage: GenerativeUsage;
  /** Every model call, in order (one unless tools ran). */
  steps: GenerateStep[];
  /** Messages to append to the conversation: assistant answers and tool results, in order. */
  responseMessages: GenerativeMessage[];
  /** Citations of the last answer, in order (from its `citations` parts). */
  citations: GenerativeCitation[];
  /** The guardrail's assessments of the last call, when `guardrail.trace` was on. */
  guardrail: GenerativeGuardrailTrace | undefined;
  /** The service tier and latency mode the last call ran on, as Bedrock reports them. */
  serviceTier: GenerativeServiceTier | undefined;
  latency: 'standard' | 'optimized' | undefined;
  /** Request id of the last call, for support cases and logs. */
  requestId: string | undefined;
}

/** Events of {@link Generative.stream}, in the order Bedrock sends them. */
export type GenerativeStreamEvent =
  | { type: 'message-start'; role: string }
  | { type: 'text-delta'; index: number; text: string }
  | { type: 'reasoning-delta'; index: number; text: string }
  | { type: 'reasoning-signature'; index: number; signature: string }
  | { type: 'tool-call-start'; index: number; id: string; name: string }
  | { type: 'tool-call-delta'; index: number; id: string; inputDelta: string }
  | { type: 'tool-call-end'; index: number; id: string; name: string; input: unknown }
  /** A citation of the text block at `index` (documents with `citations: true`). */
  | { type: 'citation'; index: number; citation: GenerativeCitation }
  | { type: 'content-stop'; index: number }
  | { type: 'message-stop'; stopReason: string }
  | { type: 'metadata'; usage: GenerativeUsage; latencyMs: number | undefined }
  /** A failed attempt was restarted (`recover: 'restart'`): drop the partial text of this step. */
  | { type: 'reset'; attempt: number; reason: string }
  /** A tool the model called ran (`execute`); its output goes back to the model in the next step. */
  | {
      type: 'tool-result';
      step: number;
      id: string;
      name: string;
      output: unknown;
      isError: boolean;
    }
  /** A step whose tool calls were run ended; the next model call's events follow. */
  | { type: 'step-finish'; step: number; stopReason: string; usage: GenerativeUsage };

/** The assistant message a stream produced, with its usage. */
export interface GenerativeFinalMessage {
  role: 'assistant';
  content: GenerativeContentPart[];
  text: string;
  toolCalls: GenerativeToolCall[];
  stopReason: string;
  finishReason: GenerativeFinishReason;
  /** Summed over every attempt and every step of the stream. */
  usage: GenerativeUsage;
  requestId: string | undefined;
  /** Model calls made: more than 1 when tools with `execute` ran. */
  steps: number;
  /** Citations of the last step's answer, in order. */
  citations: GenerativeCitation[];
  /** The guardrail's assessments (the stream's `metadata` trace), when `guardrail.trace` was on. */
  guardrail: GenerativeGuardrailTrace | undefined;
  /**
   * Every message the stream produced, in order: each step's assistant message and the tool
   * results sent back. Append them to your history to continue the conversation.
   */
  responseMessages: GenerativeMessage[];
}

/** Options of generative calls. */
export type GenerateOptions = RequestOptions;

/** Options of {@link Generative.stream}. */
export interface GenerateStreamOptions extends RequestOptions {
  /** No event for this long cancels the stream with a `StreamError` (code `IdleTimeout`). @default 60000 */
  idleTimeoutMs?: number | undefined;
  /**
   * What to do when a retryable failure (throttling, model stream error, 5xx, idle timeout) ends a
   * stream that already delivered events: `none` ends it with a `StreamError`; `restart` sends the
   * request again, after a `reset` event. Failures before the first event are always retried.
   * @default 'none'
   */
  recover?: 'none' | 'restart' | undefined;
  /** Restarts allowed with `recover: 'restart'`. @default 2 */
  maxRecoveries?: number | undefined;
}

/** Parameters of {@link Generative.chat}: what every turn shares. */
export type ChatParams = Omit<GenerateParams, 'prompt' | 'messages' | 'images' | 'documents'> & {
  /** Earlier turns to start from. */
  history?: GenerativeMessage[] | undefined;
};

/**
 * How structured output is asked for: `native` sends the schema as Converse
 * `outputConfig.textFormat` (the model is constrained to it; Claude 4.5+ and some open-weight
 * models), `tool` forces a tool call whose input schema is the schema, `json` asks for JSON in the
 * system prompt and parses the text. `auto` picks `native` for models known to support it and
 * `tool` otherwise, and falls back to `tool` when Bedrock refuses `outputConfig` for the model.
 * Every mode validates the answer.
 */
export type StructuredOutputMode = 'auto' | 'native' | 'tool' | 'json';

/** Parameters of {@link Generative.generateObject}: those of `generate` without tools, plus the schema. */
export interface GenerateObjectParams<T>
  extends Omit<GenerateParams, 'tools' | 'toolChoice' | 'maxSteps' | 'responseFormat'> {
  /**
   * Any Standard Schema (zod 3/4, valibot, arktype, effect), a JSON Schema, or
   * `{ schema, jsonSchema }` for validators that cannot export JSON Schema (zod 3, valibot, effect).
   */
  schema: SchemaLike<T>;
  /** How the schema is put to the model. @default 'auto' */
  mode?: StructuredOutputMode | undefined;
  /** Name of the forced tool / JSON schema (letters, digits, `_`, `-`). @default 'respond' */
  name?: string | undefined;
  /** What the object is, for the model. */
  description?: string | undefined;
  /** Ask the model once more, with the validation issues, when the first answer is invalid. @default true */
  repair?: boolean | undefined;
}

/** Result of {@link Generative.generateObject}. */
export interface GenerateObjectResult<T> {
  /** The validated value (the schema's output type: transforms and defaults applied). */
  object: T;
  /** The raw JSON the model produced. */
  raw: string;
  /** Whether the repair round was needed. */
  repaired: boolean;
  /** The mode the answer came from (`auto` resolved). */
  mode: 'native' | 'tool' | 'json';
  /** Why the last answer stopped. */
  finishReason: GenerativeFinishReason;
  /** Summed over every round. */
  usage: GenerativeUsage;
  requestId: string | undefined;
}

/** Parameters of {@link Generative.streamObject}. */
export interface StreamObjectParams<T> extends GenerateObjectParams<T> {
  /**
   * `object`: one value of the schema. `array`: the schema describes one element; the model
   * answers an array, and `elementStream` yields each element as soon as
   * it is complete and valid. @default 'object'
   */
  output?: 'object' | 'array' | undefined;
}

/** A value still arriving: every property optional, recursively. */
export type DeepPartial<T> = T extends readonly (infer E)[]
  ? DeepPartial<E>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** Options of {@link Generative.streamObject}. */
export type StreamObjectOptions = Omit<GenerateStreamOptions, 'recover' | 'maxRecoveries'>;

/** Embedding model families, picked from the model id. */
export type EmbeddingFamily = 'titan-v1' | 'titan-v2' | 'cohere-v3' | 'cohere-v4' | 'nova';

/** Options of {@link Generative.embed} and {@link Generative.embedMany}. */
export interface EmbedOptions extends RequestOptions {
  /**
   * Embedding model id: `amazon.titan-embed-text-v1`, `amazon.titan-embed-text-v2:0`,
   * `cohere.embed-english-v3`, `cohere.embed-multilingual-v3`, `cohere.embed-v4:0`,
   * `amazon.nova-2-multimodal-embeddings-v1:0` (region prefixes such as `us.` allowed).
   */
  model: string;
  /** Vector length (Titan v2: 256/512/1024; Cohere v4: 256/512/1024/1536; Nova: 256/384/1024/3072). */
  dimensions?: number | undefined;
  /** Unit-length vectors (Titan v2 natively; others normalized here). @default false (Titan v2: the model's default) */
  normalize?: boolean | undefined;
  /** What the text is for: Cohere `search_query`/`search_document`, Nova retrieval/index. @default 'document' */
  purpose?: 'query' | 'document' | 'classification' | 'clustering' | undefined;
  /** The family, for model ARNs and ids aws-ai cannot recognise. @default picked from the model id */
  family?: EmbeddingFamily | undefined;
  /** `embedMany` only: calls in flight at once. @default 4 */
  concurrency?: number | undefined;
}

/** Result of {@link Generative.invoke}. */
export interface InvokeResult<T = unknown> {
  /** The response body, parsed when it is JSON. */
  body: T;
  contentType: string | undefined;
  requestId: string | undefined;
}

/** Options of {@link Generative.invoke} and {@link Generative.invokeStream}. */
export interface InvokeOptions extends RequestOptions {
  /** @default 'application/json' */
  contentType?: string | undefined;
  /** @default 'application/json' */
  accept?: string | undefined;
  /** `invokeStream` only: no chunk for this long ends the stream with a `StreamError`. @default 60000 */
  idleTimeoutMs?: number | undefined;
}

/** Content {@link Generative.guard} checks: text, or texts with what they are. */
export type GuardContent =
  | string
  | Array<
      | string
      | {
          text: string;
          /** `grounding_source`, `query` or `guard_content` (contextual grounding checks). */
          qualifiers?: Array<'grounding_source' | 'query' | 'guard_content'> | undefined;
        }
    >;

/** Options of {@link Generative.guard}. */
export interface GuardOptions extends RequestOptions {
  /** Guardrail id or ARN. */
  id: string;
  /** Guardrail version, e.g. `1` or `DRAFT`. */
  version: string;
  /** Whether the content is a user's input or a model's output. @default 'input' */
  source?: 'input' | 'output' | undefined;
  /** `full`: assessments of every policy, not only those that intervened. @default 'interventions' */
  outputScope?: 'interventions' | 'full' | undefined;
}

/** Result of {@link Generative.guard}. */
export interface GuardResult {
  /** `intervened` when a policy blocked or masked something. */
  action: 'none' | 'intervened';
  /** Bedrock's reason, when it gives one. */
  actionReason: string | undefined;
  /** The text to use instead (the blocked message, or the text with PII masked); empty when `none`. */
  outputs: string[];
  /** One assessment per policy evaluation, typed as Bedrock returns them. */
  assessments: GuardrailAssessment[];
  /** Text units billed per policy. */
  usage: GuardrailUsage | undefined;
  /** How much of the content the guardrail looked at. */
  coverage: GuardrailCoverage | undefined;
  requestId: string | undefined;
}

/** Result of {@link Generative.countTokens}. */
export interface CountTokensResult {
  /** Input tokens the request would be billed for. */
  inputTokens: number;
  requestId: string | undefined;
}

/** Nova Canvas visual styles (text-to-image). */
export type NovaCanvasStyle =
  | '3D_ANIMATED_FAMILY_FILM'
  | 'DESIGN_SKETCH'
  | 'FLAT_VECTOR_ILLUSTRATION'
  | 'GRAPHIC_NOVEL_ILLUSTRATION'
  | 'MAXIMALISM'
  | 'MIDCENTURY_RETRO'
  | 'PHOTOREALISM'
  | 'SOFT_DIGITAL_PAINTING';

/** What {@link Generative.generateImage} does with its inputs. */
export type ImageTask =
  | 'text-to-image'
  | 'variation'
  | 'inpainting'
  | 'outpainting'
  | 'background-removal';

/** Parameters of {@link Generative.generateImage} (Amazon Nova Canvas, Titan Image Generator v2). */
export interface GenerateImageParams {
  /** `amazon.nova-canvas-v1:0` or `amazon.titan-image-generator-v2:0` (region prefixes allowed). */
  model: string;
  /** @default 'text-to-image' */
  task?: ImageTask | undefined;
  /** What to draw (Nova Canvas: 1-1,024 characters; Titan v2: 1-512). Optional for variation and background removal. */
  prompt?: string | undefined;
  /** What not to draw (same lengths as `prompt`). */
  negativePrompt?: string | undefined;
  /** The image to edit (inpainting, outpainting, background removal) or vary (variation; or `images`). */
  image?: BinaryInput | undefined;
  /** Variation only: 1-5 reference images. */
  images?: BinaryInput[] | undefined;
  /** Inpainting/outpainting: the area to change, as a mask image (black = change) or described in words. */
  mask?: { image: BinaryInput } | { prompt: string } | undefined;
  /** Outpainting: `precise` keeps the masked area exactly. @default 'default' */
  outpaintingMode?: 'default' | 'precise' | undefined;
  /** Variation: how close to the references, 0.2-1.0. */
  similarity?: number | undefined;
  /** Text-to-image: a conditioning image the layout follows. */
  condition?:
    | {
        image: BinaryInput;
        mode?: 'canny-edge' | 'segmentation' | undefined;
        strength?: number | undefined;
      }
    | undefined;
  /** `{ width, height }` or `'1280x720'`. @default 1024x1024 (text-to-image) */
  size?: { width: number; height: number } | `${number}x${number}` | undefined;
  /** Images to generate, 1-5. @default 1 */
  count?: number | undefined;
  /** Nova Canvas: 0-858,993,459; Titan v2: 0-2,147,483,646. */
  seed?: number | undefined;
  /** @default 'standard' */
  quality?: 'standard' | 'premium' | undefined;
  /** Nova Canvas text-to-image only. */
  style?: NovaCanvasStyle | undefined;
  /** How strictly to follow the prompt, 1.1-10. */
  cfgScale?: number | undefined;
}

/** One generated image. */
export interface GeneratedImage {
  bytes: Uint8Array;
  format: 'png' | 'jpeg';
}

/** Result of {@link Generative.generateImage}. */
export interface GenerateImageResult {
  images: GeneratedImage[];
  requestId: string | undefined;
}

/** Parameters of {@link Generative.generateVideo} (Amazon Nova Reel over StartAsyncInvoke). */
export interface GenerateVideoParams {
  /** @default 'amazon.nova-reel-v1:1' */
  model?: string | undefined;
  /** 1-512 characters for a 6 s video; up to 4,000 for longer ones (multi-shot, v1:1). */
  prompt: string;
  /** A starting frame (PNG or JPEG, 1280x720), for 6 s videos. */
  images?: BinaryInput[] | undefined;
  /** 6, or 12-120 in steps of 6 (multi-shot, `amazon.nova-reel-v1:1`). @default 6 */
  durationSeconds?: number | undefined;
  /** 0-2,147,483,646. */
  seed?: number | undefined;
  /** Where Bedrock writes the video: `s3://bucket/prefix`. */
  output: string;
  /** Idempotency token: the same token starts the job once. */
  clientToken?: string | undefined;
}

/** Where a finished video is. */
export interface GeneratedVideo {
  /** The MP4: `<output>/<invocation id>/output.mp4`. */
  uri: string;
  /** The folder Bedrock wrote into. */
  folder: string;
}

/** A video invocation, as {@link Generative.videoJobs} lists it. */
export interface GenerativeVideoJobSummary {
  /** The invocation ARN. */
  id: string;
  state: 'in-progress' | 'completed' | 'failed';
  model: string | undefined;
  output: string | undefined;
  submittedAt: Date | undefined;
  endedAt: Date | undefined;
  /** Why it failed (Bedrock's message). */
  failure: string | undefined;
}

/** Events of `ObjectStream`, in order. */
export type ObjectStreamEvent<T, E = never> =
  /** The value so far, each time it grew. */
  | { type: 'partial'; object: DeepPartial<T> }
  /** Array mode: element `index` is complete and valid. */
  | { type: 'element'; index: number; element: E }
  /**
   * The answer starts over: the repair round after an invalid answer, or `auto` falling back to a
   * tool. Partial values after it belong to the new answer.
   */
  | { type: 'reset'; reason: 'repair' | 'fallback' }
  /** The validated value. */
  | { type: 'finish'; object: T; usage: GenerativeUsage; finishReason: GenerativeFinishReason };

/** What an `ObjectStream` settles with. */
export interface ObjectStreamResult<T> {
  object: T;
  raw: string;
  repaired: boolean;
  mode: 'native' | 'tool' | 'json';
  finishReason: GenerativeFinishReason;
  /** Summed over every round. */
  usage: GenerativeUsage;
  requestId: string | undefined;
}

/** Content filter categories {@link Generative.check} scores. */
export type GuardrailCheckCategory = 'HATE' | 'INSULTS' | 'MISCONDUCT' | 'SEXUAL' | 'VIOLENCE';

/** Prompt-attack categories {@link Generative.check} scores. */
export type GuardrailCheckAttack = 'JAILBREAK' | 'PROMPT_INJECTION' | 'PROMPT_LEAKAGE';

/** What {@link Generative.check} looks for (at least one). */
export interface GuardrailChecks {
  /** Harmful-content categories to score; `true`: all five. */
  contentFilter?: true | GuardrailCheckCategory[] | undefined;
  /** Prompt-attack categories to score; `true`: all three. */
  promptAttack?: true | GuardrailCheckAttack[] | undefined;
  /** PII entity types to find (Bedrock's names, e.g. `EMAIL`, `PHONE`, `US_SOCIAL_SECURITY_NUMBER`). */
  sensitiveInformation?: string[] | undefined;
}

/** Content {@link Generative.check} checks: a user's text, or a conversation. */
export type CheckContent =
  | string
  | Array<{ role: 'user' | 'assistant' | 'system'; content: string }>;

/** Options of {@link Generative.check}. */
export interface CheckOptions extends RequestOptions {
  checks: GuardrailChecks;
}

/** Result of {@link Generative.check}: scores and findings, as Bedrock returns them. */
export interface CheckResult {
  /** Severity score per content category. */
  contentFilter: Array<{ category: string; severityScore: number }>;
  /** Severity score per attack category. */
  promptAttack: Array<{ category: string; severityScore: number }>;
  /** PII found: type, confidence, and where (`messageIndex`, `contentIndex`, offsets). */
  sensitiveInformation: Array<{
    type: string;
    confidenceScore: number;
    messageIndex: number;
    contentIndex: number;
    beginOffset: number;
    endOffset: number;
  }>;
  /** Text units billed per check. */
  usage: { contentFilter?: number; promptAttack?: number; sensitiveInformation?: number };
  requestId: string | undefined;
}
