import { runCall } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import type { Job } from '../core/job';
import { loadOnce } from '../core/load-once';
import { ValidationError } from '../errors';
import type {
  VideoCelebrity,
  VideoFace,
  VideoItems,
  VideoJob,
  VideoKind,
  VideoLabel,
  VideoModeration,
  VideoPerson,
  VideoResult,
  VideoSegment,
  VideoText,
  VisionVideo,
  VisionVideoParams,
} from './types';

/** The video job code, loaded on first call. */
/** The Start* operation of each kind (what a failed `start` names). */
const START_OPERATION: Readonly<Record<string, string>> = {
  labels: 'StartLabelDetection',
  faces: 'StartFaceDetection',
  text: 'StartTextDetection',
  moderation: 'StartContentModeration',
  celebrities: 'StartCelebrityRecognition',
  segments: 'StartSegmentDetection',
  persons: 'StartPersonTracking',
};

const impl = /* @__PURE__ */ loadOnce(() => import('./video'));
/** The `Job<T>` adapter of video jobs, loaded by `start`. */
const resumeImpl = /* @__PURE__ */ loadOnce(() => import('./video-resume'));

/**
 * What `video.start` returns: the job as data (`kind`, `jobId`, `stagedUri`, what
 * `video.results(job)` takes) and as the one job type of aws-ai (`id`, `ref`, `status()`,
 * `wait()`, `results()`, `result()`; see docs/jobs.md). Rekognition has no stop operation, so no
 * `cancel`.
 */
export type VideoStartedJob<K extends VideoKind = VideoKind> = VideoJob & {
  kind: K;
  /** `s3://` URI of the uploaded video, when bytes were staged (not deleted: yours to delete). */
  stagedUri: string | undefined;
} & Omit<Job<VideoResult<VideoItems[K]>>, 'cancel'>;

/**
 * Stored-video analysis (`ai.vision.video`). Each method starts a Rekognition Video job on an S3
 * video (≤10 GB, ≤6 h, H.264 in MP4/MOV; bytes are uploaded through `config.staging` and deleted
 * afterwards), polls `Get*` (`pollIntervalMs` 5 s, growing to `maxPollIntervalMs` 30 s; `onProgress`
 * after each running check; `polling: {}` is their deprecated alias), reads every
 * `NextToken` page (1,000 items each) and returns one result with the items in time order and
 * boxes both relative and in pixels of the video frame.
 *
 * At most 20 jobs run at once per account: a start beyond that fails with `LimitExceededException`
 * (a non-retryable {@link AwsAIError}), because retrying blindly does not help until jobs finish.
 *
 * With an SNS `notificationChannel`, use {@link VideoJobs.start} and, once notified,
 * {@link VideoJobs.results}.
 *
 * @example
 * ```ts
 * const { items, video } = await ai.vision.video.labels('s3://media/clip.mp4', { minConfidence: 80 });
 * for (const { timestampMs, label } of items) console.log(timestampMs, label.name);
 * ```
 */
export class VideoJobs {
  /** @internal */
  constructor(private readonly ctx: ModuleContext) {}

  /**
   * Labels (objects, scenes, activities) over time (StartLabelDetection / GetLabelDetection).
   * @throws ValidationError for a non-video input or bad options (before any call)
   * @throws ServiceError (code `JobFailed`) when the job fails; TimeoutError after `polling.timeoutMs`
   * @example
   * ```ts
   * const { items } = await ai.vision.video.labels('s3://media/clip.mp4');
   * ```
   */
  async labels(video: VisionVideo, options?: VisionVideoParams): Promise<VideoResult<VideoLabel>> {
    return runCall(
      this.ctx,
      options,
      { service: 'rekognition', operation: 'StartLabelDetection', method: 'vision.video.labels' },
      async (scoped) => (await impl()).runVideo(this.ctx, 'labels', video, scoped),
    );
  }

