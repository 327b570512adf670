import type { VideoMetadata as AwsVideoMetadata, Video } from '@aws-sdk/client-rekognition';
import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { ServiceError, ValidationError } from '../core/errors';
import { resolveBinary } from '../core/inputs';
import { notificationChannelInput } from '../core/job-notification';
import { whenJobSlotFree } from '../core/job-slot';
import { collectPages, poll } from '../core/polling';
import { stage } from '../core/staging';
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

/** The request options of one call, without the job-level `polling`. */
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
}

/** Resolves the video to an S3 object, uploading bytes through staging. */
async function placeVideo(
  ctx: ModuleContext,
  kind: VideoKind,
  input: VisionVideo,
  params: VisionVideoParams,
): Promise<{ video: Video; cleanup(): Promise<void>; stagedUri: string | undefined }> {
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
    return {
      video: {
        S3Object: { Bucket: bucket, Name: key, ...(versionId ? { Version: versionId } : {}) },
      },
      cleanup: async () => {},
      stagedUri: undefined,
    };
  }
  if (resolved.format !== 'mp4') {
    throw new ValidationError(
      `video is ${resolved.format ? `a ${resolved.format.toUpperCase()} file` : 'not a recognisable video'}; ${purpose} takes H.264 video in MP4 or MOV`,
    );
  }
  const staged = await stage(ctx, resolved.bytes, {
    ...requestOptions(params),
    purpose,
    extension: 'mp4',
    contentType: 'video/mp4',
  });
  return {
    video: { S3Object: { Bucket: staged.bucket, Name: staged.key } },
    cleanup: () => staged.cleanup(),
    stagedUri: staged.uri,
  };
}

/**
 * Starts one video job. `LimitExceededException` (20 concurrent jobs) is not a throttle: the start
 * waits for a free slot, trying again at the `polling` interval until `polling.timeoutMs`.
 * @internal
 */
export async function startVideoJob(
  ctx: ModuleContext,
  kind: VideoKind,
  input: VisionVideo,
  params: VisionVideoParams = {},
): Promise<StartedVideoJob> {
  checkKind(kind);
  checkParams(kind, params);
  // Checked before the video is staged, like the other parameters.
  const channel = notificationChannelInput(params.notificationChannel);
  const spec = VIDEO_SPECS[kind];
  const placed = await placeVideo(ctx, kind, input, params);
  const base: StartBase = {
    Video: placed.video,
    ...(channel ? { NotificationChannel: channel } : {}),
    ...(params.jobTag ? { JobTag: params.jobTag } : {}),
    ...(params.clientRequestToken ? { ClientRequestToken: params.clientRequestToken } : {}),
  };
  try {
    const out = await whenJobSlotFree(
      () =>
        callAws(
          ctx,
          REKOGNITION,
          spec.start,
          (attempt) => spec.startJob(attempt, base, params),
          requestOptions(params),
        ),
      { ...params.polling, signal: params.signal },
    );
    if (!out.JobId) {
      throw new ServiceError(`rekognition ${spec.start} returned no JobId`, {
        service: 'rekognition',
        operation: spec.start,
      });
    }
    return { kind, jobId: out.JobId, cleanup: placed.cleanup, stagedUri: placed.stagedUri };
  } catch (err) {
    await placed.cleanup();
    throw err;
  }
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
  const polling = params.polling ?? {};
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
      return { done: false, status: page.JobStatus };
    },
    {
      intervalMs: polling.intervalMs ?? DEFAULT_INTERVAL_MS,
      maxIntervalMs: polling.maxIntervalMs ?? DEFAULT_MAX_INTERVAL_MS,
      timeoutMs: polling.timeoutMs,
      signal: params.signal,
      onPoll: polling.onPoll,
    },
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

/** Start, wait, read every page; deletes a staged upload once the job has ended. @internal */
export async function runVideo<K extends VideoKind>(
  ctx: ModuleContext,
  kind: K,
  input: VisionVideo,
  params: VisionVideoParams = {},
): Promise<VideoResult<VideoItems[K]>> {
  const job = await startVideoJob(ctx, kind, input, params);
  try {
    return await videoResults(ctx, { kind, jobId: job.jobId }, params);
  } finally {
    await job.cleanup();
  }
}
