import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';
import { useSpans } from '../helpers/telemetry';

// The Transcribe streams pass their method to AwsAIStream.from (core's transcriptStream): one span
// per stream named `aws-ai.<module>.<method>`, every StartXxx request of the stream under it.
const { spans, named } = useSpans();

const { client } = await useEmulator();

async function* audio(bytes: number): AsyncGenerator<Uint8Array> {
  yield new Uint8Array(bytes).fill(1);
}

describe('telemetry of the Transcribe streams', () => {
  it('medical.transcribeStream: one stream span, each renewed session a request under it', async () => {
    // Warm up: the first stream of a process may start before the API's import settled.
    await client()
      .medical.transcribeStream(audio(3_200), { sampleRate: 16_000, encoding: 'pcm', pace: 0 })
      .collect();
    spans.reset();
    const events = await client()
      .medical.transcribeStream(audio(16_000 * 2 * 2), {
        sampleRate: 16_000,
        encoding: 'pcm',
        pace: 0,
        maxSessionMs: 1_000,
      })
      .collect();
    const [span] = named('aws-ai.medical.transcribeStream');
    expect(span?.attributes).toMatchObject({
      'aws_ai.stream': true,
      'aws_ai.stream.outcome': 'completed',
      'aws_ai.events': events.length,
    });
    const requests = named('transcribe-streaming.StartMedicalStreamTranscription');
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      expect(request.parentSpanContext?.spanId).toBe(span?.spanContext().spanId);
    }
  });

  it('speech.analyzeCallStream: named after its method', async () => {
    await client()
      .speech.analyzeCallStream(audio(8_000 * 2 * 2), {
        sampleRate: 8_000,
        encoding: 'pcm',
        pace: 0,
      })
      .collect();
    const [span] = named('aws-ai.speech.analyzeCallStream');
    expect(span?.attributes['aws_ai.stream.outcome']).toBe('completed');
    expect(
      named('transcribe-streaming.StartCallAnalyticsStreamTranscription')[0]?.parentSpanContext
        ?.spanId,
    ).toBe(span?.spanContext().spanId);
  });

  it('telemetry: false: no span', async () => {
    await client({ telemetry: false })
      .medical.transcribeStream(audio(3_200), { sampleRate: 16_000, encoding: 'pcm', pace: 0 })
      .collect();
    expect(spans.getFinishedSpans()).toHaveLength(0);
  });
});