  /**
   * Faces over time (StartFaceDetection / GetFaceDetection); `faceAttributes: 'ALL'` for attributes.
   * @throws ValidationError, ServiceError (`JobFailed`), TimeoutError — as {@link VideoJobs.labels}
   * @example
   * ```ts
   * const { items } = await ai.vision.video.faces('s3://media/clip.mp4', { faceAttributes: 'ALL' });
   * ```
   */
  async faces(video: VisionVideo, options?: VisionVideoParams): Promise<VideoResult<VideoFace>> {
    return runCall(
      this.ctx,
      options,
      { service: 'rekognition', operation: 'StartFaceDetection', method: 'vision.video.faces' },
      async (scoped) => (await impl()).runVideo(this.ctx, 'faces', video, scoped),
    );
  }

  /**
   * Lines and words over time (StartTextDetection / GetTextDetection).
   * @throws ValidationError, ServiceError (`JobFailed`), TimeoutError — as {@link VideoJobs.labels}
   * @example
   * ```ts
   * const words = (await ai.vision.video.text('s3://media/clip.mp4')).items.filter((i) => i.text.type === 'word');
   * ```
   */
  async text(video: VisionVideo, options?: VisionVideoParams): Promise<VideoResult<VideoText>> {
    return runCall(
      this.ctx,
      options,
      { service: 'rekognition', operation: 'StartTextDetection', method: 'vision.video.text' },
      async (scoped) => (await impl()).runVideo(this.ctx, 'text', video, scoped),
    );
  }

  /**
   * Unsafe-content labels over time (StartContentModeration / GetContentModeration).
   * @throws ValidationError, ServiceError (`JobFailed`), TimeoutError — as {@link VideoJobs.labels}
   * @example
   * ```ts
   * const { items } = await ai.vision.video.moderation('s3://media/upload.mp4', { minConfidence: 60 });
   * ```
   */
  async moderation(
    video: VisionVideo,
    options?: VisionVideoParams,
  ): Promise<VideoResult<VideoModeration>> {
    return runCall(
      this.ctx,
      options,
      {
        service: 'rekognition',
        operation: 'StartContentModeration',
        method: 'vision.video.moderation',
      },
      async (scoped) => (await impl()).runVideo(this.ctx, 'moderation', video, scoped),
    );
  }

  /**
   * Celebrities over time (StartCelebrityRecognition / GetCelebrityRecognition).
   * @throws ValidationError, ServiceError (`JobFailed`), TimeoutError — as {@link VideoJobs.labels}
   * @example
   * ```ts
   * const names = new Set((await ai.vision.video.celebrities(uri)).items.map((i) => i.celebrity.name));
   * ```
   */
  async celebrities(
    video: VisionVideo,
    options?: VisionVideoParams,
  ): Promise<VideoResult<VideoCelebrity>> {
    return runCall(
      this.ctx,
      options,
      {
        service: 'rekognition',
        operation: 'StartCelebrityRecognition',
        method: 'vision.video.celebrities',
      },
      async (scoped) => (await impl()).runVideo(this.ctx, 'celebrities', video, scoped),
    );
  }

  /**
   * Shots and technical cues (StartSegmentDetection / GetSegmentDetection); `minConfidence` 50–100.
   * @throws ValidationError, ServiceError (`JobFailed`), TimeoutError — as {@link VideoJobs.labels}
   * @example
   * ```ts
   * const shots = (await ai.vision.video.segments(uri, { segmentTypes: ['SHOT'] })).items;
   * ```
   */
  async segments(
    video: VisionVideo,
    options?: VisionVideoParams,
  ): Promise<VideoResult<VideoSegment>> {
    return runCall(
      this.ctx,
      options,
      {
        service: 'rekognition',
        operation: 'StartSegmentDetection',
        method: 'vision.video.segments',
      },
      async (scoped) => (await impl()).runVideo(this.ctx, 'segments', video, scoped),
    );
  }

