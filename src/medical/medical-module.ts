import type { BinaryInput } from '../core/inputs';
import type { KeepItemErrors } from '../core/item-errors';
import { loadOnce } from '../core/load-once';
import { ServiceModule } from '../core/service-module';
import type { BatchItemError } from '../errors';
import { type MedicalTranscribeStream, transcribeMedicalStream } from './transcribe-stream';
import type { MedicalTranscript } from './transcript';
import type { MedicalTranscriptionJob } from './transcription-job-types';
import type {
  MedicalCodesResult,
  MedicalEntitiesResult,
  MedicalPhiOptions,
  MedicalPhiResult,
  MedicalRedactPhiOptions,
  MedicalRedactPhiResult,
  MedicalSnomedResult,
  MedicalTextOptions,
  MedicalTranscribeOptions,
  MedicalTranscribeStreamOptions,
  MedicalTranscriptionJobOptions,
} from './types';

/** The operation code, loaded on first call (see `impl.ts`). */
const impl = /* @__PURE__ */ loadOnce(() => import('./impl'));

const site = (operation: string) => ({ service: 'comprehendmedical', operation }) as const;

/**
 * Clinical text and speech (Amazon Comprehend Medical, Amazon Transcribe Medical): medical
 * entities, protected health information, ICD-10-CM, RxNorm and SNOMED CT codes for texts of any
 * length, and medical transcription. Available as `ai.medical`, or alone from `aws-ai/medical`.
 *
 * Offsets (`start`, `end`) are UTF-16 indices into the string you passed:
 * `input.slice(start, end) === entity.text`, also with emoji and other astral characters
 * (Comprehend Medical counts code points; aws-ai converts). English only, as the service.
 *
 * @example
 * ```ts
 * import { Medical } from 'aws-ai/medical';
 * const medical = new Medical({ region: 'us-east-1' });
 * export const handler = async (event: { note: string }) => medical.entities(event.note);
 * ```
 */
export class Medical extends ServiceModule {
  /**
   * Medical entities of a clinical text (DetectEntitiesV2): medications, conditions, tests,
   * treatments and procedures, anatomy, time expressions, behavioural/social factors and PHI,
   * each with its traits (`NEGATION`, `DIAGNOSIS`, `SYMPTOM`, …) and its attributes (dosage,
   * route, frequency, site, …) with how they relate to it.
   *
   * Any length: a text over 20,000 UTF-8 bytes is split at sentence ends into pieces under the
   * limit, one DetectEntitiesV2 request each (the service has no batch API), with the
   * `comprehendmedical` concurrency limit and one retry budget per piece; offsets are re-based to
   * your string and ids made unique. An array gives one result per text, in input order.
   *
   * @returns `{ entities, unmapped, modelVersion }`, or an array of them in input order
   * @throws ValidationError for an empty or non-string text, a `language` other than `en`, or a
   *   text visibly not in English, before any call
   * @throws BatchError when array items fail and `throwOnItemError` is not `false`
   * @example
   * ```ts
   * const { entities } = await ai.medical.entities('Patient takes 40 mg lisinopril daily for hypertension.');
   * for (const e of entities) console.log(e.category, e.text, e.attributes.map((a) => a.relationshipType));
   * ```
   */
  entities(text: string, options?: MedicalTextOptions): Promise<MedicalEntitiesResult>;
  entities(
    texts: readonly string[],
    options: MedicalTextOptions & KeepItemErrors,
  ): Promise<Array<MedicalEntitiesResult | BatchItemError>>;
  entities(
    texts: readonly string[],
    options?: MedicalTextOptions,
  ): Promise<MedicalEntitiesResult[]>;
  async entities(
    input: string | readonly string[],
    options?: MedicalTextOptions,
  ): Promise<MedicalEntitiesResult | Array<MedicalEntitiesResult | BatchItemError>> {
    return this.call(site('DetectEntitiesV2'), options, async (scoped) => {
      const op = await impl();
      return op.settle(input, await op.entities(this.ctx, input, scoped), options);
    });
  }

