import { EmulatorError } from '../emulator-error';
import type { EmulatorInput, Handler } from '../types';

/** A batch job the emulator pretends to run: done on the second Describe. */
interface Job {
  id: string;
  kind: string;
  input: EmulatorInput;
  /** Describe calls so far. */
  checks: number;
  /** `checks` when Stop was first called; a stopped job never completes. */
  stoppedAt?: number;
  /** How the job ended, once complete: what its output writer reported. */
  ended?: JobEnd | undefined;
}

/**
 * How a finished job ended, as its output writer saw the documents: the status (`COMPLETED`, or
 * Translate's `COMPLETED_WITH_ERROR` when some documents failed) and any properties Describe adds
 * (Translate's `JobDetails` counts).
 */
export interface JobEnd {
  status: 'COMPLETED' | 'COMPLETED_WITH_ERROR';
  properties?: Record<string, unknown>;
}

/**
 * The job's `JobStatus` (Comprehend's and Translate's `JobStatus` enums) after `checks` Describes:
 * SUBMITTED (as Start answered), IN_PROGRESS, then COMPLETED. A stop turns a job that has not
 * completed into STOP_REQUESTED until the next Describe but one, then STOPPED: each status is seen
 * by one Describe at least, as a poller of AWS sees them.
 */
function statusOf(job: Job): string {
  if (job.stoppedAt !== undefined) {
    return job.checks - job.stoppedAt >= 2 ? 'STOPPED' : 'STOP_REQUESTED';
  }
  if (job.checks >= 2) return job.ended?.status ?? 'COMPLETED';
  return job.checks === 1 ? 'IN_PROGRESS' : 'SUBMITTED';
}

function s3Uri(value: unknown, member: string): string {
  const uri = (value as { S3Uri?: unknown } | undefined)?.S3Uri;
  if (typeof uri !== 'string' || !uri.startsWith('s3://')) {
    throw new EmulatorError('InvalidRequestException', `${member}.S3Uri must be an s3:// URI`);
  }
  return uri;
}

/**
 * Start/Describe/Stop handlers for Comprehend detection jobs and Translate text jobs. Job ids are a
 * counter, so runs are deterministic; a job reports IN_PROGRESS on its first check and COMPLETED
 * on the next, with an output location under the requested prefix. Stop marks a job that has not
 * completed STOP_REQUESTED and it ends STOPPED (see {@link statusOf}) with nothing written: the
 * emulator processes no document before a job completes, and a stopped job keeps only the
 * documents already processed (comprehend.json, StopSentimentDetectionJob documentation).
 * `clear()` (`emu.reset()`) forgets every job and restarts the ids, as in a fresh emulator.
 */
export function createJobHandlers(
  kinds: readonly string[],
  options: {
    start: (kind: string) => string;
    describe: (kind: string) => string;
    /** Comprehend `Stop<Kind>DetectionJob`, Translate `StopTextTranslationJob`. */
    stop: (kind: string) => string;
    /**
     * The error Stop answers for a completed job (the only ended status the emulator reaches on its
     * own); without it Stop answers the job's status (`COMPLETED`) and leaves the job as it is.
     */
    stopCompleted?: (jobId: string) => EmulatorError;
    properties: (kind: string) => string;
    idPrefix: string;
    /**
     * Called once when a job completes, with the output URI Describe reports: writes what the
     * service would (Comprehend's `output.tar.gz`) and may say how the job ended (else COMPLETED).
     */
    complete?: (
      job: { id: string; kind: string; input: EmulatorInput },
      outputUri: string,
    ) => JobEnd | undefined;
    /** Code of an unknown job id (Comprehend `JobNotFoundException`, Translate `ResourceNotFoundException`). */
    notFound: string;
    /** Where a finished job's output is, under the output prefix. @default `<prefix><JobId>/output/output.tar.gz` */
    outputUri?: (prefix: string, jobId: string) => string;
  },
): { handlers: Record<string, Handler>; clear: () => void } {
  const jobs = new Map<string, Job>();
  let next = 0;
  const handlers: Record<string, Handler> = {};
  const find = (kind: string, jobId: unknown): Job => {
    const job = jobs.get(String(jobId));
    if (!job || job.kind !== kind) {
      throw new EmulatorError(options.notFound, `No ${kind} job ${String(jobId)}`);
    }
    return job;
  };
  for (const kind of kinds) {
    handlers[options.start(kind)] = (input) => {
      s3Uri(input.InputDataConfig, 'InputDataConfig');
      s3Uri(input.OutputDataConfig, 'OutputDataConfig');
      if (typeof input.DataAccessRoleArn !== 'string') {
        throw new EmulatorError('InvalidRequestException', 'DataAccessRoleArn is required');
      }
      next++;
      const id = `${options.idPrefix}${String(next).padStart(8, '0')}`;
      jobs.set(id, { id, kind, input, checks: 0 });
      return { JobId: id, JobStatus: 'SUBMITTED' };
    };
    handlers[options.describe(kind)] = (input) => {
      const job = find(kind, input.JobId);
      job.checks++;
      const done = job.stoppedAt === undefined && job.checks >= 2;
      const prefix = s3Uri(job.input.OutputDataConfig, 'OutputDataConfig').replace(/\/?$/, '/');
      const outputUri =
        options.outputUri?.(prefix, job.id) ?? `${prefix}${job.id}/output/output.tar.gz`;
      if (done && job.checks === 2) job.ended = options.complete?.(job, outputUri);
      const status = statusOf(job);
      return {
        [options.properties(kind)]: {
          JobId: job.id,
          JobName: job.input.JobName,
          JobStatus: status,
          InputDataConfig: job.input.InputDataConfig,
          OutputDataConfig: { S3Uri: done ? outputUri : prefix },
          LanguageCode: job.input.LanguageCode,
          DataAccessRoleArn: job.input.DataAccessRoleArn,
          // Translate's TextTranslationJobProperties (translate.json) also describe the languages.
          ...(job.input.TargetLanguageCodes !== undefined
            ? {
                SourceLanguageCode: job.input.SourceLanguageCode,
                TargetLanguageCodes: job.input.TargetLanguageCodes,
              }
            : {}),
          ...(done ? job.ended?.properties : {}),
        },
      };
    };
    handlers[options.stop(kind)] = (input) => {
      const job = find(kind, input.JobId);
      if (job.stoppedAt === undefined && job.checks >= 2) {
        if (options.stopCompleted) throw options.stopCompleted(job.id);
      } else {
        // A job stopped before keeps its first stop: it answers STOP_REQUESTED or STOPPED again.
        job.stoppedAt ??= job.checks;
      }
      return { JobId: job.id, JobStatus: statusOf(job) };
    };
  }
  const clear = (): void => {
    jobs.clear();
    next = 0;
  };
  return { handlers, clear };
}
