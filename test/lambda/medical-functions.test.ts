import {
  AbortError,
  AwsAI,
  BatchError,
  BatchItemError,
  TimeoutError,
  ValidationError,
} from 'aws-ai';
import {
  createMedicalClient,
  entities,
  icd10cm,
  Medical,
  type MedicalTranscribeStreamEvent,
  MedicalTranscript,
  phi,
  redactPhi,
  rxnorm,
  snomedct,
  startTranscription,
  transcribe,
  transcribeStream,
} from 'aws-ai/medical';
import { describe, expect, it } from 'vitest';
import { callsTo, FAST_RETRY, functionAndMethod, useEmulator } from '../helpers/emulator';
import { drain } from '../helpers/transcribe-streams';

const { emu } = await useEmulator();
const config = { ...emu.config, retry: FAST_RETRY };
const client = () => createMedicalClient(config);

const NOTE = 'Patient takes 40 mg lisinopril daily by mouth for hypertension. Denies chest pain.';
const PHI_NOTE = 'Mr. John Smith, 54 years old, seen 03/14/2024. Call 555-010-1234.';
const NOTES = [NOTE, 'Started metformin 500 mg twice daily for diabetes.'];
const AUDIO = 's3://clinic/visit.mp3';
const JOB = { output: 's3://clinic-out/visits/', pollIntervalMs: 1 } as const;
const RATE = 16_000;

/** `seconds` of 16 kHz 16-bit PCM (a tone) in uneven chunks. */
async function* pcm(seconds: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.alloc(seconds * RATE * 2);
  for (let i = 0; i < bytes.length / 2; i++) {
    bytes.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / RATE) * 3000), i * 2);
  }
  for (let at = 0; at < bytes.length; at += 7_777) yield bytes.subarray(at, at + 7_777);
}
const STREAM = { sampleRate: RATE, encoding: 'pcm', partials: false, pace: 0 } as const;

/** The SDK clients of one service cached in a module's context (the cache functions must share). */
async function sdkClientsOf(owner: object, service: string): Promise<unknown[]> {
  const { shared } = (owner as unknown as { ctx: { shared: { clients: Map<string, unknown> } } })
    .ctx;
  const entries = [...shared.clients].filter(([key]) => key.startsWith(`${service}|`));
  return Promise.all(
    entries.map(async ([, loaded]) => ((await loaded) as { client: unknown }).client),
  );
}

// A job's generated name (and the output key derived from it) differs from one run to the next.
const withoutJobName = (t: MedicalTranscript) => ({ ...t, jobName: 'job' });

