import type { Attribute } from '@aws-sdk/client-rekognition';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { ValidationError } from '../errors';
import { withImage } from './image-input';
import { toFace } from './mappers';
import { REKOGNITION } from './rekognition';
import type { FaceAttributes, VisionFacesParams, VisionFacesResult, VisionImage } from './types';

/** Rekognition's `Attribute` enum (rekognition.json), for DetectFaces and IndexFaces. */
const FACE_ATTRIBUTES = [
  'DEFAULT',
  'ALL',
  'AGE_RANGE',
  'BEARD',
  'EMOTIONS',
  'EYE_DIRECTION',
  'EYEGLASSES',
  'EYES_OPEN',
  'GENDER',
  'MOUTH_OPEN',
  'MUSTACHE',
  'FACE_OCCLUDED',
  'SMILE',
  'SUNGLASSES',
] as const;

/** `default` / `all` / a list of AWS attribute names → the `Attributes` parameter. @internal */
export function toAttributes(attributes: FaceAttributes | undefined): Attribute[] {
  if (attributes === undefined || attributes === 'default') return ['DEFAULT'];
  if (attributes === 'all') return ['ALL'];
  if (!Array.isArray(attributes) || attributes.some((a) => typeof a !== 'string' || a === '')) {
    throw new ValidationError(
      "attributes must be 'default', 'all' or a list of attribute names such as ['EMOTIONS', 'AGE_RANGE']",
    );
  }
  const names = attributes.map((a) => a.toUpperCase());
  // A name outside the model's enum is a ValidationException from AWS after the image went out.
  names.forEach((name, i) => {
    if (!(FACE_ATTRIBUTES as readonly string[]).includes(name)) {
      throw new ValidationError(
        `attributes[${i}] ${JSON.stringify(attributes[i]?.slice(0, 30))} is not a face attribute; use 'default', 'all' or some of ${FACE_ATTRIBUTES.filter((a) => a !== 'DEFAULT' && a !== 'ALL').join(', ')}`,
      );
    }
  });
  return names as Attribute[];
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
