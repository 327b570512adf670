import type { SynthesisTask } from '@aws-sdk/client-polly';
import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import { requestOptionsOf } from '../core/call-scope';
import { utf8ToUtf16Offset } from '../core/chunking';
import type { ModuleContext } from '../core/context';
import { ServiceError, ValidationError } from '../core/errors';
import { checkPollOptions, poll } from '../core/polling';
import {
  POLLY_TASK_MAX_BILLED_CHARACTERS,
  POLLY_TASK_MAX_KEY_PREFIX,
  POLLY_TASK_MAX_TOTAL_CHARACTERS,
} from './limits';
import { POLLY } from './polly';
import { resolveVoice } from './resolve-voice';
import { plainPieces, type SpeechPiece, ssmlPieces } from './speech-pieces';
import type {
  SpeechSynthesisJob,
  SpeechSynthesisOutput,
  SpeechSynthesisState,
  SpeechSynthesisStatus,
  SpeechSynthesisTask,
  SpeechSynthesizeToS3Options,
} from './synthesis-task-types';
import { checkFormat, checkMarks, planSpeech } from './synthesize-request';

/** `OutputS3BucketName` and `OutputS3KeyPrefix` patterns of Polly's model. */
const BUCKET = /^[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9]$/;
const KEY_PREFIX = /^[0-9a-zA-Z/!\-_.*'():;$@=+,?&]*$/;
/** `SnsTopicArn` pattern of Polly's model. */
const SNS_TOPIC =
  /^arn:aws(-(cn|iso(-b)?|us-gov))?:sns:[a-z0-9_-]{1,50}:\d{12}:[a-zA-Z0-9_-]{1,251}([a-zA-Z0-9_-]{0,5}|\.fifo)$/;
const TASK_LIMITS = {
  billed: POLLY_TASK_MAX_BILLED_CHARACTERS,
  total: POLLY_TASK_MAX_TOTAL_CHARACTERS,
};
const SITE = { service: 'polly', operation: 'GetSpeechSynthesisTask' } as const;

function outputOf(output: unknown): { bucket: string; prefix: string } {
  if (typeof output !== 'string' || !/^s3:\/\//i.test(output)) {
    throw new ValidationError(
      "options.output must be an s3:// URI where Polly writes the audio, e.g. 's3://my-bucket/audio/'",
    );
  }
  // A prefix (often a folder, ending in `/`), not an object key: parseS3Uri would refuse a folder.
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/i.exec(output);
  const bucket = match?.[1] ?? '';
  const key = match?.[2] ?? '';
  if (!BUCKET.test(bucket)) {
    throw new ValidationError(`options.output names an invalid S3 bucket for Polly: ${bucket}`);
  }
  if (key.length > POLLY_TASK_MAX_KEY_PREFIX || !KEY_PREFIX.test(key)) {
    throw new ValidationError(
      `options.output's key prefix must be at most ${POLLY_TASK_MAX_KEY_PREFIX} characters of letters, digits and !-_.*'():;$@=+,?&/`,
    );
  }
  return { bucket, prefix: key };
}

/** The state of one task, lower-case with a hyphen. */
function stateOf(task: SynthesisTask | undefined): SpeechSynthesisState {
  switch (task?.TaskStatus) {
    case 'completed':
      return 'completed';
    case 'failed':
      return 'failed';
    case 'inProgress':
      return 'in-progress';
    default:
      return 'scheduled';
  }
}

const ORDER: readonly SpeechSynthesisState[] = ['failed', 'scheduled', 'in-progress', 'completed'];

/**
 * Starts one StartSpeechSynthesisTask per piece of at most 100,000 billed (200,000 total)
 * characters, plus one speech-marks task per piece when asked, and returns the job.
 * @internal
 */
export async function synthesizeToS3(
  ctx: ModuleContext,
  text: string,
  options: SpeechSynthesizeToS3Options,
): Promise<SpeechSynthesisJob> {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError(
      "synthesizeToS3 needs options with an output, e.g. { output: 's3://bucket/audio/' }",
    );
  }
  const checked = planSpeech(text, options);
  const format = options.format ?? 'mp3';
  checkFormat(format, options.sampleRate);
  const { marks, snsTopic } = options;
  if (marks !== undefined) checkMarks(marks, options, checked.ssml);
  const { bucket, prefix } = outputOf(options.output);
  if (snsTopic !== undefined && (typeof snsTopic !== 'string' || !SNS_TOPIC.test(snsTopic))) {
    throw new ValidationError('options.snsTopic must be an SNS topic ARN');
  }
  const pieces: SpeechPiece[] = checked.ssml
    ? ssmlPieces(text, TASK_LIMITS)
    : plainPieces(text, TASK_LIMITS);
  const voice = await resolveVoice(ctx, options);
  const request = requestOptionsOf(options);
  const base = {
    ...checked.base,
    VoiceId: voice as never,
    OutputS3BucketName: bucket,
    ...(prefix ? { OutputS3KeyPrefix: prefix } : {}),
    ...(snsTopic ? { SnsTopicArn: snsTopic } : {}),
  };
  const start = (piece: SpeechPiece, fields: Record<string, unknown>) =>
    callAws(
      ctx,
      POLLY,
      'StartSpeechSynthesisTask',
      ({ client, sdk, signal }) =>
        client.send(
          new sdk.StartSpeechSynthesisTaskCommand({
            ...base,
            ...fields,
            Text: piece.text,
          } as never),
          { abortSignal: signal },
        ),
      request,
    );
  // In order, so a failure leaves no task after it running unknown to the caller.
  const tasks: SpeechSynthesisTask[] = [];
  for (const piece of pieces) {
    const audio = await start(piece, {
      OutputFormat: format,
      ...(options.sampleRate === undefined ? {} : { SampleRate: String(options.sampleRate) }),
    });
    const marked = marks
      ? await start(piece, { OutputFormat: 'json', SpeechMarkTypes: [...marks] })
      : undefined;
    tasks.push({
      id: audio.SynthesisTask?.TaskId ?? '',
      ...(marked ? { marksId: marked.SynthesisTask?.TaskId ?? '' } : {}),
      ...rangeOf(text, piece),
    });
  }
  return synthesisJob(ctx, tasks, voice);
}

