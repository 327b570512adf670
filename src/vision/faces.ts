import type { Attribute } from '@aws-sdk/client-rekognition';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { ValidationError } from '../errors';
import { withImage } from './image-input';
import { toFace } from './mappers';
import { REKOGNITION } from './rekognition';
import type { FaceAttributes, VisionFacesParams, VisionFacesResult, VisionImage } from './types';

/** `default` / `all` / a list of AWS attribute names → the `Attributes` parameter. @internal */
export function toAttributes(attributes: FaceAttributes | undefined): Attribute[] {
  if (attributes === undefined || attributes === 'default') return ['DEFAULT'];
  if (attributes === 'all') return ['ALL'];
  if (!Array.isArray(attributes) || attributes.some((a) => typeof a !== 'string' || a === '')) {
    throw new ValidationError(
      "attributes must be 'default', 'all' or a list of attribute names such as ['EMOTIONS', 'AGE_RANGE']",
    );
  }
  return attributes.map((a) => a.toUpperCase()) as Attribute[];
}

/** DetectFaces on one image. @internal */
export async function detectFaces(
  ctx: ModuleContext,
  input: VisionImage,
  params: VisionFacesParams = {},
): Promise<VisionFacesResult> {
  const attributes = toAttributes(params.attributes);
  return withImage(ctx, input, { operation: 'DetectFaces' }, params, async (image, size) => {
    const out = await callAws(
      ctx,
      REKOGNITION,
      'DetectFaces',
      ({ client, sdk, signal }) =>
        client.send(new sdk.DetectFacesCommand({ Image: image, Attributes: attributes }), {
          abortSignal: signal,
        }),
      params,
    );
    return { faces: (out.FaceDetails ?? []).map((f) => toFace(f, size)), imageSize: size };
  });
}
