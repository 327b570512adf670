import { type ServiceName, ValidationError } from './errors';
import { adaptLogger, type Logger } from './logger';

export type { Logger } from './logger';

/**
 * AWS credentials: static keys, or a provider function such as `fromIni()` from
 * `@aws-sdk/credential-providers`. Structurally the SDK's `AwsCredentialIdentity(Provider)`.
 */
export type Credentials = CredentialIdentity | (() => Promise<CredentialIdentity>);

/** Static AWS credentials. */
export interface CredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** How failed calls are retried. One retry owner per call: SDK clients made by aws-ai never retry. */
export interface RetryOptions {
  /**
   * Retries after the first attempt for throttling, 5xx, timeouts of one attempt and dropped
   * connections. Validation, access and not-found errors are never retried.
   * @default 3
   */
  retries?: number | undefined;
  /** Delay before the first retry; each next one doubles, with full jitter. @default 200 */
  minDelayMs?: number | undefined;
  /** Upper bound for one delay. @default 10000 */
  maxDelayMs?: number | undefined;
}

/** Where media is staged in S3 for APIs that only read S3 (Textract async, Transcribe, video, async inference). */
export interface StagingConfig {
  /** Bucket in the client's region that the credentials can write and the AWS service can read. */
  bucket: string;
  /** Key prefix for staged objects. @default 'aws-ai/' */
  prefix?: string | undefined;
  /** Delete the staged object once the job has read it. @default true */
  deleteAfterUse?: boolean | undefined;
}

/** Pre-built SDK clients, by service, used as they are (with their own retry and middleware). */
export interface InjectedClients {
  comprehend?: import('@aws-sdk/client-comprehend').ComprehendClient;
  translate?: import('@aws-sdk/client-translate').TranslateClient;
  rekognition?: import('@aws-sdk/client-rekognition').RekognitionClient;
  polly?: import('@aws-sdk/client-polly').PollyClient;
  transcribe?: import('@aws-sdk/client-transcribe').TranscribeClient;
  'transcribe-streaming'?: import('@aws-sdk/client-transcribe-streaming').TranscribeStreamingClient;
  textract?: import('@aws-sdk/client-textract').TextractClient;
  bedrock?: import('@aws-sdk/client-bedrock').BedrockClient;
  'bedrock-runtime'?: import('@aws-sdk/client-bedrock-runtime').BedrockRuntimeClient;
  'bedrock-agent-runtime'?: import('@aws-sdk/client-bedrock-agent-runtime').BedrockAgentRuntimeClient;
  sagemaker?: import('@aws-sdk/client-sagemaker').SageMakerClient;
  'sagemaker-runtime'?: import('@aws-sdk/client-sagemaker-runtime').SageMakerRuntimeClient;
  comprehendmedical?: import('@aws-sdk/client-comprehendmedical').ComprehendMedicalClient;
  'personalize-runtime'?: import('@aws-sdk/client-personalize-runtime').PersonalizeRuntimeClient;
  'lex-runtime'?: import('@aws-sdk/client-lex-runtime-v2').LexRuntimeV2Client;
  s3?: import('@aws-sdk/client-s3').S3Client;
}

/**
 * Configuration of {@link AwsAI} and of every module constructed alone.
 *
 * @example
 * ```ts
 * const ai = new AwsAI({
 *   region: 'eu-west-1',
 *   retry: { retries: 5 },
 *   concurrency: { comprehend: 4 },
 *   staging: { bucket: 'my-media-bucket', prefix: 'tmp/' },
 *   logger: console,
 * });
 * ```
 */
export interface AwsAIConfig {
  /** AWS Region. @default process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION, else the SDK's own resolution */
  region?: string | undefined;
  /** Credentials. @default the SDK default provider chain (env, SSO, profile, container, instance) */
  credentials?: Credentials | undefined;
  /** One endpoint URL for every service (an emulator, a VPC endpoint) or one per service. */
  endpoint?: string | Partial<Record<ServiceName, string>> | undefined;
  /** Retry policy for every call; override per call with `options.retry`. */
  retry?: RetryOptions | undefined;
  /** Maximum in-flight requests per service, or per service by name. @default 8 */
  concurrency?: number | Partial<Record<ServiceName, number>> | undefined;
  /**
   * Deadline for one whole call, retries included, in milliseconds. Jobs that are polled
   * (transcription, document analysis) take their own `timeoutMs`. @default no deadline
   */
  timeoutMs?: number | undefined;
  /** S3 location for media that an API can only read from S3. */
  staging?: StagingConfig | undefined;
  /** Pre-built SDK clients to use instead of the ones aws-ai makes (X-Ray, aws-sdk-client-mock, custom middleware). */
  clients?: InjectedClients | undefined;
  /**
   * Receives retries, throttling and staging notices: `console`, Powertools `Logger`, winston, or
   * pino / bunyan (called object-first, so `requestId` stays a field). See {@link Logger}.
   * @default no logging
   */
  logger?: Logger | undefined;
  /**
   * OpenTelemetry spans and metrics through `@opentelemetry/api` when the application has it
   * installed (an optional peer, looked up on the first call; nothing is recorded and nothing fails
   * without it). `false` turns them off. The `node:diagnostics_channel` tracing channel
   * `aws-ai:call` publishes every call's start and end to its subscribers either way. @default true
   */
  telemetry?: boolean | undefined;
  /**
   * Client-side adaptive rate limiting per service and operation: after AWS throttles, requests are
   * paced at the rate AWS was accepting (then probed upwards), so a bulk call stops wasting requests on
   * throttles. Shared by every `withOptions` client of one `AwsAI`. Unlimited until the first
   * throttle; forgotten after a minute without one. `false` turns it off. @default true
   */
  adaptiveRate?: boolean | undefined;
  /**
   * Bedrock settings. `apiKey`: a Bedrock API key, sent as a bearer token by the Bedrock clients
   * (`generative`, batch jobs) instead of signing with `credentials`; the other services keep
   * their credentials. The SDK also reads `AWS_BEARER_TOKEN_BEDROCK` by itself. Never logged, never
   * in an error. @default none
   */
  bedrock?: { apiKey?: string | undefined } | undefined;
}

