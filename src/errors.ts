/**
 * The error tree of aws-ai. Every failure a caller sees is an {@link AwsAIError}; the subclass says what
 * to do about it (fix the input, wait, grant a permission, …) and `retryable` says whether trying the
 * same call again can help.
 *
 * Each class carries a `Symbol.for` marker, so `instanceof` and `isInstance()` keep working when two
 * copies of aws-ai are loaded (an ESM and a CJS copy, or two versions in one bundle).
 *
 * Messages never contain credentials or request payloads: they name the service, the operation and
 * what was wrong, nothing the caller sent. No credential, signature, session token or Authorization
 * value is reachable from an error by any path (`cause` is a redacted copy of what was thrown, never
 * the SDK exception with its signed request); the service's own wording, which may echo the input,
 * is behind the explicit {@link AwsAIError.serviceMessage} accessor (ADR 0005).
 */

import { getPrivate, redactCredentials, safeCause, setPrivate } from './redact';

/** The AWS services aws-ai talks to, by the names the emulator and error fields use. */
export type ServiceName =
  | 'comprehend'
  | 'translate'
  | 'rekognition'
  | 'polly'
  | 'transcribe'
  | 'transcribe-streaming'
  | 'textract'
  | 'bedrock'
  | 'bedrock-runtime'
  | 'bedrock-agent-runtime'
  | 'sagemaker'
  | 'sagemaker-runtime'
  | 'comprehendmedical'
  | 'personalize-runtime'
  | 'lex-runtime'
  | 's3';

/** Fields every {@link AwsAIError} may carry; all optional because client-side errors have no request. */
export interface AwsAIErrorOptions {
  /** The service the call was for, e.g. `comprehend`. */
  service?: ServiceName | undefined;
  /** The AWS operation, e.g. `BatchDetectSentiment`. */
  operation?: string | undefined;
  /** The AWS error code (`ThrottlingException`) or a client code such as `ETIMEDOUT`. */
  code?: string | undefined;
  /** HTTP status of the response, when there was one. */
  statusCode?: number | undefined;
  /** `x-amzn-requestid` of the failed response, for AWS support cases. */
  requestId?: string | undefined;
  /** Whether the same call may succeed if tried again later. */
  retryable?: boolean | undefined;
  /**
   * The underlying error (an SDK `ServiceException`, a socket error, …). The error keeps a redacted
   * copy (name, code, message, `$metadata`), not the live object: see {@link AwsAIError}.
   */
  cause?: unknown;
  /**
   * The service's own message, verbatim except for credentials. May hold the caller's data (services
   * echo input in validation and model errors); read through {@link AwsAIError.serviceMessage}.
   */
  serviceMessage?: string | undefined;
}

const MARKER_PREFIX = 'aws-ai.error.';

function marker(name: string): symbol {
  return Symbol.for(MARKER_PREFIX + name);
}

function hasMarker(value: unknown, name: string): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[marker(name)] === true
  );
}

/**
 * Root of every error aws-ai throws.
 *
 * @example
 * ```ts
 * import { AwsAIError, ThrottlingError } from 'aws-ai';
 * try {
 *   await ai.text.sentiment('I love it');
 * } catch (err) {
 *   if (ThrottlingError.isInstance(err)) console.log('still throttled after retries', err.requestId);
 *   else if (AwsAIError.isInstance(err)) console.log(err.service, err.operation, err.code);
 *   else throw err;
 * }
 * ```
 */
export class AwsAIError extends Error {
  override readonly name: string = 'AwsAIError';
  readonly service: ServiceName | undefined;
  readonly operation: string | undefined;
  readonly code: string | undefined;
  readonly statusCode: number | undefined;
  readonly requestId: string | undefined;
  readonly retryable: boolean;

  constructor(message: string, options: AwsAIErrorOptions = {}) {
    const cause = safeCause(options.cause);
    super(redactCredentials(message), cause === undefined ? undefined : { cause });
    this.service = options.service;
    this.operation = options.operation;
    this.code = options.code;
    this.statusCode = options.statusCode;
    this.requestId = options.requestId;
    this.retryable = options.retryable ?? false;
    // Mark the instance with every class of its chain, so checks work across package copies.
    for (let proto = Object.getPrototypeOf(this); proto && proto !== Error.prototype; ) {
      const ctor = proto.constructor as { errorName?: string };
      if (ctor.errorName) Object.defineProperty(this, marker(ctor.errorName), { value: true });
      proto = Object.getPrototypeOf(proto);
    }
    if (options.serviceMessage !== undefined) {
      setPrivate(this, 'serviceMessage', redactCredentials(options.serviceMessage));
    }
  }

  /**
   * The AWS service's own message for this failure, verbatim except that credentials are removed.
   * **It may hold the caller's data**: services echo input in validation and model errors (a
   * Bedrock `ValidationException`, a SageMaker `ModelError`). `message` quotes it with echoed spans
   * replaced by their length; read this only where the input may be shown. An accessor, not an own
   * property, so `JSON.stringify`, `util.inspect` and loggers leave it out. An error that wraps an
   * aws-ai error (a batch item, a stream failure) answers with its cause's; `undefined` for errors
   * aws-ai raised itself.
   *
   * @example
   * ```ts
   * catch (err) {
   *   if (ValidationError.isInstance(err)) debugOnly(err.serviceMessage);
   * }
   * ```
   */
  get serviceMessage(): string | undefined {
    const own = getPrivate<string>(this, 'serviceMessage');
    if (own !== undefined) return own;
    // A wrapper (a batch item, a stream failure) answers with the service error it wraps.
    const cause = (this as { cause?: unknown }).cause;
    return AwsAIError.isInstance(cause) ? cause.serviceMessage : undefined;
  }