  /**
   * Protected health information (DetectPHI): names, ages, dates, addresses, phone and fax
   * numbers, emails, ids, URLs, professions, with offsets into your string. Same splitting as
   * {@link Medical.entities} (20,000 bytes per piece). `types` keeps only some PHI types.
   *
   * @returns `{ entities, modelVersion }`, or an array of them in input order
   * @throws ValidationError for bad text, bad `types`, a `language` other than `en` or a non-English
   *   text, before any call
   * @throws BatchError when array items fail and `throwOnItemError` is not `false`
   * @example
   * ```ts
   * const { entities } = await ai.medical.phi('Seen by Dr. Ana Lopez on 03/14/2024.', { types: ['NAME'] });
   * ```
   */
  phi(text: string, options?: MedicalPhiOptions): Promise<MedicalPhiResult>;
  phi(
    texts: readonly string[],
    options: MedicalPhiOptions & KeepItemErrors,
  ): Promise<Array<MedicalPhiResult | BatchItemError>>;
  phi(texts: readonly string[], options?: MedicalPhiOptions): Promise<MedicalPhiResult[]>;
  async phi(
    input: string | readonly string[],
    options?: MedicalPhiOptions,
  ): Promise<MedicalPhiResult | Array<MedicalPhiResult | BatchItemError>> {
    return this.call(site('DetectPHI'), options, async (scoped) => {
      const op = await impl();
      return op.settle(input, await op.phi(this.ctx, input, scoped), options);
    });
  }

  /**
   * Replaces every PHI span by `[TYPE]` (default, e.g. `[NAME]`) or by your mask. Same calls and
   * limits as {@link Medical.phi}.
   *
   * @returns `{ text, entities }`: the redacted text and the PHI found (offsets into the original)
   * @throws ValidationError for bad text, a non-string mask, or a non-English text
   * @throws BatchError when array items fail and `throwOnItemError` is not `false`
   * @example
   * ```ts
   * const { text } = await ai.medical.redactPhi('John Smith, 54, seen 03/14/2024.');
   * // '[NAME], [AGE], seen [DATE].'
   * const masked = await ai.medical.redactPhi(note, { mask: '***' });
   * ```
   */
  redactPhi(text: string, options?: MedicalRedactPhiOptions): Promise<MedicalRedactPhiResult>;
  redactPhi(
    texts: readonly string[],
    options: MedicalRedactPhiOptions & KeepItemErrors,
  ): Promise<Array<MedicalRedactPhiResult | BatchItemError>>;
  redactPhi(
    texts: readonly string[],
    options?: MedicalRedactPhiOptions,
  ): Promise<MedicalRedactPhiResult[]>;
  async redactPhi(
    input: string | readonly string[],
    options?: MedicalRedactPhiOptions,
  ): Promise<MedicalRedactPhiResult | Array<MedicalRedactPhiResult | BatchItemError>> {
    return this.call(site('DetectPHI'), options, async (scoped) => {
      const op = await impl();
      return op.settle(input, await op.redactPhi(this.ctx, input, scoped), options);
    });
  }

  /**
   * Medical conditions linked to ICD-10-CM codes (InferICD10CM), best code first, with traits and
   * attributes. A text over 10,000 UTF-8 bytes is split at sentence ends and offsets re-based.
   *
   * @returns `{ entities, modelVersion }` (each entity with `concepts`), or one per input text
   * @throws ValidationError for bad text, a `language` other than `en` or a non-English text
   * @throws BatchError when array items fail and `throwOnItemError` is not `false`
   * @example
   * ```ts
   * const { entities } = await ai.medical.icd10cm('Patient has hypertension.');
   * console.log(entities[0]?.concepts[0]?.code); // 'I10'
   * ```
   */
  icd10cm(text: string, options?: MedicalTextOptions): Promise<MedicalCodesResult>;
  icd10cm(
    texts: readonly string[],
    options: MedicalTextOptions & KeepItemErrors,
  ): Promise<Array<MedicalCodesResult | BatchItemError>>;
  icd10cm(texts: readonly string[], options?: MedicalTextOptions): Promise<MedicalCodesResult[]>;
  async icd10cm(
    input: string | readonly string[],
    options?: MedicalTextOptions,
  ): Promise<MedicalCodesResult | Array<MedicalCodesResult | BatchItemError>> {
    return this.call(site('InferICD10CM'), options, async (scoped) => {
      const op = await impl();
      return op.settle(input, await op.icd10cm(this.ctx, input, scoped), options);
    });
  }

