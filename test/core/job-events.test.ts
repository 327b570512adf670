import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { CallAnalysis } from 'aws-ai/speech';
import { jobEvents } from 'aws-ai/speech';
import {
  createTextClient,
  type TextTranslationFile,
  jobFromEvent as textJobFromEvent,
} from 'aws-ai/text';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';
import { sampleEvent } from '../helpers/job-events';

const { emu, client } = await useEmulator();
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

  it('an event it does not read is refused naming the ones it reads', () => {
    const other = { source: 'aws.comprehend', 'detail-type': 'Job State Change', detail: {} };
    expect(() => jobEvents(other)).toThrow(/"Translate TextTranslationJob State Change"/);
    expect(() => client().jobs.events(viaSqs(other))).toThrow(
      /Records\[0\].*Translate EventBridge event/,
    );
  });
});

describe('jobEvents: Translate "Translate TextTranslationJob State Change" (EventBridge)', () => {
  it('the documented event: a translate.text ref named by jobId, without target languages', () => {
    expect(jobEvents(sampleEvent('translate-text-translation-job-state-change'))).toEqual([
      {
        ref: {
          kind: 'translate.text',
          id: '01234567-0123-0123-0123-012345678901',
          region: 'us-east-1',
        },
        state: 'completed',
        source: 'aws.translate',
      },
    ]);
  });

  it('COMPLETED_WITH_ERROR is partially-completed, STOPPED stopped, FAILED failed', () => {
    const sample = sampleEvent('translate-text-translation-job-state-change') as {
      detail: Record<string, unknown>;
    };
    const states = ['COMPLETED_WITH_ERROR', 'STOP_REQUESTED', 'STOPPED', 'FAILED'].map((status) => {
      sample.detail.jobStatus = status;
      return jobEvents(viaSqs(sample))[0]?.state;
    });
    expect(states).toEqual(['partially-completed', 'stopping', 'stopped', 'failed']);
  });
});

describe('jobEvents → ai.jobs.resume against the emulator', () => {
  it('a Translate job started in the emulator is read from its event: targets from the description, in their order', async () => {
    const s3 = new S3Client({ ...emu.config, forcePathStyle: true });
    await s3.send(new PutObjectCommand({ Bucket: 'je-in', Key: 'docs/a.txt', Body: 'Hello cat' }));
    s3.destroy();
    const job = await client().text.startTranslationJob({
      input: 's3://je-in/docs/',
      output: 's3://je-out/',
      roleArn: 'arn:aws:iam::123456789012:role/TranslateAccess',
      to: ['fr', 'de'],
    });
    const direct = await job.result(FAST);
    const sample = sampleEvent('translate-text-translation-job-state-change') as {
      detail: Record<string, unknown>;
    };
    sample.detail.jobId = job.id;
    const [event] = jobEvents(viaSqs(sample));
    expect(event?.ref).toEqual({ kind: 'translate.text', id: job.id, region: 'us-east-1' });
    const viaRoot = await client()
      .jobs.resume<TextTranslationFile>(JSON.stringify(event?.ref))
      .result(FAST);
    const viaFunction = await textJobFromEvent<TextTranslationFile>(
      createTextClient(emu.config),
      viaSqs(sample),
    ).result(FAST);
    for (const again of [viaRoot, viaFunction]) {
      expect(again).toEqual(direct);
      expect(again.map((f) => [f.to, f.text])).toEqual([
        ['fr', 'Bonjour chat'],
        ['de', 'Hallo Katze'],
      ]);
    }
  });

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
