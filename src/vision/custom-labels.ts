import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { toBox } from './geometry';
import { withImage } from './image-input';
import { REKOGNITION_CUSTOM_LABELS_MAX_IMAGE_BYTES } from './limits';
import { checkInteger, checkProjectVersionArn, checkRange } from './params';
import { REKOGNITION } from './rekognition';
import type { VisionCustomLabelsParams, VisionCustomLabelsResult, VisionImage } from './types';

/** DetectCustomLabels with a running Custom Labels model version. @internal */
export async function detectCustomLabels(
  ctx: ModuleContext,
  projectVersionArn: string,
  input: VisionImage,
  params: VisionCustomLabelsParams = {},
): Promise<VisionCustomLabelsResult> {
  checkProjectVersionArn('projectVersionArn', projectVersionArn);
  checkRange('minConfidence', params.minConfidence, 0, 100);
  checkInteger('maxResults', params.maxResults, 0, Number.MAX_SAFE_INTEGER);
  const limits = {
    operation: 'DetectCustomLabels',
    // 4 MB inline (Rekognition's model); a larger image goes through S3 staging.
    maxInlineBytes: REKOGNITION_CUSTOM_LABELS_MAX_IMAGE_BYTES,
  };
  return withImage(ctx, input, limits, params, async (image, size) => {
    const out = await callAws(
      ctx,
      REKOGNITION,
      'DetectCustomLabels',
      ({ client, sdk, signal }) =>
        client.send(
          new sdk.DetectCustomLabelsCommand({
            ProjectVersionArn: projectVersionArn,
            Image: image,
            ...(params.minConfidence !== undefined ? { MinConfidence: params.minConfidence } : {}),
            ...(params.maxResults !== undefined ? { MaxResults: params.maxResults } : {}),
          }),
          { abortSignal: signal },
        ),
      params,
    );
    return {
      labels: (out.CustomLabels ?? []).map((l) => ({
        name: l.Name ?? '',
        confidence: l.Confidence ?? 0,
        box: toBox(l.Geometry?.BoundingBox, size),
      })),
      imageSize: size,
    };
  });
}
