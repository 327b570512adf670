import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { ValidationError } from '../errors';
import { withImage } from './image-input';
import { REKOGNITION_MAX_TEXT_REGIONS } from './limits';
import { toTextDetection } from './mappers';
import { checkCount, checkRange } from './params';
import { REKOGNITION } from './rekognition';
import type { VisionImage, VisionTextParams, VisionTextResult } from './types';

function checkParams(params: VisionTextParams): void {
  checkRange('minConfidence', params.minConfidence, 0, 100);
  checkRange('minBoxHeight', params.minBoxHeight, 0, 1);
  checkRange('minBoxWidth', params.minBoxWidth, 0, 1);
  checkCount('regions', params.regions, REKOGNITION_MAX_TEXT_REGIONS);
  params.regions?.forEach((r, i) => {
    if (typeof r !== 'object' || r === null) {
      throw new ValidationError(`regions[${i}] must be { left, top, width, height }`);
    }
    for (const side of ['left', 'top', 'width', 'height'] as const) {
      if (r[side] === undefined) {
        throw new ValidationError(`regions[${i}].${side} is missing; give a ratio from 0 to 1`);
      }
      checkRange(`regions[${i}].${side}`, r[side], 0, 1);
    }
  });
}

function filters(params: VisionTextParams) {
  const word = {
    ...(params.minConfidence !== undefined ? { MinConfidence: params.minConfidence } : {}),
    ...(params.minBoxHeight !== undefined ? { MinBoundingBoxHeight: params.minBoxHeight } : {}),
    ...(params.minBoxWidth !== undefined ? { MinBoundingBoxWidth: params.minBoxWidth } : {}),
  };
  const regions = params.regions?.map((r) => ({
    BoundingBox: { Left: r.left, Top: r.top, Width: r.width, Height: r.height },
  }));
  if (Object.keys(word).length === 0 && !regions) return {};
  return {
    Filters: {
      ...(Object.keys(word).length > 0 ? { WordFilter: word } : {}),
      ...(regions ? { RegionsOfInterest: regions } : {}),
    },
  };
}

/** DetectText on one image. @internal */
export async function detectText(
  ctx: ModuleContext,
  input: VisionImage,
  params: VisionTextParams = {},
): Promise<VisionTextResult> {
  checkParams(params);
  return withImage(ctx, input, { operation: 'DetectText' }, params, async (image, size) => {
    const out = await callAws(
      ctx,
      REKOGNITION,
      'DetectText',
      ({ client, sdk, signal }) =>
        client.send(new sdk.DetectTextCommand({ Image: image, ...filters(params) }), {
          abortSignal: signal,
        }),
      params,
    );
    const all = (out.TextDetections ?? []).map((t) => toTextDetection(t, size));
    const lines = all.filter((t) => t.type === 'line');
    return {
      lines,
      words: all.filter((t) => t.type === 'word'),
      text: lines.map((l) => l.text).join('\n'),
      imageSize: size,
    };
  });
}
