import type { AsyncInvokeSummary } from '@aws-sdk/client-bedrock-runtime';
import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { resolveBinary } from '../core/inputs';
import { createJob, type Job, type JobState, type JobStatus } from '../core/job';
import { ValidationError } from '../errors';
import { BEDROCK } from './bedrock';
import { VIDEO_PROMPT_MAX, VIDEO_SEED_RANGE } from './limits';
import { assertModel } from './model-id';
import { checkNumberOption, checkWellFormed } from './request-options';
import type { GeneratedVideo, GenerateVideoParams, GenerativeVideoJobSummary } from './types';

/** The Nova Reel model `generateVideo` uses by default. */
export const DEFAULT_VIDEO_MODEL = 'amazon.nova-reel-v1:1';
/** Nova Reel's start frame (prompt and seed limits: limits.ts, with their sources). */
const FRAME = { width: 1280, height: 720 };
const MAX_FRAME_BYTES = 10 * 1024 * 1024;

/** A job for one video: `result()` gives its S3 location. */
export type GenerativeVideoJob = Job<GeneratedVideo>;

/** PNG or JPEG pixel size from the header (enough to check Nova Reel's 1280x720 frame). */
function pixelSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length >= 24 && view.readUInt32BE(0) === 0x89504e47) {
    return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
  }
  for (let i = 2; i + 9 < view.length; ) {
    if (view[i] !== 0xff) return undefined;
    const marker = view[i + 1] as number;
    const length = view.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.readUInt16BE(i + 5), width: view.readUInt16BE(i + 7) };
    }
    i += 2 + length;
  }
  return undefined;
}

/** Checks the parameters and builds StartAsyncInvoke's input; no network call. @internal */
export async function videoRequest(params: GenerateVideoParams) {
  if (typeof params !== 'object' || params === null) {
    throw new ValidationError('generateVideo needs { prompt, output }');
  }
  const model = params.model ?? DEFAULT_VIDEO_MODEL;
  assertModel(model);
  if (!/amazon\.nova-reel/.test(model)) {
    throw new ValidationError(
      'generateVideo supports Amazon Nova Reel (amazon.nova-reel-v1:0, amazon.nova-reel-v1:1)',
    );
  }
  const duration = params.durationSeconds ?? 6;
  const multiShot = duration !== 6;
  if (multiShot) {
    if (!Number.isInteger(duration) || duration < 12 || duration > 120 || duration % 6 !== 0) {
      throw new ValidationError('durationSeconds must be 6, or 12-120 in steps of 6');
    }
    if (!model.includes('nova-reel-v1:1')) {
      throw new ValidationError('videos longer than 6 s need amazon.nova-reel-v1:1');
    }
    if (params.images?.length)
      throw new ValidationError('a start image works with 6-second videos only');
  }
  const max = multiShot ? VIDEO_PROMPT_MAX.multiShot : VIDEO_PROMPT_MAX.single;
  if (
    typeof params.prompt !== 'string' ||
    params.prompt.trim() === '' ||
    params.prompt.length > max
  ) {
    throw new ValidationError(`prompt must be 1-${max} characters for a ${duration}-second video`);
  }
  checkWellFormed(params.prompt, 'prompt');
  checkNumberOption(params.seed, 'seed', { ...VIDEO_SEED_RANGE, integer: true });
  if (
    typeof params.output !== 'string' ||
    !/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(params.output)
  ) {
    throw new ValidationError(
      'output must be an s3:// URI of the bucket (and prefix) Bedrock writes the video to',
    );
  }
  if (
    params.clientToken !== undefined &&
    !/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}$/.test(params.clientToken)
  ) {
    throw new ValidationError('clientToken must be 1-256 letters, digits and hyphens');
  }
  const images = params.images ?? [];
  if (!Array.isArray(images))
    throw new ValidationError('images must be an array of one start image');
  if (images.length > 1) throw new ValidationError('Nova Reel takes one start image');
  const frames = await Promise.all(
    images.map(async (input, i) => {
      const resolved = await resolveBinary(input, {
        maxBytes: MAX_FRAME_BYTES,
        label: `images[${i}]`,
      });
      if (resolved.kind !== 'bytes') {
        throw new ValidationError(`images[${i}]: pass the image bytes or a file, not an S3 URI`);
      }
      if (resolved.format !== 'png' && resolved.format !== 'jpeg') {
        throw new ValidationError(`images[${i}] must be a PNG or JPEG image`);
      }
      const size = pixelSize(resolved.bytes);
      if (!size || size.width !== FRAME.width || size.height !== FRAME.height) {
        throw new ValidationError(
          `images[${i}] must be ${FRAME.width}x${FRAME.height} pixels${size ? `, got ${size.width}x${size.height}` : ''}`,
        );
      }
      return {
        format: resolved.format,
        source: { bytes: Buffer.from(resolved.bytes).toString('base64') },
      };
    }),
  );
  const modelInput = multiShot
    ? {
        taskType: 'MULTI_SHOT_AUTOMATED',
        multiShotAutomatedParams: { text: params.prompt },
        videoGenerationConfig: {
          durationSeconds: duration,
          fps: 24,
          dimension: '1280x720',
          ...(params.seed !== undefined ? { seed: params.seed } : {}),
        },
      }
    : {
        taskType: 'TEXT_VIDEO',
        textToVideoParams: {
          text: params.prompt,
          ...(frames.length > 0 ? { images: frames } : {}),
        },
        videoGenerationConfig: {
          durationSeconds: 6,
          fps: 24,
          dimension: '1280x720',
          ...(params.seed !== undefined ? { seed: params.seed } : {}),
        },
      };
  return {
    modelId: model,
    modelInput: modelInput as never,
    outputDataConfig: { s3OutputDataConfig: { s3Uri: params.output } },
    ...(params.clientToken ? { clientRequestToken: params.clientToken } : {}),
  };
}

