import { validateTimeout } from '../config';
import type { ModuleContext } from '../core/context';
import { nameFailure, withSite } from '../core/internal/name-failure';
import { AwsAIError, BatchError, BatchItemError, ValidationError } from '../errors';
import type { Tensor } from '../tensor';
import { DynamicBatcher } from '../tensor/batcher';
import type { BatchRow, DynamicBatcherOptions, PredictOptions } from '../tensor/batcher-types';
import type { BatchTarget } from './batch-invoke';
import { CONTENT_TYPES } from './codecs';
import { loadImpl } from './load-impl';
import { checkEndpoint, checkHeaders, targetHeaders } from './payload';
import type { EndpointBatcherOptions } from './types';

const OPERATION = 'InvokeEndpoint';
const SITE = { service: 'sagemaker-runtime', operation: OPERATION } as const;

/**
 * A row's failure named after the call it was for (the generic batcher knows no service): its own
 * deadline or abort as `sagemaker-runtime InvokeEndpoint: <what happened>`, a refused row likewise.
 */
function named(err: unknown): unknown {
  const stop = AwsAIError.isInstance(err) ? `sagemaker-runtime ${OPERATION}: ${err.message}` : '';
  return nameFailure(err, SITE, stop || undefined);
}

function namedItems(err: unknown): unknown {
  if (!(err instanceof BatchError)) return err;
  const results = err.results.map((r) => {
    if (!(r instanceof BatchItemError)) return r;
    const cause = named(r.cause);
    return cause === r.cause
      ? r
      : new BatchItemError(r.index, (cause as Error).message, { ...SITE, code: r.code, cause });
  });
  return new BatchError<Tensor>(results as Array<Tensor | BatchItemError>, SITE);
}

/**
 * The endpoint's batcher: rows without their own `timeoutMs` get the client's (a `predict` is one
 * public call, bounded like any other, also while it waits in the queue), and a row's timeout or
 * abort names `sagemaker-runtime InvokeEndpoint`.
 */
class EndpointBatcher extends DynamicBatcher {
  readonly #timeoutMs: number | undefined;

  constructor(options: DynamicBatcherOptions, timeoutMs: number | undefined) {
    super(options);
    this.#timeoutMs = timeoutMs;
  }

  #withDeadline(options: PredictOptions): PredictOptions {
    // Bad options are the base class's to refuse, as they are.
    if (typeof options !== 'object' || options === null || this.#timeoutMs === undefined) {
      return options;
    }
    return options.timeoutMs === undefined ? { ...options, timeoutMs: this.#timeoutMs } : options;
  }

  override predict(row: BatchRow, options: PredictOptions = {}): Promise<Tensor> {
    // A refused row throws at once, as the base batcher does; named like a failed one.
    const pending = withSite(SITE, () => super.predict(row, this.#withDeadline(options)));
    return pending.catch((err: unknown) => {
      throw named(err);
    });
  }

  override predictMany(rows: readonly BatchRow[], options: PredictOptions = {}): Promise<Tensor[]> {
    const pending = withSite(SITE, () => super.predictMany(rows, this.#withDeadline(options)));
    return pending.catch((err: unknown) => {
      throw namedItems(err);
    });
  }
}

/**
 * Checks the settings and makes the batcher at once; the code that sends a batch loads with the
 * first batch. @internal
 */
export function endpointBatcher(
  ctx: ModuleContext,
  endpoint: string,
  options: EndpointBatcherOptions = {},
): DynamicBatcher {
  return withSite(SITE, () => newEndpointBatcher(ctx, endpoint, options));
}

function newEndpointBatcher(
  ctx: ModuleContext,
  endpoint: string,
  options: EndpointBatcherOptions,
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
  return new EndpointBatcher(
    {
      ...options,
      // The body is written to the socket before the call settles and the answer never aliases it.
      reuseBatchBuffers: true,
      invoke: async (batch, { signal }) =>
        (await loadImpl()).invokeBatch(ctx, target, batch, signal),
    },
    ctx.config.timeoutMs,
  );
}
