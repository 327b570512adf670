import { failureFields } from '../core/internal/failure-fields';
import { AwsAIError, NotFoundError, ServiceError, ValidationError } from '../errors';
import { getPrivate, hiddenField, setPrivate } from '../redact';

/**
 * SageMaker's 424 `ModelError`: the endpoint was reached but the container answered with an error.
 * Carries what the container said and where its logs are. Not retried: the same request would fail
 * again. `message` gives the container's message by its length only; `originalMessage` holds it.
 *
 * @example
 * ```ts
 * import { EndpointModelError } from 'aws-ai/endpoints';
 * try {
 *   await ai.endpoints.invoke('my-endpoint', payload);
 * } catch (err) {
 *   if (EndpointModelError.isInstance(err)) console.error(err.originalStatusCode, err.logStreamArn);
 * }
 * ```
 */
export class EndpointModelError extends ServiceError {
  override readonly name: string = 'EndpointModelError';
  static override readonly errorName: string = 'EndpointModelError';
  /** HTTP status the container answered with. */
  readonly originalStatusCode: number | undefined;
  /** CloudWatch log stream (or log group) holding the container's logs. */
  readonly logStreamArn: string | undefined;

  constructor(
    message: string,
    options: ConstructorParameters<typeof ServiceError>[1] & {
      originalStatusCode?: number | undefined;
      originalMessage?: string | undefined;
      logStreamArn?: string | undefined;
    },
  ) {
    super(message, options);
    this.originalStatusCode = options?.originalStatusCode;
    setPrivate(this, 'originalMessage', options?.originalMessage);
    this.logStreamArn = options?.logStreamArn;
  }

  /**
   * The container's own message. **It may hold the caller's data** (containers often echo the
   * input they could not parse). An accessor, not an own property: `JSON.stringify`, `util.inspect`
   * and loggers leave it out; read it only where the input may be shown.
   */
  get originalMessage(): string | undefined {
    return getPrivate<string>(this, 'originalMessage');
  }
}

interface ModelErrorFields {
  OriginalStatusCode?: unknown;
  OriginalMessage?: unknown;
  LogStreamArn?: unknown;
  message?: unknown;
}

/**
 * Turns a mapped `ModelError` into an {@link EndpointModelError}, reading the modeled fields or, when
 * absent, the standard wording (`Received client error (400) from primary with message "…". See
 * …logEventViewer:group=… for more information.`). Other errors pass through. @internal
 */
export function withModelDetails(err: AwsAIError): AwsAIError {
  if (err.code !== 'ModelError') return err;
  const cause = (err.cause ?? {}) as ModelErrorFields;
  // The cause is a redacted copy: strings that may echo the input are read from its hidden fields,
  // the wording from the verbatim service message.
  const text =
    err.serviceMessage ?? (typeof cause.message === 'string' ? cause.message : err.message);
  const field = (key: keyof ModelErrorFields): unknown => cause[key] ?? hiddenField(cause, key);
  const modeledStatus = field('OriginalStatusCode');
  const modeledMessage = field('OriginalMessage');
  const modeledLogs = field('LogStreamArn');
  const status =
    typeof modeledStatus === 'number'
      ? modeledStatus
      : Number(/error \((\d{3})\)/.exec(text)?.[1]) || undefined;
  const original =
    typeof modeledMessage === 'string'
      ? modeledMessage
      : /with message "([\s\S]*?)"(?:\. See |$)/.exec(text)?.[1];
  const logs =
    typeof modeledLogs === 'string' ? modeledLogs : /logEventViewer:group=([^\s]+)/.exec(text)?.[1];
  return new EndpointModelError(err.message, {
    ...failureFields(err),
    retryable: false,
    cause: err.cause,
    serviceMessage: err.serviceMessage,
    originalStatusCode: status,
    originalMessage: original,
    logStreamArn: logs,
  });
}

/**
 * An async inference (InvokeEndpointAsync) failed: SageMaker wrote the container's error to the
 * failure location, and `failureBody` holds it (up to 64 KiB of text).
 *
 * @example
 * ```ts
 * import { EndpointAsyncError } from 'aws-ai/endpoints';
 * try {
 *   await ai.endpoints.invokeAsync('video-model', bytes);
 * } catch (err) {
 *   if (EndpointAsyncError.isInstance(err)) console.error(err.failureBody);
 * }
 * ```
 */
export class EndpointAsyncError extends ServiceError {
  override readonly name: string = 'EndpointAsyncError';
  static override readonly errorName: string = 'EndpointAsyncError';
  /** `s3://` URI of the failure object. */
  readonly failureLocation: string;

  constructor(
    message: string,
    options: ConstructorParameters<typeof ServiceError>[1] & {
      failureBody: string;
      failureLocation: string;
    },
  ) {
    super(withoutBody(message, options.failureBody), options);
    setPrivate(this, 'failureBody', options.failureBody);
    this.failureLocation = options.failureLocation;
  }

  /**
   * What SageMaker wrote to the failure location (the container's error). **It may hold the
   * caller's data.** An accessor, not an own property: `JSON.stringify`, `util.inspect` and loggers
   * leave it out.
   */
  get failureBody(): string {
    return getPrivate<string>(this, 'failureBody') ?? '';
  }
}

/** Longest excerpt of a failure body a message could quote. */
const MAX_EXCERPT = 300;

/**
 * The message with any excerpt of the failure body replaced by its length: the body is the
 * container's output and may echo the input (ADR 0005); it stays behind `failureBody`.
 */
function withoutBody(message: string, body: string): string {
  const trimmed = body.trim();
  if (trimmed === '') return message;
  const excerpt = trimmed.slice(0, MAX_EXCERPT);
  const at = message.indexOf(excerpt);
  if (at < 0) return message;
  const end = at + excerpt.length + (message.startsWith('…', at + excerpt.length) ? 1 : 0);
  return `${message.slice(0, at)}[${trimmed.length} characters, in failureBody]${message.slice(end)}`;
}

/**
 * Rethrows call failures with the container's details on a 424. Here rather than in invoke.ts so
 * the stream, async and batch code reach it without InvokeEndpoint's request code (a bundle of the
 * `invokeStream` function carries no other operation). @internal
 */
export function mapInvokeError(err: unknown): never {
  throw AwsAIError.isInstance(err) ? withModelDetails(endpointNotFound(err)) : err;
}

/** SageMaker Runtime's wording for a call to an endpoint that does not exist (a 400 ValidationError). */
const ENDPOINT_NOT_FOUND = /^Endpoint \S+ of account \S+ not found\.?$/;

/**
 * SageMaker answers a missing endpoint with its ValidationError; the error table promises a
 * NotFoundError for it (nothing in the input to change, and the batcher must not bisect it).
 */
function endpointNotFound(err: AwsAIError): AwsAIError {
  if (!ValidationError.isInstance(err) || !ENDPOINT_NOT_FOUND.test(err.serviceMessage ?? '')) {
    return err;
  }
  return new NotFoundError(err.message, {
    ...failureFields(err),
    retryable: false,
    cause: err.cause,
    serviceMessage: err.serviceMessage,
  });
}
