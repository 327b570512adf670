import type { VideoMetadata as AwsVideoMetadata } from '@aws-sdk/client-rekognition';
import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { resolveBinary, type S3Location } from '../core/inputs';
import { type JobWaitOptions, jobWaitOptions, pollOptionsOf } from '../core/job';
import { notificationChannelInput } from '../core/job-notification';
import { whenJobSlotFree } from '../core/job-slot';
import { collectPages, poll } from '../core/polling';
import { type StagedObject, type StageOptions, stageForJob, withStaged } from '../core/staging';
import { ServiceError, ValidationError } from '../errors';
import type { ImageSize } from './image-header';
import { REKOGNITION_MAX_VIDEO_PAGE } from './limits';
import { checkRange } from './params';
import { REKOGNITION } from './rekognition';
import type {
  VideoItems,
  VideoJob,
  VideoKind,
  VideoMetadata,
  VideoResult,
  VisionVideo,
  VisionVideoParams,
} from './types';
import { type StartBase, VIDEO_SPECS, type VideoPage } from './video-kinds';

/** A started job, and what to delete once Rekognition has read the video. @internal */
export interface StartedVideoJob extends VideoJob {
  cleanup(): Promise<void>;
  /** `s3://` URI of the uploaded video, when bytes were staged. */
  stagedUri: string | undefined;
}

const DEFAULT_INTERVAL_MS = 5000;
const DEFAULT_MAX_INTERVAL_MS = 30_000;

/**
 * The wait options of a `video.*` call in the shared shape: top-level `pollIntervalMs`,
 * `maxPollIntervalMs`, `onProgress`, with the deprecated `polling: {}` block mapped by core
 * `jobWaitOptions` (a top-level name wins over its `polling` one). The call's own `timeoutMs`
 * bounds the whole call (its scope), so only `polling.timeoutMs` bounds the waiting alone.
 * @throws ValidationError naming the option, before any request
 */
function waitOptions(params: VisionVideoParams): JobWaitOptions {
  return jobWaitOptions({ ...params, timeoutMs: undefined, signal: undefined });
}

/** The request options of one call, without the job-level wait options. */
function requestOptions(params: VisionVideoParams, signal?: AbortSignal): RequestOptions {
  return {
    ...(params.timeoutMs !== undefined ? { timeoutMs: params.timeoutMs } : {}),
    ...(params.retry !== undefined ? { retry: params.retry } : {}),
    ...((signal ?? params.signal) ? { signal: signal ?? params.signal } : {}),
  };
}

function checkKind(kind: unknown): asserts kind is VideoKind {
  if (typeof kind !== 'string' || !(kind in VIDEO_SPECS)) {
    throw new ValidationError(`video kind must be one of ${Object.keys(VIDEO_SPECS).join(', ')}`);
  }
}

function checkParams(kind: VideoKind, params: VisionVideoParams): void {
  checkRange('minConfidence', params.minConfidence, kind === 'segments' ? 50 : 0, 100);
  const { jobTag, clientRequestToken, segmentTypes, faceAttributes } = params as Record<
    string,
    unknown
  >;
  checkPattern('jobTag', jobTag, JOB_TAG, 'letters, digits and _ . - : + = /, 1 to 1024');
  checkPattern(
    'clientRequestToken',
    clientRequestToken,
    CLIENT_REQUEST_TOKEN,
    'letters, digits, - and _, 1 to 64',
  );
  if (segmentTypes !== undefined) {
    if (!Array.isArray(segmentTypes) || segmentTypes.length === 0) {
      throw new ValidationError(
        "segmentTypes must be a non-empty array of 'TECHNICAL_CUE' and 'SHOT'",
      );
    }
    for (let i = 0; i < segmentTypes.length; i++) {
      if (!SEGMENT_TYPES.has(segmentTypes[i])) {
        throw new ValidationError(
          `segmentTypes[${i}] must be 'TECHNICAL_CUE' or 'SHOT', got ${i in segmentTypes ? typeof segmentTypes[i] : 'a hole'}`,
        );
      }
    }
  }
  if (faceAttributes !== undefined && faceAttributes !== 'DEFAULT' && faceAttributes !== 'ALL') {
    throw new ValidationError(
      `faceAttributes must be 'DEFAULT' or 'ALL', got ${typeof faceAttributes === 'string' ? `a ${faceAttributes.length}-character string` : typeof faceAttributes}`,
    );
  }
}

