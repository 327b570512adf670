import {
  AbortError,
  AccessDeniedError,
  AwsAIError,
  type AwsAIErrorOptions,
  CredentialsError,
  NotFoundError,
  ServiceError,
  type ServiceName,
  ThrottlingError,
  TimeoutError,
  ValidationError,
} from '../errors';
import { boundedServiceText } from '../redact';

/**
 * Maps whatever an SDK call threw to one {@link AwsAIError}. The classification follows
 * `reference/aws-limits.md` §9: the SDK's own throttling and transient lists, re-classified per
 * service where the same code means different things (Rekognition/Textract `LimitExceededException`
 * on `Start*` is "too many concurrent jobs", not throttling).
 */

type Kind =
  | 'throttling'
  | 'transient'
  | 'validation'
  | 'access'
  | 'credentials'
  | 'not-found'
  | 'fatal';

const THROTTLING = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);

const TRANSIENT = new Set([
  'InternalServerException',
  'InternalServerError',
  'InternalFailure',
  'InternalFailureException',
  'InternalStreamFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'ServiceFailureException',
  'ModelNotReadyException',
  'ResourceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);

const VALIDATION = new Set([
  'ValidationException',
  'ValidationError',
  // A body over the service's limit (AWS common error; S3's own code): change the input, never retry.
  'RequestEntityTooLargeException',
  'EntityTooLarge',
  // Personalize Runtime and Comprehend Medical spell their input errors these ways.
  'InvalidInputException',
  'InvalidEncodingException',
  'InvalidRequestException',
  'InvalidParameterException',
  'InvalidParameterValueException',
  'BadRequestException',
  'SerializationException',
  'TextSizeLimitExceededException',
  'BatchSizeLimitExceededException',
  'UnsupportedLanguageException',
  'UnsupportedLanguagePairException',
  'DetectedLanguageLowConfidenceException',
  'TextLengthExceededException',
  'InvalidSsmlException',
  'InvalidSampleRateException',
  'MarksNotSupportedForFormatException',
  'SsmlMarksNotSupportedForTextTypeException',
  'EngineNotSupportedException',
  'LanguageNotSupportedException',
  'LexiconNotFoundException',
  'DocumentTooLargeException',
  'UnsupportedDocumentException',
  'BadDocumentException',
  'InvalidS3ObjectException',
  'InvalidImageFormatException',
  'ImageTooLargeException',
  'VideoTooLargeException',
  'InvalidPaginationTokenException',
  // Polly's StartSpeechSynthesisTask / GetSpeechSynthesisTask refusals (400 in polly.json).
  'InvalidS3BucketException',
  'InvalidS3KeyException',
  'InvalidSnsTopicArnException',
  'InvalidTaskIdException',
]);

const ACCESS = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'ExpiredTokenException',
  'ExpiredToken',
  'InvalidClientTokenId',
  'MissingAuthenticationToken',
  'IncompleteSignature',
]);

/** The SDK's errors for credentials it could not obtain (`@smithy/core/config`), before any request. */
const CREDENTIALS = new Set(['CredentialsProviderError', 'TokenProviderError']);

const NOT_FOUND = new Set([
  'ResourceNotFoundException',
  // Polly's GetSpeechSynthesisTask: no task with that id (polly.json).
  'SynthesisTaskNotFoundException',
  // Textract's Get* job operations: no job with that id (textract.json).
  'InvalidJobIdException',
  // Rekognition Face Liveness: an unknown or expired session.
  'SessionNotFoundException',
  'NotFoundException',
  'NotFound',
  'NoSuchKey',
  'NoSuchBucket',
  'NoSuchUpload',
]);

/** Node socket codes of a dropped or refused connection: always worth another attempt. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_HTTP2_STREAM_ERROR',
  'ERR_HTTP2_SESSION_ERROR',
  'ERR_HTTP2_GOAWAY_SESSION',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/** Per-service exceptions to the tables above (aws-limits.md §9). */
function serviceOverride(service: ServiceName, code: string, message: string): Kind | undefined {
  if (code === 'LimitExceededException') {
    // Too many concurrent jobs: blind retries only add load, the caller has to wait for jobs.
    if (service === 'rekognition' || service === 'textract') return 'fatal';
    if (service === 'translate') return 'validation';
    // Transcribe uses the same code for "audio too long"; that one is an input fault.
    if (service === 'transcribe' && /length|duration|too long|size/i.test(message)) {
      return 'validation';
    }
  }
  // A failing container is not fixed by sending the same request again.
  if (code === 'ModelError' || code === 'ModelErrorException') return 'fatal';
  if (code === 'ServiceQuotaExceededException' || code === 'HumanLoopQuotaExceededException') {
    return 'fatal';
  }
  return undefined;
}

