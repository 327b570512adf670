import type { RequestOptions } from '../config';
import { runCall } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { loadOnce } from '../core/load-once';
import type {
  VisionCollectionCreateParams,
  VisionCollectionCreateResult,
  VisionCollectionIndexParams,
  VisionCollectionIndexResult,
  VisionCollectionSearchByImageResult,
  VisionCollectionSearchParams,
  VisionCollectionSearchResult,
  VisionImage,
} from './types';

/** The collection operation code, loaded on first call. */
const impl = /* @__PURE__ */ loadOnce(() => import('./collections'));

/**
 * Face collections (`ai.vision.collections`): store faces once, then find who is in a new photo.
 * Collection ids and external image ids are 1–255 characters of `[a-zA-Z0-9_.\-:]`.
 *
 * @example
 * ```ts
 * // Face login: enrol once, then match a selfie.
 * await ai.vision.collections.create('staff');
 * await ai.vision.collections.index('staff', './alice.jpg', { externalImageId: 'alice', maxFaces: 1 });
 * const { matches } = await ai.vision.collections.searchByImage('staff', selfie, { threshold: 95, maxFaces: 1 });
 * const user = matches[0]?.face.externalImageId; // 'alice', or undefined: no login
 * ```
 */
export class FaceCollections {
  /** @internal */
  constructor(private readonly ctx: ModuleContext) {}

  /**
   * Creates a collection (CreateCollection).
   *
   * @throws ValidationError for an invalid id (before any call)
   * @throws ServiceError with code `ResourceAlreadyExistsException` when it exists
   * @example
   * ```ts
   * const { arn } = await ai.vision.collections.create('staff', { tags: { team: 'security' } });
   * ```
   */
  async create(
    collectionId: string,
    options?: VisionCollectionCreateParams,
  ): Promise<VisionCollectionCreateResult> {
    return runCall(
      this.ctx,
      options,
      {
        service: 'rekognition',
        operation: 'CreateCollection',
        method: 'vision.collections.create',
      },
      async (scoped) => (await impl()).createCollection(this.ctx, collectionId, scoped),
    );
  }

  /**
   * Detects the faces of an image and stores them in the collection (IndexFaces). Same image input
   * and checks as `ai.vision.faces`. Faces Rekognition skipped (too small, blurred, over `maxFaces`)
   * are in `unindexed` with the reasons.
   *
   * @throws ValidationError for a bad id, a bad image (format, size, pixels) before any call
   * @throws NotFoundError when the collection does not exist
   * @example
   * ```ts
   * const { faces } = await ai.vision.collections.index('staff', photo, { externalImageId: 'alice' });
   * console.log(faces[0]?.faceId);
   * ```
   */
  async index(
    collectionId: string,
    image: VisionImage,
    options?: VisionCollectionIndexParams,
  ): Promise<VisionCollectionIndexResult> {
    return runCall(
      this.ctx,
      options,
      { service: 'rekognition', operation: 'IndexFaces', method: 'vision.collections.index' },
      async (scoped) => (await impl()).indexFaces(this.ctx, collectionId, image, scoped),
    );
  }

  /**
   * Finds faces of the collection like a stored face (SearchFaces), most similar first.
   *
   * @param faceId - a `faceId` from {@link FaceCollections.index}
   * @throws ValidationError for a bad id or face id, or `maxFaces`/`threshold` out of range
   * @throws NotFoundError when the collection or the face does not exist
   * @example
   * ```ts
   * const { matches } = await ai.vision.collections.search('staff', faceId, { threshold: 90 });
   * ```
   */
  async search(
    collectionId: string,
    faceId: string,
    options?: VisionCollectionSearchParams,
  ): Promise<VisionCollectionSearchResult> {
    return runCall(
      this.ctx,
      options,
      { service: 'rekognition', operation: 'SearchFaces', method: 'vision.collections.search' },
      async (scoped) => (await impl()).searchFaces(this.ctx, collectionId, faceId, scoped),
    );
  }

  /**
   * Finds faces of the collection like the largest face of an image (SearchFacesByImage).
   * `maxFaces` 1–4096 (AWS default 80), `threshold` 0–100 (AWS default 80).
   *
   * @throws ValidationError for a bad image or parameters (before any call), and when the image has
   *   no face (Rekognition's `InvalidParameterException`)
   * @throws NotFoundError when the collection does not exist
   * @example
   * ```ts
   * const { matches, searchedFace } = await ai.vision.collections.searchByImage('staff', selfie);
   * ```
   */
  async searchByImage(
    collectionId: string,
    image: VisionImage,
    options?: VisionCollectionSearchParams,
  ): Promise<VisionCollectionSearchByImageResult> {
    return runCall(
      this.ctx,
      options,
      {
        service: 'rekognition',
        operation: 'SearchFacesByImage',
        method: 'vision.collections.searchByImage',
      },
      async (scoped) => (await impl()).searchFacesByImage(this.ctx, collectionId, image, scoped),
    );
  }

  /**
   * Deletes a collection and every face in it (DeleteCollection).
   *
   * @throws NotFoundError when the collection does not exist
   * @example
   * ```ts
   * await ai.vision.collections.delete('staff');
   * ```
   */
  async delete(collectionId: string, options?: RequestOptions): Promise<void> {
    return runCall(
      this.ctx,
      options,
      {
        service: 'rekognition',
        operation: 'DeleteCollection',
        method: 'vision.collections.delete',
      },
      async (scoped) => (await impl()).deleteCollection(this.ctx, collectionId, scoped),
    );
  }
}
