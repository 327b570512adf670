import type { RequestOptions } from '../config';
import { loadOnce } from '../core/load-once';
import { ServiceModule } from '../core/service-module';
import { FaceCollections } from './collections-api';
import { FaceLiveness } from './liveness-api';
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
import { VideoJobs } from './video-api';

/** The image operation code, loaded on first call (see `impl.ts`). */
const impl = /* @__PURE__ */ loadOnce(() => import('./impl'));

/**
 * Amazon Rekognition (images and video). Available as `ai.vision`, or alone from `aws-ai/vision`.
 *
 * Every image method takes bytes (Uint8Array/Buffer), an ArrayBuffer, a Blob, a file path or an
 * `s3://bucket/key` URI, and checks it before any call: JPEG or PNG (by magic bytes), at least
 * 80 px and at most 10,000 px per side (read from the JPEG SOF / PNG IHDR header), at most 15 MB.
 * Images up to 5 MiB are sent inline; larger ones are uploaded through `config.staging` (and
 * deleted afterwards), or rejected with a ValidationError saying to configure it. Results are
 * camelCase, confidences 0–100 as AWS gives them, and every box is relative (0–1) with `pixels`
 * added when the image size is known (not for `s3://` inputs).
 *
 * @example
 * ```ts
 * import { Vision } from 'aws-ai/vision';
 * const vision = new Vision({ region: 'us-east-1' });
 * const { labels } = await vision.labels('./street.jpg', { minConfidence: 80 });
 * ```
 */
export class Vision extends ServiceModule {
  #collections: FaceCollections | undefined;
  #video: VideoJobs | undefined;
  #liveness: FaceLiveness | undefined;

  /** Face collections: create, index, search, searchByImage, delete. */
  get collections(): FaceCollections {
    this.#collections ??= new FaceCollections(this.ctx);
    return this.#collections;
  }

  /** Face Liveness, server side: createSession for the client component, then results. */
  get liveness(): FaceLiveness {
    this.#liveness ??= new FaceLiveness(this.ctx);
    return this.#liveness;
  }

  /** Stored-video jobs: labels, faces, text, moderation, celebrities, segments, persons. */
  get video(): VideoJobs {
    this.#video ??= new VideoJobs(this.ctx);
    return this.#video;
  }

  /**
   * Labels: objects, scenes, activities and concepts, with boxes for object instances
   * (DetectLabels). `minConfidence` 0–100 (AWS default 55), `maxLabels` 1–1000 (default 1000),
   * label and category filters ≤100 each; `imageProperties: true` adds quality and dominant colors.
   *
   * @throws ValidationError for a bad image (format, bytes, pixels) or option, before any call
   * @example
   * ```ts
   * const { labels } = await ai.vision.labels(photo, { minConfidence: 80 });
   * const cars = labels.find((l) => l.name === 'Car')?.instances.map((i) => i.box?.pixels);
   * ```
   */
  async labels(image: VisionImage, options?: VisionLabelsParams): Promise<VisionLabelsResult> {
    return this.call(
      { service: 'rekognition', operation: 'DetectLabels', method: 'vision.labels' },
      options,
      async (scoped) => (await impl()).detectLabels(this.ctx, image, scoped),
    );
  }

  /**
   * The 100 largest faces (DetectFaces). `attributes: 'all'` adds age range, emotions, glasses,
   * and more; default: box, confidence, pose, quality, landmarks.
   *
   * @throws ValidationError for a bad image or attribute list, before any call
   * @example
   * ```ts
   * const { faces } = await ai.vision.faces(photo, { attributes: 'all' });
   * console.log(faces[0]?.emotions?.[0]?.type, faces[0]?.box?.pixels);
   * ```
   */
  async faces(image: VisionImage, options?: VisionFacesParams): Promise<VisionFacesResult> {
    return this.call(
      { service: 'rekognition', operation: 'DetectFaces', method: 'vision.faces' },
      options,
      async (scoped) => (await impl()).detectFaces(this.ctx, image, scoped),
    );
  }

  /**
   * Text in an image: up to 100 words, with their lines (DetectText). Word filter `minConfidence`
   * 0–100 (AWS default 80), `minBoxHeight`/`minBoxWidth` 0–1, ≤10 `regions`.
   *
   * @throws ValidationError for a bad image or option, before any call
   * @example
   * ```ts
   * const { text, words } = await ai.vision.text('./sign.png');
   * ```
   */
  async text(image: VisionImage, options?: VisionTextParams): Promise<VisionTextResult> {
    return this.call(
      { service: 'rekognition', operation: 'DetectText', method: 'vision.text' },
      options,
      async (scoped) => (await impl()).detectText(this.ctx, image, scoped),
    );
  }