/** The piece's UTF-16 range in the caller's text. */
function rangeOf(text: string, piece: SpeechPiece): { start: number; end: number } {
  return {
    start: utf8ToUtf16Offset(text, piece.sourceByteStart),
    end: utf8ToUtf16Offset(text, piece.sourceByteStart + piece.bodyBytes),
  };
}

function requestOf(options: RequestOptions): RequestOptions {
  const { signal, timeoutMs, retry } = options;
  return {
    ...(signal ? { signal } : {}),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(retry === undefined ? {} : { retry }),
  };
}

/** The job over started tasks: `status` checks each once, `wait` polls until all completed. */
function synthesisJob(
  ctx: ModuleContext,
  tasks: readonly SpeechSynthesisTask[],
  voice: string,
): SpeechSynthesisJob {
  const ids = tasks.flatMap((t) => (t.marksId ? [t.id, t.marksId] : [t.id]));
  const get = (id: string, options: RequestOptions) =>
    callAws(
      ctx,
      POLLY,
      'GetSpeechSynthesisTask',
      async ({ client, sdk, signal }) =>
        (
          await client.send(new sdk.GetSpeechSynthesisTaskCommand({ TaskId: id }), {
            abortSignal: signal,
          })
        ).SynthesisTask,
      options,
    );
  const check = async (options: RequestOptions) => {
    const found = await Promise.all(ids.map((id) => get(id, options)));
    const byId = new Map(ids.map((id, i) => [id, found[i]]));
    const states = found.map(stateOf);
    const failed = found.find((t) => stateOf(t) === 'failed');
    const state = ORDER.find((s) => states.includes(s)) ?? 'completed';
    const status: SpeechSynthesisStatus = {
      state,
      completed: states.filter((s) => s === 'completed').length,
      total: ids.length,
      ...(failed?.TaskStatusReason ? { message: failed.TaskStatusReason } : {}),
    };
    return { status, byId, failed };
  };
  return {
    tasks,
    voice,
    status: async (options = {}) => (await check(requestOf(options))).status,
    wait: (options = {}) => {
      checkPollOptions(options);
      const { intervalMs = 2_000, maxIntervalMs = 30_000, timeoutMs, signal, onPoll } = options;
      return poll<SpeechSynthesisOutput>(
        async (checkSignal) => {
          const { status, byId, failed } = await check({ signal: checkSignal });
          if (status.state === 'failed') {
            throw new ServiceError(
              `Polly synthesis task ${failed?.TaskId ?? ''} failed${status.message ? `: ${status.message}` : ''}`,
              { ...SITE, code: 'SynthesisTaskFailed', retryable: false },
            );
          }
          if (status.state !== 'completed') return { done: false, status: status.state };
          const uri = (id: string | undefined) => toS3Uri(byId.get(id ?? '')?.OutputUri);
          return {
            done: true,
            value: {
              audio: tasks.map((t) => uri(t.id)),
              ...(tasks.some((t) => t.marksId) ? { marks: tasks.map((t) => uri(t.marksId)) } : {}),
              characters: tasks.reduce(
                (sum, t) => sum + (byId.get(t.id)?.RequestCharacters ?? 0),
                0,
              ),
            },
          };
        },
        { intervalMs, maxIntervalMs, timeoutMs, signal, onPoll },
      );
    },
  };
}

/**
 * Polly reports `OutputUri` as an HTTPS URL (`https://s3.<region>.amazonaws.com/<bucket>/<key>`);
 * the job gives `s3://bucket/key`, as every other S3 location of this library.
 */
function toS3Uri(url: string | undefined): string {
  if (!url) return '';
  if (url.startsWith('s3://')) return url;
  const match = /^https?:\/\/[^/]+\/([^/]+)\/(.+)$/.exec(url);
  return match ? `s3://${match[1]}/${decodeURIComponent(match[2] as string)}` : url;
}
