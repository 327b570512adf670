import type { SynthesisTask } from '@aws-sdk/client-polly';
import { describeInput, type RequestOptions } from '../config';
import { callAws } from '../core/call';
import { requestOptionsOf } from '../core/call-scope';
import { utf8ToUtf16Offset } from '../core/chunking';
import type { ModuleContext } from '../core/context';
import { createJob, type JobRef, type JobState, type JobWaitInput } from '../core/job';
import { refContext } from '../core/job-ref';
import { ServiceError, ValidationError } from '../errors';
import {
  POLLY_TASK_MAX_BILLED_CHARACTERS,
  POLLY_TASK_MAX_KEY_PREFIX,
  POLLY_TASK_MAX_TOTAL_CHARACTERS,
  POLLY_TASK_SAMPLE_RATES,
} from './limits';
import { POLLY } from './polly';
import { resolveVoice } from './resolve-voice';
import { plainPieces, type SpeechPiece, ssmlPieces } from './speech-pieces';
import type {
  SpeechSynthesisJob,
  SpeechSynthesisOutput,
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

function outputLocation(output: unknown): { bucket: string; prefix: string } {
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
    // Not quoted: it is the caller's string (docs/errors-and-retries.md).
    throw new ValidationError(
      `options.output names an S3 bucket Polly refuses (${describeInput(bucket)}): use 3–63 lower-case letters, digits, '.' and '-', e.g. 's3://my-audio/books/'`,
    );
  }
  if (key.length > POLLY_TASK_MAX_KEY_PREFIX || !KEY_PREFIX.test(key)) {
    throw new ValidationError(
      `options.output's key prefix must be at most ${POLLY_TASK_MAX_KEY_PREFIX} characters of letters, digits and !-_.*'():;$@=+,?&/`,
    );
  }
  return { bucket, prefix: key };
}

/** The state of one task as the one {@link JobState}. */
function stateOf(task: SynthesisTask | undefined): JobState {
  switch (task?.TaskStatus) {
    case 'completed':
      return 'completed';
    case 'failed':
      return 'failed';
    case 'inProgress':
      return 'in-progress';
    default:
      return 'submitted';
  }
}

/** The job's state: the worst, else the least advanced of its tasks. */
const ORDER: readonly JobState[] = ['failed', 'submitted', 'in-progress', 'completed'];

/** The kind of a Polly synthesis job's ref. */
export const SYNTHESIS_KIND = 'polly.synthesis';

/**
 * Starts one StartSpeechSynthesisTask per piece of at most 100,000 billed (200,000 total)
 * characters, plus one speech-marks task per piece when asked, and returns the job. Runs inside the
 * call scope of `speech.synthesizeToS3` (ADR 0006, amendment): the voice lookup and every start
 * request share its deadline, signal and retry budget; the job returned is not bound to them.
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
  checkFormat(format, options.sampleRate, POLLY_TASK_SAMPLE_RATES);
  const { marks, snsTopic } = options;
  if (marks !== undefined) checkMarks(marks, options, checked.ssml);
  const { bucket, prefix } = outputLocation(options.output);
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

/** Polly's `TaskId` (polly.json): 1–100 letters, digits, `_` and `-`. */
const TASK_ID = /^[a-zA-Z0-9_-]{1,100}$/;

/**
 * Rebuilds a synthesis job from its ref (`{ kind: 'polly.synthesis', id, voice, tasks: [{ id,
 * marksId?, start, end }] }`): `status()` checks each task once, `result()` gives the one
 * {@link SpeechSynthesisOutput}. Polly has no stop operation for tasks.
 *
 * @throws ValidationError when the ref is not one, before any request
 * @internal
 */