/** Rekognition's `JobTag` and `ClientRequestToken` (its service model). */
const JOB_TAG = /^[a-zA-Z0-9_.\-:+=/]{1,1024}$/;
const CLIENT_REQUEST_TOKEN = /^[a-zA-Z0-9_-]{1,64}$/;
const SEGMENT_TYPES: ReadonlySet<unknown> = new Set(['TECHNICAL_CUE', 'SHOT']);

function checkPattern(name: string, value: unknown, pattern: RegExp, rule: string): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new ValidationError(
      `${name} must be ${rule} characters, got ${typeof value === 'string' ? `a ${value.length}-character string` : typeof value}`,
    );
  }
}

/** The video as an S3 object of the caller's, or checked bytes to stage. */
async function resolveVideo(kind: VideoKind, input: VisionVideo): Promise<Uint8Array | S3Location> {
  const resolved = await resolveBinary(input, { label: 'video' });
  const purpose = `Rekognition ${VIDEO_SPECS[kind].start}`;
  if (resolved.kind === 's3') {
    // Only a known non-video extension is refused: keys often have none.
    if (resolved.format !== undefined && resolved.format !== 'mp4') {
      throw new ValidationError(
        `video s3://${resolved.bucket}/${resolved.key} looks like ${resolved.format} by its extension; ${purpose} takes H.264 video in MP4 or MOV`,
      );
    }
    const { bucket, key, versionId } = resolved;
    return { bucket, key, ...(versionId ? { versionId } : {}) };
  }
  if (resolved.format !== 'mp4') {
    throw new ValidationError(
      `video is ${resolved.format ? `a ${resolved.format.toUpperCase()} file` : 'not a recognisable video'}; ${purpose} takes H.264 video in MP4 or MOV`,
    );
  }
  return resolved.bytes;
}

function stageOptions(kind: VideoKind, params: VisionVideoParams): StageOptions {
  return {
    ...params,
    ...requestOptions(params),
    purpose: `Rekognition ${VIDEO_SPECS[kind].start}`,
    extension: 'mp4',
    contentType: 'video/mp4',
  };
}

/** Checks what can be checked before the video is staged or any call is made. */
function checkBeforeStart(kind: VideoKind, params: VisionVideoParams) {
  checkKind(kind);
  checkParams(kind, params);
  waitOptions(params);
  // Checked before the video is staged, like the other parameters.
  return notificationChannelInput(params.notificationChannel);
}

/**
 * Sends the `Start*` call. `LimitExceededException` (20 concurrent jobs) is not a throttle: the start
 * waits for a free slot, trying again at the poll interval until `polling.timeoutMs`.
 */
async function sendStart(
  ctx: ModuleContext,
  kind: VideoKind,
  object: StagedObject,
  channel: ReturnType<typeof notificationChannelInput>,
  params: VisionVideoParams,
): Promise<string> {
  const spec = VIDEO_SPECS[kind];
  const { bucket, key, versionId } = object;
  const base: StartBase = {
    Video: {
      S3Object: { Bucket: bucket, Name: key, ...(versionId ? { Version: versionId } : {}) },
    },
    ...(channel ? { NotificationChannel: channel } : {}),
    ...(params.jobTag !== undefined ? { JobTag: params.jobTag } : {}),
    ...(params.clientRequestToken !== undefined
      ? { ClientRequestToken: params.clientRequestToken }
      : {}),
  };
  const out = await whenJobSlotFree(
    () =>
      callAws(
        ctx,
        REKOGNITION,
        spec.start,
        (attempt) => spec.startJob(attempt, base, params),
        requestOptions(params),
      ),
    slotOptions(params),
  );
  if (!out.JobId) {
    throw new ServiceError(`rekognition ${spec.start} returned no JobId`, {
      service: 'rekognition',
      operation: spec.start,
    });
  }
  return out.JobId;
}

/** How long and how often a start waits for a free job slot: the poll interval and `polling.timeoutMs`. */
function slotOptions(params: VisionVideoParams) {
  const wait = waitOptions(params);
  return {
    ...(wait.pollIntervalMs !== undefined ? { intervalMs: wait.pollIntervalMs } : {}),
    ...(wait.maxPollIntervalMs !== undefined ? { maxIntervalMs: wait.maxPollIntervalMs } : {}),
    ...(wait.timeoutMs !== undefined ? { timeoutMs: wait.timeoutMs } : {}),
    signal: params.signal,
  };
}

/**
 * Starts one video job (the public `video.start`): a staged upload stays until the caller's
 * `cleanup()`, except when the start fails (then it is deleted at once, and the error lists it in
 * `stagedObjects`).
 * @internal
 */
