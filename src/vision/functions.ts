/**
 * The image operations as standalone functions, for Lambda bundles: `import { labels } from
 * 'aws-ai/vision'` puts only DetectLabels' code and the Rekognition client in a bundle, where the
 * `Vision` class (whose methods a bundler cannot drop) also carries video jobs, face collections and
 * Face Liveness (decision 0701).
 *
 * Each function takes a {@link VisionClient} first (or a `Vision` module, or `ai.vision`, sharing
 * their SDK clients), then the same image(s) and options as the method of the same name, and behaves
 * exactly like it: same image checks, staging of large images, retries, deadline, telemetry and
 * errors.
 *
 * @example
 * ```ts
 * import { createVisionClient, labels } from 'aws-ai/vision';
 * const vision = createVisionClient({ region: 'us-east-1' }); // outside the handler
 * export const handler = async (event: { image: string }) =>
 *   labels(vision, Buffer.from(event.image, 'base64'), { minConfidence: 80 });
 * ```
 * @packageDocumentation
 */

import type { AwsAIConfig, RequestOptions } from '../config';
import { type CallSite, runCall } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { contextOfClient, functionClient } from '../core/function-client';
import type { Job, JobRef } from '../core/job';
import {
  jobFromEvent as jobFromEventOf,
  moduleJobsOwner,
  resumeJob as resumeJobOf,
} from '../core/jobs';
import { loadOnce } from '../core/load-once';
import { VISION_JOB_KINDS } from './job-kinds';
import type {
  VisionCelebritiesResult,
  VisionCompareFacesParams,
  VisionCompareFacesResult,
  VisionCustomLabelsParams,
  VisionCustomLabelsResult,
  VisionFacesParams,
  VisionFacesResult,
  VisionImage,
  VisionLabelsParams,
  VisionLabelsResult,
  VisionModerationParams,
  VisionModerationResult,
  VisionPpeParams,
  VisionPpeResult,
  VisionTextParams,
  VisionTextResult,
} from './types';
import type { Vision } from './vision-module';

declare const visionClientBrand: unique symbol;

/**
 * What the vision functions take first: the config and the SDK-client cache, without methods (so a
 * bundle keeps only the functions you import). Make one with {@link createVisionClient} outside the
 * handler; a `Vision` module or `ai.vision` works too.
 *
 * @example
 * ```ts
 * const vision: VisionClient = createVisionClient({ region: 'us-east-1' });
 * ```
 */
export interface VisionClient {
  readonly [visionClientBrand]: true;
}

/**
 * What the per-operation functions take: a {@link createVisionClient} client, a `Vision` module or
 * `ai.vision`.
 *
 * @example
 * ```ts
 * const tagsOf = async (vision: AnyVisionClient, image: VisionImage) =>
 *   (await labels(vision, image)).labels.map((l) => l.name);
 * ```
 */
export type AnyVisionClient = VisionClient | Vision;

// One operation's code each, loaded on its first call: a bundle inlines only the files reached
// (never `impl.ts`, which would bring every image operation).
const loadLabels = /* @__PURE__ */ loadOnce(() => import('./labels'));
const loadFaces = /* @__PURE__ */ loadOnce(() => import('./faces'));
const loadText = /* @__PURE__ */ loadOnce(() => import('./text-detection'));
const loadModeration = /* @__PURE__ */ loadOnce(() => import('./moderation'));
const loadCompareFaces = /* @__PURE__ */ loadOnce(() => import('./compare-faces'));
const loadCelebrities = /* @__PURE__ */ loadOnce(() => import('./celebrities'));
const loadPpe = /* @__PURE__ */ loadOnce(() => import('./ppe'));
const loadCustomLabels = /* @__PURE__ */ loadOnce(() => import('./custom-labels'));

/**
 * Makes a {@link VisionClient}: cheap, nothing is loaded or sent until the first call. Keep it
 * outside the handler so warm invocations reuse its SDK client.
 *
 * @param config region, credentials, endpoints, retry, concurrency, timeout, `staging` (for images
 *   over the inline limit)… as for `new Vision(config)`
 * @throws ValidationError for an invalid retry, concurrency or timeout setting
 * @example
 * ```ts
 * const vision = createVisionClient({ region: 'us-east-1', staging: { bucket: 'my-uploads' } });
 * ```
 */
