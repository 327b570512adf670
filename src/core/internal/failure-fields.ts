import type { AwsAIError, AwsAIErrorOptions } from '../../errors';

/**
 * Where and how an error's failure happened (service, operation, AWS code, HTTP status, request
 * id): what an error re-typed from it keeps, e.g. a `ValidationError` that turns into a
 * `NotFoundError` once its message says what it is.
 *
 * @example
 * ```ts
 * return new NotFoundError(err.message, { ...failureFields(err), cause: err.cause });
 * ```
 * @internal
 */
export function failureFields(
  err: AwsAIError,
): Pick<AwsAIErrorOptions, 'service' | 'operation' | 'code' | 'statusCode' | 'requestId'> {
  return {
    service: err.service,
    operation: err.operation,
    code: err.code,
    statusCode: err.statusCode,
    requestId: err.requestId,
  };
}
