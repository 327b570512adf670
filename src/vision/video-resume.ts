/**
 * Rekognition Video jobs as the one {@link Job} type: `ai.jobs.resume(ref)` and
 * `ai.jobs.fromEvent(event)` rebuild a job from `{ kind: 'rekognition.video', id: JobId, api:
 * 'StartLabelDetection' }` (what Rekognition's SNS message says) and read it into the same
 * {@link VideoResult} `vision.video.results` returns.
 *
 * @packageDocumentation
 */

import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { createJob, type Job, type JobRef, type JobState, type JobStatus } from '../core/job';
import { checkRefKind, refContext } from '../core/job-ref';
import { ValidationError } from '../errors';
import { REKOGNITION } from './rekognition';
import type { VideoItems, VideoKind, VideoResult } from './types';
import { videoResults } from './video';
import { VIDEO_SPECS } from './video-kinds';

/** The kind of a Rekognition Video job's ref. */
export const REKOGNITION_VIDEO_KIND = 'rekognition.video';

const STATES: Record<string, JobState> = {
  IN_PROGRESS: 'in-progress',
  SUCCEEDED: 'completed',
  FAILED: 'failed',
};

// Rekognition's JobId: 1–64 characters of letters, digits, - and _.
const JOB_ID = /^[a-zA-Z0-9-_]{1,64}$/;

/** The video kind a `Start*` operation name (the SNS message's `API`) or a kind name stands for. */
function kindOf(api: unknown): VideoKind {
  const kinds = Object.keys(VIDEO_SPECS) as VideoKind[];
  const kind = kinds.find((k) => VIDEO_SPECS[k].start === api || k === api);
  if (!kind) {
    throw new ValidationError(
      `A Rekognition Video job's ref needs api: one of ${kinds.map((k) => VIDEO_SPECS[k].start).join(', ')}; got ${JSON.stringify(api)}`,
    );
  }
  return kind;
}

/**
 * The ref of a video job, as `ai.jobs.resume` takes it: from what `vision.video.start` returned.
 *
 * @throws ValidationError when the kind or the job id is wrong
 * @example
 * ```ts
 * const started = await ai.vision.video.start('labels', 's3://media/clip.mp4');
 * const ref = videoJobRef(started.kind, started.jobId);
 * ```
 * @internal
 */
export function videoJobRef(kind: VideoKind, jobId: string, region?: string): JobRef {
  const k = kindOf(kind);
  checkId(jobId);
  return {
    kind: REKOGNITION_VIDEO_KIND,
    id: jobId,
    api: VIDEO_SPECS[k].start,
    ...(region ? { region } : {}),
  };
}

function checkId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || !JOB_ID.test(id)) {
    throw new ValidationError(
      `A Rekognition Video job's id is its JobId (1–64 letters, digits, - and _); got ${JSON.stringify(id)}`,
    );
  }
}

/**
 * Rebuilds a Rekognition Video job from its ref: `status()` is one `Get*` call (one item asked
 * for), `results()` waits, reads every page and yields the one time-ordered {@link VideoResult}.
 * Rekognition has no stop operation for these jobs, so the job has no `cancel`.
 *
 * @throws ValidationError when the ref's id or api is wrong, before any request
 * @example
 * ```ts
 * const job = ai.jobs.fromEvent<VideoResult<VideoLabel>>(snsEvent);
 * const [{ items }] = await job.result();
 * ```
 * @internal
 */
export function videoJob(
  base: ModuleContext,
  ref: JobRef,
): Job<VideoResult<VideoItems[VideoKind]>> {
  checkRefKind(ref, REKOGNITION_VIDEO_KIND, 'Rekognition Video');
  checkId(ref.id);
  const kind = kindOf(ref.api);
  const ctx = refContext(base, ref);
  const jobId = ref.id;
  const spec = VIDEO_SPECS[kind];

  const describe = async (options: RequestOptions): Promise<JobStatus> => {
    const page = await callAws(
      ctx,
      REKOGNITION,
      spec.get,
      (attempt) => spec.getPage(attempt, jobId, undefined, 1),
      options,
    );
    const status = page.JobStatus ?? 'IN_PROGRESS';
    return {
      id: jobId,
      state: STATES[status] ?? 'in-progress',
      ...(page.StatusMessage ? { message: page.StatusMessage } : {}),
    };
  };

  async function* read(
    signal: AbortSignal | undefined,
  ): AsyncGenerator<VideoResult<VideoItems[VideoKind]>> {
    yield await videoResults(ctx, { kind, jobId }, signal ? { signal } : {});
  }

  return createJob<VideoResult<VideoItems[VideoKind]>>({
    ref,
    service: 'rekognition',
    operation: spec.get,
    describe,
    read: (_status, options) => read(options.signal),
  });
}