export function createVisionClient(config?: AwsAIConfig): VisionClient {
  return functionClient(config) as unknown as VisionClient;
}

function contextOf(client: AnyVisionClient): ModuleContext {
  return contextOfClient(client, 'a VisionClient (createVisionClient) or a Vision module');
}

/** The call site of `Vision.<method>`, so telemetry and errors cannot tell the two apart. */
function site(operation: string, method: string): CallSite {
  return { service: 'rekognition', operation, method: `vision.${method}` };
}

/**
 * Labels: objects, scenes, activities and concepts (DetectLabels); see `Vision.labels`.
 *
 * @throws ValidationError for a first argument that is not a client, a bad image or option, before
 *   any call
 * @example
 * ```ts
 * const { labels: found } = await labels(vision, './street.jpg', { minConfidence: 80 });
 * ```
 */
export async function labels(
  client: AnyVisionClient,
  image: VisionImage,
  options?: VisionLabelsParams,
): Promise<VisionLabelsResult> {
  const ctx = contextOf(client);
  return runCall(ctx, options, site('DetectLabels', 'labels'), async (scoped) =>
    (await loadLabels()).detectLabels(ctx, image, scoped),
  );
}

/**
 * The 100 largest faces (DetectFaces); see `Vision.faces`.
 *
 * @throws ValidationError for a first argument that is not a client, a bad image or attribute list,
 *   before any call
 * @example
 * ```ts
 * const { faces: found } = await faces(vision, photo, { attributes: 'all' });
 * ```
 */
export async function faces(
  client: AnyVisionClient,
  image: VisionImage,
  options?: VisionFacesParams,
): Promise<VisionFacesResult> {
  const ctx = contextOf(client);
  return runCall(ctx, options, site('DetectFaces', 'faces'), async (scoped) =>
    (await loadFaces()).detectFaces(ctx, image, scoped),
  );
}

/**
 * Text in an image: words and their lines (DetectText); see `Vision.text`.
 *
 * @throws ValidationError for a first argument that is not a client, a bad image or option, before
 *   any call
 * @example
 * ```ts
 * const { text: found, words } = await text(vision, './sign.png');
 * ```
 */
export async function text(
  client: AnyVisionClient,
  image: VisionImage,
  options?: VisionTextParams,
): Promise<VisionTextResult> {
  const ctx = contextOf(client);
  return runCall(ctx, options, site('DetectText', 'text'), async (scoped) =>
    (await loadText()).detectText(ctx, image, scoped),
  );
}

/**
 * Unsafe or unwanted content labels (DetectModerationLabels); see `Vision.moderation`.
 *
 * @throws ValidationError for a first argument that is not a client, a bad image or option, before
 *   any call
 * @example
 * ```ts
 * const { labels: flagged } = await moderation(vision, upload);
 * if (flagged.some((l) => l.taxonomyLevel === 1)) reject();
 * ```
 */
export async function moderation(
  client: AnyVisionClient,
  image: VisionImage,
  options?: VisionModerationParams,
): Promise<VisionModerationResult> {
  const ctx = contextOf(client);
  return runCall(ctx, options, site('DetectModerationLabels', 'moderation'), async (scoped) =>
    (await loadModeration()).detectModeration(ctx, image, scoped),
  );
}

/**
 * Compares the largest face of `source` with the faces of `target` (CompareFaces); see
 * `Vision.compareFaces`. Both images are checked before either is sent or staged.
 *
 * @throws ValidationError for a first argument that is not a client, a bad image or option, before
 *   any call; also when `source` has no face
 * @example
 * ```ts
 * const { matches } = await compareFaces(vision, idPhoto, selfie, { similarityThreshold: 90 });
 * ```
 */
export async function compareFaces(
  client: AnyVisionClient,
  source: VisionImage,
  target: VisionImage,
  options?: VisionCompareFacesParams,
): Promise<VisionCompareFacesResult> {
  const ctx = contextOf(client);
  return runCall(ctx, options, site('CompareFaces', 'compareFaces'), async (scoped) =>
    (await loadCompareFaces()).compareFaces(ctx, source, target, scoped),
  );
}