  /**
   * People tracked by index over time (StartPersonTracking / GetPersonTracking). AWS has announced
   * the end of person pathing; prefer `labels` (Person instances) for new code.
   * @throws ValidationError, ServiceError (`JobFailed`), TimeoutError — as {@link VideoJobs.labels}
   * @example
   * ```ts
   * const { items } = await ai.vision.video.persons('s3://media/lobby.mp4');
   * ```
   */
  async persons(
    video: VisionVideo,
    options?: VisionVideoParams,
  ): Promise<VideoResult<VideoPerson>> {
    return runCall(
      this.ctx,
      options,
      { service: 'rekognition', operation: 'StartPersonTracking', method: 'vision.video.persons' },
      async (scoped) => (await impl()).runVideo(this.ctx, 'persons', video, scoped),
    );
  }

  /**
   * Starts a job without waiting (for SNS notification flows, or to read it elsewhere). Bytes are
   * staged and NOT deleted: `stagedUri` says where they are. The job is also a `Job<T>`: `job.ref`
   * rebuilds it in another process (`ai.jobs.resume(ref)`), `job.wait()` / `job.result()` poll and
   * read it (`video.results(job)` still works). `timeoutMs` and `signal` bound the start (upload and
   * Start* request) as one call; the job it returns is not bound to them. `polling.timeoutMs` bounds
   * the wait for a job slot.
   * @throws ValidationError for a bad kind, input or options (before any call)
   * @example
   * ```ts
   * const job = await ai.vision.video.start('labels', uri, {
   *   notificationChannel: { snsTopicArn, roleArn },
   * });
   * await queue.send(JSON.stringify(job.ref)); // elsewhere: ai.jobs.resume(ref).result()
   * const [result] = await job.result({ timeoutMs: 600_000 });
   * ```
   */
  async start<K extends VideoKind>(
    kind: K,
    video: VisionVideo,
    options?: VisionVideoParams,
  ): Promise<VideoStartedJob<K>> {
    // One call scope for the start (upload and Start* request), named after the real Start*
    // operation (was: each request on its own, a deadline or abort named "StartJob" or s3). The job
    // it returns is not bound to it: `wait` / `result` take their own options.
    const operation =
      (typeof kind === 'string' && Object.hasOwn(START_OPERATION, kind) && START_OPERATION[kind]) ||
      'StartJob';
    return runCall(this.ctx, options, { service: 'rekognition', operation }, async (scoped) => {
      const job = await (await impl()).startVideoJob(this.ctx, kind, video, scoped);
      const { videoJob, videoJobRef } = await resumeImpl();
      const live = videoJob(this.ctx, videoJobRef(kind, job.jobId)) as Job<
        VideoResult<VideoItems[K]>
      >;
      return Object.assign(live, { kind, jobId: job.jobId, stagedUri: job.stagedUri });
    });
  }

  /**
   * Waits for a started job (polling as the other methods) and reads every page into one result.
   * @throws ServiceError (code `JobFailed`) when the job failed; NotFoundError for an unknown job id
   * @example
   * ```ts
   * const { items, pages } = await ai.vision.video.results({ kind: 'faces', jobId });
   * ```
   */
  async results<K extends VideoKind>(
    job: VideoJob & { kind: K },
    options?: VisionVideoParams,
  ): Promise<VideoResult<VideoItems[K]>> {
    return runCall(
      this.ctx,
      options,
      { service: 'rekognition', operation: 'GetJobResults', method: 'vision.video.results' },
      async (scoped) => (await impl()).videoResults(this.ctx, checkJob(job), scoped),
    );
  }
}

/** A job handed back to `results` must be what `start` returned: a known kind and a job id. */
function checkJob<J extends VideoJob>(job: J): J {
  const { kind, jobId } = (job ?? {}) as Partial<VideoJob>;
  if (
    typeof job !== 'object' ||
    job === null ||
    typeof kind !== 'string' ||
    !Object.hasOwn(VIDEO_KIND_NAMES, kind) ||
    typeof jobId !== 'string' ||
    jobId.length === 0
  ) {
    throw new ValidationError(
      `job must be what video.start() returned: { kind: one of ${Object.keys(VIDEO_KIND_NAMES).join(', ')}, jobId: string }`,
    );
  }
  return job;
}

const VIDEO_KIND_NAMES: Record<VideoKind, true> = {
  labels: true,
  faces: true,
  text: true,
  moderation: true,
  celebrities: true,
  segments: true,
  persons: true,
};
