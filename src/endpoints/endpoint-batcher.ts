import { validateTimeout } from '../config';
import type { ModuleContext } from '../core/context';
import { ValidationError } from '../core/errors';
import { DynamicBatcher } from '../tensor/batcher';
import type { BatchTarget } from './batch-invoke';
import { CONTENT_TYPES } from './codecs';
import { loadImpl } from './load-impl';
import { checkEndpoint, checkHeaders, targetHeaders } from './payload';
import type { EndpointBatcherOptions } from './types';

const OPERATION = 'InvokeEndpoint';

/**
 * Checks the settings and makes the batcher at once; the code that sends a batch loads with the
 * first batch. @internal
 */
export function endpointBatcher(
  ctx: ModuleContext,
  endpoint: string,
  options: EndpointBatcherOptions = {},
): DynamicBatcher {
  checkEndpoint(endpoint);
  checkHeaders(options, OPERATION);
  // Used only once a batch is sent: a 0 or NaN deadline would fail every batch instead of here.
  if (options.callTimeoutMs !== undefined) validateTimeout(options.callTimeoutMs, 'callTimeoutMs');
  const serializer = options.serializer ?? 'npy';
  if (
    typeof serializer !== 'string' ||
    !(serializer in CONTENT_TYPES) ||
    serializer === ('raw' as string)
  ) {
    throw new ValidationError(
      `batcher serializer must be 'npy', 'json', 'csv' or 'jsonlines', got ${typeof serializer === 'string' ? JSON.stringify(serializer.slice(0, 40)) : typeof serializer}`,
    );
  }
  const target: BatchTarget = {
    endpoint,
    serializer,
    accept: options.accept ?? CONTENT_TYPES.npy,
    headers: targetHeaders(options),
    callTimeoutMs: options.callTimeoutMs,
  };
  return new DynamicBatcher({
    ...options,
    // The body is written to the socket before the call settles and the answer never aliases it.
    reuseBatchBuffers: true,
    invoke: async (batch, { signal }) => (await loadImpl()).invokeBatch(ctx, target, batch, signal),
  });
}
