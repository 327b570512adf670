import type { ProtectiveEquipmentPerson } from '@aws-sdk/client-rekognition';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { ValidationError } from '../errors';
import { toBox } from './geometry';
import type { ImageSize } from './image-header';
import { withImage } from './image-input';
import {
  REKOGNITION_PPE_MAX_IMAGE_BYTES,
  REKOGNITION_PPE_MAX_IMAGE_PX,
  REKOGNITION_PPE_MIN_IMAGE_PX,
} from './limits';
import { checkRange } from './params';
import { REKOGNITION } from './rekognition';
import type {
  EquipmentType,
  PpePerson,
  VisionImage,
  VisionPpeParams,
  VisionPpeResult,
} from './types';

const EQUIPMENT: readonly EquipmentType[] = ['FACE_COVER', 'HAND_COVER', 'HEAD_COVER'];

function toPerson(person: ProtectiveEquipmentPerson, size: ImageSize | undefined): PpePerson {
  return {
    id: person.Id ?? 0,
    box: toBox(person.BoundingBox, size),
    confidence: person.Confidence ?? 0,
    bodyParts: (person.BodyParts ?? []).map((part) => ({
      name: part.Name ?? '',
      confidence: part.Confidence ?? 0,
      equipment: (part.EquipmentDetections ?? []).map((e) => ({
        type: e.Type ?? '',
        confidence: e.Confidence ?? 0,
        box: toBox(e.BoundingBox, size),
        coversBodyPart: e.CoversBodyPart
          ? { value: e.CoversBodyPart.Value ?? false, confidence: e.CoversBodyPart.Confidence ?? 0 }
          : undefined,
      })),
    })),
  };
}

/** DetectProtectiveEquipment on one image. @internal */
export async function detectPpe(
  ctx: ModuleContext,
  input: VisionImage,
  params: VisionPpeParams = {},
): Promise<VisionPpeResult> {
  checkRange('minConfidence', params.minConfidence, 50, 100);
  const required = params.requiredEquipment;
  if (
    required !== undefined &&
    (!Array.isArray(required) ||
      required.length === 0 ||
      // Array.from turns holes into undefined, which some() would skip.
      Array.from(required).some((t) => !EQUIPMENT.includes(t)))
  ) {
    throw new ValidationError(`requiredEquipment must list some of ${EQUIPMENT.join(', ')}`);
  }
  const limits = {
    operation: 'DetectProtectiveEquipment',
    maxInlineBytes: REKOGNITION_PPE_MAX_IMAGE_BYTES,
    minPx: REKOGNITION_PPE_MIN_IMAGE_PX,
    maxPx: REKOGNITION_PPE_MAX_IMAGE_PX,
  };
  return withImage(ctx, input, limits, params, async (image, size) => {
    const out = await callAws(
      ctx,
      REKOGNITION,
      limits.operation,
      ({ client, sdk, signal }) =>
        client.send(
          new sdk.DetectProtectiveEquipmentCommand({
            Image: image,
            ...(required
              ? {
                  SummarizationAttributes: {
                    MinConfidence: params.minConfidence ?? 50,
                    RequiredEquipmentTypes: required,
                  },
                }
              : {}),
          }),
          { abortSignal: signal },
        ),
      params,
    );
    const summary = out.Summary;
    return {
      persons: (out.Persons ?? []).map((p) => toPerson(p, size)),
      summary: summary
        ? {
            withRequiredEquipment: summary.PersonsWithRequiredEquipment ?? [],
            withoutRequiredEquipment: summary.PersonsWithoutRequiredEquipment ?? [],
            indeterminate: summary.PersonsIndeterminate ?? [],
          }
        : undefined,
      imageSize: size,
    };
  });
}
