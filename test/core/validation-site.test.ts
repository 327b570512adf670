import { ValidationError } from 'aws-ai';
import { createTextClient, detectLanguage } from 'aws-ai/text';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';

/**
 * docs/errors-and-retries.md: every failure is an AwsAIError with `service` and `operation`. A
 * ValidationError our own checks raise before any request knows no service; the call names it.
 */
const { emu, client } = await useEmulator();

async function refusal(run: () => Promise<unknown>): Promise<ValidationError> {
  const err = await run().catch((e: unknown) => e);
  expect(ValidationError.isInstance(err)).toBe(true);
  expect(emu.calls).toHaveLength(0);
  return err as ValidationError;
}

describe('a ValidationError raised before any request names the call', () => {
  it.each([
    [
      'text.sentiment of blank text',
      () => client().text.sentiment('  '),
      'comprehend',
      'DetectSentiment',
    ],
    [
      'recommendations.forUser with no ARN',
      () => client().recommendations.forUser('campaign/movies', { userId: 'u1' }),
      'personalize-runtime',
      'GetRecommendations',
    ],
    [
      'vision.labels of no bytes',
      () => client().vision.labels(new Uint8Array(0)),
      'rekognition',
      'DetectLabels',
    ],
    [
      'bad request options',
      () => client().text.sentiment('fine', 'fast' as never),
      'comprehend',
      'DetectSentiment',
    ],
    [
      'the per-operation function',
      () => detectLanguage(createTextClient(emu.config), ''),
      'comprehend',
      'DetectDominantLanguage',
    ],
  ])('%s', async (_, run, service, operation) => {
    const err = await refusal(run);
    expect({ service: err.service, operation: err.operation }).toEqual({ service, operation });
    expect(err.retryable).toBe(false);
  });
});

describe('a job starter called without options', () => {
  it.each([
    [
      'synthesizeToS3',
      () => client().speech.synthesizeToS3('Hello', undefined as never),
      'polly',
      'StartSpeechSynthesisTask',
      /options\.output must be an s3:\/\/ URI where Polly writes/,
    ],
    [
      'startCallAnalysis',
      () => client().speech.startCallAnalysis('s3://calls/a.wav', undefined as never),
      'transcribe',
      'StartCallAnalyticsJob',
      /options\.output must be the s3:\/\/ location Transcribe writes/,
    ],
  ])(
    '%s: says which option is missing, naming the call (not another method)',
    async (_, run, service, operation, message) => {
      const err = await refusal(run);
      expect(err).toMatchObject({ service, operation });
      expect(err.message).toMatch(message);
    },
  );
});

describe('a method that returns a stream or a session refuses bad input at once, naming the call', () => {
  const bot = () =>
    client().conversation.bot({ botId: 'PIZZABOT01', botAliasId: 'TSTALIASID', localeId: 'en_US' });
  it.each([
    [
      'generative.stream, timeoutMs 0',
      () =>
        client().generative.stream(
          { model: 'amazon.nova-lite-v1:0', prompt: 'Hi' },
          { timeoutMs: 0 },
        ),
      'bedrock-runtime',
      'ConverseStream',
    ],
    [
      'generative.chat().stream, timeoutMs 0',
      () =>
        client().generative.chat({ model: 'amazon.nova-lite-v1:0' }).stream('Hi', { timeoutMs: 0 }),
      'bedrock-runtime',
      'ConverseStream',
    ],
    [
      'generative.invokeStream, no model',
      () => client().generative.invokeStream('', {}),
      'bedrock-runtime',
      'InvokeModelWithResponseStream',
    ],
    [
      'generative.voice, bad options',
      () => client().generative.voice({ model: 'amazon.nova-sonic-v1:0' }, 'fast' as never),
      'bedrock-runtime',
      'InvokeModelWithBidirectionalStream',
    ],
    [
      'speech.synthesizeStream of blank text',
      () => client().speech.synthesizeStream('  '),
      'polly',
      'SynthesizeSpeech',
    ],
    [
      'speech.transcribeStream of no audio',
      () => client().speech.transcribeStream(42 as never, {} as never),
      'transcribe-streaming',
      'StartStreamTranscription',
    ],
    [
      'medical.transcribeStream of no audio',
      () => client().medical.transcribeStream(42 as never, {} as never),
      'transcribe-streaming',
      'StartMedicalStreamTranscription',
    ],
    [
      'endpoints.invokeStream of a number',
      () => client().endpoints.invokeStream('my-endpoint', 42 as never),
      'sagemaker-runtime',
      'InvokeEndpointWithResponseStream',
    ],
    [
      'endpoints.batcher with a raw serializer',
      () => client().endpoints.batcher('my-endpoint', { serializer: 'raw' as never }),
      'sagemaker-runtime',
      'InvokeEndpoint',
    ],
    [
      'knowledge.askStream, timeoutMs 0',
      () =>
        client().knowledge.askStream('vacation days', {
          knowledgeBaseId: 'KB12345678',
          model: 'amazon.nova-lite-v1:0',
          timeoutMs: 0,
        }),
      'bedrock-agent-runtime',
      'RetrieveAndGenerateStream',
    ],
    [
      'agents.invoke, idleTimeoutMs 0',
      () =>
        client().agents.invoke({ id: 'AGENT12345', aliasId: 'ALIAS12345' }, 'Hi', {
          idleTimeoutMs: 0,
        }),
      'bedrock-agent-runtime',
      'InvokeAgent',
    ],
    [
      'agents.flow, timeoutMs -1',
      () =>
        client().agents.flow({ id: 'FLOW123456', aliasId: 'ALIAS12345' }, 'Hi', {
          timeoutMs: -1,
        }),
      'bedrock-agent-runtime',
      'InvokeFlow',
    ],
    [
      "a bot's converse of a number",
      () => bot().converse(42 as never),
      'lex-runtime',
      'StartConversation',
    ],
  ])('%s', (_, run, service, operation) => {
    let err: unknown;
    try {
      run();
    } catch (e) {
      err = e;
    }
    expect(ValidationError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({ service, operation });
    expect(emu.calls).toHaveLength(0);
  });
});
