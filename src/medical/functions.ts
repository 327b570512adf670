/**
 * The medical operations as standalone functions, for Lambda bundles: `import { entities } from
 * 'aws-ai/medical'` puts only Comprehend Medical's code and client in a bundle, where the `Medical`
 * class (whose methods a bundler cannot drop) also carries Transcribe, Transcribe Streaming and S3
 * code (decision 0701).
 *
 * Each function takes a {@link MedicalClient} first (or a `Medical` module, or `ai.medical`,
 * sharing their SDK clients), then the same input and options as the method of the same name, and
 * behaves exactly like it: same validation, splitting, retries, deadline and errors.
 *
 * @example
 * ```ts
 * import { createMedicalClient, entities } from 'aws-ai/medical';
 * const medical = createMedicalClient({ region: 'us-east-1' }); // outside the handler
 * export const handler = async (event: { note: string }) => entities(medical, event.note);
 * ```
 * @packageDocumentation
 */

import type { AwsAIConfig } from '../config';
import { type CallSite, runCall } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { contextOfClient, functionClient } from '../core/function-client';
import type { BinaryInput } from '../core/inputs';
import type { KeepItemErrors } from '../core/item-errors';
import { settleItems } from '../core/item-results';
import type { Job, JobRef } from '../core/job';
import { moduleJobsOwner, resumeJob as resumeJobOf } from '../core/jobs';
import { loadOnce } from '../core/load-once';
import type { BatchItemError } from '../errors';
import { MEDICAL_JOB_KINDS } from './job-kinds';
import type { Medical } from './medical-module';
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

declare const medicalClientBrand: unique symbol;

/**
 * What the medical functions take first: the config and the SDK-client cache, without methods (so
 * a bundle keeps only the functions you import). Make one with {@link createMedicalClient} outside
 * the handler; a `Medical` module or `ai.medical` works too.
 *
 * @example
 * ```ts
 * const medical: MedicalClient = createMedicalClient({ region: 'us-east-1' });
 * const { entities: found } = await entities(medical, 'Patient takes 40 mg lisinopril daily.');
 * ```
 */
export interface MedicalClient {
  readonly [medicalClientBrand]: true;
}

/**
 * What the per-operation functions take: a {@link createMedicalClient} client or a `Medical`
 * module (`new Medical()`, `ai.medical`).
 *
 * @example
 * ```ts
 * const codes = (client: AnyMedicalClient, note: string) => icd10cm(client, note);
 * await codes(createMedicalClient(), note);
 * await codes(new AwsAI().medical, note); // same SDK clients as the AwsAI
 * ```
 */
export type AnyMedicalClient = MedicalClient | Medical;

// One operation's code each, loaded on its first call: a bundle inlines only the files reached
// (Comprehend Medical for the text functions, Transcribe and S3 for jobs, Transcribe Streaming
// for live streams), never the module's whole `impl`.
const loadOperations = /* @__PURE__ */ loadOnce(() => import('./operations'));
const loadJob = /* @__PURE__ */ loadOnce(() => import('./transcribe-job'));
const loadStreamEvents = /* @__PURE__ */ loadOnce(() => import('./transcribe-stream-events'));

type Operations = Awaited<ReturnType<typeof loadOperations>>;

/**
 * Makes a {@link MedicalClient}: cheap, nothing is loaded or sent until the first call. Keep it
 * outside the handler so warm invocations reuse its SDK clients.
 *
 * @param config region, credentials, endpoints, retry, concurrency, timeout, staging… as for
 *   `new Medical(config)`
 * @throws ValidationError for an invalid retry, concurrency or timeout setting
 * @example
 * ```ts
 * const medical = createMedicalClient({ region: 'us-east-1', timeoutMs: 10_000 });
 * ```
 */
export function createMedicalClient(config?: AwsAIConfig): MedicalClient {
  return functionClient(config) as unknown as MedicalClient;
}

function contextOf(client: AnyMedicalClient): ModuleContext {
  return contextOfClient(client, 'a MedicalClient (createMedicalClient) or a Medical module');
}

const site = (operation: string): CallSite => ({ service: 'comprehendmedical', operation });
const TRANSCRIBE_SITE: CallSite = {
  service: 'transcribe',
  operation: 'StartMedicalTranscriptionJob',
};

