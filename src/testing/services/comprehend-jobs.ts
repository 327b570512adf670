import { EmulatorError } from '../emulator-error';
import type { EmulatorInput, Handler } from '../types';

/** A batch job the emulator pretends to run: done on the second Describe. */
interface Job {
  id: string;
  kind: string;
  input: EmulatorInput;
  checks: number;
}

function s3Uri(value: unknown, member: string): string {
  const uri = (value as { S3Uri?: unknown } | undefined)?.S3Uri;
  if (typeof uri !== 'string' || !uri.startsWith('s3://')) {
    throw new EmulatorError('InvalidRequestException', `${member}.S3Uri must be an s3:// URI`);
  }
  return uri;
}

/**
 * Start/Describe handlers for Comprehend detection jobs and Translate text jobs. Job ids are a
 * counter, so runs are deterministic; a job reports IN_PROGRESS on its first check and COMPLETED
 * on the next, with an output location under the requested prefix.
 */
export function createJobHandlers(
  kinds: readonly string[],
  options: {
    start: (kind: string) => string;
    describe: (kind: string) => string;
    properties: (kind: string) => string;
    idPrefix: string;
    /**
     * Called once when a job completes, with the output URI Describe reports: writes what the
     * service would (Comprehend's `output.tar.gz`).
     */
    complete?: (job: { id: string; kind: string; input: EmulatorInput }, outputUri: string) => void;
    /** Code of an unknown job id (Comprehend `JobNotFoundException`, Translate `ResourceNotFoundException`). */
    notFound: string;
    /** Where a finished job's output is, under the output prefix. @default `<prefix><JobId>/output/output.tar.gz` */
    outputUri?: (prefix: string, jobId: string) => string;
  },
): Record<string, Handler> {
  const jobs = new Map<string, Job>();
  let next = 0;
  const handlers: Record<string, Handler> = {};
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
      const job = jobs.get(String(input.JobId));
      if (!job || job.kind !== kind) {
        throw new EmulatorError(options.notFound, `No ${kind} job ${String(input.JobId)}`);
      }
      job.checks++;
      const done = job.checks >= 2;
      const prefix = s3Uri(job.input.OutputDataConfig, 'OutputDataConfig').replace(/\/?$/, '/');
      const outputUri =
        options.outputUri?.(prefix, job.id) ?? `${prefix}${job.id}/output/output.tar.gz`;
      if (job.checks === 2) options.complete?.(job, outputUri);
      return {
        [options.properties(kind)]: {
          JobId: job.id,
          JobName: job.input.JobName,
          JobStatus: done ? 'COMPLETED' : 'IN_PROGRESS',
          InputDataConfig: job.input.InputDataConfig,
          OutputDataConfig: { S3Uri: done ? outputUri : prefix },
          LanguageCode: job.input.LanguageCode,
          DataAccessRoleArn: job.input.DataAccessRoleArn,
        },
      };
    };
  }
  return handlers;
}
