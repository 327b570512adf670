/**
 * What every job that `ai.jobs.resume(ref)` rebuilds checks and maps the same way: the ref's kind,
 * the Region it names (the context the job's calls use) and the {@link JobStatus} an AWS status
 * word makes.
 *
 * @internal
 * @packageDocumentation
 */

import { ValidationError } from '../errors';
import { createContext, type ModuleContext } from './context';
import type { JobRef, JobState, JobStatus } from './job';

/** The states of Transcribe's job statuses (transcription, medical and Call Analytics jobs). @internal */
export const TRANSCRIBE_JOB_STATES: Readonly<Record<string, JobState>> = {
  QUEUED: 'submitted',
  IN_PROGRESS: 'in-progress',
  COMPLETED: 'completed',
  FAILED: 'failed',
};

/**
 * Checks that `ref` is a ref of `kind`.
 * @throws ValidationError `Not the ref of a <label> job (kind <kind>)` otherwise
 * @internal
 */
export function checkRefKind(ref: JobRef, kind: string, label: string): void {
  if (typeof ref !== 'object' || ref === null || ref.kind !== kind) {
    throw new ValidationError(`Not the ref of a ${label} job (kind ${kind})`);
  }
}

/**
 * The context a resumed job's calls use: `base`, or one for `ref.region` when the ref names
 * another Region.
 * @throws ValidationError when `ref.region` is given and not a string
 * @internal
 */
export function refContext(base: ModuleContext, ref: JobRef): ModuleContext {
  if (ref.region !== undefined && typeof ref.region !== 'string') {
    throw new ValidationError('ref.region must be a string');
  }
  return typeof ref.region === 'string' && ref.region !== base.config.region
    ? createContext({ region: ref.region }, base)
    : base;
}

/**
 * A job's status from AWS's status word: its state from `states` (`in-progress` for a word not
 * listed) and AWS's message when there is one.
 * @internal
 */
export function jobStatusOf(
  id: string,
  states: Readonly<Record<string, JobState>>,
  awsStatus: string,
  message: string | undefined,
): JobStatus {
  return {
    id,
    state: states[awsStatus] ?? 'in-progress',
    awsStatus,
    ...(message ? { message } : {}),
  };
}
