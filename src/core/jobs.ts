import type { RequestOptions } from '../config';
import { ValidationError } from '../errors';
import type { ModuleContext } from './context';
import type { Job, JobRef, JobStatus, JobWaitOptions } from './job';
import { type JobEvent, jobEvents } from './job-events';

/** Rebuilds a job of one kind from its ref (a module's function, loaded on first use). @internal */
export type JobResumer = (ctx: ModuleContext, ref: JobRef) => Job<unknown>;

/** Loaders of each kind's resumer: dynamic imports, so `ai.jobs` loads only the kind it meets. @internal */
export type JobKinds = Readonly<Record<string, () => Promise<JobResumer>>>;

function refOf(ref: JobRef | string): JobRef {
  let value: unknown = ref;
  if (typeof ref === 'string') {
    try {
      value = JSON.parse(ref);
    } catch {
      throw new ValidationError('ref must be a job ref or its JSON text');
    }
  }
  const r = value as JobRef | null;
  if (
    typeof r !== 'object' ||
    r === null ||
    typeof r.kind !== 'string' ||
    typeof r.id !== 'string'
  ) {
    throw new ValidationError('ref must be a job ref: { kind, id, … } as job.ref gave it');
  }
  return r;
}

/** A job whose module code loads on its first use; `id` and `ref` are there at once. */
function lazyJob<T>(ref: JobRef, load: () => Promise<Job<unknown>>): Job<T> {
  let job: Promise<Job<unknown>> | undefined;
  const real = () => {
    job ??= load();
    return job;
  };
  return {
    id: ref.id,
    ref,
    status: async (options?: RequestOptions): Promise<JobStatus> => (await real()).status(options),
    wait: async (options?: JobWaitOptions): Promise<JobStatus> => (await real()).wait(options),
    results: (options?: JobWaitOptions): AsyncIterable<T> => ({
      [Symbol.asyncIterator]: () => {
        let inner: AsyncIterator<unknown> | undefined;
        return {
          next: async () => {
            inner ??= (await real()).results(options)[Symbol.asyncIterator]();
            return (await inner.next()) as IteratorResult<T>;
          },
          return: async () => {
            await inner?.return?.();
            return { done: true, value: undefined };
          },
        };
      },
    }),
    result: async (options?: JobWaitOptions): Promise<T[]> =>
      (await (await real()).result(options)) as T[],
    cancel: async (options?: RequestOptions): Promise<void> => {
      const loaded = await real();
      if (!loaded.cancel) {
        throw new ValidationError(
          `A ${ref.kind} job cannot be cancelled: AWS has no stop operation for it`,
        );
      }
      await loaded.cancel(options);
    },
  };
}

/**
 * Who resumes, as errors name it: `ai.jobs` (every kind) or one module's functions (its own kinds),
 * with the calls to suggest for an event of several jobs. @internal
 */
export interface JobsOwner {
  readonly name: string;
  readonly events: string;
  readonly resume: string;
}

/** The owner of one module's `resumeJob` / `jobFromEvent` functions, e.g. `'aws-ai/documents'`. @internal */
export function moduleJobsOwner(subpath: string): JobsOwner {
  return { name: subpath, events: 'jobEvents(event)', resume: 'resumeJob(client, ref)' };
}

const ROOT: JobsOwner = {
  name: 'aws-ai',
  events: 'ai.jobs.events(event)',
  resume: 'ai.jobs.resume(ref)',
};

/**
 * A job rebuilt from its ref, of one of `kinds`; its module's code loads on first use. `ai.jobs.resume`
 * and each module's `resumeJob` function. @internal
 */
export function resumeJob<T>(
  ctx: ModuleContext,
  kinds: JobKinds,
  ref: JobRef | string,
  owner: JobsOwner,
): Job<T> {
  const r = refOf(ref);
  const load = Object.hasOwn(kinds, r.kind) ? kinds[r.kind] : undefined;
  if (!load) {
    const others =
      owner === ROOT ? '' : `; resume it with the module of its kind, or ai.jobs.resume`;
    throw new ValidationError(
      `${owner.name} cannot resume a ${r.kind} job (resumable: ${Object.keys(kinds).join(', ')})${others}`,
    );
  }
  return lazyJob<T>(r, async () => (await load())(ctx, r));
}

/** The one job an event is about, of one of `kinds`. @internal */
export function jobFromEvent<T>(
  ctx: ModuleContext,
  kinds: JobKinds,
  event: unknown,
  owner: JobsOwner,
): Job<T> {
  const found = jobEvents(event);
  const [first] = found;
  if (!first || found.length > 1) {
    throw new ValidationError(
      `fromEvent takes one job's event; this one has ${found.length}: use ${owner.events} and ${owner.resume}`,
    );
  }
  return resumeJob<T>(ctx, kinds, first.ref, owner);
}

/**
 * Jobs of every module, rebuilt from a `ref` or from the completion event AWS sends: the Lambda
 * that starts a job need not be the one that reads it. Available as `ai.jobs`.
 *
 * @example
 * ```ts
 * // Lambda 1
 * const job = await ai.generative.batch(records, options);
 * await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify(job.ref) }));
 * // Lambda 2, on the EventBridge "Batch Inference Job State Change" event
 * export const handler = async (event: unknown) => {
 *   for await (const item of ai.jobs.fromEvent(event).results()) console.log(item);
 * };
 * ```
 */
export class Jobs {
  readonly #ctx: ModuleContext;
  readonly #kinds: JobKinds;

  /** @internal */
  constructor(ctx: ModuleContext, kinds: JobKinds) {
    this.#ctx = ctx;
    this.#kinds = kinds;
  }

  /**
   * Rebuilds a job from its `ref` (the object or its JSON text). The job's module loads on the
   * first call of `status`, `wait`, `results`, `result` or `cancel`; the ref's fields are checked
   * then, before any request.
   *
   * @throws ValidationError when `ref` is not a ref, or its kind is not one aws-ai can resume
   * @example
   * ```ts
   * const job = ai.jobs.resume(JSON.parse(message.body));
   * const { state } = await job.status();
   * ```
   */
  resume<T = unknown>(ref: JobRef | string): Job<T> {
    return resumeJob<T>(this.#ctx, this.#kinds, ref, ROOT);
  }

  /**
   * The job events in a Lambda's event: EventBridge state changes (Bedrock batch inference,
   * SageMaker transform, Transcribe) and Textract / Rekognition Video SNS messages, delivered
   * directly, through SNS or through SQS (one per record of a batch).
   *
   * @throws ValidationError when the event (or one record) is not a job event
   * @example
   * ```ts
   * for (const { ref, state, message } of ai.jobs.events(sqsEvent)) {
   *   if (state === 'failed') console.error(ref.id, message);
   * }
   * ```
   */
  events(event: unknown): JobEvent[] {
    return jobEvents(event);
  }

  /**
   * The job an event is about, ready to read: `for await (const r of ai.jobs.fromEvent(event).results())`.
   * For an event with several records (an SQS batch) use {@link Jobs.events} and {@link Jobs.resume}.
   *
   * @throws ValidationError when the event is not one job's event, or its kind cannot be resumed
   * @example
   * ```ts
   * export const handler = async (event: unknown) => {
   *   const job = ai.jobs.fromEvent(event);
   *   for await (const item of job.results()) await save(item);
   * };
   * ```
   */
  fromEvent<T = unknown>(event: unknown): Job<T> {
    return jobFromEvent<T>(this.#ctx, this.#kinds, event, ROOT);
  }
}
