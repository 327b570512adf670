import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { inspectImage, withPlacedImage } from './image-input';
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
  const [sourceChecked, targetChecked] = inspected;
  // Each staged image is deleted whatever the outcome and a failed delete is reported in
  // `stagedObjects` on the result or the error, as for every image call.
  return withPlacedImage(ctx, sourceChecked, params, (sourceImage, sourceSize) =>
    withPlacedImage(ctx, targetChecked, params, async (targetImage, targetSize) => {
      const out = await callAws(
        ctx,
        REKOGNITION,
        OPERATION,
        ({ client, sdk, signal }) =>
          client.send(
            new sdk.CompareFacesCommand({
              SourceImage: sourceImage,
              TargetImage: targetImage,
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
              sourceSize,
            )
          : undefined,
        matches: (out.FaceMatches ?? [])
          .map((m) => ({ similarity: m.Similarity ?? 0, face: toFace(m.Face ?? {}, targetSize) }))
          .sort((a, b) => b.similarity - a.similarity),
        unmatched: (out.UnmatchedFaces ?? []).map((f) => toFace(f, targetSize)),
        sourceImageSize: sourceSize,
        targetImageSize: targetSize,
      };
    }),
  );
}