function classify(
  service: ServiceName,
  code: string,
  status: number | undefined,
  message: string,
): Kind {
  const override = serviceOverride(service, code, message);
  if (override) return override;
  if (THROTTLING.has(code)) return 'throttling';
  if (CREDENTIALS.has(code)) return 'credentials';
  if (ACCESS.has(code)) return 'access';
  if (NOT_FOUND.has(code)) return 'not-found';
  if (VALIDATION.has(code)) return 'validation';
  if (TRANSIENT.has(code) || NETWORK_CODES.has(code)) return 'transient';
  if (status === 429) return 'throttling';
  if (status === 401 || status === 403) return 'access';
  if (status === 404) return 'not-found';
  if (status === 408 || (status !== undefined && status >= 500 && status !== 501))
    return 'transient';
  return 'fatal';
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string; extendedRequestId?: string };
  $response?: { statusCode?: number };
  $retryable?: { throttling?: boolean };
}

/** Where a call failed, for the error fields and message. */
export interface ErrorSite {
  service: ServiceName;
  operation: string;
}

/**
 * AWS messages are kept in ours (they say what is wrong) but bounded, without credentials, and with
 * every quoted span that may echo the input replaced by its length; the verbatim text stays behind
 * `serviceMessage` (ADR 0005).
 */
const sanitize = boundedServiceText;

/** What to change when credentials cannot be obtained. */
const CREDENTIALS_HINT =
  'set `credentials` in the aws-ai config (keys or a provider), or AWS_ACCESS_KEY_ID and ' +
  'AWS_SECRET_ACCESS_KEY, or AWS_PROFILE (after `aws sso login` for an SSO profile), or run where a ' +
  'role provides them (Lambda, ECS, EC2)';

function codeOf(err: ErrorLike): string {
  for (const value of [err.code, err.Code, err.name]) {
    if (typeof value === 'string' && value && value !== 'Error') return value;
  }
  return 'UnknownError';
}

/** True for the error a cancelled SDK request throws. */
export function isAbortLike(err: unknown): boolean {
  const name = (err as ErrorLike | undefined)?.name;
  return name === 'AbortError' || (err as ErrorLike | undefined)?.code === 'ABORT_ERR';
}

/**
 * Turns anything an SDK call threw into the matching {@link AwsAIError} subclass.
 *
 * @example
 * ```ts
 * try {
 *   await client.send(command);
 * } catch (err) {
 *   throw fromAwsError(err, { service: 'comprehend', operation: 'DetectSentiment' });
 * }
 * ```
 */
export function fromAwsError(err: unknown, site: ErrorSite): AwsAIError {
  if (err instanceof AwsAIError) {
    // Raised by the credentials wrapper, which does not know the call: name it now.
    if (CredentialsError.isInstance(err) && err.service === undefined) {
      return new CredentialsError(`${site.service} ${site.operation}: ${err.message}`, {
        ...site,
        code: err.code,
        cause: err.cause,
        serviceMessage: err.serviceMessage,
      });
    }
    return err;
  }
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as ErrorLike;
  const code = codeOf(e);
  const statusCode = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  const rawMessage = typeof e.message === 'string' ? e.message : undefined;
  const awsMessage = rawMessage === undefined ? '' : sanitize(rawMessage);
  const options: AwsAIErrorOptions = {
    service: site.service,
    operation: site.operation,
    code,
    statusCode,
    requestId: e.$metadata?.requestId,
    cause: err,
    serviceMessage: rawMessage,
  };
  const where = `${site.service} ${site.operation}`;
  if (isAbortLike(err)) return new AbortError(`${where} was aborted`, options);
  if (CREDENTIALS.has(code)) {
    return new CredentialsError(
      `${where} could not get AWS credentials${awsMessage ? ` (${awsMessage})` : ''}; ${CREDENTIALS_HINT}`,
      { ...options, retryable: false },
    );
  }
  if (isDeserializationFailure(e, code)) {
    return new ServiceError(`${where} returned a response that could not be parsed (${code})`, {
      ...options,
      retryable: true,
    });
  }
  const message = `${where} failed: ${code}${awsMessage ? `: ${awsMessage}` : ''}`;
  const kind = e.$retryable?.throttling
    ? 'throttling'
    : classify(site.service, code, statusCode, awsMessage);
  return errorOfKind(kind, message, options);
}