/** One text or an array through a Comprehend Medical operation, settled like the methods. */
async function analyse<T, O extends MedicalTextOptions>(
  client: AnyMedicalClient,
  operation: string,
  input: string | readonly string[],
  options: O | undefined,
  pick: (
    ops: Operations,
  ) => (
    ctx: ModuleContext,
    input: string | readonly string[],
    options: O,
  ) => Promise<Array<T | BatchItemError>>,
): Promise<T | Array<T | BatchItemError>> {
  const ctx = contextOf(client);
  return runCall(ctx, options, site(operation), async (scoped) => {
    const op = pick(await loadOperations());
    return settleItems(input, await op(ctx, input, scoped), options);
  });
}

/**
 * Medical entities of a clinical text or of each text of an array (DetectEntitiesV2), any length;
 * see `Medical.entities`.
 *
 * @throws ValidationError for a bad first argument, an empty or non-string text, a `language` other
 *   than `en`, or a text visibly not in English, before any call
 * @throws BatchError when array items fail and `throwOnItemError` is not `false`
 * @example
 * ```ts
 * const { entities: found } = await entities(medical, 'Patient takes 40 mg lisinopril daily.');
 * ```
 */
export function entities(
  client: AnyMedicalClient,
  text: string,
  options?: MedicalTextOptions,
): Promise<MedicalEntitiesResult>;
export function entities(
  client: AnyMedicalClient,
  texts: readonly string[],
  options: MedicalTextOptions & KeepItemErrors,
): Promise<Array<MedicalEntitiesResult | BatchItemError>>;
export function entities(
  client: AnyMedicalClient,
  texts: readonly string[],
  options?: MedicalTextOptions,
): Promise<MedicalEntitiesResult[]>;
export async function entities(
  client: AnyMedicalClient,
  input: string | readonly string[],
  options?: MedicalTextOptions,
): Promise<MedicalEntitiesResult | Array<MedicalEntitiesResult | BatchItemError>> {
  return analyse(client, 'DetectEntitiesV2', input, options, (ops) => ops.entities);
}

/**
 * Protected health information of a text or of each text of an array (DetectPHI); see
 * `Medical.phi`.
 *
 * @throws ValidationError for a bad first argument, bad text, bad `types`, a `language` other than
 *   `en` or a non-English text, before any call
 * @throws BatchError when array items fail and `throwOnItemError` is not `false`
 * @example
 * ```ts
 * const { entities: names } = await phi(medical, 'Seen by Dr. Ana Lopez.', { types: ['NAME'] });
 * ```
 */
export function phi(
  client: AnyMedicalClient,
  text: string,
  options?: MedicalPhiOptions,
): Promise<MedicalPhiResult>;
export function phi(
  client: AnyMedicalClient,
  texts: readonly string[],
  options: MedicalPhiOptions & KeepItemErrors,
): Promise<Array<MedicalPhiResult | BatchItemError>>;
export function phi(
  client: AnyMedicalClient,
  texts: readonly string[],
  options?: MedicalPhiOptions,
): Promise<MedicalPhiResult[]>;
export async function phi(
  client: AnyMedicalClient,
  input: string | readonly string[],
  options?: MedicalPhiOptions,
): Promise<MedicalPhiResult | Array<MedicalPhiResult | BatchItemError>> {
  return analyse(client, 'DetectPHI', input, options, (ops) => ops.phi);
}

/**
 * A text (or each text of an array) with every PHI span replaced by `[TYPE]` or your mask
 * (DetectPHI); see `Medical.redactPhi`.
 *
 * @throws ValidationError for a bad first argument, bad text, a non-string mask or a non-English
 *   text, before any call
 * @throws BatchError when array items fail and `throwOnItemError` is not `false`
 * @example
 * ```ts
 * const { text } = await redactPhi(medical, 'John Smith, 54, seen 03/14/2024.');
 * // '[NAME], [AGE], seen [DATE].'
 * ```
 */
export function redactPhi(
  client: AnyMedicalClient,
  text: string,
  options?: MedicalRedactPhiOptions,
): Promise<MedicalRedactPhiResult>;
export function redactPhi(
  client: AnyMedicalClient,
  texts: readonly string[],
  options: MedicalRedactPhiOptions & KeepItemErrors,
): Promise<Array<MedicalRedactPhiResult | BatchItemError>>;
export function redactPhi(
  client: AnyMedicalClient,
  texts: readonly string[],
  options?: MedicalRedactPhiOptions,
): Promise<MedicalRedactPhiResult[]>;
export async function redactPhi(
  client: AnyMedicalClient,
  input: string | readonly string[],
  options?: MedicalRedactPhiOptions,
): Promise<MedicalRedactPhiResult | Array<MedicalRedactPhiResult | BatchItemError>> {
  return analyse(client, 'DetectPHI', input, options, (ops) => ops.redactPhi);
}

