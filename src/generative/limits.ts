/**
 * Bedrock Runtime limits checked before a call. Sources: the Converse `Message.content` model
 * documentation (M-BRT in reference/aws-limits.md) for images and documents, aws-limits.md §7 for
 * the InvokeModel body, the Cohere Embed model parameters for texts per call, and the
 * bedrock-runtime service model's shapes for the inference settings (below). Each constant names
 * its source.
 */

/** Images per Converse request. */
export const MAX_IMAGES = 20;
/** Bytes of one image ("3.75 MB"; read as MiB like the other Bedrock media limits). */
export const MAX_IMAGE_BYTES = 3.75 * 1024 * 1024;
/** Image formats Converse accepts. */
export const IMAGE_FORMATS = ['png', 'jpeg', 'gif', 'webp'] as const;

/** Documents per Converse request. */
export const MAX_DOCUMENTS = 5;
/** Bytes of one document ("4.5 MB"). */
export const MAX_DOCUMENT_BYTES = 4.5 * 1024 * 1024;
/** Document formats Converse accepts. */
export const DOCUMENT_FORMATS = [
  'pdf',
  'csv',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'html',
  'txt',
  'md',
] as const;

/** Cache checkpoints per request. */
export const MAX_CACHE_POINTS = 4;

/** Bytes of an InvokeModel / InvokeModelWithResponseStream body. */
export const MAX_INVOKE_BODY_BYTES = 25_000_000;

/** Texts per Cohere Embed call. */
export const COHERE_MAX_TEXTS = 96;

/** Tool-loop steps when `maxSteps` is not given: one answer plus a few rounds of tool calls. */
export const DEFAULT_MAX_STEPS = 5;

/** A stream that sends nothing for this long is cancelled with a `StreamError`. */
export const DEFAULT_STREAM_IDLE_MS = 60_000;

/** Restarts a `recover: 'restart'` stream attempts after a mid-stream failure. */
export const DEFAULT_MAX_RECOVERIES = 2;

// Batch inference (`batch`, `embedMany(…, { batch: true })`). Source: "Amazon Bedrock endpoints and
// quotas" (AWS General Reference), Service Quotas defaults for batch inference, which accounts may
// raise: pass `limits` to `batch` to use raised ones. Record ids: "Format and upload your batch
// inference data" (Bedrock User Guide): `recordId` is an alphanumeric string.

/** Records a batch inference job needs at least ("Minimum number of records per batch inference job"). */
export const BATCH_MIN_RECORDS_PER_JOB = 100;
/** Records one batch inference job takes ("Records per batch inference job"). */
export const BATCH_MAX_RECORDS_PER_JOB = 50_000;
/** Bytes of one input file ("Batch inference input file size", 1 GB). */
export const BATCH_MAX_FILE_BYTES = 1024 ** 3;
/** Bytes of one job's input ("Batch inference job size", 5 GB). */
export const BATCH_MAX_JOB_BYTES = 5 * 1024 ** 3;
/**
 * Records aws-ai writes per input file (ours, not AWS's): AWS writes one `.jsonl.out` per input file
 * and promises no order inside it, so reading results back in order holds one file's output at most.
 */
export const BATCH_RECORDS_PER_FILE = 5_000;
/** `timeoutDurationInHours` of CreateModelInvocationJob (the bedrock model: @range 24–168). */
export const BATCH_TIMEOUT_HOURS = { min: 24, max: 168 } as const;

// Converse inference settings (`generate`, `stream`, `chat`, `generateObject`, `streamObject`,
// `countTokens`). Source: the bedrock-runtime service model (reference/aws-models/bedrock-runtime.json,
// botocore 0e6e2404b), shape `InferenceConfiguration`.

/**
 * `maxTokens`: `InferenceConfigurationMaxTokensInteger` (@range min 1, no max); a Smithy `integer`
 * is 32-bit signed, so 2,147,483,647 is the largest value the service can read.
 */
export const MAX_TOKENS_RANGE = { min: 1, max: 2_147_483_647 } as const;
/** `temperature`: `InferenceConfigurationTemperatureFloat` (@range 0–1). */
export const TEMPERATURE_RANGE = { min: 0, max: 1 } as const;
/** `topP`: `InferenceConfigurationTopPFloat` (@range 0–1). */
export const TOP_P_RANGE = { min: 0, max: 1 } as const;
/**
 * `stop`: `InferenceConfigurationStopSequencesList` (0–2,500 items, so `[]` is fine), each a
 * `NonEmptyString` (@length min 1).
 */
export const MAX_STOP_SEQUENCES = 2500;

/**
 * Bytes one input event of a bidirectional stream may carry: bedrock-runtime.json, shape
 * `PartBody` (`max` 1,000,000). A voice session's text (system prompt, a history message, a typed
 * message, a tool result) travels as one such event, JSON-wrapped.
 */
export const VOICE_EVENT_MAX_BYTES = 1_000_000;
/** What an event's JSON wrapping around its text takes at most (names and ids, about 150 bytes). */
export const VOICE_EVENT_WRAPPING_BYTES = 1_024;

/**
 * Voice ids of Amazon Nova Sonic v1 (`amazon.nova-sonic-v1:0`). Source: "Voices available for Amazon
 * Nova Sonic", Amazon Nova User Guide (docs.aws.amazon.com/nova/latest/userguide/available-voices.html).
 * Later Sonic models (Nova 2 Sonic) add voices and locales: only the id's form is checked for them.
 */
export const NOVA_SONIC_V1_VOICES = [
  'tiffany',
  'matthew',
  'amy',
  'ambre',
  'florian',
  'beatrice',
  'lorenzo',
  'greta',
  'lennart',
  'lupe',
  'carlos',
] as const;

/** `concurrency` of `embedMany` when not given (ours, not AWS's). */
export const DEFAULT_EMBED_CONCURRENCY = 4;

// Image and video models (`generateImage`, `generateVideo`): InvokeModel / StartAsyncInvoke carry
// the model's own body, which the bedrock-runtime service model leaves open (a blob / document), so
// these come from each model's documented request parameters: the Amazon Nova User Guide (Nova
// Canvas image generation, Nova Reel video generation) and the Amazon Bedrock User Guide (Titan
// Image Generator inference parameters). Moved here from images.ts and video.ts unchanged.

/** Per image model: prompt length in characters (`text`, `negativeText`) and `seed`'s maximum. */
export const IMAGE_MODEL_LIMITS = {
  /** Nova Canvas: text 1–1,024 characters; seed 0–858,993,459. */
  'nova-canvas': { maxPrompt: 1024, maxSeed: 858_993_459 },
  /** Titan Image Generator v2: text 1–512 characters; seed 0–2,147,483,646. */
  'titan-image-v2': { maxPrompt: 512, maxSeed: 2_147_483_646 },
} as const;
/** `numberOfImages`: 1–5 (both image models). */
export const IMAGE_COUNT_RANGE = { min: 1, max: 5 } as const;
/** `cfgScale`: 1.1–10 (both image models). */
export const IMAGE_CFG_SCALE_RANGE = { min: 1.1, max: 10 } as const;
/** Nova Reel `text`: 1–512 characters for a 6-second video, 1–4,000 for a multi-shot one. */
export const VIDEO_PROMPT_MAX = { single: 512, multiShot: 4000 } as const;
/** Nova Reel `seed`: 0–2,147,483,646. */
export const VIDEO_SEED_RANGE = { min: 0, max: 2_147_483_646 } as const;
