import { ValidationError } from '../errors';
import { serialize } from './codecs';
import { SAGEMAKER_HEADER_LIMITS, SAGEMAKER_MAX_BODY_BYTES } from './limits';
import type { EndpointPayload, EndpointSerializer, EndpointTargetOptions } from './types';

const SITE = { service: 'sagemaker-runtime', operation: 'InvokeEndpoint' } as const;

/** Serializes a payload and picks its content type; checks the 6 MiB limit before any call. @internal */
export function encodePayload(
  payload: EndpointPayload,
  contentType: string | undefined,
  serializer?: EndpointSerializer | undefined,
  operation = 'InvokeEndpoint',
): { body: Uint8Array; contentType: string } {
  const { body, contentType: implied } = serialize(payload, serializer);
  return { body: checkBodySize(body, operation), contentType: contentType ?? implied };
}

/** Returns `body` when it is within the 6 MiB limit of a synchronous call. @internal */
export function checkBodySize(body: Uint8Array, operation = 'InvokeEndpoint'): Uint8Array {
  if (body.byteLength > SAGEMAKER_MAX_BODY_BYTES) {
    throw new ValidationError(
      `payload is ${body.byteLength} bytes; ${operation} takes at most ${SAGEMAKER_MAX_BODY_BYTES} (6 MiB). ` +
        'Split the batch, or use invokeAsync for large inputs',
      { ...SITE, operation, code: 'PayloadTooLarge' },
    );
  }
  return body;
}

type HeaderName = keyof typeof SAGEMAKER_HEADER_LIMITS;

/** Letters and digits, single or repeated hyphens between them. */
const ALNUM_HYPHENS = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;

/**
 * The anchored patterns of SageMaker Runtime's model (sagemaker-runtime.json) for the header-borne
 * options, which SageMaker answers with a ValidationError after the call. (`TargetVariant` and
 * `TargetContainerHostname` patterns are anchored at the start only, and `InferenceId` /
 * `TargetModel` only ask for a first character that is no space, which HTTP trims from a header
 * anyway: the visible-ASCII and not-blank checks cover what they hold.)
 */
function patternOf(name: HeaderName, operation: string): { re: RegExp; what: string } | undefined {
  switch (name) {
    case 'inferenceComponent':
      // InferenceComponentName: ^[a-zA-Z0-9]([\-a-zA-Z0-9]*[a-zA-Z0-9])?$
      return {
        re: /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/,
        what: 'must be letters, digits and hyphens, starting and ending with a letter or digit',
      };
    case 'sessionId':
      // InvokeEndpoint: ^(NEW_SESSION)$|^[a-zA-Z0-9](-*[a-zA-Z0-9])*$; the stream's has no NEW_SESSION.
      return operation === 'InvokeEndpoint'
        ? {
            re: /^(NEW_SESSION|[a-zA-Z0-9](-*[a-zA-Z0-9])*)$/,
            what: "must be 'NEW_SESSION' or a session id (letters, digits and hyphens, starting and ending with a letter or digit)",
          }
        : {
            re: ALNUM_HYPHENS,
            what: `must be the id of an open session (letters, digits and hyphens, starting and ending with a letter or digit); ${operation} cannot open one ('NEW_SESSION'): open it with invoke`,
          };
    default:
      return undefined;
  }
}

/**
 * Checks the header-borne options an operation was given against their documented lengths, before
 * any call. Only the options named in `SAGEMAKER_HEADER_LIMITS` are read; absent ones are skipped.
 * @internal
 */
export function checkHeaders(options: object, operation: string): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValidationError(
      `options must be an object, got ${Array.isArray(options) ? 'an array' : options === null ? 'null' : typeof options}`,
      { ...SITE, operation },
    );
  }
  const values = options as Partial<Record<HeaderName, unknown>>;
  for (const name of Object.keys(SAGEMAKER_HEADER_LIMITS) as HeaderName[]) {
    const value = values[name];
    if (value === undefined) continue;
    const [min, max] = SAGEMAKER_HEADER_LIMITS[name];
    if (typeof value !== 'string' || value.length < min || value.length > max) {
      throw new ValidationError(
        `${name} must be a string of ${min}–${max} characters, got ${typeof value === 'string' ? `${value.length}` : typeof value}`,
        { ...SITE, operation },
      );
    }
    if (name === 'customAttributes' && !/^[\x20-\x7e]*$/.test(value)) {
      throw new ValidationError(
        'customAttributes may hold only visible US-ASCII characters (0x20–0x7E)',
        { ...SITE, operation },
      );
    }
    // Sent as HTTP headers: anything else fails in the HTTP client (ERR_INVALID_CHAR) after the call began.
    if (!/^[\x20-\x7e]*$/.test(value)) {
      throw new ValidationError(
        `${name} may hold only visible US-ASCII characters and spaces (0x20–0x7E); it is sent as an HTTP header`,
        { ...SITE, operation },
      );
    }
    if (value.length > 0 && value.trim() === '') {
      throw new ValidationError(`${name} must not be blank; leave it out instead`, {
        ...SITE,
        operation,
      });
    }
    const pattern = value.length > 0 ? patternOf(name, operation) : undefined;
    if (pattern && !pattern.re.test(value)) {
      // The value is not quoted: a session or inference id may be the caller's own identifier.
      throw new ValidationError(`${name} ${pattern.what} (got ${value.length} characters)`, {
        ...SITE,
        operation,
      });
    }
  }
}

/**
 * SageMaker's `EndpointName` (sagemaker-runtime service model): at most 63 characters, letters and
 * digits with single or repeated hyphens between them.
 */
const ENDPOINT_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const ENDPOINT_NAME_MAX = 63;

/**
 * Checks the endpoint name before any call, against SageMaker's own pattern and length: a name it
 * would refuse (or a 100k-character one that no HTTP server accepts in a URL) is a ValidationError
 * saying what a name looks like, not an `UnknownError` or a dropped connection.
 * @internal
 */
export function checkEndpoint(endpoint: unknown): asserts endpoint is string {
  if (typeof endpoint !== 'string' || endpoint.trim() === '') {
    throw new ValidationError('endpoint must be the name of a SageMaker endpoint', {
      ...SITE,
      code: 'InvalidEndpointName',
    });
  }
  if (endpoint.length > ENDPOINT_NAME_MAX || !ENDPOINT_NAME.test(endpoint)) {
    throw new ValidationError(
      `endpoint must be a SageMaker endpoint name: 1–${ENDPOINT_NAME_MAX} letters, digits and hyphens, starting and ending with a letter or digit (got ${endpoint.length} characters${endpoint.length > ENDPOINT_NAME_MAX ? '' : ' with other characters'}); pass the name, not the ARN or URL`,
      { ...SITE, code: 'InvalidEndpointName' },
    );
  }
}

/** The routing headers of the SDK input, only those given. @internal */
export function targetHeaders(options: EndpointTargetOptions): Record<string, string> {
  const out: Record<string, string> = {};
  if (options.customAttributes) out.CustomAttributes = options.customAttributes;
  if (options.targetModel) out.TargetModel = options.targetModel;
  if (options.targetVariant) out.TargetVariant = options.targetVariant;
  if (options.targetContainerHostname) {
    out.TargetContainerHostname = options.targetContainerHostname;
  }
  if (options.inferenceComponent) out.InferenceComponentName = options.inferenceComponent;
  if (options.inferenceId) out.InferenceId = options.inferenceId;
  return out;
}