/**
 * Medical conditions linked to ICD-10-CM codes (InferICD10CM), for a text or each text of an
 * array; see `Medical.icd10cm`.
 *
 * @throws ValidationError for a bad first argument, bad text, a `language` other than `en` or a
 *   non-English text, before any call
 * @throws BatchError when array items fail and `throwOnItemError` is not `false`
 * @example
 * ```ts
 * const { entities: conditions } = await icd10cm(medical, 'Patient has hypertension.');
 * console.log(conditions[0]?.concepts[0]?.code); // 'I10'
 * ```
 */
export function icd10cm(
  client: AnyMedicalClient,
  text: string,
  options?: MedicalTextOptions,
): Promise<MedicalCodesResult>;
export function icd10cm(
  client: AnyMedicalClient,
  texts: readonly string[],
  options: MedicalTextOptions & KeepItemErrors,
): Promise<Array<MedicalCodesResult | BatchItemError>>;
export function icd10cm(
  client: AnyMedicalClient,
  texts: readonly string[],
  options?: MedicalTextOptions,
): Promise<MedicalCodesResult[]>;
export async function icd10cm(
  client: AnyMedicalClient,
  input: string | readonly string[],
  options?: MedicalTextOptions,
): Promise<MedicalCodesResult | Array<MedicalCodesResult | BatchItemError>> {
  return analyse(client, 'InferICD10CM', input, options, (ops) => ops.icd10cm);
}

/**
 * Medications linked to RxNorm concept ids (InferRxNorm), for a text or each text of an array;
 * see `Medical.rxnorm`.
 *
 * @throws ValidationError for a bad first argument, bad text, a `language` other than `en` or a
 *   non-English text, before any call
 * @throws BatchError when array items fail and `throwOnItemError` is not `false`
 * @example
 * ```ts
 * const { entities: drugs } = await rxnorm(medical, 'Started metformin 500 mg twice daily.');
 * ```
 */
export function rxnorm(
  client: AnyMedicalClient,
  text: string,
  options?: MedicalTextOptions,
): Promise<MedicalCodesResult>;
export function rxnorm(
  client: AnyMedicalClient,
  texts: readonly string[],
  options: MedicalTextOptions & KeepItemErrors,
): Promise<Array<MedicalCodesResult | BatchItemError>>;
export function rxnorm(
  client: AnyMedicalClient,
  texts: readonly string[],
  options?: MedicalTextOptions,
): Promise<MedicalCodesResult[]>;
export async function rxnorm(
  client: AnyMedicalClient,
  input: string | readonly string[],
  options?: MedicalTextOptions,
): Promise<MedicalCodesResult | Array<MedicalCodesResult | BatchItemError>> {
  return analyse(client, 'InferRxNorm', input, options, (ops) => ops.rxnorm);
}

/**
 * Conditions, anatomy, tests, treatments and procedures linked to SNOMED CT concepts
 * (InferSNOMEDCT), for a text or each text of an array; see `Medical.snomedct`.
 *
 * @throws ValidationError for a bad first argument, bad text, a `language` other than `en` or a
 *   non-English text, before any call
 * @throws BatchError when array items fail and `throwOnItemError` is not `false`
 * @example
 * ```ts
 * const { entities: found, snomedct: edition } = await snomedct(medical, 'Chest x-ray showed pneumonia.');
 * ```
 */
export function snomedct(
  client: AnyMedicalClient,
  text: string,
  options?: MedicalTextOptions,
): Promise<MedicalSnomedResult>;
export function snomedct(
  client: AnyMedicalClient,
  texts: readonly string[],
  options: MedicalTextOptions & KeepItemErrors,
): Promise<Array<MedicalSnomedResult | BatchItemError>>;
export function snomedct(
  client: AnyMedicalClient,
  texts: readonly string[],
  options?: MedicalTextOptions,
): Promise<MedicalSnomedResult[]>;
export async function snomedct(
  client: AnyMedicalClient,
  input: string | readonly string[],
  options?: MedicalTextOptions,
): Promise<MedicalSnomedResult | Array<MedicalSnomedResult | BatchItemError>> {
  return analyse(client, 'InferSNOMEDCT', input, options, (ops) => ops.snomedct);
}