export async function startVideoJob(
  ctx: ModuleContext,
  kind: VideoKind,
  input: VisionVideo,
  params: VisionVideoParams = {},
): Promise<StartedVideoJob> {
  const channel = checkBeforeStart(kind, params);
  const media = await resolveVideo(kind, input);
  // Kept when the start succeeds (the job reads it), deleted when it fails; the starter's call
  // settles only after that delete (stageForJob).
  const { value: jobId, object: staged } = await stageForJob(
    ctx,
    media,
    stageOptions(kind, params),
    (object) => sendStart(ctx, kind, object, channel, params),
  );
  return {
    kind,
    jobId,
    cleanup: async () => {
      await staged.cleanup();
    },
    stagedUri: staged.uploaded ? staged.uri : undefined,
  };
}

function toMetadata(
  meta: AwsVideoMetadata | AwsVideoMetadata[] | undefined,
): VideoMetadata | undefined {
  const m = Array.isArray(meta) ? meta[0] : meta;
  if (!m) return undefined;
  return {
    durationMs: m.DurationMillis,
    frameRate: m.FrameRate,
    format: m.Format,
    codec: m.Codec,
    frameWidth: m.FrameWidth,
    frameHeight: m.FrameHeight,
  };
}

/**
 * Polls Get* until the job ends, then reads every page (the page that said SUCCEEDED is the first)
 * and merges the items in time order.
 * @internal
 */
export async function videoResults<K extends VideoKind>(
  ctx: ModuleContext,
  job: VideoJob & { kind: K },
  params: VisionVideoParams = {},
): Promise<VideoResult<VideoItems[K]>> {
  checkKind(job.kind);
  if (typeof job.jobId !== 'string' || job.jobId === '') {
    throw new ValidationError('job.jobId must be the JobId a video job was started with');
  }
  const spec = VIDEO_SPECS[job.kind];
  const get = (token: string | undefined, signal?: AbortSignal): Promise<VideoPage> =>
    callAws(
      ctx,
      REKOGNITION,
      spec.get,
      (attempt) => spec.getPage(attempt, job.jobId, token, REKOGNITION_MAX_VIDEO_PAGE),
      requestOptions(params, signal),
    );
  const wait = waitOptions(params);
  const first = await poll<VideoPage>(
    async (signal) => {
      const page = await get(undefined, signal);
      if (page.JobStatus === 'SUCCEEDED') return { done: true, value: page };
      if (page.JobStatus === 'FAILED') {
        throw new ServiceError(
          `rekognition ${spec.start} job ${job.jobId} failed: ${page.StatusMessage ?? 'no reason given'}`,
          { service: 'rekognition', operation: spec.get, code: 'JobFailed' },
        );
      }
      wait.onProgress?.({ id: job.jobId, state: 'in-progress', awsStatus: page.JobStatus });
      return { done: false, status: page.JobStatus };
    },
    pollOptionsOf(
      { ...wait, ...(params.signal !== undefined ? { signal: params.signal } : {}) },
      { intervalMs: DEFAULT_INTERVAL_MS, maxIntervalMs: DEFAULT_MAX_INTERVAL_MS },
    ),
  );
  const all = await collectPages<VideoPage>(
    async (token, signal) => {
      const page = token === undefined ? first : await get(token, signal);
      return { page, nextToken: page.NextToken };
    },
    { signal: params.signal },
  );
  const video = toMetadata(first.VideoMetadata);
  const frame: ImageSize | undefined =
    video?.frameWidth && video.frameHeight
      ? { width: video.frameWidth, height: video.frameHeight }
      : undefined;
  const items = all.flatMap((page) => spec.items(page, frame) as VideoItems[K][]);
  // Stable: items of one timestamp keep the service's order.
  items.sort((a, b) => a.timestampMs - b.timestampMs);
  return { jobId: job.jobId, video, items, pages: all.length };
}

/**
 * Start, wait, read every page. A staged upload is deleted once the call is over, whatever its outcome
 * (success, failure, abort, timeout); a failed delete is listed in `stagedObjects` on the error, or on
 * the result. @internal
 */
export async function runVideo<K extends VideoKind>(
  ctx: ModuleContext,
  kind: K,
  input: VisionVideo,
  params: VisionVideoParams = {},
): Promise<VideoResult<VideoItems[K]>> {
  const channel = checkBeforeStart(kind, params);
  const media = await resolveVideo(kind, input);
  return withStaged(ctx, media, stageOptions(kind, params), async (staged) => {
    const jobId = await sendStart(ctx, kind, staged, channel, params);
    return videoResults(ctx, { kind, jobId }, params);
  });
}
