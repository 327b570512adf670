import type { FaceMatch as AwsFaceMatch } from '@aws-sdk/client-rekognition';
import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { toAttributes } from './faces';
import { toBox } from './geometry';
import { withImage } from './image-input';
import { toFace, toStoredFace } from './mappers';
import {
  checkEnum,
  checkFaceId,
  checkId,
  checkInteger,
  checkRange,
  checkTags,
  QUALITY_FILTERS,
} from './params';
import { REKOGNITION } from './rekognition';
import type {
  FaceMatch,
  VisionCollectionCreateParams,
  VisionCollectionCreateResult,
  VisionCollectionIndexParams,
  VisionCollectionIndexResult,
  VisionCollectionSearchByImageResult,
  VisionCollectionSearchParams,
  VisionCollectionSearchResult,
  VisionImage,
} from './types';

/** Most faces IndexFaces stores from one image, and most matches a search returns. */
const MAX_FACES = 4096;

function toMatches(matches: AwsFaceMatch[] | undefined): FaceMatch[] {
  return (matches ?? [])
    .map((m) => ({ similarity: m.Similarity ?? 0, face: toStoredFace(m.Face, undefined) }))
    .sort((a, b) => b.similarity - a.similarity);
}

function searchParams(params: VisionCollectionSearchParams) {
  checkInteger('maxFaces', params.maxFaces, 1, MAX_FACES);
  checkRange('threshold', params.threshold, 0, 100);
  return {
    ...(params.maxFaces !== undefined ? { MaxFaces: params.maxFaces } : {}),
    ...(params.threshold !== undefined ? { FaceMatchThreshold: params.threshold } : {}),
  };
}

/** CreateCollection. @internal */
export async function createCollection(
  ctx: ModuleContext,
  collectionId: string,
  params: VisionCollectionCreateParams = {},
): Promise<VisionCollectionCreateResult> {
  checkId('collectionId', collectionId);
  checkTags('tags', params.tags);
  const out = await callAws(
    ctx,
    REKOGNITION,
    'CreateCollection',
    ({ client, sdk, signal }) =>
      client.send(
        new sdk.CreateCollectionCommand({
          CollectionId: collectionId,
          ...(params.tags ? { Tags: params.tags } : {}),
        }),
        { abortSignal: signal },
      ),
    params,
  );
  return { collectionId, arn: out.CollectionArn, faceModelVersion: out.FaceModelVersion };
}

/** DeleteCollection (and every face in it). @internal */
export async function deleteCollection(
  ctx: ModuleContext,
  collectionId: string,
  options?: RequestOptions,
): Promise<void> {
  checkId('collectionId', collectionId);
  await callAws(
    ctx,
    REKOGNITION,
    'DeleteCollection',
    ({ client, sdk, signal }) =>
      client.send(new sdk.DeleteCollectionCommand({ CollectionId: collectionId }), {
        abortSignal: signal,
      }),
    options,
  );
}

/** IndexFaces: stores the faces of an image in a collection. @internal */
export async function indexFaces(
  ctx: ModuleContext,
  collectionId: string,
  input: VisionImage,
  params: VisionCollectionIndexParams = {},
): Promise<VisionCollectionIndexResult> {
  checkId('collectionId', collectionId);
  if (params.externalImageId !== undefined) checkId('externalImageId', params.externalImageId);
  checkInteger('maxFaces', params.maxFaces, 1, MAX_FACES);
  checkEnum('qualityFilter', params.qualityFilter, QUALITY_FILTERS);
  const attributes = toAttributes(params.attributes);
  return withImage(ctx, input, { operation: 'IndexFaces' }, params, async (image, size) => {
    const out = await callAws(
      ctx,
      REKOGNITION,
      'IndexFaces',
      ({ client, sdk, signal }) =>
        client.send(
          new sdk.IndexFacesCommand({
            CollectionId: collectionId,
            Image: image,
            DetectionAttributes: attributes,
            ...(params.externalImageId ? { ExternalImageId: params.externalImageId } : {}),
            ...(params.maxFaces !== undefined ? { MaxFaces: params.maxFaces } : {}),
            ...(params.qualityFilter ? { QualityFilter: params.qualityFilter } : {}),
          }),
          { abortSignal: signal },
        ),
      params,
    );
    return {
      faces: (out.FaceRecords ?? []).map((r) => ({
        ...toStoredFace(r.Face, size),
        details: toFace(r.FaceDetail ?? {}, size),
      })),
      unindexed: (out.UnindexedFaces ?? []).map((u) => ({
        reasons: u.Reasons ?? [],
        face: toFace(u.FaceDetail ?? {}, size),
      })),
      faceModelVersion: out.FaceModelVersion,
      imageSize: size,
    };
  });
}

/** SearchFaces: faces of the collection like a stored face. @internal */
export async function searchFaces(
  ctx: ModuleContext,
  collectionId: string,
  faceId: string,
  params: VisionCollectionSearchParams = {},
): Promise<VisionCollectionSearchResult> {
  checkId('collectionId', collectionId);
  checkFaceId(faceId);
  const extra = searchParams(params);
  const out = await callAws(
    ctx,
    REKOGNITION,
    'SearchFaces',
    ({ client, sdk, signal }) =>
      client.send(
        new sdk.SearchFacesCommand({ CollectionId: collectionId, FaceId: faceId, ...extra }),
        { abortSignal: signal },
      ),
    params,
  );
  return { matches: toMatches(out.FaceMatches), faceModelVersion: out.FaceModelVersion };
}

/** SearchFacesByImage: the image's largest face against the collection. @internal */
export async function searchFacesByImage(
  ctx: ModuleContext,
  collectionId: string,
  input: VisionImage,
  params: VisionCollectionSearchParams = {},
): Promise<VisionCollectionSearchByImageResult> {
  checkId('collectionId', collectionId);
  const extra = searchParams(params);
  return withImage(ctx, input, { operation: 'SearchFacesByImage' }, params, async (image, size) => {
    const out = await callAws(
      ctx,
      REKOGNITION,
      'SearchFacesByImage',
      ({ client, sdk, signal }) =>
        client.send(
          new sdk.SearchFacesByImageCommand({ CollectionId: collectionId, Image: image, ...extra }),
          { abortSignal: signal },
        ),
      params,
    );
    return {
      searchedFace: {
        box: toBox(out.SearchedFaceBoundingBox, size),
        confidence: out.SearchedFaceConfidence,
      },
      matches: toMatches(out.FaceMatches),
      faceModelVersion: out.FaceModelVersion,
      imageSize: size,
    };
  });
}
