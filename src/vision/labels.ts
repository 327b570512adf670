import type {
  DetectLabelsFeatureName,
  DetectLabelsImageProperties,
} from '@aws-sdk/client-rekognition';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { ValidationError } from '../errors';
import { withImage } from './image-input';
import {
  REKOGNITION_MAX_LABEL_FILTER_CHARS,
  REKOGNITION_MAX_LABEL_FILTERS,
  REKOGNITION_MAX_LABELS,
} from './limits';
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

/**
 * One character of `GeneralLabelsFilterValue` (rekognition.json): `[A-Za-z0-9àâèçñó'-_(). ]`, where
 * `'-_` is the range from ' to _ (digits, capitals and most ASCII punctuation, not `!"#$%&` or `{|}~`).
 */
const LABEL_FILTER_CHARACTER = /[A-Za-z0-9\u00e0\u00e2\u00e8\u00e7\u00f1\u00f3'-_(). ]/;

function checkFilters(name: string, list: readonly unknown[] | undefined): void {
  checkStrings(name, list, REKOGNITION_MAX_LABEL_FILTERS);
  list?.forEach((item, i) => {
    const value = item as string;
    if (value.length > REKOGNITION_MAX_LABEL_FILTER_CHARS) {
      throw new ValidationError(
        `${name}[${i}] has ${value.length} characters; the limit is ${REKOGNITION_MAX_LABEL_FILTER_CHARS}`,
      );
    }
    for (const char of value) {
      if (!LABEL_FILTER_CHARACTER.test(char)) {
        throw new ValidationError(
          `${name}[${i}] has ${JSON.stringify(char)}; Rekognition takes letters, digits, spaces and ' ( ) . - _ in label and category names (e.g. 'Food and Beverage')`,
        );
      }
    }
  });
}

function checkParams(params: VisionLabelsParams): void {
  checkRange('minConfidence', params.minConfidence, 0, 100);
  checkInteger('maxLabels', params.maxLabels, 1, REKOGNITION_MAX_LABELS);
  checkFilters('includeLabels', params.includeLabels);
  checkFilters('excludeLabels', params.excludeLabels);
  checkFilters('includeCategories', params.includeCategories);
  checkFilters('excludeCategories', params.excludeCategories);
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
