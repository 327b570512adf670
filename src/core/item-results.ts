/**
 * Per-text results of operations that split texts into pieces (aws-ai/text, aws-ai/medical): a
 * piece's failure moved to the index of its text, and the one result of a one-text call.
 *
 * @internal
 * @packageDocumentation
 */

import { AwsAIError, BatchItemError, ServiceError } from '../errors';
import { settleBatch } from './batching';
import { failureFields } from './internal/failure-fields';

/**
 * The same failure as a BatchItemError at `index` (the text a failed piece belongs to), keeping
 * the original error as `cause`.
 * @internal
 */
export function reindexItemError(index: number, err: AwsAIError): BatchItemError {
  const cause = err instanceof BatchItemError && err.cause !== undefined ? err.cause : err;
  return new BatchItemError(index, err.message, {
    ...failureFields(err),
    retryable: err.retryable,
    cause,
  });
}

/**
 * For a one-text call: its result, or its failure thrown as the original error (a
 * ValidationError, ThrottlingError, …), not as a batch item.
 * @throws the text's error; ServiceError `NoResult` when there is no result
 * @internal
 */
export function singleResult<T>(results: ReadonlyArray<T | BatchItemError>): T {
  const [only] = results;
  if (only instanceof BatchItemError) {
    throw AwsAIError.isInstance(only.cause) ? only.cause : only;
  }
  if (only === undefined) {
    throw new ServiceError('The analysis returned no result', { code: 'NoResult' });
  }
  return only;
}

/**
 * One result for one text (its failure thrown as the original error); for an array, results in
 * input order, failures per `throwOnItemError`.
 * @internal
 */
export function settleItems<T>(
  input: string | readonly string[],
  results: Array<T | BatchItemError>,
  options: { throwOnItemError?: boolean | undefined } | undefined,
): T | Array<T | BatchItemError> {
  if (!Array.isArray(input)) return singleResult(results);
  return settleBatch(results, { throwOnItemError: options?.throwOnItemError });
}