function stateOf(status: string | undefined): JobState {
  if (status === 'Completed') return 'completed';
  if (status === 'Failed') return 'failed';
  return 'in-progress';
}

function videoOf(arn: string, s3Uri: string): GeneratedVideo {
  const folder = `${s3Uri.replace(/\/$/, '')}/${arn.split('/').at(-1)}`;
  return { folder, uri: `${folder}/output.mp4` };
}

/** A job for an invocation ARN (a started video, or one listed or saved). @internal */
export function videoJob(ctx: ModuleContext, arn: string, region?: string): GenerativeVideoJob {
  let s3Uri: string | undefined;
  const describe = async (options: RequestOptions): Promise<JobStatus> => {
    const out = await callAws(
      ctx,
      BEDROCK,
      'GetAsyncInvoke',
      ({ client, sdk, signal }) =>
        client.send(new sdk.GetAsyncInvokeCommand({ invocationArn: arn }), { abortSignal: signal }),
      options,
    );
    s3Uri = out.outputDataConfig?.s3OutputDataConfig?.s3Uri ?? s3Uri;
    // Bedrock's failure message may quote the prompt: it stays out of the status message.
    return {
      id: arn,
      state: stateOf(out.status),
      ...(out.status === 'Failed'
        ? { message: 'the video invocation failed (see the job summary for Bedrock’s reason)' }
        : {}),
    };
  };
  return createJob<GeneratedVideo>({
    ref: { kind: 'bedrock-async-invoke', id: arn, ...(region ? { region } : {}) },
    service: 'bedrock-runtime',
    operation: 'GetAsyncInvoke',
    intervalMs: 10_000,
    describe,
    async *read() {
      if (s3Uri === undefined) await describe({});
      yield videoOf(arn, s3Uri ?? '');
    },
  });
}

/** StartAsyncInvoke for Nova Reel, as a job. @internal */
export async function generateVideo(
  ctx: ModuleContext,
  params: GenerateVideoParams,
  options?: RequestOptions,
): Promise<GenerativeVideoJob> {
  const input = await videoRequest(params);
  const out = await callAws(
    ctx,
    BEDROCK,
    'StartAsyncInvoke',
    ({ client, sdk, signal }) =>
      client.send(new sdk.StartAsyncInvokeCommand(input), { abortSignal: signal }),
    options,
  );
  return videoJob(ctx, out.invocationArn ?? '', ctx.config.region);
}

function summaryOf(s: AsyncInvokeSummary): GenerativeVideoJobSummary {
  return {
    id: s.invocationArn ?? '',
    state:
      stateOf(s.status) === 'in-progress'
        ? 'in-progress'
        : (stateOf(s.status) as 'completed' | 'failed'),
    model: s.modelArn,
    output: s.outputDataConfig?.s3OutputDataConfig?.s3Uri,
    submittedAt: s.submitTime,
    endedAt: s.endTime,
    failure: s.failureMessage,
  };
}

/** ListAsyncInvokes, every page, newest first (Bedrock's order). @internal */
export async function videoJobs(
  ctx: ModuleContext,
  filter: {
    state?: 'in-progress' | 'completed' | 'failed' | undefined;
    limit?: number | undefined;
  },
  options?: RequestOptions,
): Promise<GenerativeVideoJobSummary[]> {
  const status = { 'in-progress': 'InProgress', completed: 'Completed', failed: 'Failed' } as const;
  if (filter.state !== undefined && !(filter.state in status)) {
    throw new ValidationError("state must be 'in-progress', 'completed' or 'failed'");
  }
  const limit = filter.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1)
    throw new ValidationError('limit must be a positive integer');
  const all: GenerativeVideoJobSummary[] = [];
  let nextToken: string | undefined;
  do {
    const out = await callAws(
      ctx,
      BEDROCK,
      'ListAsyncInvokes',
      ({ client, sdk, signal }) =>
        client.send(
          new sdk.ListAsyncInvokesCommand({
            ...(filter.state ? { statusEquals: status[filter.state] } : {}),
            maxResults: Math.min(1000, limit - all.length),
            ...(nextToken ? { nextToken } : {}),
          }),
          { abortSignal: signal },
        ),
      options,
    );
    all.push(...(out.asyncInvokeSummaries ?? []).map(summaryOf));
    nextToken = out.nextToken;
  } while (nextToken && all.length < limit);
  return all;
}
