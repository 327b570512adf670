/**
 * What every Textract job (text, analysis, expense and Lending) shares: the states of its
 * `JobStatus` and the shape of its `JobId`.
 *
 * @internal
 * @packageDocumentation
 */
import type { JobState } from '../core/job';

/** The states of Textract's `JobStatus`. @internal */
export const TEXTRACT_JOB_STATES: Readonly<Record<string, JobState>> = {
  IN_PROGRESS: 'in-progress',
  SUCCEEDED: 'completed',
  PARTIAL_SUCCESS: 'partially-completed',
  FAILED: 'failed',
};

/** Textract's JobId: 1–64 characters of letters, digits, - and _. @internal */
export const TEXTRACT_JOB_ID = /^[a-zA-Z0-9-_]{1,64}$/;