/**
 * Transcribes medical audio with a Transcribe Medical job, waiting for it to end, into a
 * {@link MedicalTranscript}; see `Medical.transcribe`. A bundle using only this function carries
 * Transcribe and S3 (for the output and staged audio), not Comprehend Medical.
 *
 * @throws ValidationError for a bad first argument, a bad audio input, options out of AWS's ranges
 *   or no output location, before any call
 * @throws ServiceError when the job fails; TimeoutError when `timeoutMs` passes first
 * @example
 * ```ts
 * const t = await transcribe(medical, 's3://clinic/visit.wav', { output: 's3://clinic/transcripts/' });
 * ```
 */
export async function transcribe(
  client: AnyMedicalClient,
  audio: BinaryInput,
  options?: MedicalTranscribeOptions,
): Promise<MedicalTranscript> {
  const ctx = contextOf(client);
  return runCall(ctx, options, TRANSCRIBE_SITE, async (scoped) =>
    (await loadJob()).transcribeMedical(ctx, audio, scoped),
  );
}

/**
 * Starts a Transcribe Medical job without waiting and returns it (`ref` for `ai.jobs.resume`,
 * `status()`, `wait()`, `result()`); see `Medical.startTranscription`. One call: `timeoutMs` and
 * `signal` bound the upload and the start request together; the job is not bound to them.
 *
 * @throws ValidationError before any call, as {@link transcribe}
 * @example
 * ```ts
 * const job = await startTranscription(medical, 's3://clinic/visit.wav', {
 *   output: 's3://clinic/transcripts/',
 * });
 * await queue.send(JSON.stringify(job.ref));
 * ```
 */
export async function startTranscription(
  client: AnyMedicalClient,
  audio: BinaryInput,
  options?: MedicalTranscriptionJobOptions,
): Promise<MedicalTranscriptionJob> {
  const ctx = contextOf(client);
  // One call scope for the start (ADR 0006, amendment); the job is not bound to it.
  return runCall(
    ctx,
    options,
    { ...TRANSCRIBE_SITE, method: 'medical.startTranscription' },
    async (scoped) => (await loadJob()).startMedicalTranscription(ctx, audio, scoped),
  );
}

/**
 * Live medical transcription (StartMedicalStreamTranscription over HTTP/2) of an
 * `AsyncIterable<Uint8Array>` of audio; see `Medical.transcribeStream` for the events, pacing and
 * sessions. The request starts on first read; a bundle using only this function carries Transcribe
 * Streaming alone.
 *
 * @throws ValidationError synchronously for a bad first argument or bad options (a `language` other
 *   than `en-US`, a sample rate outside 16,000–48,000 Hz, an unknown specialty, …)
 * @throws while reading: StreamError, TimeoutError when `timeoutMs` passes, AbortError
 * @example
 * ```ts
 * const live = transcribeStream(medical, microphone, { sampleRate: 16000, encoding: 'pcm' });
 * for await (const e of live) if (!e.isPartial) console.log(e.text);
 * ```
 */
export function transcribeStream(
  client: AnyMedicalClient,
  audio: AsyncIterable<Uint8Array>,
  options: MedicalTranscribeStreamOptions,
): MedicalTranscribeStream {
  return transcribeMedicalStream(contextOf(client), audio, options, loadStreamEvents);
}

const JOBS_OWNER = /* @__PURE__ */ moduleJobsOwner('aws-ai/medical');

/**
 * A job of this module rebuilt from its `ref` (the object or its JSON text), as `ai.jobs.resume`
 * does, for Transcribe Medical jobs only.
 * A handler that imports `aws-ai/medical` then holds this module's job code, not every
 * module's. Nothing loads or is sent until the job is read.
 *
 * @throws ValidationError when `ref` is not a job ref, or is another module's kind
 * @example
 * ```ts
 * const medical = createMedicalClient();
 * const job = resumeJob(medical, JSON.parse(message.body)); // a ref saved with JSON.stringify(job.ref)
 * console.log((await job.status()).state);
 * ```
 */
export function resumeJob<T = unknown>(client: AnyMedicalClient, ref: JobRef | string): Job<T> {
  return resumeJobOf<T>(contextOf(client), MEDICAL_JOB_KINDS, ref, JOBS_OWNER);
}
