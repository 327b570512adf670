import { AbortError, AwsAI, TimeoutError, ValidationError } from 'aws-ai';
import {
  analyzeCall,
  analyzeCallStream,
  type CallAnalysis,
  createSpeechClient,
  Speech,
  type SpeechSynthesisJob,
  type SpeechSynthesizeResult,
  speechMarks,
  startCallAnalysis,
  startTranscription,
  synthesize,
  synthesizeStream,
  synthesizeToS3,
  type Transcript,
  transcribe,
  transcribeStream,
  voices,
} from 'aws-ai/speech';
import { describe, expect, it } from 'vitest';
import { callsTo, FAST_RETRY, useEmulator } from '../helpers/emulator';
import { drain } from '../helpers/transcribe-streams';

const { emu } = await useEmulator();
const client = () => createSpeechClient({ ...emu.config, retry: FAST_RETRY });
const module = () => new Speech({ ...emu.config, retry: FAST_RETRY });

const TEXT = 'Hello there. This is a short test of Amazon Polly.';
const FAST_POLL = { pollIntervalMs: 1 } as const;
const PCM = { sampleRate: 16_000, encoding: 'pcm', pace: 0 } as const;
const STEREO = { sampleRate: 8_000, encoding: 'pcm', pace: 0 } as const;
const CALL_AUDIO = 's3://calls/2024/1234.wav';
const CALL = { output: 's3://calls/analytics/', summarization: true } as const;
const TO_S3 = { output: 's3://audio-out/articles/' } as const;

/** `n` chunks of 100 ms of 16-bit PCM (16 kHz mono, or 8 kHz stereo). */
async function* pcm(n = 5): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < n; i++) yield new Uint8Array(3200).fill(i);
}

/** How many requests of each operation the emulator saw. */
function operations(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of emu.calls) counts[call.operation] = (counts[call.operation] ?? 0) + 1;
  return counts;
}

/**
 * Runs the function, then the method, each from a fresh emulator and a fresh client: their results
 * and the requests each sent.
 */
async function both<T>(viaFunction: () => Promise<T>, viaMethod: () => Promise<T>) {
  emu.reset();
  const fn = await viaFunction();
  const fnCalls = operations();
  emu.reset();
  const method = await viaMethod();
  const methodCalls = operations();
  return { fn, method, fnCalls, methodCalls };
}

async function bytesOf(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const out: Uint8Array[] = [];
  for await (const chunk of stream) out.push(chunk);
  return Buffer.concat(out);
}

async function eventsOf<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const event of stream) out.push(event);
  return out;
}

/** The SDK clients of one service in a module's cache, whichever of a function or a method made them. */
async function sdkClientsOf(module: object, service: string): Promise<unknown[]> {
  const { shared } = (module as unknown as { ctx: { shared: { clients: Map<string, unknown> } } })
    .ctx;
  const entries = [...shared.clients].filter(([key]) => key.startsWith(`${service}|`));
  return Promise.all(
    entries.map(async ([, loaded]) => ((await loaded) as { client: unknown }).client),
  );
}

// A job's generated name differs from one job to the next; the transcript must match.
const withoutJobName = (transcript: Transcript) => ({ ...transcript.toJSON(), jobName: 'job' });

/**
 * `value` as JSON with every generated name or id replaced by its place (`<0>`, `<1>`, …): two
 * runs compare equal when only the names the emulator or the job generated differ.
 */
function renamed(value: unknown, ids: readonly (string | undefined)[]): unknown {
  let json = JSON.stringify(value);
  ids.forEach((id, i) => {
    if (id) json = json.replaceAll(id, `<${i}>`);
  });
  return JSON.parse(json);
}

/** The Polly task ids a synthesis job started, audio and marks, in text order. */
const taskIds = (job: SpeechSynthesisJob) => job.tasks.flatMap((t) => [t.id, t.marksId]);

/** The name of the Call Analytics job this emulator run started (generated unless given). */
const callJobName = () =>
  callsTo(emu, 'StartCallAnalyticsJob')[0]?.input.CallAnalyticsJobName as string | undefined;

/** A call analysis with its generated job name replaced. */
const withoutCallName = (call: CallAnalysis | undefined) => renamed(call, [callJobName()]);