  /**
   * Unsafe or unwanted content labels of the AWS moderation taxonomy (DetectModerationLabels).
   * `minConfidence` 0–100 (AWS default 50); `projectVersionArn` for a custom adapter.
   *
   * @throws ValidationError for a bad image or option, before any call
   * @example
   * ```ts
   * const { labels } = await ai.vision.moderation(upload);
   * if (labels.some((l) => l.taxonomyLevel === 1)) reject();
   * ```
   */
  async moderation(
    image: VisionImage,
    options?: VisionModerationParams,
  ): Promise<VisionModerationResult> {
    return this.call(
      { service: 'rekognition', operation: 'DetectModerationLabels', method: 'vision.moderation' },
      options,
      async (scoped) => (await impl()).detectModeration(this.ctx, image, scoped),
    );
  }

  /**
   * Compares the largest face of `source` with the faces of `target` (CompareFaces). Both images
   * are checked before either is sent or staged. `similarityThreshold` 0–100 (AWS default 80).
   *
   * @throws ValidationError for a bad image or option, before any call; also when `source` has no
   *   face (Rekognition's `InvalidParameterException`)
   * @example
   * ```ts
   * const { matches } = await ai.vision.compareFaces(idPhoto, selfie, { similarityThreshold: 90 });
   * const same = matches.length > 0;
   * ```
   */
  async compareFaces(
    source: VisionImage,
    target: VisionImage,
    options?: VisionCompareFacesParams,
  ): Promise<VisionCompareFacesResult> {
    return this.call(
      { service: 'rekognition', operation: 'CompareFaces', method: 'vision.compareFaces' },
      options,
      async (scoped) => (await impl()).compareFaces(this.ctx, source, target, scoped),
    );
  }

  /**
   * Recognizes celebrities among the 64 largest faces (RecognizeCelebrities).
   *
   * @throws ValidationError for a bad image, before any call
   * @example
   * ```ts
   * const { celebrities } = await ai.vision.celebrities(photo);
   * console.log(celebrities.map((c) => c.name));
   * ```
   */
  async celebrities(
    image: VisionImage,
    options?: RequestOptions,
  ): Promise<VisionCelebritiesResult> {
    return this.call(
      { service: 'rekognition', operation: 'RecognizeCelebrities', method: 'vision.celebrities' },
      options,
      async (scoped) => (await impl()).recognizeCelebrities(this.ctx, image, scoped),
    );
  }

  /**
   * Protective equipment (face, hand and head covers) on up to 15 persons
   * (DetectProtectiveEquipment). Stricter image limits: 64–4,096 px per side, 4 MB inline (larger
   * images are staged). `requiredEquipment` adds a summary of who wears it, at `minConfidence`
   * 50–100 (default 50).
   *
   * @throws ValidationError for a bad image or option, before any call
   * @example
   * ```ts
   * const { summary } = await ai.vision.ppe(frame, { requiredEquipment: ['HEAD_COVER'] });
   * if (summary?.withoutRequiredEquipment.length) alert();
   * ```
   */
  async ppe(image: VisionImage, options?: VisionPpeParams): Promise<VisionPpeResult> {
    return this.call(
      { service: 'rekognition', operation: 'DetectProtectiveEquipment', method: 'vision.ppe' },
      options,
      async (scoped) => (await impl()).detectPpe(this.ctx, image, scoped),
    );
  }

  /**
   * Labels from your own Rekognition Custom Labels model (DetectCustomLabels). The model version
   * must be running (else `ResourceNotReadyException`).
   *
   * @param projectVersionArn - `arn:aws:rekognition:<region>:<account>:project/<p>/version/<v>/<ts>`
   * @throws ValidationError for a malformed ARN, a bad image or option, before any call
   * @throws NotFoundError when the model version does not exist
   * @example
   * ```ts
   * const { labels } = await ai.vision.customLabels(modelArn, './part.jpg', { minConfidence: 70 });
   * ```
   */
  async customLabels(
    projectVersionArn: string,
    image: VisionImage,
    options?: VisionCustomLabelsParams,
  ): Promise<VisionCustomLabelsResult> {
    return this.call(
      { service: 'rekognition', operation: 'DetectCustomLabels', method: 'vision.customLabels' },
      options,
      async (scoped) =>
        (await impl()).detectCustomLabels(this.ctx, projectVersionArn, image, scoped),
    );
  }
}