/**
 * Per-call options, the last argument of every method.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * await ai.text.detectLanguage('Bonjour', { signal: controller.signal, timeoutMs: 5_000, retry: { retries: 1 } });
 * ```
 */
export interface RequestOptions {
  /** Cancels the call, its retries and any stream it returned. */
  signal?: AbortSignal | undefined;
  /** Deadline for this call, retries included. @default the client's `timeoutMs` */
  timeoutMs?: number | undefined;
  /** Retry overrides for this call; `false` means a single attempt. */
  retry?: RetryOptions | false | undefined;
}

/** A retry policy with every default applied, as in {@link DEFAULT_RETRY}. */
export interface ResolvedRetry {
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
}

/** Default retry policy, documented on {@link RetryOptions}. */
export const DEFAULT_RETRY: ResolvedRetry = {
  retries: 3,
  minDelayMs: 200,
  maxDelayMs: 10_000,
};

/** Default in-flight limit per service. */
export const DEFAULT_CONCURRENCY = 8;

/** A config with the environment read once and defaults applied. @internal */
export interface ResolvedConfig {
  region: string | undefined;
  credentials: Credentials | undefined;
  endpoint: AwsAIConfig['endpoint'];
  retry: ResolvedRetry;
  concurrency: AwsAIConfig['concurrency'];
  timeoutMs: number | undefined;
  staging: StagingConfig | undefined;
  clients: InjectedClients;
  logger: Logger | undefined;
  telemetry: boolean;
  adaptiveRate: boolean;
  /** `bedrock.apiKey`, checked. */
  bedrockApiKey: string | undefined;
}

/**
 * Applies defaults and reads `AWS_REGION` / `AWS_DEFAULT_REGION` once, at construction.
 * @internal
 */
export function resolveConfig(config: AwsAIConfig = {}, base?: ResolvedConfig): ResolvedConfig {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new ValidationError(
      `the aws-ai config must be an object such as { region: 'us-east-1' } (or nothing), got ${describe(config)}`,
    );
  }
  checkRetryShape(config.retry, 'retry');
  const env = typeof process === 'undefined' ? {} : process.env;
  const region = config.region ?? base?.region ?? (env.AWS_REGION || env.AWS_DEFAULT_REGION);
  if (config.region !== undefined && config.region !== '') validateRegion(config.region, 'region');
  else if (!base?.region && region) {
    validateRegion(region, env.AWS_REGION ? 'AWS_REGION' : 'AWS_DEFAULT_REGION');
  }
  const retry: ResolvedRetry = {
    ...(base?.retry ?? DEFAULT_RETRY),
    ...definedOnly(config.retry ?? {}),
  };
  validateRetry(retry);
  validateConcurrency(config.concurrency);
  if (config.timeoutMs !== undefined) validateTimeout(config.timeoutMs, 'timeoutMs');
  return {
    region: region || undefined,
    credentials: config.credentials ?? base?.credentials,
    endpoint: config.endpoint ?? base?.endpoint,
    retry,
    concurrency: config.concurrency ?? base?.concurrency,
    timeoutMs: config.timeoutMs ?? base?.timeoutMs,
    staging: config.staging ?? base?.staging,
    clients: { ...base?.clients, ...config.clients },
    logger: adaptLogger(config.logger) ?? base?.logger,
    telemetry: config.telemetry ?? base?.telemetry ?? true,
    adaptiveRate: config.adaptiveRate ?? base?.adaptiveRate ?? true,
    bedrockApiKey: checkApiKey(config.bedrock) ?? base?.bedrockApiKey,
  };
}

/** Endpoint for one service, if configured. @internal */
export function endpointFor(config: ResolvedConfig, service: ServiceName): string | undefined {
  const { endpoint } = config;
  return typeof endpoint === 'string' ? endpoint : endpoint?.[service];
}

