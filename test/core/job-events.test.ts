import type { CallAnalysis } from 'aws-ai/speech';
import { jobEvents } from 'aws-ai/speech';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';
import { sampleEvent } from '../helpers/job-events';

const { client } = await useEmulator();
const FAST = { pollIntervalMs: 1, maxPollIntervalMs: 2 };

/** An EventBridge event as an EventBridge → SQS target delivers it: the event is the record's `body`. */
function viaSqs(event: Record<string, unknown>): Record<string, unknown> {
  const sqs = sampleEvent('textract-sns-message-via-sqs') as { Records: Record<string, unknown>[] };
  return { Records: sqs.Records.map((record) => ({ ...record, body: JSON.stringify(event) })) };
}

describe('jobEvents: Transcribe "Call Analytics Job State Change" (EventBridge)', () => {
  it('the documented event: a transcribe.call-analytics ref named by JobName, in its region', () => {
    expect(jobEvents(sampleEvent('transcribe-call-analytics-job-state-change'))).toEqual([
      {
        ref: {
          kind: 'transcribe.call-analytics',
          id: 'my-first-analytics-job',
          region: 'us-west-2',
        },
        state: 'completed',
        source: 'aws.transcribe',
      },
    ]);
  });

  it('FAILED: the failed state and the FailureReason AWS adds under detail', () => {
    const sample = sampleEvent('transcribe-call-analytics-job-state-change') as {
      detail: Record<string, unknown>;
    };
    Object.assign(sample.detail, {
      JobStatus: 'FAILED',
      FailureReason: 'The media format provided does not match the detected media format.',
    });
    const [found] = jobEvents(sample);
    expect(found).toMatchObject({
      ref: { kind: 'transcribe.call-analytics', id: 'my-first-analytics-job' },
      state: 'failed',
      message: 'The media format provided does not match the detected media format.',
    });
  });

  it('through an EventBridge → SQS target: one event per record, the same ref', () => {
    const event = viaSqs(sampleEvent('transcribe-call-analytics-job-state-change'));
    const found = client().jobs.events(event);
    expect(found.map((e) => [e.ref, e.state, e.source])).toEqual([
      [
        { kind: 'transcribe.call-analytics', id: 'my-first-analytics-job', region: 'us-west-2' },
        'completed',
        'aws.transcribe',
      ],
    ]);
  });

  it('an event it does not read (Translate names no target languages) is refused naming the ones it reads', () => {
    const translate = sampleEvent('translate-text-translation-job-state-change');
    expect(() => jobEvents(translate)).toThrow(/"Call Analytics Job State Change"/);
    expect(() => client().jobs.events(viaSqs(translate))).toThrow(
      /Records\[0\].*Transcribe Call Analytics EventBridge event/,
    );
  });
});

describe('jobEvents → ai.jobs.resume against the emulator', () => {
  it('a Call Analytics job started in the emulator is read from the event AWS would send for it', async () => {
    const options = { output: 's3://calls/analytics/', summarization: true };
    const job = await client().speech.startCallAnalysis('s3://calls/1.wav', {
      ...options,
      name: 'call-from-event',
    });
    const [direct] = await job.result(FAST);
    const sample = sampleEvent('transcribe-call-analytics-job-state-change') as {
      detail: Record<string, unknown>;
    };
    sample.detail.JobName = job.id;
    const [event] = jobEvents(viaSqs(sample));
    expect(event?.ref).toMatchObject({ kind: 'transcribe.call-analytics', id: 'call-from-event' });
    const [again, ...rest] = await client()
      .jobs.resume<CallAnalysis>(JSON.stringify(event?.ref))
      .result(FAST);
    expect(rest).toHaveLength(0);
    expect(again).toEqual(direct);
    expect(again?.summary).toContain('refunded the second charge');
  });
});