/** A caller's signal, aborted 50 ms from now. */
function abortSoon(): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  return controller.signal;
}

// A request id differs from one request to the next; everything else must match. The audio is
// compared as one buffer (element by element, megabytes take vitest seconds).
const comparable = (result: SpeechSynthesizeResult) => ({
  ...result,
  audio: Buffer.from(result.audio).toString('base64'),
  requestIds: result.requestIds.length,
});

describe('aws-ai/speech per-operation functions', () => {
  it('answer like the Speech methods: voices, synthesize, speechMarks, synthesizeStream', async () => {
    const options = { language: 'en-US', engine: 'neural' } as const;
    const listed = await both(
      () => voices(client(), options),
      () => module().voices(options),
    );
    expect(listed.fn.length).toBeGreaterThan(0);
    expect(listed.fn).toEqual(listed.method);
    expect(listed.fnCalls).toEqual({ DescribeVoices: 1 });
    expect(listed.methodCalls).toEqual(listed.fnCalls);

    // Long enough for two pieces, with marks re-based across them, and a voice looked up by language.
    const long = Array.from({ length: 120 }, (_, i) => `Sentence ${i} is read aloud.`).join(' ');
    const synthOptions = { language: 'en-US', format: 'mp3', marks: ['word'] } as const;
    const spoken = await both(
      () => synthesize(client(), long, synthOptions),
      () => module().synthesize(long, synthOptions),
    );
    expect(spoken.fn.pieces).toBeGreaterThan(1);
    expect(spoken.fn.marks?.length).toBeGreaterThan(0);
    expect(comparable(spoken.fn)).toEqual(comparable(spoken.method));
    expect(spoken.fnCalls.SynthesizeSpeech).toBe(2 * spoken.fn.pieces);
    expect(spoken.methodCalls).toEqual(spoken.fnCalls);

    const marks = await both(
      () => speechMarks(client(), long, { types: ['word', 'sentence'] }),
      () => module().speechMarks(long, { types: ['word', 'sentence'] }),
    );
    expect(marks.fn.length).toBeGreaterThan(0);
    expect(marks.fn).toEqual(marks.method);
    expect(marks.methodCalls).toEqual(marks.fnCalls);

    const streamed = await both(
      () => bytesOf(synthesizeStream(client(), long, { format: 'pcm' })),
      () => bytesOf(module().synthesizeStream(long, { format: 'pcm' })),
    );
    expect(streamed.fn.byteLength).toBeGreaterThan(0);
    expect(streamed.fn.equals(streamed.method)).toBe(true);
    expect(streamed.methodCalls).toEqual(streamed.fnCalls);
  });

  it('answer like the Speech methods: transcribeStream and analyzeCallStream', async () => {
    const live = await both(
      async () => {
        const stream = transcribeStream(client(), pcm(), PCM);
        return { events: await eventsOf(stream), transcript: await stream.transcript() };
      },
      async () => {
        const stream = module().transcribeStream(pcm(), PCM);
        return { events: await eventsOf(stream), transcript: await stream.transcript() };
      },
    );
    expect(live.fn.events.filter((e) => !e.isPartial)).toHaveLength(5);
    expect(live.fn).toEqual(live.method);
    expect(live.fnCalls).toEqual({ StartStreamTranscription: 1 });
    expect(live.methodCalls).toEqual(live.fnCalls);

    const call = await both(
      async () => {
        const stream = analyzeCallStream(client(), pcm(), STEREO);
        return { events: await eventsOf(stream), transcript: await stream.transcript() };
      },
      async () => {
        const stream = module().analyzeCallStream(pcm(), STEREO);
        return { events: await eventsOf(stream), transcript: await stream.transcript() };
      },
    );
    expect(call.fn.events.length).toBeGreaterThan(0);
    expect(call.fn).toEqual(call.method);
    expect(call.fnCalls).toEqual({ StartCallAnalyticsStreamTranscription: 1 });
    expect(call.methodCalls).toEqual(call.fnCalls);
  });

  it('answer like the Speech methods: transcribe and startTranscription', async () => {
    const media = 's3://media/interview.mp3';
    const done = await both(
      () => transcribe(client(), media, { speakers: 2, ...FAST_POLL }),
      () => module().transcribe(media, { speakers: 2, ...FAST_POLL }),
    );
    expect(done.fn.words.length).toBeGreaterThan(0);
    expect(withoutJobName(done.fn)).toEqual(withoutJobName(done.method));
    expect(done.fnCalls.StartTranscriptionJob).toBe(1);
    expect(done.methodCalls).toEqual(done.fnCalls);

    const started = await both(
      async () => {
        const job = await startTranscription(client(), media);
        return { kind: job.ref.kind, transcripts: await job.result(FAST_POLL) };
      },
      async () => {
        const job = await module().startTranscription(media);
        return { kind: job.ref.kind, transcripts: await job.result(FAST_POLL) };
      },
    );
    expect(started.fn.kind).toBe('transcribe.transcription');
    expect(started.fn.transcripts.map(withoutJobName)).toEqual(
      started.method.transcripts.map(withoutJobName),
    );
    expect(started.methodCalls).toEqual(started.fnCalls);
  });

  it('answer like the Speech methods: synthesizeToS3', async () => {
    // Over 100,000 characters: two audio tasks and two marks tasks, the voice looked up by language.
    const book = 'The quick brown fox jumps over the lazy dog. '.repeat(2_500);
    const options = { ...TO_S3, language: 'en-US', marks: ['sentence'] } as const;
    const run = async (job: SpeechSynthesisJob) => {
      const ids = taskIds(job);
      const status = await job.status();
      const done = await job.wait(FAST_POLL);
      const [output] = await job.result(FAST_POLL);
      return renamed(
        { tasks: job.tasks, voice: job.voice, ref: job.ref, status, done, output },
        ids,
      );
    };
    const started = await both(
      async () => run(await synthesizeToS3(client(), book, options)),
      async () => run(await module().synthesizeToS3(book, options)),
    );
    expect(started.fn).toMatchObject({
      tasks: [
        { id: '<0>', marksId: '<1>', start: 0 },
        { id: '<2>', marksId: '<3>', end: book.length },
      ],
      ref: { kind: 'polly.synthesis', id: '<0>' },
      done: { state: 'completed', characters: book.length },
      output: { audio: ['s3://audio-out/articles/<0>.mp3', 's3://audio-out/articles/<2>.mp3'] },
    });
    expect(started.fn).toEqual(started.method);
    expect(started.fnCalls).toMatchObject({ DescribeVoices: 1, StartSpeechSynthesisTask: 4 });
    expect(started.methodCalls).toEqual(started.fnCalls);

    // A plain start, as the method's own test: one task, the same request.
    emu.reset();
    await synthesizeToS3(client(), TEXT, { ...TO_S3, voice: 'Joanna', engine: 'neural' });
    const fnInput = callsTo(emu, 'StartSpeechSynthesisTask')[0]?.input;
    emu.reset();
    await module().synthesizeToS3(TEXT, { ...TO_S3, voice: 'Joanna', engine: 'neural' });
    expect(callsTo(emu, 'StartSpeechSynthesisTask')[0]?.input).toEqual(fnInput);
    expect(fnInput).toMatchObject({
      OutputS3BucketName: 'audio-out',
      OutputS3KeyPrefix: 'articles/',
    });
  });

  it('answer like the Speech methods: analyzeCall and startCallAnalysis', async () => {
    const analyzed = await both(
      async () =>
        withoutCallName(await analyzeCall(client(), CALL_AUDIO, { ...CALL, ...FAST_POLL })),
      async () =>
        withoutCallName(await module().analyzeCall(CALL_AUDIO, { ...CALL, ...FAST_POLL })),
    );
    expect(analyzed.fn).toMatchObject({ summary: expect.stringContaining('refunded') });
    expect(analyzed.fn).toEqual(analyzed.method);
    expect(analyzed.fnCalls).toMatchObject({ StartCallAnalyticsJob: 1, GetObject: 1 });
    expect(analyzed.methodCalls).toEqual(analyzed.fnCalls);

    // Bytes staged, then deleted: the same uploads and deletes.
    const staging = { staging: { bucket: 'staging', prefix: 'calls/' } };
    const bytes = new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4]);
    const staged = await both(
      async () =>
        withoutCallName(
          await analyzeCall(createSpeechClient({ ...emu.config, ...staging }), bytes, {
            ...CALL,
            ...FAST_POLL,
          }),
        ),
      async () =>
        withoutCallName(
          await new Speech({ ...emu.config, ...staging }).analyzeCall(bytes, {
            ...CALL,
            ...FAST_POLL,
          }),
        ),
    );
    expect(staged.fn).toEqual(staged.method);
    expect(staged.fnCalls).toMatchObject({
      PutObject: 1,
      StartCallAnalyticsJob: 1,
      DeleteObject: 1,
    });
    expect(staged.methodCalls).toEqual(staged.fnCalls);

    const run = async (job: Awaited<ReturnType<typeof startCallAnalysis>>) => {
      const name = job.name;
      const status = await job.status();
      const results = await job.result(FAST_POLL);
      return renamed({ name, ref: job.ref, stagedUri: job.stagedUri, status, results }, [name]);
    };
    const started = await both(
      async () => run(await startCallAnalysis(client(), CALL_AUDIO, CALL)),
      async () => run(await module().startCallAnalysis(CALL_AUDIO, CALL)),
    );
    expect(started.fn).toMatchObject({
      name: '<0>',
      ref: { kind: 'transcribe.call-analytics', id: '<0>' },
    });
    expect(started.fn).toEqual(started.method);
    expect(started.fnCalls.StartCallAnalyticsJob).toBe(1);
    expect(started.methodCalls).toEqual(started.fnCalls);

    // A given name is the job's: the analysis matches the method's to the letter.
    emu.reset();
    const named = await startCallAnalysis(client(), CALL_AUDIO, { ...CALL, name: 'call-fn' });
    const [viaFunction] = await named.result(FAST_POLL);
    const [viaMethod] = await (
      await module().startCallAnalysis(CALL_AUDIO, { ...CALL, name: 'call-method' })
    ).result(FAST_POLL);
    expect(JSON.stringify(viaFunction).replaceAll('call-fn', 'call-method')).toBe(
      JSON.stringify(viaMethod),
    );
  });

  it('take a Speech module or ai.speech and share its SDK clients and voice list', async () => {
    const speech = module();
    const viaFunction = await voices(speech);
    expect(await speech.voices()).toEqual(viaFunction);
    expect(callsTo(emu, 'DescribeVoices')).toHaveLength(1);
    await synthesize(speech, TEXT);
    await speech.synthesize(TEXT);
    expect(await sdkClientsOf(speech, 'polly')).toHaveLength(1);

    const ai = new AwsAI(emu.config);
    const said = await synthesize(ai.speech, TEXT, { language: 'en-US' });
    expect(said.audio.byteLength).toBeGreaterThan(0);
    // The voice looked up for `language` came from the list the method reads too.
    await ai.speech.synthesize(TEXT, { language: 'en-US' });
    expect(callsTo(emu, 'DescribeVoices')).toHaveLength(2);
    const events = await eventsOf(transcribeStream(ai.speech, pcm(2), PCM));
    expect(events.length).toBeGreaterThan(0);
    await eventsOf(ai.speech.transcribeStream(pcm(2), PCM));
    expect(await sdkClientsOf(ai.speech, 'polly')).toHaveLength(1);
    expect(await sdkClientsOf(ai.speech, 'transcribe-streaming')).toHaveLength(1);

    // Tasks and Call Analytics jobs through the module's clients and voice list.
    const job = await synthesizeToS3(ai.speech, TEXT, { ...TO_S3, language: 'en-US' });
    expect((await job.wait(FAST_POLL)).audio).toHaveLength(1);
    await ai.speech.synthesizeToS3(TEXT, { ...TO_S3, language: 'en-US' });
    expect(callsTo(emu, 'DescribeVoices')).toHaveLength(2);
    expect(await sdkClientsOf(ai.speech, 'polly')).toHaveLength(1);
    const call = await analyzeCall(speech, CALL_AUDIO, { ...CALL, ...FAST_POLL });
    expect(call.turns.length).toBeGreaterThan(0);
    await speech.analyzeCall(CALL_AUDIO, { ...CALL, ...FAST_POLL });
    const started = await startCallAnalysis(ai.speech, CALL_AUDIO, CALL);
    expect((await started.result(FAST_POLL)).length).toBe(1);
    await ai.speech.startCallAnalysis(CALL_AUDIO, CALL);
    expect(await sdkClientsOf(speech, 'transcribe')).toHaveLength(1);
    expect(await sdkClientsOf(ai.speech, 'transcribe')).toHaveLength(1);
  });

  it('refuse a first argument that is not a client, before any request', async () => {
    for (const bad of [undefined, null, {}, emu.config, { ctx: {} }, 'speech', [client()]]) {
      const first = bad as never;
      await expect(voices(first)).rejects.toBeInstanceOf(ValidationError);
      await expect(synthesize(first, TEXT)).rejects.toBeInstanceOf(ValidationError);
      await expect(speechMarks(first, TEXT)).rejects.toBeInstanceOf(ValidationError);
      await expect(transcribe(first, 's3://media/a.mp3')).rejects.toBeInstanceOf(ValidationError);
      await expect(startTranscription(first, 's3://media/a.mp3')).rejects.toBeInstanceOf(
        ValidationError,
      );
      await expect(synthesizeToS3(first, TEXT, TO_S3)).rejects.toBeInstanceOf(ValidationError);
      await expect(analyzeCall(first, CALL_AUDIO, CALL)).rejects.toBeInstanceOf(ValidationError);
      await expect(startCallAnalysis(first, CALL_AUDIO, CALL)).rejects.toBeInstanceOf(
        ValidationError,
      );
      expect(() => synthesizeStream(first, TEXT)).toThrow(ValidationError);
      expect(() => transcribeStream(first, pcm(), PCM)).toThrow(ValidationError);
      expect(() => analyzeCallStream(first, pcm(), STEREO)).toThrow(ValidationError);
    }
    expect(() => createSpeechClient({ timeoutMs: -1 })).toThrow(ValidationError);
    expect(emu.calls).toHaveLength(0);
  });

  it('validate input before any request, as the methods do', async () => {
    const speech = client();
    await expect(synthesize(speech, '   ')).rejects.toBeInstanceOf(ValidationError);
    await expect(speechMarks(speech, TEXT, { engine: 'generative' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(voices(speech, { engine: 'fast' as never })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(transcribe(speech, new Uint8Array(8))).rejects.toBeInstanceOf(ValidationError);
    await expect(synthesizeToS3(speech, TEXT, {} as never)).rejects.toBeInstanceOf(ValidationError);
    await expect(
      synthesizeToS3(speech, TEXT, { output: 's3://Bad_Bucket/' }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(synthesizeToS3(speech, '', TO_S3)).rejects.toBeInstanceOf(ValidationError);
    await expect(
      analyzeCall(speech, CALL_AUDIO, { output: 'calls/out' } as never),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      analyzeCall(speech, CALL_AUDIO, { ...CALL, pollIntervalMs: 0 }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(analyzeCall(speech, new Uint8Array([1, 2]), CALL)).rejects.toThrow(/staging/);
    await expect(
      startCallAnalysis(speech, CALL_AUDIO, { ...CALL, channels: { agent: 0, customer: 0 } }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      startCallAnalysis(speech, CALL_AUDIO, { ...CALL, name: 'bad name' }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(() => synthesizeStream(speech, TEXT, { timeoutMs: -1 })).toThrow(ValidationError);
    expect(() => transcribeStream(speech, pcm(), { ...PCM, sampleRate: 7_999 })).toThrow(
      ValidationError,
    );
    expect(() =>
      analyzeCallStream(speech, pcm(), { ...STEREO, channels: { agent: 0, customer: 0 } }),
    ).toThrow(ValidationError);
    expect(emu.calls).toHaveLength(0);
  });

  it('bound a call with timeoutMs or a signal, as the methods do', async () => {
    emu.fault({ service: 'polly', kind: 'delay', delayMs: 600 });
    const slow = [
      (o: { timeoutMs?: number; signal?: AbortSignal }) => synthesize(client(), TEXT, o),
      (o: { timeoutMs?: number; signal?: AbortSignal }) => module().synthesize(TEXT, o),
      (o: { timeoutMs?: number; signal?: AbortSignal }) => speechMarks(client(), TEXT, o),
      (o: { timeoutMs?: number; signal?: AbortSignal }) => voices(client(), o),
      (o: { timeoutMs?: number; signal?: AbortSignal }) =>
        drain(synthesizeStream(client(), TEXT, o)).then((e) => Promise.reject(e)),
      (o: { timeoutMs?: number; signal?: AbortSignal }) =>
        drain(module().synthesizeStream(TEXT, o)).then((e) => Promise.reject(e)),
    ];
    for (const call of slow) {
      await expect(call({ timeoutMs: 50 })).rejects.toBeInstanceOf(TimeoutError);
      await expect(call({ signal: abortSoon() })).rejects.toBeInstanceOf(AbortError);
    }
    // The client's own timeoutMs, as `new Speech({ timeoutMs })`.
    const bounded = createSpeechClient({ ...emu.config, timeoutMs: 50 });
    await expect(synthesize(bounded, TEXT)).rejects.toBeInstanceOf(TimeoutError);

    // A live stream whose source outlasts the deadline: the function ends like the method.
    const paced = { sampleRate: 16_000, encoding: 'pcm', timeoutMs: 300 } as const;
    const fnError = await drain(transcribeStream(client(), pcm(50), paced));
    const methodError = await drain(module().transcribeStream(pcm(50), paced));
    expect(fnError).toBeInstanceOf(TimeoutError);
    expect(methodError).toBeInstanceOf(TimeoutError);
    expect((fnError as TimeoutError).operation).toBe((methodError as TimeoutError).operation);
  });

  it('bound task and Call Analytics starts and the whole analyzeCall, as the methods do', async () => {
    type Bound = { timeoutMs?: number; signal?: AbortSignal };
    // Every request slow: a start's timeoutMs bounds each request, analyzeCall's the whole call.
    const stopSlow = emu.fault({ kind: 'delay', delayMs: 600 });
    const slow = [
      (o: Bound) => synthesizeToS3(client(), TEXT, { ...TO_S3, ...o }),
      (o: Bound) => module().synthesizeToS3(TEXT, { ...TO_S3, ...o }),
      (o: Bound) => analyzeCall(client(), CALL_AUDIO, { ...CALL, ...FAST_POLL, ...o }),
      (o: Bound) => module().analyzeCall(CALL_AUDIO, { ...CALL, ...FAST_POLL, ...o }),
      (o: Bound) => startCallAnalysis(client(), CALL_AUDIO, { ...CALL, ...o }),
      (o: Bound) => module().startCallAnalysis(CALL_AUDIO, { ...CALL, ...o }),
    ];
    for (const call of slow) {
      await expect(call({ timeoutMs: 50 })).rejects.toBeInstanceOf(TimeoutError);
      await expect(call({ signal: abortSoon() })).rejects.toBeInstanceOf(AbortError);
    }
    stopSlow();

    // A job that never ends: each request is quick, analyzeCall's timeoutMs ends the whole call.
    emu.handle('transcribe', 'GetCallAnalyticsJob', (input) => ({
      CallAnalyticsJob: {
        CallAnalyticsJobName: input.CallAnalyticsJobName,
        CallAnalyticsJobStatus: 'IN_PROGRESS',
      },
    }));
    const endless = { ...CALL, pollIntervalMs: 20, timeoutMs: 300 };
    const fnError = await analyzeCall(client(), CALL_AUDIO, endless).catch((e: unknown) => e);
    const fnPolls = callsTo(emu, 'GetCallAnalyticsJob').length;
    const methodError = await module()
      .analyzeCall(CALL_AUDIO, endless)
      .catch((e: unknown) => e);
    expect(fnError).toBeInstanceOf(TimeoutError);
    expect(methodError).toBeInstanceOf(TimeoutError);
    expect(fnPolls).toBeGreaterThan(1);
    expect((fnError as TimeoutError).operation).toBe((methodError as TimeoutError).operation);
    expect((fnError as TimeoutError).service).toBe((methodError as TimeoutError).service);
  });
});
