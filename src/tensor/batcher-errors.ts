/** Errors of the {@link DynamicBatcher} that no AWS call produces. */

import { AwsAIError } from '../errors';

/**
 * The batcher's queue holds `maxQueuedRows` rows and `onFull` is `'reject'`: `predict` throws this
 * synchronously, before anything is queued, so a producer can shed load cheaply. `retryable` is true:
 * the same row can be offered again once the queue drains.
 *
 * @example
 * ```ts
 * import { QueueFullError } from 'aws-ai/tensor';
 * try {
 *   pending.push(batcher.predict(row));
 * } catch (err) {
 *   if (QueueFullError.isInstance(err)) return reply(503);
 *   throw err;
 * }
 * ```
 */
export class QueueFullError extends AwsAIError {
  override readonly name: string = 'QueueFullError';
  static override readonly errorName: string = 'QueueFullError';
}
