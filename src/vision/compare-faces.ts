import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { inspectImage, type PlacedImage, placeImage } from './image-input';
import { toFace } from './mappers';
import { checkEnum, checkRange, QUALITY_FILTERS } from './params';
import { REKOGNITION } from './rekognition';
import type { VisionCompareFacesParams, VisionCompareFacesResult, VisionImage } from './types';

const OPERATION = 'CompareFaces';

/** CompareFaces: the largest face of `source` against the faces of `target`. @internal */
export async function compareFaces(
  ctx: ModuleContext,
  source: VisionImage,
  target: VisionImage,
  params: VisionCompareFacesParams = {},
): Promise<VisionCompareFacesResult> {
  checkRange('similarityThreshold', params.similarityThreshold, 0, 100);
  checkEnum('qualityFilter', params.qualityFilter, QUALITY_FILTERS);
  // Both images are checked before either is staged, so a bad target costs no upload.
  const inspected = await Promise.all([
    inspectImage(source, { operation: OPERATION, label: 'source image' }),
    inspectImage(target, { operation: OPERATION, label: 'target image' }),
  ]);
  const placed: PlacedImage[] = [];
  try {
    for (const image of inspected) placed.push(await placeImage(ctx, image, params));
    const [from, to] = placed as [PlacedImage, PlacedImage];
    const out = await callAws(
      ctx,
      REKOGNITION,
      OPERATION,
      ({ client, sdk, signal }) =>
        client.send(
          new sdk.CompareFacesCommand({
            SourceImage: from.image,
            TargetImage: to.image,
            ...(params.similarityThreshold !== undefined
              ? { SimilarityThreshold: params.similarityThreshold }
              : {}),
            ...(params.qualityFilter ? { QualityFilter: params.qualityFilter } : {}),
          }),
          { abortSignal: signal },
        ),
      params,
    );
    return {
      sourceFace: out.SourceImageFace
        ? toFace(
            {
              BoundingBox: out.SourceImageFace.BoundingBox,
              Confidence: out.SourceImageFace.Confidence,
            },
            from.size,
          )
        : undefined,
      matches: (out.FaceMatches ?? [])
        .map((m) => ({ similarity: m.Similarity ?? 0, face: toFace(m.Face ?? {}, to.size) }))
        .sort((a, b) => b.similarity - a.similarity),
      unmatched: (out.UnmatchedFaces ?? []).map((f) => toFace(f, to.size)),
      sourceImageSize: from.size,
      targetImageSize: to.size,
    };
  } finally {
    await Promise.all(placed.map((p) => p.cleanup()));
  }
}