/**
 * Recognizes celebrities among the 64 largest faces (RecognizeCelebrities); see
 * `Vision.celebrities`.
 *
 * @throws ValidationError for a first argument that is not a client or a bad image, before any call
 * @example
 * ```ts
 * const { celebrities: found } = await celebrities(vision, photo);
 * ```
 */
export async function celebrities(
  client: AnyVisionClient,
  image: VisionImage,
  options?: RequestOptions,
): Promise<VisionCelebritiesResult> {
  const ctx = contextOf(client);
  return runCall(ctx, options, site('RecognizeCelebrities', 'celebrities'), async (scoped) =>
    (await loadCelebrities()).recognizeCelebrities(ctx, image, scoped),
  );
}

/**
 * Protective equipment on up to 15 persons (DetectProtectiveEquipment); see `Vision.ppe`.
 *
 * @throws ValidationError for a first argument that is not a client, a bad image or option, before
 *   any call
 * @example
 * ```ts
 * const { summary } = await ppe(vision, frame, { requiredEquipment: ['HEAD_COVER'] });
 * ```
 */
export async function ppe(
  client: AnyVisionClient,
  image: VisionImage,
  options?: VisionPpeParams,
): Promise<VisionPpeResult> {
  const ctx = contextOf(client);
  return runCall(ctx, options, site('DetectProtectiveEquipment', 'ppe'), async (scoped) =>
    (await loadPpe()).detectPpe(ctx, image, scoped),
  );
}

/**
 * Labels from your own Rekognition Custom Labels model (DetectCustomLabels); see
 * `Vision.customLabels`.
 *
 * @param projectVersionArn - `arn:aws:rekognition:<region>:<account>:project/<p>/version/<v>/<ts>`
 * @throws ValidationError for a first argument that is not a client, a malformed ARN, a bad image or
 *   option, before any call
 * @throws NotFoundError when the model version does not exist
 * @example
 * ```ts
 * const { labels: parts } = await customLabels(vision, modelArn, './part.jpg', { minConfidence: 70 });
 * ```
 */
export async function customLabels(
  client: AnyVisionClient,
  projectVersionArn: string,
  image: VisionImage,
  options?: VisionCustomLabelsParams,
): Promise<VisionCustomLabelsResult> {
  const ctx = contextOf(client);
  return runCall(ctx, options, site('DetectCustomLabels', 'customLabels'), async (scoped) =>
    (await loadCustomLabels()).detectCustomLabels(ctx, projectVersionArn, image, scoped),
  );
}

const JOBS_OWNER = /* @__PURE__ */ moduleJobsOwner('aws-ai/vision');

/**
 * A job of this module rebuilt from its `ref` (the object or its JSON text), as `ai.jobs.resume`
 * does, for Rekognition Video jobs only.
 * A handler that imports `aws-ai/vision` then holds this module's job code, not every
 * module's. Nothing loads or is sent until the job is read.
 *
 * @throws ValidationError when `ref` is not a job ref, or is another module's kind
 * @example
 * ```ts
 * const rekognition = createVisionClient();
 * const job = resumeJob(rekognition, JSON.parse(message.body)); // a ref saved with JSON.stringify(job.ref)
 * console.log((await job.status()).state);
 * ```
 */
export function resumeJob<T = unknown>(client: AnyVisionClient, ref: JobRef | string): Job<T> {
  return resumeJobOf<T>(contextOf(client), VISION_JOB_KINDS, ref, JOBS_OWNER);
}

/**
 * The job a completion event is about (EventBridge, SNS, or SQS carrying one of them), rebuilt
 * as {@link resumeJob} does; for an event of several jobs use `jobEvents(event)` and `resumeJob`.
 *
 * @throws ValidationError when the event is not one job's event, or the job is another module's kind
 * @example
 * ```ts
 * const rekognition = createVisionClient();
 * export const handler = async (event: unknown) => {
 *   const [result] = await jobFromEvent(rekognition, event).result(); // Rekognition's SNS message
 *   console.log(result);
 * };
 * ```
 */
export function jobFromEvent<T = unknown>(client: AnyVisionClient, event: unknown): Job<T> {
  return jobFromEventOf<T>(contextOf(client), VISION_JOB_KINDS, event, JOBS_OWNER);
}
