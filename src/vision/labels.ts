import type {
  DetectLabelsFeatureName,
  DetectLabelsImageProperties,
} from '@aws-sdk/client-rekognition';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { withImage } from './image-input';
import { REKOGNITION_MAX_LABEL_FILTERS, REKOGNITION_MAX_LABELS } from './limits';
import { toLabel } from './mappers';
import { checkInteger, checkRange, checkStrings } from './params';
import { REKOGNITION } from './rekognition';
import type { VisionImage, VisionLabelsParams, VisionLabelsResult } from './types';

function toImageProperties(
  props: DetectLabelsImageProperties | undefined,
): VisionLabelsResult['imageProperties'] {
  if (!props) return undefined;
  return {
    quality: props.Quality
      ? {
          brightness: props.Quality.Brightness ?? 0,
          sharpness: props.Quality.Sharpness ?? 0,
          contrast: props.Quality.Contrast ?? 0,
        }
      : undefined,
    dominantColors: (props.DominantColors ?? []).map((c) => ({
      hex: c.HexCode ?? '',
      red: c.Red ?? 0,
      green: c.Green ?? 0,
      blue: c.Blue ?? 0,
      simplifiedColor: c.SimplifiedColor,
      cssColor: c.CSSColor,
      pixelPercent: c.PixelPercent ?? 0,
    })),
  };
}

function checkParams(params: VisionLabelsParams): void {
  checkRange('minConfidence', params.minConfidence, 0, 100);
  checkInteger('maxLabels', params.maxLabels, 1, REKOGNITION_MAX_LABELS);
  checkStrings('includeLabels', params.includeLabels, REKOGNITION_MAX_LABEL_FILTERS);
  checkStrings('excludeLabels', params.excludeLabels, REKOGNITION_MAX_LABEL_FILTERS);
  checkStrings('includeCategories', params.includeCategories, REKOGNITION_MAX_LABEL_FILTERS);
  checkStrings('excludeCategories', params.excludeCategories, REKOGNITION_MAX_LABEL_FILTERS);
}

function filters(params: VisionLabelsParams) {
  const general = {
    ...(params.includeLabels ? { LabelInclusionFilters: params.includeLabels } : {}),
    ...(params.excludeLabels ? { LabelExclusionFilters: params.excludeLabels } : {}),
    ...(params.includeCategories
      ? { LabelCategoryInclusionFilters: params.includeCategories }
      : {}),
    ...(params.excludeCategories
      ? { LabelCategoryExclusionFilters: params.excludeCategories }
      : {}),
  };
  return Object.keys(general).length > 0 ? { Settings: { GeneralLabels: general } } : {};
}

/** DetectLabels on one image. @internal */
export async function detectLabels(
  ctx: ModuleContext,
  input: VisionImage,
  params: VisionLabelsParams = {},
): Promise<VisionLabelsResult> {
  checkParams(params);
  return withImage(ctx, input, { operation: 'DetectLabels' }, params, async (image, size) => {
    const features: DetectLabelsFeatureName[] = params.imageProperties
      ? ['GENERAL_LABELS', 'IMAGE_PROPERTIES']
      : [];
    const out = await callAws(
      ctx,
      REKOGNITION,
      'DetectLabels',
      ({ client, sdk, signal }) =>
        client.send(
          new sdk.DetectLabelsCommand({
            Image: image,
            ...(params.minConfidence !== undefined ? { MinConfidence: params.minConfidence } : {}),
            ...(params.maxLabels !== undefined ? { MaxLabels: params.maxLabels } : {}),
            ...(features.length > 0 ? { Features: features } : {}),
            ...filters(params),
          }),
          { abortSignal: signal },
        ),
      params,
    );
    return {
      labels: (out.Labels ?? []).map((l) => toLabel(l, size)),
      labelModelVersion: out.LabelModelVersion,
      imageSize: size,
      ...(out.ImageProperties ? { imageProperties: toImageProperties(out.ImageProperties) } : {}),
    };
  });
}