/**
 * Builds the error for a per-item failure code reported inside a successful response
 * (Comprehend `ErrorList[].ErrorCode`, Bedrock embedding errors, …).
 *
 * @example
 * ```ts
 * const err = errorFromCode({ service: 'comprehend', operation: 'BatchDetectSentiment' }, 'INTERNAL_SERVER_ERROR', 'try again');
 * err.retryable; // true
 * ```
 */
export function errorFromCode(site: ErrorSite, code: string, message = ''): AwsAIError {
  // Batch APIs report codes in UPPER_SNAKE (`INTERNAL_SERVER_ERROR`); normalise to the exception names.
  const normalised = BATCH_CODE_ALIASES[code] ?? code;
  const clean = sanitize(message);
  const text = `${site.service} ${site.operation} item failed: ${code}${clean ? `: ${clean}` : ''}`;
  const kind = classify(site.service, normalised, undefined, clean);
  return errorOfKind(kind, text, { ...site, code, serviceMessage: message || undefined });
}

const BATCH_CODE_ALIASES: Record<string, string> = {
  INTERNAL_SERVER_ERROR: 'InternalServerException',
  THROTTLING: 'ThrottlingException',
  TEXT_SIZE_LIMIT_EXCEEDED: 'TextSizeLimitExceededException',
  UNSUPPORTED_LANGUAGE: 'UnsupportedLanguageException',
  INVALID_REQUEST: 'InvalidRequestException',
};

function errorOfKind(kind: Kind, message: string, options: AwsAIErrorOptions): AwsAIError {
  switch (kind) {
    case 'throttling':
      return new ThrottlingError(message, { ...options, retryable: true });
    case 'transient':
      return new ServiceError(message, { ...options, retryable: true });
    case 'validation':
      return new ValidationError(message, { ...options, retryable: false });
    case 'access':
      return new AccessDeniedError(message, { ...options, retryable: false });
    case 'credentials':
      return new CredentialsError(message, { ...options, retryable: false });
    case 'not-found':
      return new NotFoundError(message, { ...options, retryable: false });
    default:
      return new ServiceError(message, { ...options, retryable: false });
  }
}

function isDeserializationFailure(e: ErrorLike, code: string): boolean {
  if (code === 'SyntaxError') return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return /Deserialization error|Unexpected token|JSON at position|is not valid JSON/i.test(message);
}

/** The error for a call that ran past its deadline. */
export function timeoutError(site: ErrorSite, timeoutMs: number, cause?: unknown): TimeoutError {
  return new TimeoutError(`${site.service} ${site.operation} timed out after ${timeoutMs} ms`, {
    ...site,
    code: 'TimeoutError',
    retryable: true,
    cause,
  });
}

/** The error for a call the caller cancelled. */
export function abortError(site: ErrorSite, cause?: unknown): AbortError {
  return new AbortError(`${site.service} ${site.operation} was aborted`, {
    ...site,
    code: 'AbortError',
    cause,
  });
}

/**
 * Wraps the configured credentials so that a provider which throws (an expired SSO session, a
 * missing profile, no role) fails the call with a {@link CredentialsError} that says what to
 * change, instead of an unknown service error. Static keys and `undefined` pass through.
 *
 * @example
 * ```ts
 * const clientConfig = { credentials: wrapCredentials(config.credentials) };
 * ```
 * @internal
 */
export function wrapCredentials<C>(credentials: C): C {
  if (typeof credentials !== 'function') return credentials;
  const provider = credentials as unknown as (...args: unknown[]) => Promise<unknown>;
  const wrapped = async (...args: unknown[]) => {
    try {
      return await provider(...args);
    } catch (err) {
      if (AwsAIError.isInstance(err)) throw err;
      const e = (typeof err === 'object' && err !== null ? err : {}) as ErrorLike;
      const code = codeOf(e);
      const detail = typeof e.message === 'string' ? sanitize(e.message) : '';
      throw new CredentialsError(
        `could not get AWS credentials: the credential provider threw ${code === 'UnknownError' ? 'an error' : code}${detail ? ` (${detail})` : ''}; ${CREDENTIALS_HINT}`,
        {
          code: code === 'UnknownError' ? 'CredentialsProviderError' : code,
          cause: err,
          serviceMessage: typeof e.message === 'string' ? e.message : undefined,
        },
      );
    }
  };
  return wrapped as unknown as C;
}
