/**
 * Completion events AWS sends for jobs, turned into job refs: EventBridge state-change events
 * (Bedrock batch inference, SageMaker transform, Transcribe transcription and Call Analytics jobs,
 * Translate batch translation), and the SNS messages Textract and Rekognition Video publish, as they
 * reach a Lambda directly (SNS records), through SQS (SNS envelopes or raw messages in `body`), or
 * through an EventBridge → SQS target. AWS documents no completion event for Transcribe Medical or
 * Comprehend jobs (they are polled). Translate's event names only the job id: its ref has no `to`,
 * and the job reads its target languages from its description (docs/jobs.md).
 *
 * @packageDocumentation
 */

import { ValidationError } from '../errors';
import type { JobRef, JobState } from './job';

/** One job's state change, as an event tells it. */
export interface JobEvent {
  /** Rebuilds the job: `ai.jobs.resume(event.ref)`. */
  ref: JobRef;
  /** The state the event reports. */
  state: JobState;
  /** AWS's failure message, when the event has one. */
  message?: string | undefined;
  /** Where the event came from, e.g. `aws.bedrock`, `textract`. */
  source: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

function at(value: unknown, ...path: string[]): unknown {
  let node = value;
  for (const key of path) node = isObject(node) ? node[key] : undefined;
  return node;
}

const STATES: Record<string, JobState> = {
  submitted: 'submitted',
  validating: 'submitted',
  scheduled: 'submitted',
  queued: 'submitted',
  inprogress: 'in-progress',
  in_progress: 'in-progress',
  stopping: 'stopping',
  completed: 'completed',
  // Translate's and Comprehend's word for a job that finished with some files failed.
  completed_with_error: 'partially-completed',
  stop_requested: 'stopping',
  succeeded: 'completed',
  partiallycompleted: 'partially-completed',
  partial_success: 'partially-completed',
  failed: 'failed',
  error: 'failed',
  stopped: 'stopped',
  expired: 'expired',
};

function stateOf(status: unknown): JobState {
  const key = String(status ?? '').toLowerCase();
  return STATES[key] ?? STATES[key.replace(/[\s_-]/g, '')] ?? 'in-progress';
}

function formatOf(type: unknown): string {
  const t = String(type ?? '').toLowerCase();
  if (t.includes('x-npy')) return 'npy';
  if (t.includes('csv')) return 'csv';
  if (t.includes('json')) return 'jsonlines';
  return 'text';
}

/** An EventBridge event (`source`, `detail-type`, `detail`). */
function fromEventBridge(event: Json): JobEvent | undefined {
  const source = str(event.source);
  const type = str(event['detail-type']);
  const detail = event.detail;
  if (!source || !type || !isObject(detail)) return undefined;
  const region = str(event.region);
  const base = region ? { region } : {};
  if (source === 'aws.bedrock' && type === 'Batch Inference Job State Change') {
    const arn = str(detail.batchJobArn);
    if (!arn) return undefined;
    const message = str(detail.failureMessage);
    return {
      ref: { kind: 'bedrock.batch', id: arn, ...base },
      state: stateOf(detail.status),
      ...(message ? { message } : {}),
      source,
    };
  }
  if (source === 'aws.sagemaker' && type === 'SageMaker Transform Job State Change') {
    const name = str(detail.TransformJobName);
    const output = str(at(detail, 'TransformOutput', 'S3OutputPath'));
    const input = str(at(detail, 'TransformInput', 'DataSource', 'S3DataSource', 'S3Uri'));
    if (!name || !output || !input) return undefined;
    const accept =
      at(detail, 'TransformOutput', 'Accept') ?? at(detail, 'TransformInput', 'ContentType');
    const message = str(detail.FailureReason);
    return {
      ref: {
        kind: 'sagemaker.transform',
        id: name,
        ...base,
        arn: str(detail.TransformJobArn) ?? name,
        output,
        format: formatOf(accept),
        input,
      },
      state: stateOf(detail.TransformJobStatus),
      ...(message ? { message } : {}),
      source,
    };
  }
  if (source === 'aws.transcribe' && type === 'Transcribe Job State Change') {
    // StartTranscriptionJob only: AWS documents no event for StartMedicalTranscriptionJob.
    const name = str(detail.TranscriptionJobName);
    if (!name) return undefined;
    const message = str(detail.FailureReason);
    return {
      ref: { kind: 'transcribe.transcription', id: name, ...base },
      state: stateOf(detail.TranscriptionJobStatus),
      ...(message ? { message } : {}),
      source,
    };
  }
  if (source === 'aws.transcribe' && type === 'Call Analytics Job State Change') {
    // StartCallAnalyticsJob: `JobName`, `JobStatus` (COMPLETED or FAILED), `FailureReason`.
    const name = str(detail.JobName);
    if (!name) return undefined;
    const message = str(detail.FailureReason);
    return {
      ref: { kind: 'transcribe.call-analytics', id: name, ...base },
      state: stateOf(detail.JobStatus),
      ...(message ? { message } : {}),
      source,
    };
  }
  if (source === 'aws.translate' && type === 'Translate TextTranslationJob State Change') {
    // StartTextTranslationJob: `jobId` and `jobStatus` only (COMPLETED, COMPLETED_WITH_ERROR,
    // FAILED, STOPPED, …); the ref's targets come from DescribeTextTranslationJob when read.
    const id = str(detail.jobId);
    if (!id) return undefined;
    return {
      ref: { kind: 'translate.text', id, ...base },
      state: stateOf(detail.jobStatus),
      source,
    };
  }
  return undefined;
}

/** The message Textract or Rekognition Video publishes to its SNS topic. */
function fromServiceMessage(message: Json, topicArn: string | undefined): JobEvent | undefined {
  const id = str(message.JobId);
  const api = str(message.API);
  if (!id || !api) return undefined;
  const region = topicArn?.split(':')[3];
  const base = region ? { region } : {};
  const tag = str(message.JobTag);
  const extra = { api, ...(tag ? { tag } : {}) };
  if (api === 'StartLendingAnalysis') {
    // Lending is its own kind (GetLendingAnalysis pages, then the summary), not a `textract` api.
    return {
      ref: { kind: 'textract.lending', id, ...base, ...(tag ? { tag } : {}) },
      state: stateOf(message.Status),
      source: 'textract',
    };
  }
  if (isObject(message.DocumentLocation) || /Document|Expense/.test(api)) {
    return {
      ref: { kind: 'textract', id, ...base, ...extra },
      state: stateOf(message.Status),
      source: 'textract',
    };
  }
  if (isObject(message.Video) || /^Start/.test(api)) {
    return {
      ref: { kind: 'rekognition.video', id, ...base, ...extra },
      state: stateOf(message.Status),
      source: 'rekognition',
    };
  }
  return undefined;
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** One payload: an EventBridge event, an SNS envelope, or a service message. */
function fromPayload(payload: unknown, topicArn?: string): JobEvent | undefined {
  if (!isObject(payload)) return undefined;
  if ('detail-type' in payload) return fromEventBridge(payload);
  if (payload.Type === 'Notification' && typeof payload.Message === 'string') {
    return fromPayload(parseJson(payload.Message), str(payload.TopicArn));
  }
  return fromServiceMessage(payload, topicArn);
}

/**
 * Every job event in what a Lambda received: an EventBridge event, an SNS-triggered Lambda event
 * (`Records[].Sns.Message`), an SQS batch (`Records[].body`: an SNS envelope, a raw SNS message, or
 * an EventBridge event), or one of those payloads alone.
 *
 * @throws ValidationError when a record is not a job event aws-ai knows (naming the record)
 * @example
 * ```ts
 * export const handler = async (event: unknown) => {
 *   for (const { ref, state } of jobEvents(event)) if (state === 'completed') await queue(ref);
 * };
 * ```
 */
export function jobEvents(event: unknown): JobEvent[] {
  if (isObject(event) && Array.isArray(event.Records)) {
    return event.Records.map((record: unknown, i: number) => {
      const sns = at(record, 'Sns');
      const parsed = isObject(sns)
        ? fromPayload(parseJson(sns.Message), str(sns.TopicArn))
        : fromPayload(parseJson(at(record, 'body')));
      if (!parsed) {
        throw new ValidationError(
          `Records[${i}] is not a job completion message aws-ai knows (Textract or Rekognition SNS message, or a Bedrock batch, SageMaker transform, Transcribe, Transcribe Call Analytics or Translate EventBridge event)`,
        );
      }
      return parsed;
    });
  }
  const parsed = fromPayload(typeof event === 'string' ? parseJson(event) : event);
  if (!parsed) {
    throw new ValidationError(
      'Not a job event aws-ai knows: pass the EventBridge event (Bedrock "Batch Inference Job State Change", "SageMaker Transform Job State Change", Transcribe "Transcribe Job State Change" or "Call Analytics Job State Change", "Translate TextTranslationJob State Change") or the SNS/SQS event of a Textract or Rekognition Video job',
    );
  }
  return [parsed];
}
