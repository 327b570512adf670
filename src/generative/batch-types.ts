import type { RequestOptions } from '../config';
import type { Job } from '../core/job';
import type { BatchItemError } from '../errors';
import type {
  EmbedOptions,
  GenerateParams,
  GenerativeFinishReason,
  GenerativeUsage,
} from './types';

/**
 * One record of {@link Generative.batch}: `generate`-style params without `model` (sent as a Converse
 * body), or `{ body }`, a raw model body sent as InvokeModel would send it. One batch is all one or
 * all the other. Tools, tool loops, structured output and guardrails are not available in batch
 * inference (Bedrock User Guide, "Process multiple prompts with batch inference").
 */
export type GenerativeBatchRecord =
  | Omit<
      GenerateParams,
      | 'model'
      | 'tools'
      | 'toolChoice'
      | 'maxSteps'
      | 'responseFormat'
      | 'guardrail'
      | 'promptVariables'
      | 'serviceTier'
      | 'latency'
      | 'requestMetadata'
    >
  | { body: Record<string, unknown> };

/** Per-job limits, for accounts whose Service Quotas were raised. Defaults: AWS's default quotas. */
export interface GenerativeBatchLimits {
  /** @default 100 */
  minRecordsPerJob?: number | undefined;
  /** @default 50000 */
  maxRecordsPerJob?: number | undefined;
  /** Records aws-ai writes per input file (bounds the memory of reading results in order). @default 5000 */
  recordsPerFile?: number | undefined;
}

/**
 * Options of {@link Generative.batch}. `signal`/`timeoutMs` bound starting the jobs as one call (the
 * uploads and every CreateModelInvocationJob together), not the jobs.
 */
export interface GenerativeBatchOptions extends RequestOptions {
  /** Model id, inference profile or ARN that supports batch inference. */
  model: string;
  /** IAM role ARN that Bedrock assumes to read `input` and write `output`. */
  role: string;
  /** Where aws-ai writes the JSONL input (an `s3://bucket/prefix/`). @default `<output><name>/input/` */
  input?: string | undefined;
  /** Where Bedrock writes results: `s3://bucket/prefix/`. */
  output: string;
  /** Job name (Bedrock's pattern, at most 59 characters: `-2`, `-3`… are added when split). @default `aws-ai-batch-<time>` */
  name?: string | undefined;
  /** Hours after which Bedrock stops the job (24–168). @default Bedrock's (168) */
  timeoutHours?: number | undefined;
  limits?: GenerativeBatchLimits | undefined;
}

/** One record's answer, from its `.jsonl.out` line. */
export interface GenerativeBatchResult {
  /** Position of the record in the input. */
  index: number;
  /** The text of a Converse answer (joined text blocks); undefined for raw bodies. */
  text?: string | undefined;
  finishReason?: GenerativeFinishReason | undefined;
  usage?: GenerativeUsage | undefined;
  /** The model's output as Bedrock wrote it (`modelOutput`). */
  output: unknown;
}

/** A Bedrock batch inference job (one or several AWS jobs when the input was split). */
export interface GenerativeBatchJob<T = GenerativeBatchResult> extends Job<T | BatchItemError> {
  /** ARNs of every AWS job, in input order. */
  readonly jobs: readonly string[];
  /** Records written. */
  readonly records: number;
  /** Stops every AWS job of the batch (StopModelInvocationJob). */
  cancel(options?: RequestOptions): Promise<void>;
}

/** `embedMany(texts, { batch: true, … })`: embedding options plus the batch job's. */
export interface EmbedBatchOptions
  extends EmbedOptions,
    Omit<GenerativeBatchOptions, 'model' | keyof RequestOptions> {
  batch: true;
}