  /** The class name used for the cross-copy marker; each subclass sets its own. */
  static readonly errorName: string = 'AwsAIError';

  /** True when `value` is this error class (or a subclass), even from another copy of aws-ai. */
  static isInstance<T extends typeof AwsAIError>(
    this: T,
    value: unknown,
  ): value is InstanceType<T> {
    return hasMarker(value, this.errorName);
  }

  /** `instanceof` through {@link AwsAIError.isInstance}: true for a copy from another aws-ai too. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasMarker(value, (this as typeof AwsAIError).errorName);
  }
}

/**
 * The input cannot be sent as it is: too long, wrong format, unsupported language, empty, … Thrown
 * before any network call where the limit is known, and for the service's own validation errors
 * (`ValidationException`, `InvalidRequestException`, `TextSizeLimitExceededException`, …). Never retried.
 */
export class ValidationError extends AwsAIError {
  override readonly name: string = 'ValidationError';
  static override readonly errorName: string = 'ValidationError';
}

/** AWS throttled the call and the retries ran out. `retryable` is true: slow down and try later. */
export class ThrottlingError extends AwsAIError {
  override readonly name: string = 'ThrottlingError';
  static override readonly errorName: string = 'ThrottlingError';
  constructor(message: string, options: AwsAIErrorOptions = {}) {
    super(message, { retryable: true, ...options });
  }
}

/** The credentials lack a permission, or are missing or expired. Never retried. */
export class AccessDeniedError extends AwsAIError {
  override readonly name: string = 'AccessDeniedError';
  static override readonly errorName: string = 'AccessDeniedError';
}

/**
 * AWS credentials could not be obtained: the credential provider threw (an expired SSO session, a
 * missing profile, no role in the environment). Nothing was sent. The message says what to change;
 * `cause` is a redacted copy of the provider's error. A subclass of {@link AccessDeniedError}, so
 * code that handles access errors handles this too. Never retried.
 *
 * @example
 * ```ts
 * import { CredentialsError } from 'aws-ai';
 * try {
 *   await ai.text.sentiment('hello');
 * } catch (err) {
 *   if (CredentialsError.isInstance(err)) console.error('run `aws sso login`:', err.message);
 * }
 * ```
 */
export class CredentialsError extends AccessDeniedError {
  override readonly name: string = 'CredentialsError';
  static override readonly errorName: string = 'CredentialsError';
}

/** A named resource (model, endpoint, job, collection, S3 object) does not exist. Never retried. */
export class NotFoundError extends AwsAIError {
  override readonly name: string = 'NotFoundError';
  static override readonly errorName: string = 'NotFoundError';
}

/**
 * Any other service-side failure: 5xx, a dropped connection, a malformed response, a quota such as
 * "too many concurrent jobs". `retryable` says whether trying again can help.
 */
export class ServiceError extends AwsAIError {
  override readonly name: string = 'ServiceError';
  static override readonly errorName: string = 'ServiceError';
}

/** The call's `timeoutMs` (or an idle-stream timeout) ran out before it finished. */
export class TimeoutError extends AwsAIError {
  override readonly name: string = 'TimeoutError';
  static override readonly errorName: string = 'TimeoutError';
}

/** The caller's `AbortSignal` fired; the request was cancelled and not retried. */
export class AbortError extends AwsAIError {
  override readonly name: string = 'AbortError';
  static override readonly errorName: string = 'AbortError';
}

/**
 * A stream failed after it started: an exception event in the middle of an AWS event stream, a
 * dropped connection, an idle timeout. What was already delivered stays delivered.
 */
export class StreamError extends AwsAIError {
  override readonly name: string = 'StreamError';
  static override readonly errorName: string = 'StreamError';
}

/**
 * One item of an array call failed. It sits at its input `index` in the results (with
 * `throwOnItemError: false`) or in {@link BatchError.failures}. `cause` is the item's own error.
 */
export class BatchItemError extends AwsAIError {
  override readonly name: string = 'BatchItemError';
  static override readonly errorName: string = 'BatchItemError';
  /** Position of the failed item in the caller's input array. */
  readonly index: number;
  constructor(index: number, message: string, options: AwsAIErrorOptions = {}) {
    super(message, options);
    this.index = index;
  }
}

/**
 * Some items of an array call failed and the caller did not ask to keep failures in the results.
 * Carries every result (failures at their index) so nothing that succeeded is lost.
 */
export class BatchError<T = unknown> extends AwsAIError {
  override readonly name: string = 'BatchError';
  static override readonly errorName: string = 'BatchError';
  /** The failed items only, in input order. */
  readonly failures: readonly BatchItemError[];
  constructor(results: ReadonlyArray<T | BatchItemError>, options: AwsAIErrorOptions = {}) {
    const failures = results.filter((r): r is BatchItemError => r instanceof BatchItemError);
    const first = failures[0];
    super(
      `${failures.length} of ${results.length} items failed` +
        (first ? `; first at index ${first.index}: ${first.message}` : ''),
      options,
    );
    setPrivate(this, 'results', results);
    this.failures = failures;
  }

  /**
   * One entry per input, in input order: a result or the item's {@link BatchItemError}. Results
   * hold the caller's data (entities and translations quote the input), so this is an accessor,
   * not an own property: `JSON.stringify`, `util.inspect` and loggers leave it out.
   */
  get results(): ReadonlyArray<T | BatchItemError> {
    return getPrivate<ReadonlyArray<T | BatchItemError>>(this, 'results') ?? [];
  }
}