  /**
   * Medications linked to RxNorm concept ids (InferRxNorm), with dosage, strength, route, form,
   * frequency, duration and rate as attributes. 10,000 UTF-8 bytes per piece, split beyond.
   *
   * @returns `{ entities, modelVersion }` (each entity with `concepts`), or one per input text
   * @throws ValidationError for bad text, a `language` other than `en` or a non-English text
   * @throws BatchError when array items fail and `throwOnItemError` is not `false`
   * @example
   * ```ts
   * const { entities } = await ai.medical.rxnorm('Started metformin 500 mg twice daily.');
   * console.log(entities[0]?.concepts[0]); // { code: '6809', description: 'metformin', score: … }
   * ```
   */
  rxnorm(text: string, options?: MedicalTextOptions): Promise<MedicalCodesResult>;
  rxnorm(
    texts: readonly string[],
    options: MedicalTextOptions & KeepItemErrors,
  ): Promise<Array<MedicalCodesResult | BatchItemError>>;
  rxnorm(texts: readonly string[], options?: MedicalTextOptions): Promise<MedicalCodesResult[]>;
  async rxnorm(
    input: string | readonly string[],
    options?: MedicalTextOptions,
  ): Promise<MedicalCodesResult | Array<MedicalCodesResult | BatchItemError>> {
    return this.call(site('InferRxNorm'), options, async (scoped) => {
      const op = await impl();
      return op.settle(input, await op.rxnorm(this.ctx, input, scoped), options);
    });
  }

  /**
   * Conditions, anatomy, tests, treatments and procedures linked to SNOMED CT concepts
   * (InferSNOMEDCT). Pieces of at most 5,000 UTF-8 bytes (the guide's limit for this operation),
   * at most 2 in flight (its default is 2 transactions per second).
   *
   * @returns `{ entities, modelVersion, snomedct, characters }`, or one per input text
   * @throws ValidationError for bad text, a `language` other than `en` or a non-English text
   * @throws BatchError when array items fail and `throwOnItemError` is not `false`
   * @example
   * ```ts
   * const { entities, snomedct } = await ai.medical.snomedct('Chest x-ray showed pneumonia.');
   * console.log(snomedct?.edition, entities.map((e) => e.concepts[0]?.code));
   * ```
   */
  snomedct(text: string, options?: MedicalTextOptions): Promise<MedicalSnomedResult>;
  snomedct(
    texts: readonly string[],
    options: MedicalTextOptions & KeepItemErrors,
  ): Promise<Array<MedicalSnomedResult | BatchItemError>>;
  snomedct(texts: readonly string[], options?: MedicalTextOptions): Promise<MedicalSnomedResult[]>;
  async snomedct(
    input: string | readonly string[],
    options?: MedicalTextOptions,
  ): Promise<MedicalSnomedResult | Array<MedicalSnomedResult | BatchItemError>> {
    return this.call(site('InferSNOMEDCT'), options, async (scoped) => {
      const op = await impl();
      return op.settle(input, await op.snomedct(this.ctx, input, scoped), options);
    });
  }

  /**
   * Transcribes medical audio with Amazon Transcribe Medical (StartMedicalTranscriptionJob, then
   * GetMedicalTranscriptionJob until it ends) into the transcript model of `ai.speech`: text,
   * words with times and confidences, speaker turns or channels, and `toSrt()` / `toVtt()`.
   *
   * Transcribe Medical writes only to your bucket: give `output: 's3://bucket/prefix/'`, or
   * configure `staging` (its bucket and prefix are used). Audio is an `s3://` URI, or bytes / a
   * file path staged to S3 like `ai.speech.transcribe`. US English (`en-US`) and the specialty
   * `PRIMARYCARE` only, as AWS's batch API.
   *
   * @returns a {@link MedicalTranscript}
   * @throws ValidationError for a bad audio input, options out of AWS's ranges, no output location,
   *   before any call
   * The job is polled every `pollIntervalMs` (default 2 s, growing 1.5× up to `maxPollIntervalMs`,
   * default 10 s); `onProgress` sees each status while it runs (`onPoll` is its deprecated alias).
   * `timeoutMs` bounds the whole call. To get the job back without waiting, use
   * {@link Medical.startTranscription}.
   *
   * @throws ServiceError when the job fails; TimeoutError when `timeoutMs` passes first
   * @example
   * ```ts
   * const t = await ai.medical.transcribe('s3://clinic/visit.wav', {
   *   type: 'conversation', speakers: 2, output: 's3://clinic/transcripts/',
   * });
   * for (const turn of t.segments) console.log(turn.speaker, turn.text);
   * await writeFile('visit.vtt', t.toVtt());
   * ```
   */
  async transcribe(
    audio: BinaryInput,
    options?: MedicalTranscribeOptions,
  ): Promise<MedicalTranscript> {
    return this.call(
      { service: 'transcribe', operation: 'StartMedicalTranscriptionJob' },
      options,
      async (scoped) => (await impl()).transcribeMedical(this.ctx, audio, scoped),
    );
  }