export function synthesisJobFromRef(base: ModuleContext, ref: JobRef): SpeechSynthesisJob {
  if (typeof ref !== 'object' || ref === null || ref.kind !== SYNTHESIS_KIND) {
    throw new ValidationError(`Not the ref of a Polly synthesis job (kind ${SYNTHESIS_KIND})`);
  }
  const tasks = ref.tasks;
  const id = (value: unknown) => typeof value === 'string' && TASK_ID.test(value);
  const offset = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;
  if (
    !Array.isArray(tasks) ||
    tasks.length === 0 ||
    !tasks.every((t) => {
      const task = t as Record<string, unknown> | null;
      return (
        typeof task === 'object' &&
        task !== null &&
        id(task.id) &&
        (task.marksId === undefined || id(task.marksId)) &&
        offset(task.start) &&
        offset(task.end)
      );
    }) ||
    (tasks[0] as { id: unknown }).id !== ref.id ||
    typeof ref.voice !== 'string'
  ) {
    throw new ValidationError(
      `A ${SYNTHESIS_KIND} job's ref needs voice and tasks: [{ id, marksId?, start, end }] (the first task's id is the ref's id), as job.ref gave it`,
    );
  }
  const ctx = refContext(base, ref);
  return synthesisJob(ctx, tasks as unknown as SpeechSynthesisTask[], ref.voice, ref.region);
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
  region?: string,
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
  const first = tasks[0]?.id ?? '';
  const describe = async (options: RequestOptions): Promise<SpeechSynthesisStatus> => {
    const found = await Promise.all(ids.map((id) => get(id, options)));
    const byId = new Map(ids.map((id, i) => [id, found[i]]));
    const states = found.map(stateOf);
    const failed = found.find((t) => stateOf(t) === 'failed');
    const state = ORDER.find((s) => states.includes(s)) ?? 'completed';
    const completed = states.filter((s) => s === 'completed').length;
    const status: SpeechSynthesisStatus = {
      id: first,
      state,
      progress: { done: completed, total: ids.length },
      completed,
      total: ids.length,
      ...(failed?.TaskStatusReason ? { message: failed.TaskStatusReason } : {}),
      ...(failed?.TaskId ? { failedTask: failed.TaskId } : {}),
    };
    if (state !== 'completed') return status;
    const uri = (id: string | undefined) => toS3Uri(byId.get(id ?? '')?.OutputUri);
    return {
      ...status,
      audio: tasks.map((t) => uri(t.id)),
      ...(tasks.some((t) => t.marksId) ? { marks: tasks.map((t) => uri(t.marksId)) } : {}),
      characters: tasks.reduce((sum, t) => sum + (byId.get(t.id)?.RequestCharacters ?? 0), 0),
    };
  };
  const ref: JobRef = {
    kind: SYNTHESIS_KIND,
    id: first,
    voice,
    tasks: tasks.map((t) => ({
      id: t.id,
      ...(t.marksId ? { marksId: t.marksId } : {}),
      start: t.start,
      end: t.end,
    })),
    ...(region ? { region } : {}),
  };
  const job = createJob<SpeechSynthesisOutput, SpeechSynthesisStatus>({
    ref,
    service: 'polly',
    operation: 'GetSpeechSynthesisTask',
    describe: (options) => describe(requestOf(options)),
    intervalMs: 2_000,
    maxIntervalMs: 30_000,
    failure: (status) =>
      new ServiceError(
        `Polly synthesis task ${status.failedTask ?? ''} failed${status.message ? `: ${status.message}` : ''}`,
        { ...SITE, code: 'SynthesisTaskFailed', retryable: false },
      ),
    read: async function* (status) {
      const { audio, marks, characters } = outputOf(status);
      yield { audio, ...(marks ? { marks } : {}), characters };
    },
  });
  const { wait } = job;
  return Object.assign(job, {
    tasks,
    voice,
    wait: async (options?: JobWaitInput<SpeechSynthesisStatus>) =>
      outputOf(await wait(options)) as SpeechSynthesisStatus & SpeechSynthesisOutput,
  });
}

/** The output fields of a completed status (a completed describe always has them). */
function outputOf(status: SpeechSynthesisStatus): SpeechSynthesisStatus & SpeechSynthesisOutput {
  return { ...status, audio: status.audio ?? [], characters: status.characters ?? 0 };
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