describe('aws-ai/medical per-operation functions', () => {
  it('answer like the Medical methods, with the same requests, for one text and for arrays', async () => {
    const medical = client();
    const module = new Medical(config);
    const cases = [
      ['DetectEntitiesV2', () => entities(medical, NOTE), () => module.entities(NOTE)],
      ['DetectEntitiesV2', () => entities(medical, NOTES), () => module.entities(NOTES)],
      ['DetectPHI', () => phi(medical, PHI_NOTE), () => module.phi(PHI_NOTE)],
      [
        'DetectPHI',
        () => phi(medical, [PHI_NOTE], { types: ['NAME'] }),
        () => module.phi([PHI_NOTE], { types: ['NAME'] }),
      ],
      ['DetectPHI', () => redactPhi(medical, PHI_NOTE), () => module.redactPhi(PHI_NOTE)],
      [
        'DetectPHI',
        () => redactPhi(medical, [PHI_NOTE, NOTE], { mask: '***' }),
        () => module.redactPhi([PHI_NOTE, NOTE], { mask: '***' }),
      ],
      ['InferICD10CM', () => icd10cm(medical, NOTE), () => module.icd10cm(NOTE)],
      ['InferICD10CM', () => icd10cm(medical, NOTES), () => module.icd10cm(NOTES)],
      [
        'InferRxNorm',
        () => rxnorm(medical, NOTES[1] as string),
        () => module.rxnorm(NOTES[1] as string),
      ],
      ['InferRxNorm', () => rxnorm(medical, NOTES), () => module.rxnorm(NOTES)],
      ['InferSNOMEDCT', () => snomedct(medical, NOTE), () => module.snomedct(NOTE)],
      ['InferSNOMEDCT', () => snomedct(medical, NOTES), () => module.snomedct(NOTES)],
    ] as const;
    for (const [operation, viaFunction, viaMethod] of cases) {
      const run = await functionAndMethod<unknown>(emu, viaFunction, viaMethod);
      expect(run.fn).toEqual(run.method);
      expect(Object.keys(run.fnCalls)).toEqual([operation]);
      expect(run.methodCalls).toEqual(run.fnCalls);
    }
    // The results are real answers, not two identical failures or empty lists.
    const found = await entities(medical, NOTE);
    expect(found.entities.map((e) => e.text)).toEqual(['lisinopril', 'hypertension', 'chest pain']);
    expect((await redactPhi(medical, PHI_NOTE)).text).toContain('[NAME]');
    expect((await icd10cm(medical, NOTE)).entities[0]?.concepts[0]?.code).toBe('I10');
  });

  it('keep item errors on request, like the methods', async () => {
    emu.handle('comprehendmedical', 'DetectEntitiesV2', (input) => {
      if (String(input.Text).includes('boom')) throw emu.error('InvalidRequestException', 'bad');
      return { Entities: [], ModelVersion: '1' };
    });
    const medical = client();
    const module = new Medical(config);
    const input = ['fine text', 'boom text'];
    // Each request has its own id; everything else about the item error must match.
    const shape = (r: unknown) =>
      r instanceof BatchItemError
        ? { name: r.name, code: r.code, index: r.index, message: r.message, op: r.operation }
        : r;
    const viaFunction = await entities(medical, input, { throwOnItemError: false });
    const viaMethod = await module.entities(input, { throwOnItemError: false });
    expect(viaFunction.map(shape)).toEqual(viaMethod.map(shape));
    expect(viaFunction[0]).toMatchObject({ entities: [] });
    expect(viaFunction[1]).toBeInstanceOf(BatchItemError);
    expect((viaFunction[1] as BatchItemError).index).toBe(1);
    await expect(entities(medical, input)).rejects.toBeInstanceOf(BatchError);
    await expect(module.entities(input)).rejects.toBeInstanceOf(BatchError);
  });

  it('transcribe and startTranscription run the same job as the methods', async () => {
    const medical = client();
    const module = new Medical(config);
    const options = { ...JOB, type: 'conversation', speakers: 2 } as const;
    const run = await functionAndMethod(
      emu,
      () => transcribe(medical, AUDIO, options),
      () => module.transcribe(AUDIO, options),
    );
    expect(run.fn).toBeInstanceOf(MedicalTranscript);
    expect(run.fn.text.length).toBeGreaterThan(0);
    expect(withoutJobName(run.fn)).toEqual(withoutJobName(run.method));
    expect(run.fnCalls).toMatchObject({ StartMedicalTranscriptionJob: 1, GetObject: 1 });
    expect(run.methodCalls).toEqual(run.fnCalls);
    const [viaFunction, viaMethod] = callsTo(emu, 'StartMedicalTranscriptionJob').map((c) => ({
      ...c.input,
      MedicalTranscriptionJobName: 'job',
      OutputKey: 'key',
    }));
    expect(viaFunction).toEqual(viaMethod);

    const job = await startTranscription(medical, AUDIO, { output: JOB.output });
    expect(job.ref.kind).toBe('transcribe.medical');
    const [transcript] = await job.result({ pollIntervalMs: 1 });
    expect(transcript?.text).toBe(run.fn.text);
    const methodJob = await module.startTranscription(AUDIO, { output: JOB.output });
    expect(methodJob.ref.kind).toBe(job.ref.kind);
    expect(methodJob.output.startsWith(JOB.output)).toBe(true);
    expect(callsTo(emu, 'StartMedicalTranscriptionJob')).toHaveLength(4);
  });

  it('transcribeStream streams like the method', async () => {
    const medical = client();
    const module = new Medical(config);
    const read = async (stream: AsyncIterable<MedicalTranscribeStreamEvent>) => {
      const events: MedicalTranscribeStreamEvent[] = [];
      for await (const e of stream) events.push(e);
      return events;
    };
    const viaFunction = transcribeStream(medical, pcm(1), { ...STREAM, identifyPhi: true });
    const fnEvents = await read(viaFunction);
    const methodEvents = await read(
      module.transcribeStream(pcm(1), { ...STREAM, identifyPhi: true }),
    );
    expect(fnEvents).toHaveLength(10);
    expect(fnEvents).toEqual(methodEvents);
    expect((await viaFunction.transcript()).text).toBe(fnEvents.map((e) => e.text).join(' '));
    const [a, b] = callsTo(emu, 'StartMedicalStreamTranscription').map((c) => c.input);
    expect(a).toMatchObject({ Specialty: 'PRIMARYCARE', ContentIdentificationType: 'PHI' });
    expect({ ...a, AudioStream: undefined }).toEqual({ ...b, AudioStream: undefined });
  });

  it('take a Medical module or ai.medical and share its SDK client cache', async () => {
    const module = new Medical(emu.config);
    expect((await entities(module, NOTE)).entities).toHaveLength(3);
    expect((await module.entities(NOTE)).entities).toHaveLength(3);
    expect(await sdkClientsOf(module, 'comprehendmedical')).toHaveLength(1);

    const ai = new AwsAI(emu.config);
    expect((await icd10cm(ai.medical, NOTE)).entities.length).toBeGreaterThan(0);
    const [made] = await sdkClientsOf(ai.medical, 'comprehendmedical');
    expect(made).toBeDefined();
    expect((await ai.medical.icd10cm(NOTE)).entities.length).toBeGreaterThan(0);
    await phi(ai.medical, PHI_NOTE);
    // One Comprehend Medical SDK client, whichever of the function or the method made it.
    expect(await sdkClientsOf(ai.medical, 'comprehendmedical')).toEqual([made]);
    await drain(transcribeStream(ai.medical, pcm(0.2), STREAM));
    await drain(ai.medical.transcribeStream(pcm(0.2), STREAM));
    expect(await sdkClientsOf(ai.medical, 'transcribe-streaming')).toHaveLength(1);
    expect(callsTo(emu, 'DetectEntitiesV2')).toHaveLength(2);
    expect(callsTo(emu, 'InferICD10CM')).toHaveLength(2);
    expect(callsTo(emu, 'StartMedicalStreamTranscription')).toHaveLength(2);
  });

  it('validate before any request, as the methods do', async () => {
    const medical = client();
    await expect(entities(medical, '   ')).rejects.toBeInstanceOf(ValidationError);
    await expect(phi(medical, NOTE, { types: 'NAME' as never })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(redactPhi(medical, NOTE, { mask: 1 as never })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(icd10cm(medical, NOTE, { language: 'fr' as never })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(snomedct(medical, NOTE, { timeoutMs: -1 })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(transcribe(medical, AUDIO)).rejects.toBeInstanceOf(ValidationError);
    await expect(
      startTranscription(medical, AUDIO, { ...JOB, specialty: 'CARDIOLOGY' as never }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(() =>
      transcribeStream(medical, pcm(1), { ...STREAM, language: 'en-GB' as never }),
    ).toThrow(ValidationError);
    expect(emu.calls).toHaveLength(0);
  });

  it('refuse a first argument that is not a client, before any request', async () => {
    const notClients: unknown[] = [{}, null, undefined, 'medical', config, { ctx: {} }];
    for (const bad of notClients) {
      const refused = [
        () => entities(bad as never, NOTE),
        () => phi(bad as never, NOTE),
        () => redactPhi(bad as never, NOTE),
        () => icd10cm(bad as never, NOTE),
        () => rxnorm(bad as never, NOTE),
        () => snomedct(bad as never, NOTE),
        () => transcribe(bad as never, AUDIO, JOB),
        () => startTranscription(bad as never, AUDIO, JOB),
      ];
      for (const call of refused) await expect(call()).rejects.toBeInstanceOf(ValidationError);
      expect(() => transcribeStream(bad as never, pcm(1), STREAM)).toThrow(ValidationError);
    }
    await expect(entities({} as never, NOTE)).rejects.toThrow(
      'The first argument must be a MedicalClient (createMedicalClient) or a Medical module',
    );
    expect(emu.calls).toHaveLength(0);
  });

  it('bound a call with timeoutMs and signal exactly like the method', async () => {
    emu.fault({ service: 'comprehendmedical', kind: 'delay', delayMs: 500 });
    const medical = client();
    const module = new Medical(config);
    const timedOut = await Promise.allSettled([
      entities(medical, NOTE, { timeoutMs: 50 }),
      module.entities(NOTE, { timeoutMs: 50 }),
    ]);
    for (const r of timedOut) {
      expect(r.status).toBe('rejected');
      const error = (r as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ service: 'comprehendmedical', operation: 'DetectEntitiesV2' });
    }

    const controller = new AbortController();
    const aborted = Promise.allSettled([
      snomedct(medical, NOTE, { signal: controller.signal }),
      module.snomedct(NOTE, { signal: controller.signal }),
    ]);
    setTimeout(() => controller.abort(), 30);
    for (const r of await aborted) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(AbortError);
    }
    await expect(rxnorm(medical, NOTE, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      AbortError,
    );
  });

  it('bound a job and a stream with timeoutMs like the methods', async () => {
    emu.handle('transcribe', 'GetMedicalTranscriptionJob', (input) => ({
      MedicalTranscriptionJob: {
        MedicalTranscriptionJobName: input.MedicalTranscriptionJobName,
        TranscriptionJobStatus: 'IN_PROGRESS',
      },
    }));
    const medical = client();
    const module = new Medical(config);
    const slow = { output: JOB.output, timeoutMs: 150, pollIntervalMs: 10 };
    await expect(transcribe(medical, AUDIO, slow)).rejects.toBeInstanceOf(TimeoutError);
    await expect(module.transcribe(AUDIO, slow)).rejects.toBeInstanceOf(TimeoutError);

    // Real-time pace: 10 s of audio cannot finish within 300 ms.
    const live = { sampleRate: RATE, encoding: 'pcm', timeoutMs: 300 } as const;
    for (const stream of [
      transcribeStream(medical, pcm(10), live),
      module.transcribeStream(pcm(10), live),
    ]) {
      const error = await drain(stream);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({
        service: 'transcribe-streaming',
        operation: 'StartMedicalStreamTranscription',
      });
    }
  });
});