  /**
   * Starts a Transcribe Medical job without waiting, and returns it as the one job type of aws-ai
   * (docs/jobs.md): `id` (the generated job name), `ref` (`{ kind: 'transcribe.medical', id }`,
   * plain JSON for `ai.jobs.resume(ref)` in another process), `status()`, `wait()`, `results()` /
   * `result()` (the one {@link MedicalTranscript}, as {@link Medical.transcribe} returns it, read
   * from your bucket). Transcribe has no stop operation: no `cancel`.
   *
   * Same input and options as `transcribe` without the waiting ones (the job's `wait` / `result`
   * take `pollIntervalMs`, `maxPollIntervalMs`, `onProgress`, `timeoutMs`, `signal`). Bytes are
   * staged through `config.staging` and NOT deleted (`stagedUri`): Transcribe reads them while the
   * job runs. One call (ADR 0006): `timeoutMs` and `signal` bound the upload and the start request
   * together; the job it returns is not bound to them.
   *
   * @returns a {@link MedicalTranscriptionJob} (`name`, `output`: the transcript's `s3://` URI, `stagedUri`)
   * @throws ValidationError before any call, as `transcribe`
   * @example
   * ```ts
   * const job = await ai.medical.startTranscription('s3://clinic/visit.wav', {
   *   output: 's3://clinic/transcripts/', speakers: 2,
   * });
   * await queue.send(JSON.stringify(job.ref)); // elsewhere: ai.jobs.resume(ref).result()
   * const [transcript] = await job.result({ timeoutMs: 3_600_000 });
   * ```
   */
  async startTranscription(
    audio: BinaryInput,
    options?: MedicalTranscriptionJobOptions,
  ): Promise<MedicalTranscriptionJob> {
    // One call scope for the start (ADR 0006, amendment); the job is not bound to it.
    return this.call(
      {
        service: 'transcribe',
        operation: 'StartMedicalTranscriptionJob',
        method: 'medical.startTranscription',
      },
      options,
      async (scoped) => (await impl()).startMedicalTranscription(this.ctx, audio, scoped),
    );
  }

  /**
   * Live medical transcription (Transcribe Medical streaming, StartMedicalStreamTranscription over
   * HTTP/2) of any `AsyncIterable<Uint8Array>` of audio, with the event and stream model of
   * `ai.speech.transcribeStream`: PCM re-framed into `chunkMs` chunks at real-time `pace`,
   * `keepAlive` silence through pauses, sessions past `maxSessionMs` continued on a new stream with
   * times re-based, `timeoutMs` for the whole stream, `idleTimeoutMs`, `signal`. Results arrive as
   * `{ resultId, text, isPartial, start, end, speaker?, channel?, entities }` events (`entities`: PHI
   * labelled with `identifyPhi`); `stream.transcript()` gives the {@link MedicalTranscript} of the
   * finals (captions included).
   *
   * US English only (`en-US`), 16,000–48,000 Hz, the specialties of AWS's model (`PRIMARYCARE`,
   * `CARDIOLOGY`, `NEUROLOGY`, `ONCOLOGY`, `RADIOLOGY`, `UROLOGY`).
   *
   * @throws ValidationError at once, before any request: a `language` other than `en-US` (code
   *   `UnsupportedLanguage`), a sample rate outside 16,000–48,000 Hz, an unknown specialty, type or
   *   encoding, speakers on a dictation, bad pacing options
   * @throws while reading: StreamError for a mid-stream service exception, a dropped connection or
   *   (code `AudioIdleTimeout`) a silent source; TimeoutError when `timeoutMs` passes; AbortError
   * @example
   * ```ts
   * const live = ai.medical.transcribeStream(microphone, {
   *   sampleRate: 16000, encoding: 'pcm', specialty: 'CARDIOLOGY', type: 'conversation',
   *   speakers: true, identifyPhi: true,
   * });
   * for await (const e of live) if (!e.isPartial) console.log(e.speaker, e.text, e.entities);
   * await writeFile('visit.vtt', (await live.transcript()).toVtt());
   * ```
   */
  transcribeStream(
    audio: AsyncIterable<Uint8Array>,
    options: MedicalTranscribeStreamOptions,
  ): MedicalTranscribeStream {
    return transcribeMedicalStream(this.ctx, audio, options, impl);
  }
}