/** In-flight limit for one service. @internal */
export function concurrencyFor(config: ResolvedConfig, service: ServiceName): number {
  const { concurrency } = config;
  return typeof concurrency === 'number'
    ? concurrency
    : (concurrency?.[service] ?? DEFAULT_CONCURRENCY);
}

/** Merges the per-call retry override onto the client's policy. @internal */
export function retryFor(
  config: ResolvedConfig,
  override: RetryOptions | false | undefined,
): ResolvedRetry {
  if (override === false) return { ...config.retry, retries: 0 };
  checkRetryShape(override, 'options.retry');
  const merged: ResolvedRetry = { ...config.retry, ...definedOnly(override ?? {}) };
  validateRetry(merged);
  return merged;
}

function definedOnly(value: RetryOptions): Partial<ResolvedRetry> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as Partial<ResolvedRetry>;
}

function validateRetry(retry: ResolvedRetry): void {
  for (const [key, value] of Object.entries(retry)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new ValidationError(
        `retry.${key} must be a finite number >= 0, got ${describe(value)}`,
      );
    }
  }
  if (!Number.isInteger(retry.retries)) {
    throw new ValidationError(`retry.retries must be a whole number, got ${retry.retries}`);
  }
}

/** `bedrock: { apiKey }`: a non-empty string without whitespace (it goes into a header). */
function checkApiKey(bedrock: AwsAIConfig['bedrock']): string | undefined {
  if (bedrock === undefined) return undefined;
  if (typeof bedrock !== 'object' || bedrock === null) {
    throw new ValidationError(
      `bedrock must be an object such as { apiKey: '…' }, got ${describe(bedrock)}`,
    );
  }
  const { apiKey } = bedrock;
  if (apiKey === undefined) return undefined;
  if (typeof apiKey !== 'string' || apiKey.length === 0 || /\s/.test(apiKey)) {
    // The key itself is never quoted.
    throw new ValidationError(
      'bedrock.apiKey must be a non-empty string without spaces (a Bedrock API key)',
    );
  }
  return apiKey;
}

/** A retry override must be an object or `false`: `retry: 1` would otherwise be silently ignored. */
function checkRetryShape(value: unknown, name: string): void {
  if (value === undefined || value === false) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(
      `${name} must be an object such as { retries: 3, minDelayMs: 200, maxDelayMs: 10000 }${name === 'options.retry' ? ' or false' : ''}, got ${describe(value)}`,
    );
  }
}

/**
 * A value named in an error message: primitives as they are (strings bounded), the rest by kind.
 * Never `String(value)` on an object, which may throw or print the caller's data.
 */
export function describe(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined) {
    return String(value);
  }
  if (value === null) return 'null';
  if (typeof value === 'string')
    return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === 'bigint') return 'a bigint';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/**
 * What a value of the caller's data is, for an error message: as {@link describe}, but a string is
 * named by its length, never quoted, because it may be the user's text, id or keys in the wrong
 * place (docs/errors-and-retries.md, "Credentials and your data in errors"). @internal
 */
export function describeInput(value: unknown): string {
  return typeof value === 'string' ? `a string of ${value.length} characters` : describe(value);
}

function validateConcurrency(concurrency: AwsAIConfig['concurrency']): void {
  const kind = typeof concurrency;
  if (
    concurrency !== undefined &&
    kind !== 'number' &&
    (kind !== 'object' || concurrency === null)
  ) {
    throw new ValidationError(
      `concurrency must be an integer >= 1 or an object of them by service, got ${describe(concurrency)}`,
    );
  }
  const values =
    typeof concurrency === 'number'
      ? [['', concurrency] as const]
      : Object.entries(concurrency ?? {});
  for (const [service, value] of values) {
    if (!Number.isInteger(value) || (value as number) < 1) {
      const name = service ? `concurrency.${service}` : 'concurrency';
      throw new ValidationError(`${name} must be an integer >= 1, got ${describe(value)}`);
    }
  }
}

/**
 * A Region is one DNS label (the SDK puts it in every endpoint's host name and in the signature's
 * credential scope), lower-case as AWS spells Regions: `us-east-1`, `eu-central-2`, `us-gov-west-1`.
 */
const REGION = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Checks a configured Region before any client is made, so a typo is a ValidationError that says what
 * to change instead of an `UnknownError` or a connection error from a host that cannot exist.
 * @internal
 */
export function validateRegion(value: unknown, name: string): void {
  if (typeof value === 'string' && REGION.test(value)) return;
  const got =
    typeof value === 'string'
      ? value.length > 40
        ? `a ${value.length}-character string`
        : JSON.stringify(value)
      : typeof value;
  throw new ValidationError(
    `${name} must be an AWS Region code such as 'us-east-1' (lower-case letters, digits and hyphens, at most 63 characters); got ${got}`,
    { code: 'InvalidRegion' },
  );
}

/** @internal */
export function validateTimeout(value: number, name: string): void {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new ValidationError(
      `${name} must be a positive number of milliseconds, got ${describe(value)}`,
    );
  }
}
